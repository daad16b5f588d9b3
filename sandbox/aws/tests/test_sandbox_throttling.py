"""The ``throttle`` setting: the next N calls of an operation fail as AWS's throttled calls do."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from conftest import Sandbox

# botocore's "max_attempts" counts retries; "total_max_attempts" counts every attempt.
NO_RETRIES = Config(retries={"total_max_attempts": 1, "mode": "standard"})


def _error(call: Any) -> ClientError:
    with pytest.raises(ClientError) as raised:
        call()
    return raised.value


def test_throttled_calls_fail_then_the_operation_works_again(sandbox: Sandbox) -> None:
    cfn = sandbox.client("cloudformation", config=NO_RETRIES)
    sandbox.settings(throttle={"cloudformation:ListStacks": 2})
    for _ in range(2):
        error = _error(cfn.list_stacks)
        assert error.response["Error"]["Code"] == "Throttling"
        assert error.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert "StackSummaries" in cfn.list_stacks()
    assert sandbox.get("/moto-api/config")["slipway"]["throttle"] == {"cloudformation:ListStacks": 0}


def test_a_throttled_call_changes_nothing(sandbox: Sandbox) -> None:
    sqs = sandbox.client("sqs", config=NO_RETRIES)
    sandbox.settings(throttle={"sqs:CreateQueue": 1})
    error = _error(lambda: sqs.create_queue(QueueName="throttled"))
    assert error.response["Error"]["Code"] == "ThrottlingException"
    assert "QueueUrls" not in sqs.list_queues()
    assert sqs.create_queue(QueueName="throttled")["QueueUrl"].endswith("/throttled")


def test_each_protocol_answers_in_its_own_shape(sandbox: Sandbox) -> None:
    sandbox.settings(throttle={"lambda:ListFunctions": 1, "ec2:DescribeVpcs": 1, "stepfunctions:ListStateMachines": 1})
    cases = [
        (sandbox.client("lambda", config=NO_RETRIES).list_functions, "TooManyRequestsException", 429),
        (sandbox.client("ec2", config=NO_RETRIES).describe_vpcs, "RequestLimitExceeded", 503),
        (sandbox.client("stepfunctions", config=NO_RETRIES).list_state_machines, "ThrottlingException", 400),
    ]
    for call, code, status in cases:
        error = _error(call)
        assert (error.response["Error"]["Code"], error.response["ResponseMetadata"]["HTTPStatusCode"]) == (code, status)


def test_botocore_retries_a_throttled_call_and_succeeds(sandbox: Sandbox) -> None:
    cfn = sandbox.client("cloudformation", config=Config(retries={"total_max_attempts": 3, "mode": "standard"}))
    sandbox.settings(throttle={"cloudformation:DescribeStacks": 2})
    response = cfn.describe_stacks()
    assert response["ResponseMetadata"]["RetryAttempts"] == 2


def test_bad_throttle_settings_are_refused(sandbox: Sandbox) -> None:
    for bad in ({"ListStacks": 1}, {"cloudformation:ListStacks": -1}, {"cloudformation:ListStacks": True}, ["x"]):
        with pytest.raises(Exception):
            sandbox.settings(throttle=bad)
