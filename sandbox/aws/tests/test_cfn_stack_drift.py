"""Drift detection compares the template's properties with the live resources (cfn_stack_drift).

AWS: drift detection "compares the current stack configuration to the one specified in the template
that was used to create or update the stack", only for properties the template sets; a resource is
IN_SYNC, MODIFIED (with PropertyDifferences) or DELETED, and the stack DRIFTED when any resource is.
"""

from __future__ import annotations

import json
from typing import Any

from conftest import LAMBDA_ROLE, Sandbox, deploy, outputs_of, wait_for_stack
from slipway_sandbox.extensions.cfn_stack_drift import property_differences

TEMPLATE = {
    "Parameters": {"Visibility": {"Type": "Number", "Default": 45}},
    "Resources": {
        "Queue": {"Type": "AWS::SQS::Queue", "Properties": {"VisibilityTimeout": {"Ref": "Visibility"}, "DelaySeconds": 5}},
        "Topic": {"Type": "AWS::SNS::Topic", "Properties": {"DisplayName": {"Fn::Sub": "${AWS::StackName} alerts"}}},
        "Role": LAMBDA_ROLE,
        "Fn": {"Type": "AWS::Lambda::Function", "Properties": {
            "Runtime": "python3.12", "Handler": "index.handler", "Role": {"Fn::GetAtt": ["Role", "Arn"]},
            "Code": {"ZipFile": "def handler(event, context):\n    return event\n"},
            "Timeout": 10, "Environment": {"Variables": {"QUEUE_URL": {"Ref": "Queue"}}},
        }},
        "Name": {"Type": "AWS::SSM::Parameter", "Properties": {"Type": "String", "Value": "not compared"}},
    },
    "Outputs": {"QueueUrl": {"Value": {"Ref": "Queue"}}, "TopicArn": {"Value": {"Ref": "Topic"}},
                "FnName": {"Value": {"Ref": "Fn"}}},
}


def detect(cfn: Any, stack: str) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    detection_id = cfn.detect_stack_drift(StackName=stack)["StackDriftDetectionId"]
    status = cfn.describe_stack_drift_detection_status(StackDriftDetectionId=detection_id)
    drifts = cfn.describe_stack_resource_drifts(StackName=stack)["StackResourceDrifts"]
    return status, {d["LogicalResourceId"]: d for d in drifts}


def test_an_untouched_stack_is_in_sync_with_each_compared_resource_listed(sandbox: Sandbox, cfn: Any) -> None:
    deploy(cfn, "drift", TEMPLATE)
    status, drifts = detect(cfn, "drift")
    assert (status["DetectionStatus"], status["StackDriftStatus"], status["DriftedStackResourceCount"]) == (
        "DETECTION_COMPLETE", "IN_SYNC", 0)
    # Types the sandbox does not compare (IAM role, SSM parameter) are left out, as AWS leaves out unsupported types.
    assert {k: d["StackResourceDriftStatus"] for k, d in drifts.items()} == {"Queue": "IN_SYNC", "Topic": "IN_SYNC", "Fn": "IN_SYNC"}
    assert json.loads(drifts["Queue"]["ExpectedProperties"]) == {"DelaySeconds": 5, "VisibilityTimeout": 45}
    assert json.loads(drifts["Topic"]["ActualProperties"]) == {"DisplayName": "drift alerts"}


def test_changes_made_outside_cloudformation_are_reported_property_by_property(sandbox: Sandbox, cfn: Any) -> None:
    outputs = outputs_of(deploy(cfn, "drift", TEMPLATE))
    sandbox.client("sqs").set_queue_attributes(QueueUrl=outputs["QueueUrl"], Attributes={"VisibilityTimeout": "99"})
    lam = sandbox.client("lambda")
    lam.update_function_configuration(FunctionName=outputs["FnName"], Timeout=20,
                                      Environment={"Variables": {"QUEUE_URL": outputs["QueueUrl"], "DEBUG": "1"}})
    sandbox.client("sns").delete_topic(TopicArn=outputs["TopicArn"])

    status, drifts = detect(cfn, "drift")
    assert (status["StackDriftStatus"], status["DriftedStackResourceCount"]) == ("DRIFTED", 3)
    assert drifts["Queue"]["StackResourceDriftStatus"] == "MODIFIED"
    assert drifts["Queue"]["PropertyDifferences"] == [
        {"PropertyPath": "/VisibilityTimeout", "ExpectedValue": "45", "ActualValue": "99", "DifferenceType": "NOT_EQUAL"}]
    assert drifts["Fn"]["PropertyDifferences"] == [
        {"PropertyPath": "/Environment/Variables/DEBUG", "ExpectedValue": "", "ActualValue": "1", "DifferenceType": "ADD"},
        {"PropertyPath": "/Timeout", "ExpectedValue": "10", "ActualValue": "20", "DifferenceType": "NOT_EQUAL"},
    ]
    assert drifts["Topic"]["StackResourceDriftStatus"] == "DELETED"
    only_modified = cfn.describe_stack_resource_drifts(StackName="drift", StackResourceDriftStatusFilters=["MODIFIED"])
    assert sorted(d["LogicalResourceId"] for d in only_modified["StackResourceDrifts"]) == ["Fn", "Queue"]
    one = cfn.detect_stack_resource_drift(StackName="drift", LogicalResourceId="Queue")["StackResourceDrift"]
    assert one["StackResourceDriftStatus"] == "MODIFIED"


def test_an_update_through_cloudformation_is_not_drift(sandbox: Sandbox, cfn: Any) -> None:
    deploy(cfn, "drift", TEMPLATE)
    cfn.update_stack(StackName="drift", UsePreviousTemplate=True, Capabilities=["CAPABILITY_IAM"],
                     Parameters=[{"ParameterKey": "Visibility", "ParameterValue": "60"}])
    assert wait_for_stack(cfn, "drift")["StackStatus"] == "UPDATE_COMPLETE"
    status, drifts = detect(cfn, "drift")
    assert status["StackDriftStatus"] == "IN_SYNC"
    assert json.loads(drifts["Queue"]["ActualProperties"])["VisibilityTimeout"] == 60


def test_property_differences_compare_values_not_spellings() -> None:
    assert property_differences({"Timeout": 10, "Fifo": True, "Name": "a"}, {"Timeout": "10", "Fifo": "true", "Name": "a"}) == []
    assert property_differences({"Env": {"A": "1"}}, {}) == [
        {"PropertyPath": "/Env", "ExpectedValue": '{"A": "1"}', "ActualValue": "", "DifferenceType": "REMOVE"}]
