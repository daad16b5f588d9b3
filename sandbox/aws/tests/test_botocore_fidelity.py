"""The sandbox's CloudFormation answers match AWS's own service model, not only the authors' reading.

botocore ships the service models the AWS SDKs are generated from. For each operation the portal
calls (``server/aws/cloudformation.ts``) this test makes the sandbox answer with every field the
portal reads filled in, then walks the parsed answer against the operation's output shape: every
field the portal reads must be there, every value must have the shape's type, and every enum value
must be one the model lists. A field under another name, in another place, or a status AWS never
sends fails here even when the sandbox's own tests pass.
"""

from __future__ import annotations

import json
import time
from datetime import datetime
from typing import Any

import botocore.session
from botocore.model import ListShape, MapShape, Shape, StructureShape

from conftest import LAMBDA_ROLE, Sandbox, deploy, outputs_of, wait_for_stack

MODEL = botocore.session.get_session().get_service_model("cloudformation")
# Values AWS sends that the model's enum leaves out. A stack's own REVIEW_IN_PROGRESS event (CreateChangeSet
# of a new stack, "User Initiated") is in CloudFormation's event list, while the model's ResourceStatus
# enum stops at the resource statuses: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/view-stack-events.html
SENT_BY_AWS_BEYOND_THE_MODEL = {("ResourceStatus", "REVIEW_IN_PROGRESS")}
_PYTHON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,), "integer": (int,), "long": (int,), "boolean": (bool,), "timestamp": (datetime,),
    "double": (float, int), "float": (float, int),
}


def conformance_problems(value: Any, shape: Shape, path: str) -> list[str]:
    """Every place where ``value`` does not fit ``shape``: unknown members, wrong types, enum values AWS does not list."""
    problems: list[str] = []
    if isinstance(shape, StructureShape):
        if not isinstance(value, dict):
            return [f"{path}: expected a structure, got {type(value).__name__}"]
        for name, member in value.items():
            if name == "ResponseMetadata":
                continue
            if name not in shape.members:
                problems.append(f"{path}.{name}: not a member of {shape.name}")
            else:
                problems += conformance_problems(member, shape.members[name], f"{path}.{name}")
    elif isinstance(shape, ListShape):
        if not isinstance(value, list):
            return [f"{path}: expected a list, got {type(value).__name__}"]
        for i, item in enumerate(value):
            problems += conformance_problems(item, shape.member, f"{path}[{i}]")
    elif isinstance(shape, MapShape):
        if not isinstance(value, dict):
            return [f"{path}: expected a map, got {type(value).__name__}"]
        for key, item in value.items():
            problems += conformance_problems(item, shape.value, f"{path}.{key}")
    else:
        expected = _PYTHON_TYPES.get(shape.type_name)
        if expected and not isinstance(value, expected):
            problems.append(f"{path}: {shape.name} is {shape.type_name}, got {type(value).__name__} {value!r}")
        enum = getattr(shape, "enum", None) or []
        if enum and value not in enum and (shape.name, value) not in SENT_BY_AWS_BEYOND_THE_MODEL:
            problems.append(f"{path}: {value!r} is not one of {shape.name}'s values {enum}")
    return problems


def value_at(response: dict[str, Any], path: str) -> list[Any]:
    """The values at a dotted path; ``[]`` steps into every item of a list."""
    values: list[Any] = [response]
    for step in path.split("."):
        many = step.endswith("[]")
        key = step[:-2] if many else step
        found: list[Any] = []
        for v in values:
            if isinstance(v, dict) and key in v:
                found.extend(v[key] if many else [v[key]])
        values = found
    return values


def check(operation: str, response: dict[str, Any], portal_reads: list[str]) -> None:
    shape = MODEL.operation_model(operation).output_shape
    assert shape is not None
    problems = conformance_problems(response, shape, operation)
    missing = [p for p in portal_reads if not value_at(response, p)]
    assert (problems, missing) == ([], []), f"{operation}: {problems} missing {missing}"


TEMPLATE = {
    "Parameters": {"Visibility": {"Type": "Number", "Default": 30}},
    "Resources": {
        "Queue": {"Type": "AWS::SQS::Queue", "Properties": {"VisibilityTimeout": {"Ref": "Visibility"}}},
        "Topic": {"Type": "AWS::SNS::Topic", "Properties": {"DisplayName": "alerts"}},
        "Role": LAMBDA_ROLE,
        "Fn": {"Type": "AWS::Lambda::Function", "Properties": {
            "Runtime": "python3.12", "Handler": "index.handler", "Role": {"Fn::GetAtt": ["Role", "Arn"]},
            "Code": {"ZipFile": "def handler(event, context):\n    return event\n"}, "Timeout": 10}},
    },
    "Outputs": {"QueueUrl": {"Value": {"Ref": "Queue"}, "Description": "The queue"}},
}


def test_the_answers_the_portal_reads_fit_cloudformations_service_model(sandbox: Sandbox, cfn: Any) -> None:
    sandbox.settings(cfn_change_set_delay_ms=100)
    created = cfn.create_change_set(StackName="fit", ChangeSetName="create", ChangeSetType="CREATE",
                                     TemplateBody=json.dumps(TEMPLATE), Capabilities=["CAPABILITY_IAM"])
    check("CreateChangeSet", created, ["Id", "StackId"])
    pending = cfn.describe_change_set(ChangeSetName=created["Id"])
    check("DescribeChangeSet", pending, ["Status", "ExecutionStatus"])
    wait_for_change_set(cfn, created["Id"])
    cfn.execute_change_set(ChangeSetName=created["Id"])
    stack = wait_for_stack(cfn, "fit")
    assert stack["StackStatus"] == "CREATE_COMPLETE"

    # An update that replaces nothing but modifies the queue: Details, Replacement and Scope are filled in.
    update = cfn.create_change_set(StackName="fit", ChangeSetName="update", ChangeSetType="UPDATE", UsePreviousTemplate=True,
                                    Parameters=[{"ParameterKey": "Visibility", "ParameterValue": "60"}],
                                    Capabilities=["CAPABILITY_IAM"])
    described = wait_for_change_set(cfn, update["Id"])
    check("DescribeChangeSet", described, [
        "Status", "Capabilities", "Changes[].ResourceChange.Action", "Changes[].ResourceChange.LogicalResourceId",
        "Changes[].ResourceChange.PhysicalResourceId", "Changes[].ResourceChange.ResourceType",
        "Changes[].ResourceChange.Replacement", "Changes[].ResourceChange.Scope[]",
        "Changes[].ResourceChange.Details[].Target.Name", "Changes[].ResourceChange.Details[].Target.RequiresRecreation",
    ])
    check("ListChangeSets", cfn.list_change_sets(StackName="fit"), ["Summaries[].ChangeSetId", "Summaries[].Status"])

    check("DescribeStacks", cfn.describe_stacks(StackName="fit"), [
        "Stacks[].StackId", "Stacks[].StackStatus", "Stacks[].Outputs[].OutputKey", "Stacks[].Outputs[].OutputValue",
        "Stacks[].Outputs[].Description",
    ])
    check("DescribeStackEvents", cfn.describe_stack_events(StackName="fit"), [
        "StackEvents[].EventId", "StackEvents[].Timestamp", "StackEvents[].LogicalResourceId",
        "StackEvents[].PhysicalResourceId", "StackEvents[].ResourceType", "StackEvents[].ResourceStatus",
    ])
    check("ListStackResources", cfn.list_stack_resources(StackName="fit"), [
        "StackResourceSummaries[].LogicalResourceId", "StackResourceSummaries[].PhysicalResourceId",
        "StackResourceSummaries[].ResourceType", "StackResourceSummaries[].ResourceStatus",
    ])

    # Drift: the queue changed behind CloudFormation's back, the topic deleted.
    outputs = outputs_of(stack)
    sandbox.client("sqs").set_queue_attributes(QueueUrl=outputs["QueueUrl"], Attributes={"VisibilityTimeout": "99"})
    detection = cfn.detect_stack_drift(StackName="fit")
    check("DetectStackDrift", detection, ["StackDriftDetectionId"])
    status = cfn.describe_stack_drift_detection_status(StackDriftDetectionId=detection["StackDriftDetectionId"])
    check("DescribeStackDriftDetectionStatus", status, [
        "StackId", "StackDriftDetectionId", "StackDriftStatus", "DetectionStatus", "DriftedStackResourceCount", "Timestamp",
    ])
    check("DescribeStackResourceDrifts", cfn.describe_stack_resource_drifts(StackName="fit"), [
        "StackResourceDrifts[].LogicalResourceId", "StackResourceDrifts[].ResourceType",
        "StackResourceDrifts[].StackResourceDriftStatus", "StackResourceDrifts[].PropertyDifferences[].PropertyPath",
        "StackResourceDrifts[].PropertyDifferences[].ExpectedValue", "StackResourceDrifts[].PropertyDifferences[].ActualValue",
        "StackResourceDrifts[].PropertyDifferences[].DifferenceType", "StackResourceDrifts[].Timestamp",
    ])
    check("DetectStackResourceDrift", cfn.detect_stack_resource_drift(StackName="fit", LogicalResourceId="Queue"),
          ["StackResourceDrift.StackResourceDriftStatus", "StackResourceDrift.PropertyDifferences[].DifferenceType"])


def wait_for_change_set(cfn: Any, change_set_id: str, timeout: float = 10.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        described = cfn.describe_change_set(ChangeSetName=change_set_id)
        if described["Status"] not in ("CREATE_PENDING", "CREATE_IN_PROGRESS"):
            return described
        assert time.monotonic() < deadline, f"change set still {described['Status']}"
        time.sleep(0.02)


def test_the_checker_catches_what_it_is_for() -> None:
    shape = MODEL.operation_model("DescribeStackDriftDetectionStatus").output_shape
    assert shape is not None
    assert conformance_problems({"StackDriftStatus": "CHANGED", "DriftedStackResourceCount": "1", "Extra": 1}, shape, "x") == [
        "x.StackDriftStatus: 'CHANGED' is not one of StackDriftStatus's values ['DRIFTED', 'IN_SYNC', 'UNKNOWN', 'NOT_CHECKED']",
        "x.DriftedStackResourceCount: BoxedInteger is integer, got str '1'",
        "x.Extra: not a member of DescribeStackDriftDetectionStatusOutput",
    ]
    assert value_at({"A": [{"B": 1}, {"C": 2}]}, "A[].B") == [1]
