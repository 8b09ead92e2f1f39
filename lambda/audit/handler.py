"""Auditoría asíncrona (Canalco).

Trigger: an SQS queue the backend writes one message per user action to:

    {"actor": "user-id", "action": "aprobar", "entity": "requisicion/123", "at": "2024-01-01T12:00:00Z", ...}

Valid events are logged (the function's log group is the searchable audit
trail) and archived, one JSON-lines object per batch, under
`<AUDIT_PREFIX>YYYY/MM/DD/` in the audit bucket. Malformed messages are
reported as batch item failures: they return to the queue and, after the
queue's max receive count, land in its dead-letter queue.
"""
import datetime
import json
import logging
import os
import uuid

import boto3

logger = logging.getLogger()
logger.setLevel(logging.INFO)

REQUIRED = ("actor", "action", "entity", "at")
_s3 = None


def _client():
    global _s3
    if _s3 is None:
        _s3 = boto3.client("s3")
    return _s3


def parse(body):
    event = json.loads(body)
    missing = [k for k in REQUIRED if not event.get(k)]
    if missing:
        raise ValueError(f"audit event without {', '.join(missing)}")
    return event


def handler(event, _context):
    records, failures = [], []
    for record in event.get("Records", []):
        try:
            records.append(parse(record["body"]))
        except (ValueError, KeyError) as err:
            logger.warning("rejected audit message", extra={"messageId": record.get("messageId"), "error": str(err)})
            failures.append({"itemIdentifier": record.get("messageId")})
    if records:
        now = datetime.datetime.now(datetime.timezone.utc)
        key = f"{os.environ.get('AUDIT_PREFIX', 'auditoria/')}{now:%Y/%m/%d}/{now:%H%M%S}-{uuid.uuid4()}.jsonl"
        _client().put_object(
            Bucket=os.environ["AUDIT_BUCKET"],
            Key=key,
            Body="\n".join(json.dumps(r, ensure_ascii=False) for r in records).encode("utf-8"),
            ContentType="application/x-ndjson",
        )
        for r in records:
            logger.info("audit", extra={"audit": r})
    return {"batchItemFailures": failures}
