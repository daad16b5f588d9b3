"""Kafka event source mappings (lambda_kafka_event_sources): self-managed and MSK, with AWS's rules."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from botocore.exceptions import ClientError

from conftest import LAMBDA_ROLE, Sandbox, deploy, outputs_of

MSK = "arn:aws:kafka:us-east-1:123456789012:cluster/orders/5e8f3c1a-1b2c-4d5e-9f00-0a1b2c3d4e5f-3"


def function(sandbox: Sandbox) -> str:
    role = sandbox.client("iam").create_role(RoleName="consumer", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
    code = io.BytesIO()
    with zipfile.ZipFile(code, "w") as archive:
        archive.writestr("index.js", "exports.handler = async () => ({});")
    return sandbox.client("lambda").create_function(
        FunctionName="consumer", Runtime="nodejs20.x", Role=role, Handler="index.handler", Code={"ZipFile": code.getvalue()}
    )["FunctionArn"]


def test_self_managed_and_msk_mappings_are_created_listed_and_deleted(sandbox: Sandbox) -> None:
    arn = function(sandbox)
    aws = sandbox.client("lambda")
    self_managed = aws.create_event_source_mapping(
        FunctionName="consumer",
        SelfManagedEventSource={"Endpoints": {"KAFKA_BOOTSTRAP_SERVERS": ["127.0.0.1:9092"]}},
        Topics=["orders"],
        StartingPosition="TRIM_HORIZON",
        SelfManagedKafkaEventSourceConfig={"ConsumerGroupId": "orders-replay"},
    )
    assert self_managed["FunctionArn"] == arn
    assert self_managed["Topics"] == ["orders"] and self_managed["BatchSize"] == 100
    assert self_managed["SelfManagedKafkaEventSourceConfig"] == {"ConsumerGroupId": "orders-replay"}
    assert "EventSourceArn" not in self_managed
    msk = aws.create_event_source_mapping(
        FunctionName=arn, EventSourceArn=MSK, Topics=["payments"], StartingPosition="LATEST", BatchSize=500,
        AmazonManagedKafkaEventSourceConfig={"ConsumerGroupId": "payments-lambda"},
    )
    assert msk["EventSourceArn"] == MSK and msk["BatchSize"] == 500 and msk["StartingPosition"] == "LATEST"

    listed = {m["UUID"]: m for m in aws.list_event_source_mappings(FunctionName="consumer")["EventSourceMappings"]}
    assert set(listed) == {self_managed["UUID"], msk["UUID"]}
    assert aws.get_event_source_mapping(UUID=msk["UUID"])["AmazonManagedKafkaEventSourceConfig"] == {"ConsumerGroupId": "payments-lambda"}
    aws.delete_event_source_mapping(UUID=self_managed["UUID"])
    assert [m["UUID"] for m in aws.list_event_source_mappings()["EventSourceMappings"]] == [msk["UUID"]]


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"SelfManagedEventSource": {"Endpoints": {}}, "Topics": ["t"], "StartingPosition": "LATEST"}, "KAFKA_BOOTSTRAP_SERVERS"),
        ({"EventSourceArn": MSK, "Topics": ["a", "b"], "StartingPosition": "LATEST"}, "exactly one topic"),
        ({"EventSourceArn": MSK, "Topics": ["a"]}, "StartingPosition"),
        ({"EventSourceArn": MSK, "Topics": ["a"], "StartingPosition": "LATEST", "BatchSize": 20000}, "BatchSize 20000"),
    ],
)
def test_a_mapping_that_breaks_a_rule_is_refused_with_the_rule(sandbox: Sandbox, spec: dict[str, Any], message: str) -> None:
    function(sandbox)
    with pytest.raises(ClientError) as refused:
        sandbox.client("lambda").create_event_source_mapping(FunctionName="consumer", **spec)
    assert refused.value.response["Error"]["Code"] == "InvalidParameterValueException"
    assert message in refused.value.response["Error"]["Message"]


def test_a_self_managed_mapping_in_a_template_reads_cloudformations_name_for_the_brokers(sandbox: Sandbox) -> None:
    template = {
        "Resources": {
            "Role": LAMBDA_ROLE,
            "Consumer": {
                "Type": "AWS::Lambda::Function",
                "Properties": {"Runtime": "nodejs22.x", "Handler": "index.handler", "Role": {"Fn::GetAtt": ["Role", "Arn"]},
                               "Code": {"ZipFile": "exports.handler = async () => ({});"}},
            },
            "Mapping": {
                "Type": "AWS::Lambda::EventSourceMapping",
                "Properties": {
                    "FunctionName": {"Ref": "Consumer"},
                    "SelfManagedEventSource": {"Endpoints": {"KafkaBootstrapServers": ["127.0.0.1:9092"]}},
                    "SelfManagedKafkaEventSourceConfig": {"ConsumerGroupId": "orders-replay"},
                    "Topics": ["orders"],
                    "StartingPosition": "TRIM_HORIZON",
                },
            },
        },
        "Outputs": {"MappingId": {"Value": {"Ref": "Mapping"}}},
    }
    stack = deploy(sandbox.client("cloudformation"), "kafka-mapping", template)
    assert stack["StackStatus"] == "CREATE_COMPLETE", stack.get("StackStatusReason")
    mapping = sandbox.client("lambda").get_event_source_mapping(UUID=outputs_of(stack)["MappingId"])
    assert mapping["SelfManagedEventSource"] == {"Endpoints": {"KAFKA_BOOTSTRAP_SERVERS": ["127.0.0.1:9092"]}}
    assert mapping["SelfManagedKafkaEventSourceConfig"] == {"ConsumerGroupId": "orders-replay"}
    assert "EventSourceArn" not in mapping
