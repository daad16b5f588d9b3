"""Drift detection that compares a stack's template with its live resources.

moto gap: DetectStackDrift, DetectStackResourceDrift, DescribeStackDriftDetectionStatus and
DescribeStackResourceDrifts do not exist in moto 5.2.5 (HTTP 500, "not yet implemented"), so no
client could learn whether someone changed a stack's resources behind CloudFormation's back.

As CloudFormation does, only the properties the template sets are compared, resolved as the stack
resolved them (parameters, ``Ref``, ``Fn::GetAtt``, ``Fn::Sub``), against the resource's current
configuration: a resource is ``IN_SYNC``, ``MODIFIED`` (with each ``PropertyDifference``:
``NOT_EQUAL``, or ``ADD`` / ``REMOVE`` inside an object such as a function's environment) or
``DELETED``; the stack is ``DRIFTED`` when any resource is. Compared here: ``AWS::SQS::Queue``
(its queue attributes), ``AWS::Lambda::Function`` (``Description``, ``Handler``, ``MemorySize``,
``Runtime``, ``Timeout``, ``Environment``) and ``AWS::SNS::Topic`` (``DisplayName``,
``KmsMasterKeyId``, ``FifoTopic``); resources of other types are left out of the results, as
CloudFormation leaves out types that do not support drift detection. Detection finishes within the
DetectStackDrift call (AWS runs it in the background; the status is then ``DETECTION_COMPLETE``).
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timezone
from typing import Any, Callable

from moto.awslambda.exceptions import UnknownFunctionException
from moto.awslambda.utils import get_backend as get_lambda_backend
from moto.cloudformation import parsing
from moto.cloudformation.exceptions import ValidationError
from moto.cloudformation.models import CloudFormationBackend
from moto.cloudformation.responses import CloudFormationResponse
from moto.core.responses import ActionResult
from moto.sns.exceptions import TopicNotFound
from moto.sns.models import sns_backends
from moto.sqs.exceptions import QueueDoesNotExist
from moto.sqs.models import sqs_backends

from .cfn_engine.state import STACKS_LOCK, state_of


class _Gone(Exception):
    """The resource no longer exists."""


_SQS = ("ContentBasedDeduplication DelaySeconds FifoQueue KmsDataKeyReusePeriodSeconds KmsMasterKeyId "
        "MaximumMessageSize MessageRetentionPeriod ReceiveMessageWaitTimeSeconds RedrivePolicy "
        "SqsManagedSseEnabled VisibilityTimeout").split()


def _sqs_queue(account: str, region: str, physical_id: str) -> dict[str, Any]:
    try:
        queue = sqs_backends[account][region].get_queue(physical_id.rstrip("/").rsplit("/", 1)[-1])
    except QueueDoesNotExist:
        raise _Gone()
    live = {name: queue.attributes.get(name) for name in _SQS if queue.attributes.get(name) is not None}
    if isinstance(live.get("RedrivePolicy"), str):
        live["RedrivePolicy"] = json.loads(live["RedrivePolicy"])
    return live


def _lambda_function(account: str, region: str, physical_id: str) -> dict[str, Any]:
    try:
        fn = get_lambda_backend(account, region).get_function(physical_id)
    except UnknownFunctionException:
        raise _Gone()
    return {
        "Description": fn.description, "Handler": fn.handler, "MemorySize": fn.memory_size, "Runtime": fn.run_time,
        "Timeout": fn.timeout, "Environment": {"Variables": dict(fn.environment_vars or {})},
    }


def _sns_topic(account: str, region: str, physical_id: str) -> dict[str, Any]:
    try:
        topic = sns_backends[account][region].get_topic(physical_id)
    except TopicNotFound:
        raise _Gone()
    return {"DisplayName": topic.display_name, "KmsMasterKeyId": topic.kms_master_key_id, "FifoTopic": topic.fifo_topic}


# Resource type -> reader of the live configuration, by CloudFormation property name.
READERS: dict[str, Callable[[str, str, str], dict[str, Any]]] = {
    "AWS::SQS::Queue": _sqs_queue,
    "AWS::Lambda::Function": _lambda_function,
    "AWS::SNS::Topic": _sns_topic,
}


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dict, list)):
        return json.dumps(value, sort_keys=True)
    return "" if value is None else str(value)


def property_differences(expected: dict[str, Any], actual: dict[str, Any], path: str = "") -> list[dict[str, str]]:
    """CloudFormation's PropertyDifferences: every property the template sets, compared with the live one."""
    differences: list[dict[str, str]] = []
    for name in sorted(expected):
        here = f"{path}/{name}"
        want, have = expected[name], actual.get(name)
        if name not in actual:
            differences.append({"PropertyPath": here, "ExpectedValue": _text(want), "ActualValue": "", "DifferenceType": "REMOVE"})
        elif isinstance(want, dict) and isinstance(have, dict):
            differences += property_differences(want, have, here)
            # Inside an object the template sets, keys added on the live resource are drift too.
            differences += [
                {"PropertyPath": f"{here}/{extra}", "ExpectedValue": "", "ActualValue": _text(have[extra]), "DifferenceType": "ADD"}
                for extra in sorted(set(have) - set(want))
            ]
        elif _text(want) != _text(have):
            differences.append({"PropertyPath": here, "ExpectedValue": _text(want), "ActualValue": _text(have), "DifferenceType": "NOT_EQUAL"})
    return differences


def _resource_drift(stack: Any, logical_id: str, resource_type: str, physical_id: str, now: datetime) -> dict[str, Any]:
    template = (stack.template_dict.get("Resources") or {}).get(logical_id) or {}
    expected_all = parsing.clean_json(template.get("Properties") or {}, stack.resource_map)
    drift: dict[str, Any] = {
        "StackId": stack.stack_id, "LogicalResourceId": logical_id, "PhysicalResourceId": physical_id,
        "ResourceType": resource_type, "Timestamp": now, "PropertyDifferences": [],
    }
    try:
        actual_all = READERS[resource_type](stack.account_id, stack.region_name, physical_id)
    except _Gone:
        return {**drift, "ExpectedProperties": json.dumps(expected_all, sort_keys=True), "StackResourceDriftStatus": "DELETED"}
    # A property resolved to nothing (`AWS::NoValue`) is not set, so it is not compared.
    expected = {k: v for k, v in expected_all.items() if k in actual_all and v is not None}
    actual = {k: actual_all[k] for k in expected}
    differences = property_differences(expected, actual_all)
    return {
        **drift, "ExpectedProperties": json.dumps(expected, sort_keys=True), "ActualProperties": json.dumps(actual, sort_keys=True),
        "PropertyDifferences": differences, "StackResourceDriftStatus": "MODIFIED" if differences else "IN_SYNC",
    }


def _store(backend: CloudFormationBackend) -> dict[str, Any]:
    store = getattr(backend, "slipway_drift", None)
    if store is None:
        store = backend.slipway_drift = {"detections": {}, "resources": {}}  # type: ignore[attr-defined]
    return store


def _live_resources(stack: Any) -> list[tuple[str, str, str]]:
    state = state_of(stack)
    records = state.snapshot() if state else []
    return [(r.logical_id, r.resource_type, r.physical_id) for r in records
            if r.resource_type in READERS and r.physical_id and not r.status.startswith("DELETE")]


def detect_stack_drift(backend: CloudFormationBackend, stack_name: str) -> str:
    with STACKS_LOCK:
        stack = backend.get_stack(stack_name)
        resources = _live_resources(stack)
    now = datetime.now(timezone.utc)
    drifts = [_resource_drift(stack, *resource, now) for resource in resources]
    drifted = sum(1 for d in drifts if d["StackResourceDriftStatus"] != "IN_SYNC")
    detection_id = str(uuid.uuid4())
    store = _store(backend)
    store["resources"][stack.stack_id] = drifts
    store["detections"][detection_id] = {
        "StackId": stack.stack_id, "StackDriftDetectionId": detection_id, "StackDriftStatus": "DRIFTED" if drifted else "IN_SYNC",
        "DetectionStatus": "DETECTION_COMPLETE", "DriftedStackResourceCount": drifted, "Timestamp": now,
    }
    return detection_id


def _detect(self: CloudFormationResponse) -> ActionResult:
    return ActionResult({"StackDriftDetectionId": detect_stack_drift(self.cloudformation_backend, self._get_param("StackName"))})


def _detection_status(self: CloudFormationResponse) -> ActionResult:
    detection_id = self._get_param("StackDriftDetectionId")
    detection = _store(self.cloudformation_backend)["detections"].get(detection_id)
    if detection is None:
        raise ValidationError(message=f"Drift detection [{detection_id}] does not exist")
    return ActionResult(detection)


def _resource_drifts(self: CloudFormationResponse) -> ActionResult:
    with STACKS_LOCK:
        stack = self.cloudformation_backend.get_stack(self._get_param("StackName"))
    wanted = set(self._get_param("StackResourceDriftStatusFilters", []) or [])
    drifts = _store(self.cloudformation_backend)["resources"].get(stack.stack_id, [])
    return ActionResult({"StackResourceDrifts": [d for d in drifts if not wanted or d["StackResourceDriftStatus"] in wanted]})


def _detect_resource(self: CloudFormationResponse) -> ActionResult:
    logical_id = self._get_param("LogicalResourceId")
    with STACKS_LOCK:
        stack = self.cloudformation_backend.get_stack(self._get_param("StackName"))
        found = [r for r in _live_resources(stack) if r[0] == logical_id]
    if not found:
        raise ValidationError(message=f"Resource {logical_id} does not exist or does not support drift detection")
    return ActionResult({"StackResourceDrift": _resource_drift(stack, *found[0], datetime.now(timezone.utc))})


def apply() -> None:
    CloudFormationResponse.detect_stack_drift = _detect  # type: ignore[attr-defined]
    CloudFormationResponse.describe_stack_drift_detection_status = _detection_status  # type: ignore[attr-defined]
    CloudFormationResponse.describe_stack_resource_drifts = _resource_drifts  # type: ignore[attr-defined]
    CloudFormationResponse.detect_stack_resource_drift = _detect_resource  # type: ignore[attr-defined]
