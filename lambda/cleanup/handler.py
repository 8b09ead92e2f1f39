"""Limpieza de datos (Canalco).

Trigger: an EventBridge cron. Deletes temporary objects (uploads that were
never attached, generated previews) older than MAX_AGE_DAYS under
TEMP_PREFIX of the attachments bucket. The bucket is versioned, so a delete
adds a delete marker and the lifecycle rules archive and expire the rest.
"""
import datetime
import logging
import os

import boto3

logger = logging.getLogger()
logger.setLevel(logging.INFO)

_s3 = None


def _client():
    global _s3
    if _s3 is None:
        _s3 = boto3.client("s3")
    return _s3


def expired(objects, now, max_age_days):
    cutoff = now - datetime.timedelta(days=max_age_days)
    return [o["Key"] for o in objects if o["LastModified"] < cutoff]


def handler(_event, _context):
    bucket = os.environ["BUCKET"]
    prefix = os.environ.get("TEMP_PREFIX", "tmp/")
    max_age = int(os.environ.get("MAX_AGE_DAYS", "7"))
    now = datetime.datetime.now(datetime.timezone.utc)
    deleted = 0
    for page in _client().get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        keys = expired(page.get("Contents", []), now, max_age)
        for start in range(0, len(keys), 1000):
            chunk = keys[start : start + 1000]
            _client().delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": k} for k in chunk], "Quiet": True})
            deleted += len(chunk)
    logger.info("cleanup done", extra={"bucket": bucket, "prefix": prefix, "deleted": deleted})
    return {"deleted": deleted}
