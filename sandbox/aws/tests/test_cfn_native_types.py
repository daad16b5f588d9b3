"""Resource types moto supports natively: verified end to end, create and delete.

This is the evidence behind the "works natively" rows of EXTENSIONS.md; where a row needed a fix,
the extension is named next to the check.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from typing import Any
from urllib.parse import unquote_plus

import pytest
from botocore.exceptions import ClientError

from conftest import LAMBDA_ROLE, Sandbox, deploy, outputs_of, stack_events, wait_for_stack

HANDLER = "def handler(event, context):\n    return event\n"


def zipped(source: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.py", source)
    return buffer.getvalue()


def serverless_template() -> dict[str, Any]:
    role_arn = {"Fn::GetAtt": ["Role", "Arn"]}
    return {
        "Resources": {
            "Role": LAMBDA_ROLE,
            "InlinePolicy": {"Type": "AWS::IAM::Policy", "Properties": {
                "PolicyName": "read-queue", "Roles": [{"Ref": "Role"}],
                "PolicyDocument": {"Version": "2012-10-17", "Statement": [
                    {"Effect": "Allow", "Action": "sqs:ReceiveMessage", "Resource": {"Fn::GetAtt": ["Queue", "Arn"]}}]}}},
            "Managed": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {
                "Roles": [{"Ref": "Role"}],
                "PolicyDocument": {"Version": "2012-10-17", "Statement": [
                    {"Effect": "Allow", "Action": "logs:*", "Resource": "*"}]}}},
            "Key": {"Type": "AWS::KMS::Key", "Properties": {"Description": "sandbox key", "KeyPolicy": {
                "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"},
                                                        "Action": "kms:*", "Resource": "*"}]}}},
            "Queue": {"Type": "AWS::SQS::Queue"},
            "Table": {"Type": "AWS::DynamoDB::Table", "Properties": {
                "BillingMode": "PAY_PER_REQUEST",
                "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
                "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]}},
            "Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": 7}},
            "Param": {"Type": "AWS::SSM::Parameter", "Properties": {"Type": "String", "Value": {"Ref": "Queue"},
                                                                    "Tags": {"team": "payments"}}},
            "Inline": {"Type": "AWS::Lambda::Function", "Properties": {
                "Runtime": "python3.12", "Handler": "index.handler", "Role": role_arn,
                "Code": {"ZipFile": HANDLER}}},
            "FromS3": {"Type": "AWS::Lambda::Function", "Properties": {
                "FunctionName": "from-s3", "Runtime": "python3.12", "Handler": "index.handler", "Role": role_arn,
                "Code": {"S3Bucket": "artifacts", "S3Key": "fn.zip"}}},
            "Mapping": {"Type": "AWS::Lambda::EventSourceMapping", "Properties": {
                "FunctionName": {"Ref": "FromS3"}, "EventSourceArn": {"Fn::GetAtt": ["Queue", "Arn"]},
                "BatchSize": 5}},
            "Version": {"Type": "AWS::Lambda::Version", "Properties": {"FunctionName": {"Ref": "FromS3"}}},
            "Bus": {"Type": "AWS::Events::EventBus", "Properties": {"Name": "orders"}},
            "Rule": {"Type": "AWS::Events::Rule", "Properties": {
                "EventBusName": {"Ref": "Bus"}, "EventPattern": {"source": ["shop.orders"]},
                "Targets": [{"Id": "queue", "Arn": {"Fn::GetAtt": ["Queue", "Arn"]}},
                            {"Id": "fn", "Arn": {"Fn::GetAtt": ["Inline", "Arn"]}}]}},
            "Permission": {"Type": "AWS::Lambda::Permission", "Properties": {
                "FunctionName": {"Ref": "Inline"}, "Action": "lambda:InvokeFunction",
                "Principal": "events.amazonaws.com", "SourceArn": {"Fn::GetAtt": ["Rule", "Arn"]}}},
            # Its own queue: the event source mapping above consumes everything sent to Queue.
            "UploadQueue": {"Type": "AWS::SQS::Queue"},
            "Uploads": {"Type": "AWS::S3::Bucket", "Properties": {"NotificationConfiguration": {
                "QueueConfigurations": [{"Event": "s3:ObjectCreated:*", "Queue": {"Fn::GetAtt": ["UploadQueue", "Arn"]},
                                         "Filter": {"S3Key": {"Rules": [{"Name": "prefix", "Value": "in/"}]}}}]}}},
        },
        "Outputs": {k: {"Value": {"Ref": k}} for k in (
            "Role", "Managed", "Key", "Queue", "Table", "Logs", "Param", "Inline", "FromS3", "Mapping", "Version",
            "Bus", "Rule", "Permission", "Uploads", "UploadQueue")},
    }


def test_serverless_building_blocks_are_created_and_deleted(sandbox: Sandbox, cfn: Any) -> None:
    s3 = sandbox.client("s3")
    s3.create_bucket(Bucket="artifacts")
    s3.put_object(Bucket="artifacts", Key="fn.zip", Body=zipped(HANDLER))
    stack = deploy(cfn, "natives", serverless_template())
    failures = [(e["LogicalResourceId"], e.get("ResourceStatusReason")) for e in stack_events(cfn, "natives")
                if e["ResourceStatus"].endswith("FAILED")]
    assert stack["StackStatus"] == "CREATE_COMPLETE", failures
    out = outputs_of(stack)

    iam, kms, sqs = sandbox.client("iam"), sandbox.client("kms"), sandbox.client("sqs")
    lam, events, ssm = sandbox.client("lambda"), sandbox.client("events"), sandbox.client("ssm")
    logs, ddb = sandbox.client("logs"), sandbox.client("dynamodb")
    assert iam.list_role_policies(RoleName=out["Role"])["PolicyNames"] == ["read-queue"]
    assert [p["PolicyArn"] for p in iam.list_attached_role_policies(RoleName=out["Role"])["AttachedPolicies"]] == [
        out["Managed"]]
    assert kms.describe_key(KeyId=out["Key"])["KeyMetadata"]["Description"] == "sandbox key"
    assert ddb.describe_table(TableName=out["Table"])["Table"]["TableStatus"] == "ACTIVE"
    assert logs.describe_log_groups(logGroupNamePrefix=out["Logs"])["logGroups"][0]["retentionInDays"] == 7
    # cfn_ssm_parameter: no Name (a generated one) and Tags as a map.
    assert out["Param"].startswith("CFN-Param-")
    assert ssm.get_parameter(Name=out["Param"])["Parameter"]["Value"] == out["Queue"]
    assert ssm.list_tags_for_resource(ResourceType="Parameter", ResourceId=out["Param"])["TagList"] == [
        {"Key": "team", "Value": "payments"}]
    assert lam.get_function(FunctionName=out["Inline"])["Configuration"]["Runtime"] == "python3.12"
    assert lam.get_function(FunctionName="from-s3")["Configuration"]["CodeSize"] > 0
    mapping = lam.get_event_source_mapping(UUID=out["Mapping"])
    assert mapping["BatchSize"] == 5 and mapping["EventSourceArn"].endswith(out["Queue"].rsplit("/", 1)[1])
    # cfn_resource_deletes: Ref of a Version is its ARN, of a Permission its statement id.
    assert out["Version"] == lam.list_versions_by_function(FunctionName="from-s3")["Versions"][-1]["FunctionArn"]
    statements = json.loads(lam.get_policy(FunctionName=out["Inline"])["Policy"])["Statement"]
    assert [s["Sid"] for s in statements] == [out["Permission"]]
    assert events.describe_event_bus(Name="orders")["Name"] == "orders"
    rule_name = out["Rule"].split("|")[-1] if "|" in out["Rule"] else out["Rule"]
    targets = events.list_targets_by_rule(Rule=rule_name, EventBusName="orders")["Targets"]
    assert {t["Id"] for t in targets} == {"queue", "fn"}
    notification = s3.get_bucket_notification_configuration(Bucket=out["Uploads"])
    assert notification["QueueConfigurations"][0]["QueueArn"].endswith(out["UploadQueue"].rsplit("/", 1)[1])

    # cfn_s3_bucket: the notification configuration is live, an upload notifies the queue.
    s3.put_object(Bucket=out["Uploads"], Key="in/a.csv", Body=b"1")
    s3.put_object(Bucket=out["Uploads"], Key="out/b.csv", Body=b"1")  # filtered out by the prefix rule
    received = sqs.receive_message(QueueUrl=out["UploadQueue"], MaxNumberOfMessages=10)["Messages"]
    bodies = [json.loads(m["Body"]) for m in received]
    # moto encodes the key with quote_plus ("in%2Fa.csv"; AWS leaves "/" alone): compare decoded.
    assert [unquote_plus(r["s3"]["object"]["key"]) for b in bodies for r in b.get("Records", [])] == ["in/a.csv"]
    s3.delete_object(Bucket=out["Uploads"], Key="in/a.csv")
    s3.delete_object(Bucket=out["Uploads"], Key="out/b.csv")

    cfn.delete_stack(StackName="natives")
    final = wait_for_stack(cfn, stack["StackId"])
    failures = [(e["LogicalResourceId"], e.get("ResourceStatusReason")) for e in stack_events(cfn, stack["StackId"])
                if e["ResourceStatus"].endswith("FAILED")]
    assert final["StackStatus"] == "DELETE_COMPLETE", failures
    assert iam.list_roles()["Roles"] == []
    assert [p for p in iam.list_policies(Scope="Local")["Policies"]] == []
    assert kms.describe_key(KeyId=out["Key"])["KeyMetadata"]["KeyState"] == "PendingDeletion"
    assert ddb.list_tables()["TableNames"] == []
    assert "QueueUrls" not in sqs.list_queues()
    assert logs.describe_log_groups()["logGroups"] == []
    assert ssm.describe_parameters()["Parameters"] == []
    assert lam.list_functions()["Functions"] == []
    assert lam.list_event_source_mappings()["EventSourceMappings"] == []
    assert [b["Name"] for b in events.list_event_buses()["EventBuses"]] == ["default"]
    assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == ["artifacts"]


def test_nested_stack_from_the_sandbox_s3_endpoint(sandbox: Sandbox, cfn: Any) -> None:
    """cfn_template_url + cfn_nested_stacks: TemplateURL on http://127.0.0.1:<port>/bucket/key."""
    child = {"Parameters": {"Visibility": {"Type": "Number"}},
             "Resources": {"Queue": {"Type": "AWS::SQS::Queue", "Properties": {"VisibilityTimeout": {"Ref": "Visibility"}}}},
             "Outputs": {"QueueUrl": {"Value": {"Ref": "Queue"}}}}
    s3 = sandbox.client("s3")
    s3.create_bucket(Bucket="templates")
    s3.put_object(Bucket="templates", Key="child.json", Body=json.dumps(child).encode())
    url = f"{sandbox.endpoint}/templates/child.json"

    def parent(visibility: int) -> str:
        # YAML short forms, as blueprints write them (cfn_getatt: "Child.Outputs.QueueUrl" splits once).
        return f"""
Resources:
  Child:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: {url}
      Parameters:
        Visibility: {visibility}
  Param:
    Type: AWS::SSM::Parameter
    Properties:
      Name: /parent/queue
      Type: String
      Value: !Sub "url=${{Child.Outputs.QueueUrl}}"
Outputs:
  ChildId:
    Value: !Ref Child
  QueueUrl:
    Value: !GetAtt Child.Outputs.QueueUrl
  SameUrl:
    Value: !GetAtt [Child, Outputs.QueueUrl]
"""

    stack = deploy(cfn, "parent", parent(30))
    assert stack["StackStatus"] == "CREATE_COMPLETE", stack_events(cfn, "parent")
    out = outputs_of(stack)
    child_stack = cfn.describe_stacks(StackName=out["ChildId"])["Stacks"][0]
    assert child_stack["StackStatus"] == "CREATE_COMPLETE" and child_stack["StackName"].startswith("parent-Child-")
    assert child_stack["ParentId"] == child_stack["RootId"] == stack["StackId"]
    assert outputs_of(child_stack)["QueueUrl"] == out["QueueUrl"] == out["SameUrl"]
    assert sandbox.client("ssm").get_parameter(Name="/parent/queue")["Parameter"]["Value"] == f"url={out['QueueUrl']}"
    sqs = sandbox.client("sqs")
    assert sqs.get_queue_attributes(QueueUrl=out["QueueUrl"], AttributeNames=["VisibilityTimeout"])[
        "Attributes"]["VisibilityTimeout"] == "30"

    # Updating the parent updates the child in place (same stack id, same queue).
    cfn.update_stack(StackName="parent", TemplateBody=parent(45))
    assert wait_for_stack(cfn, "parent")["StackStatus"] == "UPDATE_COMPLETE"
    assert cfn.describe_stacks(StackName=out["ChildId"])["Stacks"][0]["StackStatus"] == "UPDATE_COMPLETE"
    assert sqs.get_queue_attributes(QueueUrl=out["QueueUrl"], AttributeNames=["VisibilityTimeout"])[
        "Attributes"]["VisibilityTimeout"] == "45"

    cfn.delete_stack(StackName="parent")
    assert wait_for_stack(cfn, stack["StackId"])["StackStatus"] == "DELETE_COMPLETE"
    assert cfn.describe_stacks(StackName=out["ChildId"])["Stacks"][0]["StackStatus"] == "DELETE_COMPLETE"
    assert "QueueUrls" not in sqs.list_queues()


def test_failing_nested_stack_fails_and_rolls_back_the_parent(sandbox: Sandbox, cfn: Any) -> None:
    child = {"Resources": {
        "Queue": {"Type": "AWS::SQS::Queue"},
        "Broken": {"Type": "AWS::StepFunctions::StateMachine", "DependsOn": "Queue", "Properties": {
            "DefinitionString": "{", "RoleArn": "arn:aws:iam::123456789012:role/x"}}}}
    s3 = sandbox.client("s3")
    s3.create_bucket(Bucket="templates")
    s3.put_object(Bucket="templates", Key="bad.json", Body=json.dumps(child).encode())
    parent = {"Resources": {
        "Topic": {"Type": "AWS::SNS::Topic"},
        "Child": {"Type": "AWS::CloudFormation::Stack", "DependsOn": "Topic", "Properties": {
            "TemplateURL": "https://templates.s3.amazonaws.com/bad.json"}}}}
    assert deploy(cfn, "sad", parent)["StackStatus"] == "ROLLBACK_COMPLETE"
    failed = next(e for e in stack_events(cfn, "sad") if e["ResourceStatus"] == "CREATE_FAILED")
    assert failed["LogicalResourceId"] == "Child"
    assert failed["ResourceStatusReason"].startswith("Embedded stack arn:aws:cloudformation:")
    assert "was not successfully created: The following resource(s) failed to create: [Broken]." in failed[
        "ResourceStatusReason"]
    children = [s for s in cfn.list_stacks()["StackSummaries"] if s["StackName"].startswith("sad-Child-")]
    assert [c["StackStatus"] for c in children] == ["DELETE_COMPLETE"]
    assert sandbox.client("sns").list_topics()["Topics"] == []
    assert "QueueUrls" not in sandbox.client("sqs").list_queues()


def test_template_url_that_does_not_exist_is_a_validation_error(sandbox: Sandbox, cfn: Any) -> None:
    with pytest.raises(ClientError, match="S3 error"):
        cfn.create_stack(StackName="nourl", TemplateURL=f"{sandbox.endpoint}/nowhere/t.json")


def test_unnamed_fifo_queue_gets_a_generated_fifo_name_and_updates_apply(sandbox: Sandbox, cfn: Any) -> None:
    """cfn_sqs_queue: moto failed a FIFO queue without QueueName and ignored most updates."""
    def template(retention: int, kms: bool) -> dict[str, Any]:
        encryption = {"KmsMasterKeyId": "alias/aws/sqs"} if kms else {"SqsManagedSseEnabled": True}
        return {"Resources": {
            "Ordered": {"Type": "AWS::SQS::Queue", "Properties": {
                "FifoQueue": True, "ContentBasedDeduplication": True, "MessageRetentionPeriod": retention, **encryption}},
            "Plain": {"Type": "AWS::SQS::Queue"},
        }, "Outputs": {"Ordered": {"Value": {"Ref": "Ordered"}}, "Plain": {"Value": {"Ref": "Plain"}}}}

    name = "a-stack-name-long-enough-that-the-generated-queue-names-must-be-shortened"
    stack = deploy(cfn, name, template(600, kms=False))
    assert stack["StackStatus"] == "CREATE_COMPLETE", stack_events(cfn, name)[-3:]
    ordered, plain = outputs_of(stack)["Ordered"], outputs_of(stack)["Plain"]
    ordered_name, plain_name = ordered.rsplit("/", 1)[1], plain.rsplit("/", 1)[1]
    # <stack>-<logical id>-<random>[.fifo], the stack part shortened to fit SQS's 80 characters.
    assert re.fullmatch(r"a-stack-name-long[a-z-]*-Ordered-[A-Z0-9]{12}\.fifo", ordered_name), ordered_name
    assert re.fullmatch(r"a-stack-name-long[a-z-]*-Plain-[A-Z0-9]{12}", plain_name), plain_name
    assert len(ordered_name) == 80 and len(plain_name) == 80
    sqs = sandbox.client("sqs")
    attributes = sqs.get_queue_attributes(QueueUrl=ordered, AttributeNames=["All"])["Attributes"]
    assert (attributes["FifoQueue"], attributes["ContentBasedDeduplication"]) == ("true", "true")
    sqs.send_message(QueueUrl=ordered, MessageBody="first", MessageGroupId="g")

    cfn.update_stack(StackName=name, TemplateBody=json.dumps(template(1200, kms=True)))
    assert wait_for_stack(cfn, name)["StackStatus"] == "UPDATE_COMPLETE"
    attributes = sqs.get_queue_attributes(QueueUrl=ordered, AttributeNames=["All"])["Attributes"]
    assert attributes["MessageRetentionPeriod"] == "1200" and attributes["KmsMasterKeyId"] == "alias/aws/sqs"
    assert sqs.receive_message(QueueUrl=ordered)["Messages"][0]["Body"] == "first"  # same queue, updated in place

    cfn.delete_stack(StackName=name)
    assert wait_for_stack(cfn, stack["StackId"])["StackStatus"] == "DELETE_COMPLETE"
    assert "QueueUrls" not in sqs.list_queues()
