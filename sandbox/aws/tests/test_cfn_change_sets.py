"""Change sets describe what an update does, as CloudFormation does, and executing them does it (cfn_engine)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from conftest import LAMBDA_ROLE, Sandbox, deploy, stack_events, wait_for_stack

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


def policy_document(action: Any) -> dict[str, Any]:
    return {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": action, "Resource": "*"}]}


# Resource types whose properties AWS documents as Mutable, Immutable and Conditional (changes.py).
UPDATE_TYPES_TEMPLATE = {
    "Parameters": {
        "Action": {"Type": "String", "Default": "sqs:SendMessage"},
        "Note": {"Type": "String", "Default": "first"},
        "Bus": {"Type": "String", "Default": "default"},
        "Retention": {"Type": "Number", "Default": 7},
    },
    "Resources": {
        "Role": LAMBDA_ROLE,
        "Producer": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {
            "Roles": [{"Ref": "Role"}], "PolicyDocument": policy_document({"Ref": "Action"})}},
        "Labelled": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {
            "Description": {"Ref": "Note"}, "PolicyDocument": policy_document("sqs:GetQueueUrl")}},
        "Orders": {"Type": "AWS::Events::EventBus", "Properties": {"Name": "orders"}},
        "Rule": {"Type": "AWS::Events::Rule", "DependsOn": "Orders", "Properties": {
            "EventBusName": {"Ref": "Bus"}, "EventPattern": {"source": ["orders"]}}},
        "Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": {"Ref": "Retention"}}},
    },
}


def update_change_set(cfn: Any, name: str, template: dict[str, Any], **parameters: str) -> dict[str, Any]:
    given = [{"ParameterKey": k, "ParameterValue": v} for k, v in parameters.items()]
    given += [{"ParameterKey": k, "UsePreviousValue": True} for k in template.get("Parameters", {}) if k not in parameters]
    created = cfn.create_change_set(StackName="types", ChangeSetName=name, ChangeSetType="UPDATE",
                                    TemplateBody=json.dumps(template), Parameters=given, Capabilities=["CAPABILITY_IAM"])
    return cfn.describe_change_set(ChangeSetName=created["Id"])


def test_replacement_follows_the_update_types_aws_documents(sandbox: Sandbox, cfn: Any) -> None:
    deploy(cfn, "types", UPDATE_TYPES_TEMPLATE)
    changes = by_id(update_change_set(cfn, "all", UPDATE_TYPES_TEMPLATE, Action="sqs:ReceiveMessage", Note="second",
                                      Bus="orders"))
    # A managed policy's document is Mutable: in place (the preview once said so while the sandbox replaced it).
    assert changes["Producer"]["Replacement"] == "False"
    assert changes["Producer"]["Details"] == [{
        "Target": {"Attribute": "Properties", "Name": "PolicyDocument", "RequiresRecreation": "Never"},
        "Evaluation": "Static", "ChangeSource": "ParameterReference", "CausingEntity": "Action"}]
    # Its Description is create-only (Immutable): a new policy.
    assert changes["Labelled"]["Replacement"] == "True"
    assert changes["Labelled"]["Details"][0]["Target"] == {
        "Attribute": "Properties", "Name": "Description", "RequiresRecreation": "Always"}
    # A rule's EventBusName is conditionally create-only: "Conditional", even for a static change.
    assert changes["Rule"]["Replacement"] == "Conditional"
    assert changes["Rule"]["Details"][0]["Target"] == {
        "Attribute": "Properties", "Name": "EventBusName", "RequiresRecreation": "Conditionally"}
    assert "Logs" not in changes and "Role" not in changes


def test_a_managed_policy_document_changes_in_place_as_the_change_set_says(sandbox: Sandbox, cfn: Any) -> None:
    deploy(cfn, "types", UPDATE_TYPES_TEMPLATE)
    iam = sandbox.client("iam")
    before = {p["PolicyName"].split("-")[1]: p for p in iam.list_policies(Scope="Local")["Policies"]}
    role_name = cfn.describe_stack_resource(StackName="types", LogicalResourceId="Role")[
        "StackResourceDetail"]["PhysicalResourceId"]
    assert changes_of(update_change_set(cfn, "doc", UPDATE_TYPES_TEMPLATE, Action="sqs:ReceiveMessage")) == {
        "Producer": "False"}
    cfn.execute_change_set(ChangeSetName="doc", StackName="types")
    assert wait_for_stack(cfn, "types")["StackStatus"] == "UPDATE_COMPLETE"

    arn = before["Producer"]["Arn"]
    after = iam.get_policy(PolicyArn=arn)["Policy"]
    assert (after["PolicyId"], after["DefaultVersionId"]) == (before["Producer"]["PolicyId"], "v2")
    document = iam.get_policy_version(PolicyArn=arn, VersionId="v2")["PolicyVersion"]["Document"]
    assert (json.loads(document) if isinstance(document, str) else document) == policy_document("sqs:ReceiveMessage")
    assert [p["PolicyArn"] for p in iam.list_attached_role_policies(RoleName=role_name)["AttachedPolicies"]] == [arn]
    updated = [e for e in stack_events(cfn, "types") if e["LogicalResourceId"] == "Producer"][-2:]
    assert [(e["ResourceStatus"], e.get("ResourceStatusReason")) for e in updated] == [
        ("UPDATE_IN_PROGRESS", None), ("UPDATE_COMPLETE", None)]

    # Attachments follow the Roles property, still without a new policy.
    detached = json.loads(json.dumps(UPDATE_TYPES_TEMPLATE))
    del detached["Resources"]["Producer"]["Properties"]["Roles"]
    assert changes_of(update_change_set(cfn, "detach", detached)) == {"Producer": "False"}
    cfn.execute_change_set(ChangeSetName="detach", StackName="types")
    assert wait_for_stack(cfn, "types")["StackStatus"] == "UPDATE_COMPLETE"
    assert iam.list_attached_role_policies(RoleName=role_name)["AttachedPolicies"] == []
    assert iam.get_policy(PolicyArn=arn)["Policy"]["PolicyId"] == before["Producer"]["PolicyId"]


def test_the_sandbox_says_when_it_replaces_what_aws_would_update_in_place(sandbox: Sandbox, cfn: Any) -> None:
    deploy(cfn, "types", UPDATE_TYPES_TEMPLATE)
    # moto cannot change a log group's retention in place; the change set still says what AWS does.
    assert changes_of(update_change_set(cfn, "retention", UPDATE_TYPES_TEMPLATE, Retention="14")) == {"Logs": "False"}
    cfn.execute_change_set(ChangeSetName="retention", StackName="types")
    assert wait_for_stack(cfn, "types")["StackStatus"] == "UPDATE_COMPLETE"
    done = [e for e in stack_events(cfn, "types") if e["LogicalResourceId"] == "Logs"][-1]
    assert (done["ResourceStatus"], done["ResourceStatusReason"]) == (
        "UPDATE_COMPLETE",
        "The sandbox cannot update AWS::Logs::LogGroup in place, so it replaced it; AWS updates it without replacement.")


def changes_of(described: dict[str, Any]) -> dict[str, str]:
    return {lid: change["Replacement"] for lid, change in by_id(described).items()}
