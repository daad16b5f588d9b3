"""Resource types moto lacked, implemented by the sandbox on real moto state (cfn_* extensions)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from conftest import LAMBDA_ROLE, Sandbox, deploy, outputs_of, stack_events, wait_for_stack


def delete_and_wait(cfn: Any, stack: dict[str, Any]) -> None:
    cfn.delete_stack(StackName=stack["StackName"])
    assert wait_for_stack(cfn, stack["StackId"])["StackStatus"] == "DELETE_COMPLETE"


def test_sns_subscription_delivers_with_filter_policy_and_raw_delivery(sandbox: Sandbox, cfn: Any) -> None:
    template = {
        "Resources": {
            "Topic": {"Type": "AWS::SNS::Topic"},
            "Queue": {"Type": "AWS::SQS::Queue"},
            "Subscription": {"Type": "AWS::SNS::Subscription", "Properties": {
                "TopicArn": {"Ref": "Topic"}, "Protocol": "sqs", "Endpoint": {"Fn::GetAtt": ["Queue", "Arn"]},
                "RawMessageDelivery": "true", "FilterPolicy": {"kind": ["order"]},
            }},
        },
        "Outputs": {"Sub": {"Value": {"Ref": "Subscription"}}, "SubArn": {"Value": {"Fn::GetAtt": ["Subscription", "Arn"]}},
                    "Topic": {"Value": {"Ref": "Topic"}}, "Queue": {"Value": {"Ref": "Queue"}}},
    }
    stack = deploy(cfn, "subs", template)
    out = outputs_of(stack)
    assert out["Sub"] == out["SubArn"] and out["Sub"].startswith(out["Topic"] + ":")
    sns, sqs = sandbox.client("sns"), sandbox.client("sqs")
    attributes = sns.get_subscription_attributes(SubscriptionArn=out["Sub"])["Attributes"]
    assert attributes["RawMessageDelivery"] == "true"
    assert json.loads(attributes["FilterPolicy"]) == {"kind": ["order"]}

    sns.publish(TopicArn=out["Topic"], Message="skipped", MessageAttributes={
        "kind": {"DataType": "String", "StringValue": "refund"}})
    sns.publish(TopicArn=out["Topic"], Message="delivered", MessageAttributes={
        "kind": {"DataType": "String", "StringValue": "order"}})
    messages = sqs.receive_message(QueueUrl=out["Queue"], MaxNumberOfMessages=10)["Messages"]
    assert [m["Body"] for m in messages] == ["delivered"]  # raw: no SNS envelope

    # Update in place: the filter changes, the subscription ARN stays.
    template["Resources"]["Subscription"]["Properties"]["FilterPolicy"] = {"kind": ["refund"]}
    cfn.update_stack(StackName="subs", TemplateBody=json.dumps(template))
    assert wait_for_stack(cfn, "subs")["StackStatus"] == "UPDATE_COMPLETE"
    attributes = sns.get_subscription_attributes(SubscriptionArn=out["Sub"])["Attributes"]
    assert json.loads(attributes["FilterPolicy"]) == {"kind": ["refund"]}

    delete_and_wait(cfn, stack)
    assert sns.list_subscriptions()["Subscriptions"] == []


def test_sqs_queue_policy_sets_and_removes_the_policy(sandbox: Sandbox, cfn: Any) -> None:
    document = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage",
        "Resource": "*"}]}
    sqs = sandbox.client("sqs")
    outside = sqs.create_queue(QueueName="outside")["QueueUrl"]
    template = {"Resources": {
        "Queue": {"Type": "AWS::SQS::Queue"},
        "Policy": {"Type": "AWS::SQS::QueuePolicy", "Properties": {
            "Queues": [{"Ref": "Queue"}, outside], "PolicyDocument": document}},
    }, "Outputs": {"Queue": {"Value": {"Ref": "Queue"}}, "Policy": {"Value": {"Ref": "Policy"}}}}
    stack = deploy(cfn, "qp", template)
    out = outputs_of(stack)
    assert out["Policy"]
    for url in (out["Queue"], outside):
        policy = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["Policy"])["Attributes"]["Policy"]
        assert json.loads(policy) == document
    delete_and_wait(cfn, stack)
    assert "Policy" not in sqs.get_queue_attributes(QueueUrl=outside, AttributeNames=["All"])["Attributes"]


def test_sns_topic_policy_sets_and_restores_the_default(sandbox: Sandbox, cfn: Any) -> None:
    sns = sandbox.client("sns")
    topic = sns.create_topic(Name="outside")["TopicArn"]
    default = json.loads(sns.get_topic_attributes(TopicArn=topic)["Attributes"]["Policy"])
    document = {"Version": "2012-10-17", "Statement": [{
        "Sid": "events", "Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"},
        "Action": "sns:Publish", "Resource": topic}]}
    stack = deploy(cfn, "tp", {"Resources": {"Policy": {"Type": "AWS::SNS::TopicPolicy", "Properties": {
        "Topics": [topic], "PolicyDocument": document}}}})
    assert json.loads(sns.get_topic_attributes(TopicArn=topic)["Attributes"]["Policy"]) == document
    delete_and_wait(cfn, stack)
    assert json.loads(sns.get_topic_attributes(TopicArn=topic)["Attributes"]["Policy"]) == default


def test_cloudwatch_alarm_is_put_updated_and_deleted(sandbox: Sandbox, cfn: Any) -> None:
    def template(threshold: int) -> dict[str, Any]:
        return {"Resources": {
            "Topic": {"Type": "AWS::SNS::Topic"},
            "Alarm": {"Type": "AWS::CloudWatch::Alarm", "Properties": {
                "AlarmDescription": "DLQ not empty", "Namespace": "AWS/SQS",
                "MetricName": "ApproximateNumberOfMessagesVisible",
                "Dimensions": [{"Name": "QueueName", "Value": "orders-dlq"}], "Statistic": "Maximum",
                "Period": 60, "EvaluationPeriods": 1, "Threshold": threshold,
                "ComparisonOperator": "GreaterThanThreshold", "TreatMissingData": "notBreaching",
                "AlarmActions": [{"Ref": "Topic"}]}},
            "MathAlarm": {"Type": "AWS::CloudWatch::Alarm", "Properties": {
                "AlarmName": "error-rate", "EvaluationPeriods": 1, "Threshold": 5,
                "ComparisonOperator": "GreaterThanThreshold",
                "Metrics": [
                    {"Id": "errors", "ReturnData": False, "MetricStat": {"Metric": {
                        "Namespace": "AWS/Lambda", "MetricName": "Errors"}, "Period": 60, "Stat": "Sum"}},
                    {"Id": "rate", "Expression": "errors * 100", "ReturnData": True}]}},
        }, "Outputs": {"Name": {"Value": {"Ref": "Alarm"}}, "Arn": {"Value": {"Fn::GetAtt": ["Alarm", "Arn"]}}}}

    stack = deploy(cfn, "alarms", template(0))
    assert stack["StackStatus"] == "CREATE_COMPLETE", stack_events(cfn, "alarms")
    out = outputs_of(stack)
    cloudwatch = sandbox.client("cloudwatch")
    alarms = {a["AlarmName"]: a for a in cloudwatch.describe_alarms()["MetricAlarms"]}
    assert set(alarms) == {out["Name"], "error-rate"}
    alarm = alarms[out["Name"]]
    assert alarm["AlarmArn"] == out["Arn"] and alarm["Threshold"] == 0.0
    assert alarm["AlarmActions"][0].startswith("arn:aws:sns:") and alarm["Dimensions"] == [
        {"Name": "QueueName", "Value": "orders-dlq"}]
    assert [m["Id"] for m in alarms["error-rate"]["Metrics"]] == ["errors", "rate"]

    cfn.update_stack(StackName="alarms", TemplateBody=json.dumps(template(3)))
    assert wait_for_stack(cfn, "alarms")["StackStatus"] == "UPDATE_COMPLETE"
    assert cloudwatch.describe_alarms(AlarmNames=[out["Name"]])["MetricAlarms"][0]["Threshold"] == 3.0
    delete_and_wait(cfn, stack)
    assert cloudwatch.describe_alarms()["MetricAlarms"] == []


def test_logs_query_definition(sandbox: Sandbox, cfn: Any) -> None:
    template = {"Resources": {
        "Group": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": "/slipway/orders"}},
        "Query": {"Type": "AWS::Logs::QueryDefinition", "Properties": {
            "Name": "orders/errors", "QueryString": "fields @timestamp, @message | filter level = 'ERROR'",
            "LogGroupNames": [{"Ref": "Group"}]}},
    }, "Outputs": {"Id": {"Value": {"Ref": "Query"}}, "AttrId": {"Value": {"Fn::GetAtt": ["Query", "QueryDefinitionId"]}}}}
    stack = deploy(cfn, "queries", template)
    out = outputs_of(stack)
    assert out["Id"] == out["AttrId"]
    definitions = sandbox.client("logs").describe_query_definitions()["queryDefinitions"]
    assert [(d["queryDefinitionId"], d["name"], d["logGroupNames"]) for d in definitions] == [
        (out["Id"], "orders/errors", ["/slipway/orders"])]
    delete_and_wait(cfn, stack)
    assert sandbox.client("logs").describe_query_definitions()["queryDefinitions"] == []


def test_events_connection_and_api_destination(sandbox: Sandbox, cfn: Any) -> None:
    template = {"Resources": {
        "Connection": {"Type": "AWS::Events::Connection", "Properties": {
            "Name": "partner", "AuthorizationType": "API_KEY",
            "AuthParameters": {"ApiKeyAuthParameters": {"ApiKeyName": "x-api-key", "ApiKeyValue": "secret"}}}},
        "Destination": {"Type": "AWS::Events::ApiDestination", "Properties": {
            "ConnectionArn": {"Fn::GetAtt": ["Connection", "Arn"]}, "HttpMethod": "POST",
            "InvocationEndpoint": "https://partner.example.test/hook", "InvocationRateLimitPerSecond": 10}},
    }, "Outputs": {
        "ConnectionName": {"Value": {"Ref": "Connection"}},
        "ConnectionArn": {"Value": {"Fn::GetAtt": ["Connection", "Arn"]}},
        "SecretArn": {"Value": {"Fn::GetAtt": ["Connection", "SecretArn"]}},
        "Destination": {"Value": {"Ref": "Destination"}},
        "DestinationArn": {"Value": {"Fn::GetAtt": ["Destination", "Arn"]}},
    }}
    stack = deploy(cfn, "conn", template)
    out = outputs_of(stack)
    events = sandbox.client("events")
    connection = events.describe_connection(Name="partner")
    assert out["ConnectionName"] == "partner" and connection["ConnectionArn"] == out["ConnectionArn"]
    assert connection["SecretArn"] == out["SecretArn"] and connection["AuthorizationType"] == "API_KEY"
    destination = events.describe_api_destination(Name=out["Destination"])
    assert destination["ApiDestinationArn"] == out["DestinationArn"]
    assert destination["ConnectionArn"] == out["ConnectionArn"] and destination["HttpMethod"] == "POST"
    delete_and_wait(cfn, stack)
    assert events.list_connections()["Connections"] == []
    assert events.list_api_destinations()["ApiDestinations"] == []


def test_api_destination_needs_an_existing_connection(cfn: Any) -> None:
    template = {"Resources": {"Destination": {"Type": "AWS::Events::ApiDestination", "Properties": {
        "ConnectionArn": "arn:aws:events:us-east-1:123456789012:connection/missing/0000", "HttpMethod": "GET",
        "InvocationEndpoint": "https://example.test"}}}}
    assert deploy(cfn, "nodest", template)["StackStatus"] == "ROLLBACK_COMPLETE"
    failed = next(e for e in stack_events(cfn, "nodest") if e["ResourceStatus"] == "CREATE_FAILED")
    assert "does not exist" in failed["ResourceStatusReason"]


def test_api_gateway_rest_api_with_a_separate_stage(sandbox: Sandbox, cfn: Any) -> None:
    template = {"Resources": {
        "Api": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Name": "orders"}},
        "Orders": {"Type": "AWS::ApiGateway::Resource", "Properties": {
            "RestApiId": {"Ref": "Api"}, "ParentId": {"Fn::GetAtt": ["Api", "RootResourceId"]}, "PathPart": "orders"}},
        "Get": {"Type": "AWS::ApiGateway::Method", "Properties": {
            "RestApiId": {"Ref": "Api"}, "ResourceId": {"Ref": "Orders"}, "HttpMethod": "GET",
            "AuthorizationType": "NONE", "RequestParameters": {"method.request.querystring.page": False},
            "Integration": {"Type": "HTTP_PROXY", "IntegrationHttpMethod": "GET",
                            "Uri": "https://backend.example.test/orders"}}},
        # A CORS preflight: MOCK integration with responses (moto's own model rejected it).
        "Options": {"Type": "AWS::ApiGateway::Method", "Properties": {
            "RestApiId": {"Ref": "Api"}, "ResourceId": {"Ref": "Orders"}, "HttpMethod": "OPTIONS",
            "AuthorizationType": "NONE",
            "MethodResponses": [{"StatusCode": "200", "ResponseParameters": {
                "method.response.header.Access-Control-Allow-Origin": True}}],
            "Integration": {"Type": "MOCK", "RequestTemplates": {"application/json": '{"statusCode": 200}'},
                            "IntegrationResponses": [{"StatusCode": "200", "ResponseParameters": {
                                "method.response.header.Access-Control-Allow-Origin": "'*'"}}]}}},
        "Deployment": {"Type": "AWS::ApiGateway::Deployment", "DependsOn": ["Get", "Options"],
                       "Properties": {"RestApiId": {"Ref": "Api"}}},
        "Stage": {"Type": "AWS::ApiGateway::Stage", "Properties": {
            "RestApiId": {"Ref": "Api"}, "DeploymentId": {"Ref": "Deployment"}, "StageName": "prod",
            "Description": "production", "Variables": {"tier": "gold"}, "TracingEnabled": True}},
    }, "Outputs": {"Api": {"Value": {"Ref": "Api"}}, "Stage": {"Value": {"Ref": "Stage"}}}}
    stack = deploy(cfn, "apigw", template)
    assert stack["StackStatus"] == "CREATE_COMPLETE", [e.get("ResourceStatusReason") for e in stack_events(cfn, "apigw") if e["ResourceStatus"] == "CREATE_FAILED"]
    out = outputs_of(stack)
    apigw = sandbox.client("apigateway")
    stage = apigw.get_stage(restApiId=out["Api"], stageName="prod")
    assert out["Stage"] == "prod" and stage["variables"] == {"tier": "gold"} and stage["description"] == "production"
    paths = {r["path"]: r for r in apigw.get_resources(restApiId=out["Api"])["items"]}
    assert set(paths["/orders"]["resourceMethods"]) == {"GET", "OPTIONS"}
    options = apigw.get_method(restApiId=out["Api"], resourceId=paths["/orders"]["id"], httpMethod="OPTIONS")
    assert options["methodIntegration"]["type"] == "MOCK"
    assert options["methodIntegration"]["integrationResponses"]["200"]["responseParameters"] == {
        "method.response.header.Access-Control-Allow-Origin": "'*'"}
    assert "200" in options["methodResponses"]
    get = apigw.get_method(restApiId=out["Api"], resourceId=paths["/orders"]["id"], httpMethod="GET")
    assert get["requestParameters"] == {"method.request.querystring.page": False}
    delete_and_wait(cfn, stack)
    with pytest.raises(ClientError):
        apigw.get_rest_api(restApiId=out["Api"])


def test_secrets_manager_secret_with_a_generated_value(sandbox: Sandbox, cfn: Any) -> None:
    template = {"Resources": {
        "Given": {"Type": "AWS::SecretsManager::Secret", "Properties": {
            "Name": "db/readonly", "SecretString": "{\"user\":\"ro\"}", "Description": "read-only user"}},
        "Generated": {"Type": "AWS::SecretsManager::Secret", "Properties": {
            "GenerateSecretString": {"SecretStringTemplate": "{\"username\":\"admin\"}",
                                     "GenerateStringKey": "password", "PasswordLength": 24,
                                     "ExcludeCharacters": "\"@/\\"}}},
    }, "Outputs": {"Given": {"Value": {"Ref": "Given"}}, "Generated": {"Value": {"Ref": "Generated"}}}}
    stack = deploy(cfn, "secrets", template)
    out = outputs_of(stack)
    secrets = sandbox.client("secretsmanager")
    assert out["Given"].startswith("arn:aws:secretsmanager:us-east-1:123456789012:secret:db/readonly-")
    given = secrets.get_secret_value(SecretId=out["Given"])
    assert given["SecretString"] == '{"user":"ro"}'
    generated = json.loads(secrets.get_secret_value(SecretId=out["Generated"])["SecretString"])
    assert generated["username"] == "admin" and len(generated["password"]) == 24
    assert not set(generated["password"]) & set("\"@/\\")
    delete_and_wait(cfn, stack)
    assert secrets.list_secrets()["SecretList"] == []


def test_secrets_manager_secret_updates_keep_or_change_the_value(sandbox: Sandbox, cfn: Any) -> None:
    # The portal updates a stack with UsePreviousValue for a NoEcho parameter: the same SecretString
    # again, with another property changed. That must update in place and keep the value.
    template = {"Parameters": {"Key": {"Type": "String", "NoEcho": True}, "Label": {"Type": "String"}},
                "Resources": {"Secret": {"Type": "AWS::SecretsManager::Secret", "Properties": {
                    "Description": {"Fn::Sub": "key for ${Label}"}, "SecretString": {"Ref": "Key"}}}},
                "Outputs": {"Arn": {"Value": {"Ref": "Secret"}}}}
    stack = deploy(cfn, "secret-updates", template, {"Key": "first-value", "Label": "a"})
    arn = outputs_of(stack)["Arn"]
    secrets = sandbox.client("secretsmanager")
    cfn.update_stack(StackName="secret-updates", TemplateBody=json.dumps(template), Parameters=[
        {"ParameterKey": "Key", "UsePreviousValue": True}, {"ParameterKey": "Label", "ParameterValue": "b"}])
    assert wait_for_stack(cfn, "secret-updates")["StackStatus"] == "UPDATE_COMPLETE", stack_events(cfn, "secret-updates")
    assert secrets.get_secret_value(SecretId=arn)["SecretString"] == "first-value"
    assert secrets.describe_secret(SecretId=arn)["Description"] == "key for b"
    versions_before = len(secrets.list_secret_version_ids(SecretId=arn)["Versions"])
    cfn.update_stack(StackName="secret-updates", TemplateBody=json.dumps(template), Parameters=[
        {"ParameterKey": "Key", "ParameterValue": "second-value"}, {"ParameterKey": "Label", "UsePreviousValue": True}])
    assert wait_for_stack(cfn, "secret-updates")["StackStatus"] == "UPDATE_COMPLETE", stack_events(cfn, "secret-updates")
    assert secrets.get_secret_value(SecretId=arn)["SecretString"] == "second-value"
    assert len(secrets.list_secret_version_ids(SecretId=arn)["Versions"]) == versions_before + 1
    delete_and_wait(cfn, stack)


def test_s3_bucket_policy(sandbox: Sandbox, cfn: Any) -> None:
    document = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::locked-bucket/*",
        "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}
    template = {"Resources": {
        "Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "locked-bucket"}},
        "Policy": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": {"Ref": "Bucket"},
                                                                   "PolicyDocument": document}},
    }}
    stack = deploy(cfn, "bucket-policy", template)
    s3 = sandbox.client("s3")
    assert json.loads(s3.get_bucket_policy(Bucket="locked-bucket")["Policy"]) == document
    delete_and_wait(cfn, stack)
    assert s3.list_buckets()["Buckets"] == []


def test_lambda_alias_and_layer_version(sandbox: Sandbox, cfn: Any) -> None:
    import io
    import zipfile

    from conftest import LAMBDA_ROLE

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("python/lib.py", "X = 1\n")
    s3 = sandbox.client("s3")
    s3.create_bucket(Bucket="layers")
    s3.put_object(Bucket="layers", Key="lib.zip", Body=buffer.getvalue())
    template = {"Resources": {
        "Role": LAMBDA_ROLE,
        "Layer": {"Type": "AWS::Lambda::LayerVersion", "Properties": {
            "LayerName": "shared-lib", "Content": {"S3Bucket": "layers", "S3Key": "lib.zip"},
            "CompatibleRuntimes": ["python3.12"]}},
        "Fn": {"Type": "AWS::Lambda::Function", "Properties": {
            "FunctionName": "aliased", "Runtime": "python3.12", "Handler": "index.handler",
            "Role": {"Fn::GetAtt": ["Role", "Arn"]}, "Layers": [{"Ref": "Layer"}],
            "Code": {"ZipFile": "def handler(e, c):\n    return e\n"}}},
        "V1": {"Type": "AWS::Lambda::Version", "Properties": {"FunctionName": {"Ref": "Fn"}}},
        "Live": {"Type": "AWS::Lambda::Alias", "Properties": {
            "FunctionName": {"Ref": "Fn"}, "FunctionVersion": {"Fn::GetAtt": ["V1", "Version"]}, "Name": "live"}},
    }, "Outputs": {"Alias": {"Value": {"Ref": "Live"}}, "Layer": {"Value": {"Ref": "Layer"}}}}
    stack = deploy(cfn, "alias", template)
    assert stack["StackStatus"] == "CREATE_COMPLETE", [
        e.get("ResourceStatusReason") for e in stack_events(cfn, "alias") if e["ResourceStatus"] == "CREATE_FAILED"]
    out = outputs_of(stack)
    lam = sandbox.client("lambda")
    alias = lam.get_alias(FunctionName="aliased", Name="live")
    assert alias["AliasArn"] == out["Alias"] and alias["FunctionVersion"] == "1"
    assert out["Layer"] == lam.list_layer_versions(LayerName="shared-lib")["LayerVersions"][0]["LayerVersionArn"]
    delete_and_wait(cfn, stack)
    assert lam.list_functions()["Functions"] == []
    assert lam.list_layer_versions(LayerName="shared-lib")["LayerVersions"] == []


def test_iam_role_managed_policy_arns_are_attached_updated_and_detached(sandbox: Sandbox, cfn: Any) -> None:
    document = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "lambda:GetFunction", "Resource": "*"}]}
    template: dict[str, Any] = {
        "Resources": {
            "Read": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": document}},
            "Other": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": document}},
            "Role": {"Type": "AWS::IAM::Role", "Properties": {
                "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
                    {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
                "ManagedPolicyArns": [{"Ref": "Read"}],
                "Tags": [{"Key": "project-name", "Value": "falcon"}],
            }},
        },
        "Outputs": {"Role": {"Value": {"Ref": "Role"}}, "Read": {"Value": {"Ref": "Read"}}, "Other": {"Value": {"Ref": "Other"}}},
    }
    stack = deploy(cfn, "role-policies", template)
    out = outputs_of(stack)
    iam = sandbox.client("iam")
    attached = lambda: [p["PolicyArn"] for p in iam.list_attached_role_policies(RoleName=out["Role"])["AttachedPolicies"]]  # noqa: E731
    assert attached() == [out["Read"]]

    template["Resources"]["Role"]["Properties"]["ManagedPolicyArns"] = [{"Ref": "Other"}]
    cfn.update_stack(StackName="role-policies", TemplateBody=json.dumps(template), Capabilities=["CAPABILITY_IAM"])
    assert wait_for_stack(cfn, "role-policies")["StackStatus"] == "UPDATE_COMPLETE"
    assert attached() == [out["Other"]]

    delete_and_wait(cfn, stack)
    with pytest.raises(ClientError):
        iam.get_role(RoleName=out["Role"])


def test_lambda_function_tags_are_set_on_create(sandbox: Sandbox, cfn: Any) -> None:
    def function(tags: list[dict[str, str]]) -> dict[str, Any]:
        return {"Type": "AWS::Lambda::Function", "Properties": {
            "Runtime": "python3.13", "Handler": "index.handler", "Role": {"Fn::GetAtt": ["Role", "Arn"]},
            "Code": {"ZipFile": "def handler(event, context):\n    return 1\n"}, "Tags": tags,
        }}

    template: dict[str, Any] = {
        "Resources": {"Role": LAMBDA_ROLE, "Fn": function([{"Key": "project-name", "Value": "falcon"}, {"Key": "organization", "Value": "birds"}])},
        "Outputs": {"Arn": {"Value": {"Fn::GetAtt": ["Fn", "Arn"]}}},
    }
    stack = deploy(cfn, "fn-tags", template)
    arn = outputs_of(stack)["Arn"]
    lam = sandbox.client("lambda")
    tags = lam.list_tags(Resource=arn)["Tags"]
    # The function's own tags, and the ones CloudFormation adds to every resource it tags (cfn_engine/tags.py).
    assert {k: v for k, v in tags.items() if not k.startswith("aws:")} == {"project-name": "falcon", "organization": "birds"}
    assert tags["aws:cloudformation:logical-id"] == "Fn" and tags["aws:cloudformation:stack-name"] == "fn-tags"
    delete_and_wait(cfn, stack)
