"""Executions write their events to CloudWatch Logs as AWS does (sfn_execution_logs)."""

from __future__ import annotations

import json
import time
from typing import Any

from conftest import ACCOUNT, REGION, Sandbox

DEFINITION = {
    "StartAt": "Greet",
    "States": {
        "Greet": {"Type": "Pass", "Result": {"hello": "world"}, "ResultPath": "$.greeting", "Next": "Check"},
        "Check": {
            "Type": "Choice",
            "Choices": [{"Variable": "$.fail", "BooleanEquals": True, "Next": "Boom"}],
            "Default": "Done",
        },
        "Boom": {"Type": "Fail", "Error": "Orders.Rejected", "Cause": "the order was rejected"},
        "Done": {"Type": "Succeed"},
    },
}


def machine(sandbox: Sandbox, name: str, logging: dict[str, Any] | None, kind: str = "EXPRESS") -> str:
    role = sandbox.client("iam").create_role(RoleName=f"{name}-role", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
    extra = {"loggingConfiguration": logging} if logging else {}
    return sandbox.client("stepfunctions").create_state_machine(
        name=name, definition=json.dumps(DEFINITION), roleArn=role, type=kind, **extra
    )["stateMachineArn"]


def logging_to(group: str, level: str = "ALL", include_data: bool = True) -> dict[str, Any]:
    arn = f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:{group}:*"
    return {"level": level, "includeExecutionData": include_data, "destinations": [{"cloudWatchLogsLogGroup": {"logGroupArn": arn}}]}


def records(sandbox: Sandbox, group: str, count: int) -> list[dict[str, Any]]:
    logs = sandbox.client("logs")
    deadline = time.monotonic() + 15
    while True:
        events = logs.filter_log_events(logGroupName=group)["events"]
        if len(events) >= count or time.monotonic() > deadline:
            return [json.loads(e["message"]) | {"_stream": e["logStreamName"]} for e in events]
        time.sleep(0.1)


def test_an_express_execution_logs_every_event_with_its_data(sandbox: Sandbox) -> None:
    sandbox.client("logs").create_log_group(logGroupName="/aws/vendedlogs/states/orders")
    arn = machine(sandbox, "orders", logging_to("/aws/vendedlogs/states/orders"))
    execution = sandbox.client("stepfunctions").start_execution(stateMachineArn=arn, name="run-1", input='{"fail": false}')

    # Started, entered and exited for Greet, Check and Done, succeeded: read them all, not a prefix.
    logged = records(sandbox, "/aws/vendedlogs/states/orders", 8)
    types = [r["type"] for r in logged]
    assert types[0] == "ExecutionStarted" and types[-1] == "ExecutionSucceeded", types
    assert "PassStateEntered" in types and "ChoiceStateExited" in types
    first = logged[0]
    assert first["execution_arn"] == execution["executionArn"]
    assert first["id"] == "1" and first["previous_event_id"] == "0"
    assert first["event_timestamp"].isdigit() and abs(int(first["event_timestamp"]) / 1000 - time.time()) < 60
    assert json.loads(first["details"]["input"]) == {"fail": False}
    assert json.loads(logged[-1]["details"]["output"])["greeting"] == {"hello": "world"}
    assert {r["_stream"] for r in logged} == {first["_stream"]}
    assert first["_stream"].startswith("states/orders/") and first["_stream"].endswith("/run-1")


def test_error_level_logs_only_failures_and_leaves_data_out_when_asked(sandbox: Sandbox) -> None:
    sandbox.client("logs").create_log_group(logGroupName="errors")
    arn = machine(sandbox, "strict", logging_to("errors", level="ERROR", include_data=False))
    sfn = sandbox.client("stepfunctions")
    sfn.start_execution(stateMachineArn=arn, name="ok", input='{"fail": false}')
    sfn.start_execution(stateMachineArn=arn, name="bad", input='{"fail": true}')

    logged = records(sandbox, "errors", 2)
    time.sleep(0.5)  # nothing more may arrive for the run that succeeded
    logged = records(sandbox, "errors", 2)
    assert sorted(r["type"] for r in logged) == ["ExecutionFailed", "FailStateEntered"]
    assert all(r["execution_arn"].endswith(":bad") for r in logged)
    failed = next(r for r in logged if r["type"] == "ExecutionFailed")
    assert failed["details"]["error"] == "Orders.Rejected"
    assert "input" not in json.dumps(next(r for r in logged if r["type"] == "FailStateEntered")["details"])


def test_no_logging_or_no_log_group_writes_nothing(sandbox: Sandbox) -> None:
    sfn = sandbox.client("stepfunctions")
    quiet = machine(sandbox, "quiet", None)
    missing = machine(sandbox, "nowhere", logging_to("does-not-exist"))
    for arn in (quiet, missing):
        run = sfn.start_execution(stateMachineArn=arn, name="r", input="{}")["executionArn"]
        deadline = time.monotonic() + 10
        while sfn.describe_execution(executionArn=run)["status"] == "RUNNING" and time.monotonic() < deadline:
            time.sleep(0.05)
        assert sfn.describe_execution(executionArn=run)["status"] == "SUCCEEDED"
    assert sandbox.client("logs").describe_log_groups()["logGroups"] == []
