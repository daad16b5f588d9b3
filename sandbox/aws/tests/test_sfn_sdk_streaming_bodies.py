"""aws-sdk:s3:getObject gives the state machine the object's body as text (sfn_sdk_streaming_bodies)."""

from __future__ import annotations

import json
import time
from typing import Any

from conftest import Sandbox

DEFINITION = {
    "StartAt": "Fetch",
    "States": {
        "Fetch": {
            "Type": "Task",
            "Resource": "arn:aws:states:::aws-sdk:s3:getObject",
            "Parameters": {"Bucket": "feeds", "Key.$": "$.key"},
            "ResultSelector": {"body.$": "$.Body", "size.$": "$.ContentLength"},
            "ResultPath": "$.feed",
            "Next": "Empty?",
        },
        "Empty?": {
            "Type": "Choice",
            "Choices": [{"Variable": "$.feed.size", "NumericEquals": 0, "Next": "Nothing to do"}],
            "Default": "Done",
        },
        "Nothing to do": {"Type": "Succeed"},
        "Done": {"Type": "Succeed"},
    },
}


def run(sfn: Any, machine: str, name: str, key: str) -> dict[str, Any]:
    arn = sfn.start_execution(stateMachineArn=machine, name=name, input=json.dumps({"key": key}))["executionArn"]
    deadline = time.monotonic() + 15
    while True:
        execution = sfn.describe_execution(executionArn=arn)
        if execution["status"] != "RUNNING":
            return execution
        assert time.monotonic() < deadline, f"{name} still running"
        time.sleep(0.05)


def entered(sfn: Any, arn: str) -> list[str]:
    events = sfn.get_execution_history(executionArn=arn)["events"]
    return [e["stateEnteredEventDetails"]["name"] for e in events if "stateEnteredEventDetails" in e]


def test_get_object_body_is_text_and_an_empty_object_has_size_zero(sandbox: Sandbox) -> None:
    s3 = sandbox.client("s3")
    s3.create_bucket(Bucket="feeds")
    s3.put_object(Bucket="feeds", Key="full.csv", Body=b"id,name\nE100,Ana Silva\n")
    s3.put_object(Bucket="feeds", Key="empty.csv", Body=b"")
    role = sandbox.client("iam").create_role(RoleName="sfn", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
    sfn = sandbox.client("stepfunctions")
    machine = sfn.create_state_machine(name="feeds", definition=json.dumps(DEFINITION), roleArn=role)["stateMachineArn"]

    full = run(sfn, machine, "full", "full.csv")
    assert full["status"] == "SUCCEEDED", full
    assert json.loads(full["output"])["feed"] == {"body": "id,name\nE100,Ana Silva\n", "size": 23}
    assert entered(sfn, full["executionArn"])[-1] == "Done"

    empty = run(sfn, machine, "empty", "empty.csv")
    assert empty["status"] == "SUCCEEDED", empty
    assert json.loads(empty["output"])["feed"] == {"body": "", "size": 0}
    assert entered(sfn, empty["executionArn"])[-1] == "Nothing to do"

    # A missing object is still the S3 error, not a runtime error.
    missing = run(sfn, machine, "missing", "nope.csv")
    assert missing["status"] == "FAILED"
    assert missing["error"].endswith("NoSuchKeyException")
