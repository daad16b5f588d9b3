"""EventBridge delivers to SNS, Lambda and Step Functions targets, shaped by Input, InputPath and
InputTransformer, and an unreachable target never fails PutEvents (events_target_delivery)."""

from __future__ import annotations

import io
import json
import re
import time
import zipfile
from datetime import datetime, timedelta, timezone
from typing import Any

from conftest import ACCOUNT, REGION, Sandbox

ISO_SECONDS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
ROLE_ARN = f"arn:aws:iam::{ACCOUNT}:role/events-test"


def queue(sandbox: Sandbox, name: str, **attributes: str) -> tuple[str, str]:
    sqs = sandbox.client("sqs")
    url = sqs.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    return url, arn


def receive(sandbox: Sandbox, url: str, expected: int = 1) -> list[dict[str, Any]]:
    messages = sandbox.client("sqs").receive_message(
        QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=0, MessageAttributeNames=["All"])
    found = messages.get("Messages", [])
    assert len(found) == expected, found
    return found


def rule_with_targets(sandbox: Sandbox, name: str, targets: list[dict[str, Any]], bus: str = "default") -> None:
    events = sandbox.client("events")
    events.put_rule(Name=name, EventBusName=bus, EventPattern=json.dumps({"source": ["orders"]}))
    events.put_targets(Rule=name, EventBusName=bus, Targets=targets)


def put_order_event(sandbox: Sandbox, detail: dict[str, Any] | None = None, bus: str = "default") -> str:
    answer = sandbox.client("events").put_events(Entries=[{
        "Source": "orders", "DetailType": "Order Placed", "EventBusName": bus,
        "Detail": json.dumps(detail if detail is not None else {"order-id": "o-1", "total": 42, "items": ["a", "b"]}),
        "Resources": ["arn:aws:orders:::order/o-1"],
    }])
    assert answer["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert answer["FailedEntryCount"] == 0
    return answer["Entries"][0]["EventId"]


def metric_sum(sandbox: Sandbox, rule: str, metric: str) -> float:
    now = datetime.now(tz=timezone.utc)
    points = sandbox.client("cloudwatch").get_metric_statistics(
        Namespace="AWS/Events", MetricName=metric, Dimensions=[{"Name": "RuleName", "Value": rule}],
        StartTime=now - timedelta(minutes=10), EndTime=now + timedelta(minutes=10), Period=60, Statistics=["Sum"],
    )["Datapoints"]
    return sum(p["Sum"] for p in points)


def test_sns_target_publishes_the_event_to_the_topics_subscribers(sandbox: Sandbox) -> None:
    sns = sandbox.client("sns")
    topic = sns.create_topic(Name="orders")["TopicArn"]
    url, arn = queue(sandbox, "orders-copy")
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn)
    rule_with_targets(sandbox, "to-topic", [{"Id": "topic", "Arn": topic}])

    event_id = put_order_event(sandbox)
    envelope = json.loads(receive(sandbox, url)[0]["Body"])
    assert envelope["Type"] == "Notification" and envelope["TopicArn"] == topic
    event = json.loads(envelope["Message"])
    assert list(event) == ["version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail"]
    assert event["id"] == event_id and event["account"] == ACCOUNT and event["region"] == REGION
    assert event["detail-type"] == "Order Placed" and event["resources"] == ["arn:aws:orders:::order/o-1"]
    assert event["detail"] == {"order-id": "o-1", "total": 42, "items": ["a", "b"]}
    assert ISO_SECONDS.match(event["time"])
    assert (metric_sum(sandbox, "to-topic", "TriggeredRules"), metric_sum(sandbox, "to-topic", "Invocations")) == (1, 1)

    # A disabled rule matches nothing, as in AWS (moto kept delivering).
    sandbox.client("events").disable_rule(Name="to-topic")
    put_order_event(sandbox)
    receive(sandbox, url, expected=0)


def test_step_functions_target_starts_an_execution_with_the_event_as_input(sandbox: Sandbox) -> None:
    sfn = sandbox.client("stepfunctions")
    definition = {"StartAt": "Pick", "States": {"Pick": {
        "Type": "Pass", "Parameters": {"order.$": "$.detail.order-id", "source.$": "$.source"}, "End": True}}}
    machine = sfn.create_state_machine(name="on-order", definition=json.dumps(definition),
                                       roleArn=ROLE_ARN)["stateMachineArn"]
    rule_with_targets(sandbox, "to-machine", [{"Id": "machine", "Arn": machine, "RoleArn": ROLE_ARN}])

    event_id = put_order_event(sandbox)
    executions = sfn.list_executions(stateMachineArn=machine)["executions"]
    assert len(executions) == 1
    # Executions started by a rule get a generated (UUID) name, never moto's ":None".
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", executions[0]["name"])
    deadline = time.monotonic() + 10
    while (execution := sfn.describe_execution(executionArn=executions[0]["executionArn"]))["status"] == "RUNNING":
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert execution["status"] == "SUCCEEDED"
    started_with = json.loads(execution["input"])
    assert started_with["id"] == event_id and started_with["detail"]["order-id"] == "o-1"
    assert json.loads(execution["output"]) == {"order": "o-1", "source": "orders"}


def test_lambda_target_is_invoked_asynchronously_through_the_lambda_backend(sandbox: Sandbox) -> None:
    iam, awslambda = sandbox.client("iam"), sandbox.client("lambda")
    role = iam.create_role(RoleName="fn", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.py", "def handler(event, context):\n    return event\n")
    function = awslambda.create_function(FunctionName="on-order", Runtime="python3.12", Role=role,
                                         Handler="index.handler", Code={"ZipFile": buffer.getvalue()})["FunctionArn"]
    # The function's OnSuccess destination receives AWS's invocation record for every async invoke.
    url, destination = queue(sandbox, "invocations")
    awslambda.put_function_event_invoke_config(
        FunctionName="on-order", DestinationConfig={"OnSuccess": {"Destination": destination}})
    rule_with_targets(sandbox, "to-function", [{"Id": "fn", "Arn": function, "InputPath": "$.detail"}])

    put_order_event(sandbox)
    record = json.loads(receive(sandbox, url)[0]["Body"])
    assert record["requestContext"]["functionArn"] == f"{function}:$LATEST"
    assert record["requestContext"]["condition"] == "Success"
    assert record["requestPayload"] == {"order-id": "o-1", "total": 42, "items": ["a", "b"]}
    # Without Docker, moto's Lambda echoes its payload: the response is the invoke path's real answer.
    assert record["responsePayload"] == record["requestPayload"]
    assert metric_sum(sandbox, "to-function", "Invocations") == 1
    assert metric_sum(sandbox, "to-function", "FailedInvocations") == 0


def test_input_input_path_and_input_transformer_shape_what_each_target_receives(sandbox: Sandbox) -> None:
    names = ["constant", "path", "json-template", "text-template", "quoted-template", "raw-topic"]
    urls = {}
    arns = {}
    for name in names:
        urls[name], arns[name] = queue(sandbox, name)
    sns = sandbox.client("sns")
    topic = sns.create_topic(Name="emails")["TopicArn"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arns["raw-topic"], Attributes={"RawMessageDelivery": "true"})
    paths = {"order": "$.detail.order-id", "total": "$.detail.total", "items": "$.detail.items", "none": "$.detail.missing"}
    rule_with_targets(sandbox, "shaped", [
        {"Id": "constant", "Arn": arns["constant"], "Input": '{"fixed": true}'},
        {"Id": "path", "Arn": arns["path"], "InputPath": "$.detail.items"},
        {"Id": "json", "Arn": arns["json-template"], "InputTransformer": {
            "InputPathsMap": paths,
            "InputTemplate": '{"order": <order>, "label": "order <order> of <total>", "total": <total>, '
                             '"items": <items>, "missing": <none>, "rule": "<aws.events.rule-name>"}'}},
        {"Id": "text", "Arn": arns["text-template"], "InputTransformer": {
            "InputPathsMap": paths, "InputTemplate": "Order <order> costs <total>"}},
        {"Id": "quoted", "Arn": arns["quoted-template"], "InputTransformer": {
            "InputPathsMap": paths, "InputTemplate": '"Order <order> costs <total>"'}},
        {"Id": "topic", "Arn": topic, "InputTransformer": {
            "InputPathsMap": paths, "InputTemplate": '"EC2-style e-mail for <order>"'}},
    ])

    put_order_event(sandbox)
    body = {name: receive(sandbox, urls[name])[0]["Body"] for name in names}
    assert json.loads(body["constant"]) == {"fixed": True}
    assert json.loads(body["path"]) == ["a", "b"]
    assert json.loads(body["json-template"]) == {
        "order": "o-1", "label": "order o-1 of 42", "total": 42, "items": ["a", "b"], "missing": None, "rule": "shaped"}
    assert body["text-template"] == "Order o-1 costs 42"
    assert body["quoted-template"] == '"Order o-1 costs 42"'  # the quotes are part of what AWS sends
    assert body["raw-topic"] == '"EC2-style e-mail for o-1"'


def test_unreachable_targets_never_fail_put_events_and_are_counted(sandbox: Sandbox) -> None:
    good_url, good = queue(sandbox, "still-delivered")
    dlq_url, dlq = queue(sandbox, "dead-letters")
    missing_topic = f"arn:aws:sns:{REGION}:{ACCOUNT}:no-such-topic"
    rule_with_targets(sandbox, "partly-broken", [
        {"Id": "topic", "Arn": missing_topic, "DeadLetterConfig": {"Arn": dlq}},
        {"Id": "fn", "Arn": f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:no-such-function"},
        {"Id": "machine", "Arn": f"arn:aws:states:{REGION}:{ACCOUNT}:stateMachine:no-such-machine"},
        {"Id": "queue", "Arn": good},
    ])

    event_id = put_order_event(sandbox)  # HTTP 200, FailedEntryCount 0 (checked inside)
    assert json.loads(receive(sandbox, good_url)[0]["Body"])["id"] == event_id
    dead = receive(sandbox, dlq_url)[0]
    assert json.loads(dead["Body"])["id"] == event_id
    attributes = {k: v["StringValue"] for k, v in dead["MessageAttributes"].items()}
    assert attributes["ERROR_CODE"] == "RESOURCE_NOT_FOUND"
    assert attributes["RULE_ARN"].endswith(":rule/partly-broken") and attributes["TARGET_ARN"] == missing_topic
    assert metric_sum(sandbox, "partly-broken", "Invocations") == 4
    assert metric_sum(sandbox, "partly-broken", "FailedInvocations") == 3
    assert metric_sum(sandbox, "partly-broken", "DeadLetterInvocations") == 1


def test_put_events_from_a_state_machine_task_reaches_an_sns_target(sandbox: Sandbox) -> None:
    """The EC2 enrichment blueprint's path: a task puts an event on a custom bus whose rule e-mails it."""
    events, sns, sfn = sandbox.client("events"), sandbox.client("sns"), sandbox.client("stepfunctions")
    events.create_event_bus(Name="app")
    topic = sns.create_topic(Name="operator")["TopicArn"]
    url, arn = queue(sandbox, "operator-inbox")
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn, Attributes={"RawMessageDelivery": "true"})
    events.put_rule(Name="enriched", EventBusName="app",
                    EventPattern=json.dumps({"source": ["custom.enriched"], "detail-type": ["Enriched"]}))
    events.put_targets(Rule="enriched", EventBusName="app", Targets=[{"Id": "topic", "Arn": topic, "InputTransformer": {
        "InputPathsMap": {"name": "$.detail.Message.name", "state": "$.detail.Message.state"},
        "InputTemplate": '"Instance <name> is now <state>."'}}])
    definition = {"StartAt": "Emit", "States": {"Emit": {
        "Type": "Task", "Resource": "arn:aws:states:::events:putEvents",
        "Parameters": {"Entries": [{"EventBusName": "app", "Source": "custom.enriched", "DetailType": "Enriched",
                                    "Detail": {"Message.$": "$"}}]},
        "End": True}}}
    machine = sfn.create_state_machine(name="enrich", definition=json.dumps(definition), roleArn=ROLE_ARN)
    started = sfn.start_execution(stateMachineArn=machine["stateMachineArn"], name="run-1",
                                  input=json.dumps({"name": "web-1", "state": "running"}))
    deadline = time.monotonic() + 10
    while (execution := sfn.describe_execution(executionArn=started["executionArn"]))["status"] == "RUNNING":
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert execution["status"] == "SUCCEEDED", execution.get("cause")
    assert json.loads(execution["output"])["FailedEntryCount"] == 0
    assert receive(sandbox, url)[0]["Body"] == '"Instance web-1 is now running."'
