"""AWS::SQS::Queue: generated FIFO names, and updates that change what the template says.

moto gap: a FIFO queue without ``QueueName`` failed ("Queue name must end in .fifo for FIFO queues"):
moto names it ``<stack>-<logical id>-<random>`` and cuts that at 80 characters (cutting the random
suffix of long names). An update only applied ``VisibilityTimeout`` and
``ReceiveMessageWaitTimeSeconds``: encryption (``SqsManagedSseEnabled``, ``KmsMasterKeyId``,
``KmsDataKeyReusePeriodSeconds``), ``DelaySeconds``, ``MaximumMessageSize``,
``MessageRetentionPeriod``, ``RedrivePolicy``, the FIFO settings and ``Tags`` were silently kept,
and a new ``QueueName`` or ``FifoQueue`` kept the old queue.

Here an unnamed queue is ``<stack>-<logical id>-<random>`` (plus ``.fifo`` for FIFO queues), with
the stack/logical part shortened so the whole name fits SQS's 80 characters, as CloudFormation does.
Updates set every mutable attribute (a property removed from the template goes back to its
default), keep the queue policy (``AWS::SQS::QueuePolicy`` owns it), and replace the queue when
``QueueName`` or ``FifoQueue`` changes.
"""

from __future__ import annotations

from typing import Any

from moto.sqs.models import Queue, sqs_backends
from moto.sqs.constants import MAXIMUM_MESSAGE_LENGTH

from ..cfn_types import as_bool

MAX_NAME = 80
FIFO_SUFFIX = ".fifo"

# The attributes an update may change in place, with the value a queue has when the template omits it.
MUTABLE_DEFAULTS: dict[str, Any] = {
    "DelaySeconds": 0,
    "MaximumMessageSize": MAXIMUM_MESSAGE_LENGTH,
    "MessageRetentionPeriod": 345600,
    "ReceiveMessageWaitTimeSeconds": 0,
    "VisibilityTimeout": 30,
    "RedrivePolicy": {},
    "SqsManagedSseEnabled": True,
    "KmsMasterKeyId": None,
    "KmsDataKeyReusePeriodSeconds": 300,
}
FIFO_DEFAULTS: dict[str, Any] = {
    "ContentBasedDeduplication": "false",
    "DeduplicationScope": "queue",
    "FifoThroughputLimit": "perQueue",
}

_original_create = Queue.create_from_cloudformation_json.__func__  # type: ignore[attr-defined]


def generated_name(resource_name: str, fifo: bool, logical_id: str = "") -> str:
    """``<stack>-<logical>-<random>[.fifo]`` within 80 characters: the stack name and logical id are
    shortened (the longer one first), the random part is kept whole."""
    suffix = FIFO_SUFFIX if fifo else ""
    base = str(resource_name)
    if len(base) + len(suffix) <= MAX_NAME:
        return base + suffix
    prefix, _, random_part = base.rpartition("-")
    if not prefix:
        return base[:MAX_NAME - len(suffix)] + suffix
    if logical_id and prefix.endswith("-" + logical_id):
        stack, logical = prefix[:-len(logical_id) - 1], logical_id
        room = MAX_NAME - len(suffix) - len(random_part) - 2  # two dashes
        logical = logical[:max(room // 2, room - len(stack))]
        stack = stack[:room - len(logical)]
        return f"{stack}-{logical}-{random_part}{suffix}"
    room = MAX_NAME - len(suffix) - len(random_part) - 1
    return f"{prefix[:room]}-{random_part}{suffix}"


def _create(cls: type[Queue], resource_name: str, cloudformation_json: dict[str, Any], account_id: str,
            region_name: str, **kwargs: Any) -> Queue:
    properties = dict(cloudformation_json.get("Properties") or {})
    if not properties.get("QueueName"):
        properties["QueueName"] = generated_name(resource_name, as_bool(properties.get("FifoQueue", False)),
                                                 kwargs.get("LogicalId") or "")
    # moto reads the name from resource_name (which parsing set from QueueName when present).
    return _original_create(cls, properties["QueueName"], dict(cloudformation_json, Properties=properties),
                            account_id, region_name, **kwargs)


def _update(cls: type[Queue], original_resource: Queue, new_resource_name: str, cloudformation_json: dict[str, Any],
            account_id: str, region_name: str) -> Queue:
    properties = cloudformation_json.get("Properties") or {}
    backend = sqs_backends[account_id][region_name]
    fifo = as_bool(properties.get("FifoQueue", False))
    wanted_name = properties.get("QueueName")
    if fifo != bool(original_resource.fifo_queue) or (wanted_name and wanted_name != original_resource.name):
        # Replacement (the engine normally does this itself when the change plan says so).
        backend.delete_queue(original_resource.name)
        return _create(cls, new_resource_name, cloudformation_json, account_id, region_name)
    queue = backend.get_queue(original_resource.name)
    attributes: dict[str, Any] = {}
    defaults = dict(MUTABLE_DEFAULTS, **(FIFO_DEFAULTS if queue.fifo_queue else {}))
    for name, default in defaults.items():
        value = properties.get(name, default)
        if isinstance(value, bool) and name not in ("SqsManagedSseEnabled",):
            value = str(value).lower()
        attributes[name] = value
    attributes["Policy"] = queue.policy  # owned by AWS::SQS::QueuePolicy; moto would clear it
    queue._set_attributes(attributes)
    tags = {t["Key"]: t["Value"] for t in properties.get("Tags") or []}
    queue.tags = {k: v for k, v in queue.tags.items() if k.startswith("aws:")} | tags
    return queue


def apply() -> None:
    Queue.create_from_cloudformation_json = classmethod(_create)  # type: ignore[assignment]
    Queue.update_from_cloudformation_json = classmethod(_update)  # type: ignore[assignment]
