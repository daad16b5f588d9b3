"""SAM templates are expanded as CloudFormation does (cfn_sam_transform), with aws-sam-translator."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
import yaml
from botocore.exceptions import ClientError
from moto.cloudformation.models import Stack

from conftest import ACCOUNT, REGION, Sandbox, deploy, outputs_of, wait_for_stack
from slipway_sandbox.extensions.cfn_sam_transform import expand

REPO = Path(__file__).resolve().parents[3]
IMAGE_MODERATION = REPO / "blueprints" / "image-moderation-least-privilege" / "template.yaml"

SAM_APP = {
    "Transform": "AWS::Serverless-2016-10-31",
    "Parameters": {"Memory": {"Type": "Number", "Default": 256}},
    "Globals": {"Function": {"Runtime": "python3.12", "MemorySize": {"Ref": "Memory"}, "Timeout": 10}},
    "Resources": {
        "Orders": {"Type": "AWS::DynamoDB::Table", "Properties": {
            "BillingMode": "PAY_PER_REQUEST",
            "AttributeDefinitions": [{"AttributeName": "Id", "AttributeType": "S"}],
            "KeySchema": [{"AttributeName": "Id", "KeyType": "HASH"}]}},
        "Inbox": {"Type": "AWS::SQS::Queue"},
        "CreateOrder": {"Type": "AWS::Serverless::Function", "Properties": {
            "Handler": "index.handler",
            "InlineCode": "def handler(event, context):\n    return {'ok': True}\n",
            "Events": {"FromInbox": {"Type": "SQS", "Properties": {"Queue": {"Fn::GetAtt": ["Inbox", "Arn"]},
                                                                  "BatchSize": 5}}}}},
        # The post's example: a function that writes orders, with no policy written by hand.
        "LambdaDynamoDbWriteConnector": {"Type": "AWS::Serverless::Connector", "Properties": {
            "Source": {"Id": "CreateOrder"}, "Destination": {"Id": "Orders"}, "Permissions": ["Write"]}},
    },
    "Outputs": {"FunctionName": {"Value": {"Ref": "CreateOrder"}},
                "RoleName": {"Value": {"Ref": "CreateOrderRole"}}},
}

# The statements SAM's connector reference lists for these profiles (Source -> Destination, permission).
DOCUMENTED_ACTIONS = {
    ("Lambda", "DynamoDB", "Write"): {"dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                                      "dynamodb:BatchWriteItem", "dynamodb:PartiQLDelete",
                                      "dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate"},
    ("StepFunctions", "S3", "Read"): {"s3:GetObject", "s3:GetObjectAcl", "s3:GetObjectLegalHold",
                                      "s3:GetObjectRetention", "s3:GetObjectTorrent", "s3:GetObjectVersion",
                                      "s3:GetObjectVersionAcl", "s3:GetObjectVersionForReplication",
                                      "s3:GetObjectVersionTorrent", "s3:ListBucket",
                                      "s3:ListBucketMultipartUploads", "s3:ListBucketVersions",
                                      "s3:ListMultipartUploadParts"},
    ("StepFunctions", "DynamoDB", "Write"): {"dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                                             "dynamodb:BatchWriteItem", "dynamodb:PartiQLDelete",
                                             "dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate"},
    ("StepFunctions", "SNS", "Write"): {"sns:Publish"},
}


def _resource_types(cfn: Any, stack: str) -> dict[str, str]:
    resources = cfn.list_stack_resources(StackName=stack)["StackResourceSummaries"]
    return {r["LogicalResourceId"]: r["ResourceType"] for r in resources}


def _attached_documents(iam: Any, role_name: str) -> dict[str, dict[str, Any]]:
    """The role's attached managed policies' documents, by policy name."""
    documents = {}
    for attached in iam.list_attached_role_policies(RoleName=role_name)["AttachedPolicies"]:
        policy = iam.get_policy(PolicyArn=attached["PolicyArn"])["Policy"]
        version = iam.get_policy_version(PolicyArn=attached["PolicyArn"], VersionId=policy["DefaultVersionId"])
        document = version["PolicyVersion"]["Document"]
        documents[attached["PolicyName"]] = json.loads(unquote(document)) if isinstance(document, str) else document
    return documents


def _body(answer: dict[str, Any]) -> dict[str, Any]:
    """GetTemplate's TemplateBody: botocore already decodes a JSON body into a dict."""
    body = answer["TemplateBody"]
    return json.loads(json.dumps(body)) if isinstance(body, dict) else json.loads(body)


def _actions(document: dict[str, Any]) -> set[str]:
    actions: set[str] = set()
    for statement in document["Statement"]:
        value = statement["Action"]
        actions.update([value] if isinstance(value, str) else value)
    return actions


def test_create_without_auto_expand_is_refused_as_aws_does(cfn: Any) -> None:
    with pytest.raises(ClientError) as raised:
        cfn.create_stack(StackName="sam", TemplateBody=json.dumps(SAM_APP), Capabilities=["CAPABILITY_IAM"])
    assert raised.value.response["Error"]["Code"] == "InsufficientCapabilitiesException"
    assert "CAPABILITY_AUTO_EXPAND" in raised.value.response["Error"]["Message"]


def test_create_runs_the_expanded_resources_with_globals_events_and_connector_policy(sandbox: Sandbox, cfn: Any) -> None:
    stack = deploy(cfn, "sam", SAM_APP)
    assert stack["StackStatus"] == "CREATE_COMPLETE", stack.get("StackStatusReason")
    types = _resource_types(cfn, "sam")
    assert types["CreateOrder"] == "AWS::Lambda::Function"
    assert types["CreateOrderRole"] == "AWS::IAM::Role"
    assert types["CreateOrderFromInbox"] == "AWS::Lambda::EventSourceMapping"
    assert types["LambdaDynamoDbWriteConnectorPolicy"] == "AWS::IAM::ManagedPolicy"
    assert not [t for t in types.values() if t.startswith("AWS::Serverless::")]

    outputs = outputs_of(stack)
    function = sandbox.client("lambda").get_function(FunctionName=outputs["FunctionName"])["Configuration"]
    # Globals reach the function: runtime, memory (through the parameter) and timeout.
    assert (function["Runtime"], function["MemorySize"], function["Timeout"]) == ("python3.12", 256, 10)
    mappings = sandbox.client("lambda").list_event_source_mappings(FunctionName=outputs["FunctionName"])
    assert [m["BatchSize"] for m in mappings["EventSourceMappings"]] == [5]

    documents = _attached_documents(sandbox.client("iam"), outputs["RoleName"])
    connector = next(doc for name, doc in documents.items() if "LambdaDynamoDbWriteConnectorPolicy" in name)
    assert _actions(connector) == DOCUMENTED_ACTIONS[("Lambda", "DynamoDB", "Write")]
    table_arn = f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{cfn.describe_stack_resource(StackName='sam', LogicalResourceId='Orders')['StackResourceDetail']['PhysicalResourceId']}"
    assert connector["Statement"][0]["Resource"] == [table_arn, f"{table_arn}/index/*"]


def test_get_template_answers_original_and_processed_stages(cfn: Any) -> None:
    deploy(cfn, "sam", SAM_APP)
    original = cfn.get_template(StackName="sam")
    assert original["StagesAvailable"] == ["Original", "Processed"]
    assert _body(original)["Transform"] == "AWS::Serverless-2016-10-31"
    assert _body(cfn.get_template(StackName="sam", TemplateStage="Original")) == SAM_APP
    processed = _body(cfn.get_template(StackName="sam", TemplateStage="Processed"))
    assert "Transform" not in processed
    assert processed["Resources"]["CreateOrder"]["Type"] == "AWS::Lambda::Function"
    # An update with the previous template runs the processed one and keeps the original.
    cfn.update_stack(StackName="sam", UsePreviousTemplate=True, Capabilities=["CAPABILITY_IAM"],
                     Parameters=[{"ParameterKey": "Memory", "ParameterValue": "384"}])
    assert wait_for_stack(cfn, "sam")["StackStatus"] == "UPDATE_COMPLETE"
    assert _body(cfn.get_template(StackName="sam"))["Transform"] == "AWS::Serverless-2016-10-31"


def test_change_set_lists_the_expanded_resources_and_update_applies_globals(sandbox: Sandbox, cfn: Any) -> None:
    created = cfn.create_change_set(StackName="sam", ChangeSetName="first", ChangeSetType="CREATE",
                                    TemplateBody=json.dumps(SAM_APP))
    described = cfn.describe_change_set(ChangeSetName=created["Id"])
    added = {c["ResourceChange"]["LogicalResourceId"]: c["ResourceChange"]["ResourceType"] for c in described["Changes"]}
    assert added == {
        "Orders": "AWS::DynamoDB::Table", "Inbox": "AWS::SQS::Queue", "CreateOrder": "AWS::Lambda::Function",
        "CreateOrderRole": "AWS::IAM::Role", "CreateOrderFromInbox": "AWS::Lambda::EventSourceMapping",
        "LambdaDynamoDbWriteConnectorPolicy": "AWS::IAM::ManagedPolicy",
    }
    processed = _body(cfn.get_template(ChangeSetName=created["Id"], TemplateStage="Processed"))
    assert "CreateOrderRole" in processed["Resources"]
    cfn.execute_change_set(ChangeSetName=created["Id"])
    assert wait_for_stack(cfn, "sam")["StackStatus"] == "CREATE_COMPLETE"
    assert _body(cfn.get_template(StackName="sam"))["Transform"] == "AWS::Serverless-2016-10-31"

    update = cfn.create_change_set(StackName="sam", ChangeSetName="more-memory", ChangeSetType="UPDATE",
                                   TemplateBody=json.dumps(SAM_APP),
                                   Parameters=[{"ParameterKey": "Memory", "ParameterValue": "512"}])
    changes = cfn.describe_change_set(ChangeSetName=update["Id"])["Changes"]
    assert [(c["ResourceChange"]["LogicalResourceId"], c["ResourceChange"]["Action"]) for c in changes] == [
        ("CreateOrder", "Modify")]

    cfn.update_stack(StackName="sam", TemplateBody=json.dumps(SAM_APP),
                     Parameters=[{"ParameterKey": "Memory", "ParameterValue": "512"}],
                     Capabilities=["CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND"])
    stack = wait_for_stack(cfn, "sam")
    assert stack["StackStatus"] == "UPDATE_COMPLETE", stack.get("StackStatusReason")
    function = sandbox.client("lambda").get_function(FunctionName=outputs_of(stack)["FunctionName"])
    assert function["Configuration"]["MemorySize"] == 512


def test_validate_template_declares_the_transform_and_reports_translator_errors(cfn: Any) -> None:
    validated = cfn.validate_template(TemplateBody=json.dumps(SAM_APP))
    assert validated["DeclaredTransforms"] == ["AWS::Serverless-2016-10-31"]
    assert validated["Capabilities"] == ["CAPABILITY_AUTO_EXPAND"]
    broken = json.loads(json.dumps(SAM_APP))
    broken["Resources"]["LambdaDynamoDbWriteConnector"]["Properties"]["Destination"] = {"Id": "Missing"}
    with pytest.raises(ClientError) as raised:
        cfn.validate_template(TemplateBody=json.dumps(broken))
    assert "Transform AWS::Serverless-2016-10-31 failed" in raised.value.response["Error"]["Message"]


def test_serverless_application_with_a_template_on_s3_becomes_a_nested_stack(sandbox: Sandbox, cfn: Any) -> None:
    child = {
        "Transform": "AWS::Serverless-2016-10-31",
        "Parameters": {"Greeting": {"Type": "String"}},
        "Resources": {"Hello": {"Type": "AWS::Serverless::Function", "Properties": {
            "Runtime": "python3.12", "Handler": "index.handler",
            "InlineCode": "def handler(event, context):\n    return 1\n",
            "Environment": {"Variables": {"GREETING": {"Ref": "Greeting"}}}}}},
        "Outputs": {"HelloName": {"Value": {"Ref": "Hello"}}},
    }
    s3 = sandbox.client("s3")
    s3.create_bucket(Bucket="artefacts")
    s3.put_object(Bucket="artefacts", Key="child.yaml", Body=yaml.safe_dump(child).encode())
    parent = {
        "Transform": "AWS::Serverless-2016-10-31",
        "Resources": {"Greeter": {"Type": "AWS::Serverless::Application", "Properties": {
            "Location": f"{sandbox.endpoint}/artefacts/child.yaml", "Parameters": {"Greeting": "hi"}}}},
        "Outputs": {"HelloName": {"Value": {"Fn::GetAtt": ["Greeter", "Outputs.HelloName"]}}},
    }
    stack = deploy(cfn, "parent", parent)
    assert stack["StackStatus"] == "CREATE_COMPLETE", stack.get("StackStatusReason")
    assert _resource_types(cfn, "parent") == {"Greeter": "AWS::CloudFormation::Stack"}
    function = sandbox.client("lambda").get_function(FunctionName=outputs_of(stack)["HelloName"])
    assert function["Configuration"]["Environment"]["Variables"] == {"GREETING": "hi"}
    cfn.delete_stack(StackName="parent")
    assert wait_for_stack(cfn, stack["StackId"])["StackStatus"] == "DELETE_COMPLETE"


def test_image_moderation_connectors_get_the_policies_the_translator_generates(sandbox: Sandbox, cfn: Any) -> None:
    source = IMAGE_MODERATION.read_text()
    stack = deploy(cfn, "moderation", source, {"ModeratorEmail": "moderators@example.com"})
    assert stack["StackStatus"] == "CREATE_COMPLETE", stack.get("StackStatusReason")
    role_name = outputs_of(stack)["StateMachineRoleArn"].rsplit("/", 1)[-1]
    deployed = _attached_documents(sandbox.client("iam"), role_name)

    expected = expand(Stack.parse_template(source), {"ModeratorEmail": "moderators@example.com"}, ACCOUNT, REGION)
    physical = {r["LogicalResourceId"]: r["PhysicalResourceId"]
                for r in cfn.list_stack_resources(StackName="moderation")["StackResourceSummaries"]}
    arns = {
        "IngestionBucket": f"arn:aws:s3:::{physical['IngestionBucket']}",
        "CatalogTable": f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{physical['CatalogTable']}",
        "ModeratorTopic": physical["ModeratorTopic"],
    }
    profiles = {"IngestionBucket": ("S3", "Read"), "CatalogTable": ("DynamoDB", "Write"),
                "ModeratorTopic": ("SNS", "Write")}
    connector_policies = {logical: body for logical, body in expected["Resources"].items()
                          if "aws:sam:connectors" in (body.get("Metadata") or {})}
    assert len(connector_policies) == 3
    for logical, body in connector_policies.items():
        destination = next(d for d in profiles if f"To{d}Connector" in logical)
        # The deployed policy is the translator's, with its intrinsics resolved.
        deployed_document = next(doc for name, doc in deployed.items() if logical in name)
        generated = body["Properties"]["PolicyDocument"]
        assert _actions(deployed_document) == _actions(generated)
        assert _actions(deployed_document) == DOCUMENTED_ACTIONS[("StepFunctions", *profiles[destination])]
        resources = deployed_document["Statement"][0]["Resource"]
        resources = [resources] if isinstance(resources, str) else resources
        assert resources[0] == arns[destination]
    cfn.delete_stack(StackName="moderation")
    assert wait_for_stack(cfn, stack["StackId"])["StackStatus"] == "DELETE_COMPLETE"
