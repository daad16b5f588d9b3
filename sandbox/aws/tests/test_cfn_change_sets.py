"""Change sets describe what an update does, as CloudFormation does, and executing them does it (cfn_engine)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from conftest import Sandbox, deploy, stack_events, wait_for_stack

NO_CHANGES = "The submitted information didn't contain changes. Submit different information to create a change set."

TEMPLATE = {
    "Parameters": {
        "Suffix": {"Type": "String", "Default": "blue"},
        "Timeout": {"Type": "Number", "Default": 30},
        "Size": {"Type": "String", "Default": "small", "AllowedValues": ["small", "large"]},
    },
    "Conditions": {"IsLarge": {"Fn::Equals": [{"Ref": "Size"}, "large"]}},
    "Resources": {
        "Queue": {"Type": "AWS::SQS::Queue", "Properties": {
            "QueueName": {"Fn::Sub": "orders-${Suffix}"}, "VisibilityTimeout": {"Ref": "Timeout"}}},
        "Tier": {"Type": "AWS::SSM::Parameter", "Properties": {
            "Name": "/orders/tier", "Type": "String", "Value": {"Fn::If": ["IsLarge", "gold", "bronze"]}}},
        "QueueUrl": {"Type": "AWS::SSM::Parameter", "Properties": {
            "Name": "/orders/queue-url", "Type": "String", "Value": {"Ref": "Queue"}}},
        "Topic": {"Type": "AWS::SNS::Topic"},
        "Subscription": {"Type": "AWS::SNS::Subscription", "Properties": {
            "TopicArn": {"Ref": "Topic"}, "Protocol": "sqs", "Endpoint": {"Fn::GetAtt": ["Queue", "Arn"]}}},
        "Extra": {"Type": "AWS::SNS::Topic", "Condition": "IsLarge"},
    },
}


def change_set(cfn: Any, name: str, **parameters: str) -> dict[str, Any]:
    """An UPDATE change set of stack "cs" with the previous template; unnamed parameters keep their values."""
    given = [{"ParameterKey": k, "ParameterValue": v} for k, v in parameters.items()]
    given += [{"ParameterKey": k, "UsePreviousValue": True} for k in TEMPLATE["Parameters"] if k not in parameters]
    created = cfn.create_change_set(StackName="cs", ChangeSetName=name, ChangeSetType="UPDATE",
                                    UsePreviousTemplate=True, Parameters=given, Capabilities=["CAPABILITY_IAM"])
    return cfn.describe_change_set(ChangeSetName=created["Id"])


def by_id(described: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["ResourceChange"]["LogicalResourceId"]: c["ResourceChange"] for c in described["Changes"]}


def test_parameter_only_update_lists_modify_with_details_and_execution_applies_it(sandbox: Sandbox, cfn: Any) -> None:
    deploy(cfn, "cs", TEMPLATE)
    described = change_set(cfn, "bigger", Timeout="90", Size="large")
    assert (described["Status"], described["ExecutionStatus"]) == ("CREATE_COMPLETE", "AVAILABLE")
    assert described["Capabilities"] == ["CAPABILITY_IAM"]
    changes = by_id(described)
    # Only what uses a changed parameter (directly, or through the IsLarge condition), plus the
    # resource whose condition became true. Topic, QueueUrl and Subscription are untouched.
    assert sorted(changes) == ["Extra", "Queue", "Tier"]
    sqs = sandbox.client("sqs")
    queue_url = sqs.get_queue_url(QueueName="orders-blue")["QueueUrl"]
    assert changes["Queue"]["PhysicalResourceId"].endswith("/orders-blue")
    assert (changes["Queue"]["Action"], changes["Queue"]["Replacement"], changes["Queue"]["Scope"]) == (
        "Modify", "False", ["Properties"])
    assert changes["Queue"]["Details"] == [{
        "Target": {"Attribute": "Properties", "Name": "VisibilityTimeout", "RequiresRecreation": "Never"},
        "Evaluation": "Static", "ChangeSource": "ParameterReference", "CausingEntity": "Timeout"}]
    assert changes["Tier"]["Details"] == [{
        "Target": {"Attribute": "Properties", "Name": "Value", "RequiresRecreation": "Never"},
        "Evaluation": "Static", "ChangeSource": "ParameterReference", "CausingEntity": "Size"}]
    assert (changes["Extra"]["Action"], changes["Extra"]["ResourceType"]) == ("Add", "AWS::SNS::Topic")

    cfn.execute_change_set(ChangeSetName="bigger", StackName="cs")
    assert wait_for_stack(cfn, "cs")["StackStatus"] == "UPDATE_COMPLETE"
    assert sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["VisibilityTimeout"])["Attributes"] == {
        "VisibilityTimeout": "90"}
    assert sandbox.client("ssm").get_parameter(Name="/orders/tier")["Parameter"]["Value"] == "gold"
    assert len(sandbox.client("sns").list_topics()["Topics"]) == 2


def test_a_property_that_forces_replacement_shows_replacement_true_and_replaces(sandbox: Sandbox, cfn: Any) -> None:
    deploy(cfn, "cs", TEMPLATE)
    changes = by_id(change_set(cfn, "rename", Suffix="green"))
    assert changes["Queue"]["Replacement"] == "True"
    assert changes["Queue"]["Details"] == [{
        "Target": {"Attribute": "Properties", "Name": "QueueName", "RequiresRecreation": "Always"},
        "Evaluation": "Static", "ChangeSource": "ParameterReference", "CausingEntity": "Suffix"}]
    # What refers to the queue changes too, but its new value is only known once the queue exists.
    assert changes["QueueUrl"]["Replacement"] == "False"
    assert changes["QueueUrl"]["Details"] == [{
        "Target": {"Attribute": "Properties", "Name": "Value", "RequiresRecreation": "Never"},
        "Evaluation": "Dynamic", "ChangeSource": "ResourceReference", "CausingEntity": "Queue"}]
    assert changes["Subscription"]["Replacement"] == "Conditional"
    assert changes["Subscription"]["Details"] == [{
        "Target": {"Attribute": "Properties", "Name": "Endpoint", "RequiresRecreation": "Always"},
        "Evaluation": "Dynamic", "ChangeSource": "ResourceAttribute", "CausingEntity": "Queue.Arn"}]
    assert "Tier" not in changes and "Topic" not in changes

    cfn.execute_change_set(ChangeSetName="rename", StackName="cs")
    assert wait_for_stack(cfn, "cs")["StackStatus"] == "UPDATE_COMPLETE"
    sqs = sandbox.client("sqs")
    urls = sqs.list_queues()["QueueUrls"]
    assert [u.rsplit("/", 1)[1] for u in urls] == ["orders-green"]
    replaced = [e for e in stack_events(cfn, "cs") if e["LogicalResourceId"] == "Queue"][-1]
    assert replaced["ResourceStatusReason"] == (
        "Requested update requires the creation of a new physical resource; hence creating one.")
    assert sandbox.client("ssm").get_parameter(Name="/orders/queue-url")["Parameter"]["Value"].endswith("/orders-green")
    arn = sqs.get_queue_attributes(QueueUrl=urls[0], AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    assert [s["Endpoint"] for s in sandbox.client("sns").list_subscriptions()["Subscriptions"]] == [arn]


def test_a_change_set_without_changes_fails_with_the_aws_reason(sandbox: Sandbox, cfn: Any) -> None:
    deploy(cfn, "cs", TEMPLATE, {"Size": "small"})
    described = change_set(cfn, "same", Size="small")  # the others: UsePreviousValue
    assert (described["Status"], described["ExecutionStatus"]) == ("FAILED", "UNAVAILABLE")
    assert described["StatusReason"] == NO_CHANGES
    assert described["Changes"] == []
    with pytest.raises(ClientError) as error:
        cfn.execute_change_set(ChangeSetName="same", StackName="cs")
    assert error.value.response["Error"]["Code"] == "InvalidChangeSetStatus"
    assert cfn.describe_stacks(StackName="cs")["Stacks"][0]["StackStatus"] == "CREATE_COMPLETE"


def test_create_change_set_adds_only_resources_whose_condition_holds(sandbox: Sandbox, cfn: Any) -> None:
    created = cfn.create_change_set(StackName="fresh", ChangeSetName="first", ChangeSetType="CREATE",
                                    TemplateBody=json.dumps(TEMPLATE))
    described = cfn.describe_change_set(ChangeSetName=created["Id"])
    assert described["Status"] == "CREATE_COMPLETE"
    assert [(c["ResourceChange"]["Action"], c["ResourceChange"]["LogicalResourceId"]) for c in described["Changes"]] == [
        ("Add", "Queue"), ("Add", "Tier"), ("Add", "QueueUrl"), ("Add", "Topic"), ("Add", "Subscription")]
    with pytest.raises(ClientError, match="Template format error: Unresolved resource dependencies \\[Nowhere\\]"):
        cfn.create_change_set(StackName="fresh", ChangeSetName="broken", ChangeSetType="CREATE", TemplateBody=json.dumps(
            {"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": {"Ref": "Nowhere"}}}}}))
