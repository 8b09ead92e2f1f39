"""Generación de reportes (Canalco).

Trigger: an SQS queue (the backend, or an operator by hand, enqueues a request):

    {"report": "requisiciones", "rows": [{"id": 1, ...}], "notify": ["a@b.com"]}

Writes the rows as a CSV (opens in Excel) under `<REPORTS_PREFIX><report>/`
in the reports bucket and, when NOTIFY_TOPIC_ARN is set and someone asked to
be told, publishes a notification the notifications function e-mails.
"""
import csv
import datetime
import io
import json
import logging
import os

import boto3

logger = logging.getLogger()
logger.setLevel(logging.INFO)

_clients = {}


def _client(name):
    if name not in _clients:
        _clients[name] = boto3.client(name)
    return _clients[name]


def to_csv(rows):
    out = io.StringIO()
    columns = sorted({k for row in rows for k in row})
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def build(request, now):
    name = request["report"]
    if not name.replace("-", "").isalnum():
        raise ValueError(f"bad report name {name!r}")
    key = f"{os.environ.get('REPORTS_PREFIX', 'reportes/')}{name}/{now:%Y%m%dT%H%M%SZ}.csv"
    return key, to_csv(request.get("rows", []))


def handler(event, _context):
    failures = []
    for record in event.get("Records", []):
        try:
            request = json.loads(record["body"])
            key, body = build(request, datetime.datetime.now(datetime.timezone.utc))
            _client("s3").put_object(Bucket=os.environ["REPORTS_BUCKET"], Key=key, Body=("\ufeff" + body).encode("utf-8"), ContentType="text/csv")
            topic = os.environ.get("NOTIFY_TOPIC_ARN")
            if topic and request.get("notify"):
                message = {"template": os.environ["READY_TEMPLATE"], "to": request["notify"], "data": {"report": request["report"], "key": key}}
                _client("sns").publish(TopicArn=topic, Message=json.dumps(message))
            logger.info("report written", extra={"key": key})
        except (ValueError, KeyError) as err:
            logger.warning("rejected report request", extra={"messageId": record.get("messageId"), "error": str(err)})
            failures.append({"itemIdentifier": record.get("messageId")})
    return {"batchItemFailures": failures}
