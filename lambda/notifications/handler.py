"""Notificaciones por correo (Canalco).

Triggers: an SNS topic (the backend publishes one message per e-mail) and an
EventBridge schedule (its input has the same shape). Each message is

    {"template": "<SES template name>", "to": ["a@b.com"], "data": {...}}

and is sent with SES through the configuration set, so deliveries, bounces and
complaints are measured and bounced addresses are suppressed.
"""
import json
import logging
import os

import boto3

logger = logging.getLogger()
logger.setLevel(logging.INFO)

_ses = None


def _client():
    global _ses
    if _ses is None:
        _ses = boto3.client("sesv2")
    return _ses


def _messages(event):
    """Yields the notification requests an SNS or EventBridge event carries."""
    for record in event.get("Records", []):
        if record.get("EventSource") == "aws:sns":
            yield json.loads(record["Sns"]["Message"])
    if "template" in event:
        yield event


def _validate(message):
    if not isinstance(message.get("template"), str) or not message["template"]:
        raise ValueError("message needs a template name")
    to = message.get("to") or [a for a in os.environ.get("DEFAULT_RECIPIENTS", "").split(",") if a]
    if not to:
        raise ValueError("message needs recipients (to) and no DEFAULT_RECIPIENTS are configured")
    return message["template"], to, message.get("data", {})


def handler(event, _context):
    sent = 0
    for message in _messages(event):
        template, to, data = _validate(message)
        _client().send_email(
            FromEmailAddress=os.environ["SENDER"],
            Destination={"ToAddresses": to},
            Content={"Template": {"TemplateName": template, "TemplateData": json.dumps(data)}},
            ConfigurationSetName=os.environ["CONFIGURATION_SET"],
        )
        sent += 1
        logger.info("sent", extra={"template": template, "recipients": len(to)})
    return {"sent": sent}
