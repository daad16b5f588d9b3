"""Change sets are created asynchronously, as CloudFormation creates them (cfn_change_set_async).

AWS: "After you create a change set, CloudFormation starts creating it; its status is CREATE_PENDING,
then CREATE_IN_PROGRESS, then CREATE_COMPLETE" (DescribeChangeSet ``Status``, ``ExecutionStatus``
UNAVAILABLE until it can be executed); executing one before that is ``InvalidChangeSetStatus``.
"""

from __future__ import annotations

import json
import time
from types import SimpleNamespace
from typing import Any

import pytest
from botocore.exceptions import ClientError

from conftest import Sandbox, deploy
from slipway_sandbox.extensions.cfn_change_set_async import hold, settle

QUEUE = {"Resources": {"Queue": {"Type": "AWS::SQS::Queue"}}}


def statuses_until_settled(cfn: Any, change_set_id: str, timeout: float = 10.0) -> list[tuple[str, str, int]]:
    """Every distinct (Status, ExecutionStatus, number of changes) DescribeChangeSet answers until it settles."""
    seen: list[tuple[str, str, int]] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        described = cfn.describe_change_set(ChangeSetName=change_set_id)
        state = (described["Status"], described["ExecutionStatus"], len(described.get("Changes", [])))
        if not seen or seen[-1] != state:
            seen.append(state)
        if state[0] not in ("CREATE_PENDING", "CREATE_IN_PROGRESS"):
            return seen
        time.sleep(0.02)
    raise AssertionError(f"change set still {seen[-1]} after {timeout} s")


def test_a_change_set_is_pending_then_in_progress_then_complete_and_cannot_run_early(sandbox: Sandbox, cfn: Any) -> None:
    sandbox.settings(cfn_change_set_delay_ms=400)
    created = cfn.create_change_set(StackName="slow", ChangeSetName="first", ChangeSetType="CREATE",
                                    TemplateBody=json.dumps(QUEUE))
    with pytest.raises(ClientError) as early:
        cfn.execute_change_set(ChangeSetName=created["Id"])
    assert early.value.response["Error"]["Code"] == "InvalidChangeSetStatus"
    assert statuses_until_settled(cfn, created["Id"]) == [
        ("CREATE_PENDING", "UNAVAILABLE", 0),
        ("CREATE_IN_PROGRESS", "UNAVAILABLE", 0),
        ("CREATE_COMPLETE", "AVAILABLE", 1),
    ]
    summaries = cfn.list_change_sets(StackName="slow")["Summaries"]
    assert [(s["ChangeSetName"], s["Status"]) for s in summaries] == [("first", "CREATE_COMPLETE")]
    cfn.execute_change_set(ChangeSetName=created["Id"])


def test_a_change_set_without_changes_fails_only_once_created(sandbox: Sandbox, cfn: Any) -> None:
    deploy(cfn, "same", QUEUE)
    sandbox.settings(cfn_change_set_delay_ms=200)
    created = cfn.create_change_set(StackName="same", ChangeSetName="nothing", ChangeSetType="UPDATE",
                                    TemplateBody=json.dumps(QUEUE))
    seen = statuses_until_settled(cfn, created["Id"])
    assert seen[0] == ("CREATE_PENDING", "UNAVAILABLE", 0)
    assert seen[-1] == ("FAILED", "UNAVAILABLE", 0)
    assert "didn't contain changes" in cfn.describe_change_set(ChangeSetName=created["Id"])["StatusReason"]


def test_no_delay_completes_at_once(sandbox: Sandbox, cfn: Any) -> None:
    sandbox.settings(cfn_change_set_delay_ms=0)
    created = cfn.create_change_set(StackName="fast", ChangeSetName="now", ChangeSetType="CREATE",
                                    TemplateBody=json.dumps(QUEUE))
    assert cfn.describe_change_set(ChangeSetName=created["Id"])["Status"] == "CREATE_COMPLETE"


def test_the_default_delay_is_a_second_and_reported(sandbox: Sandbox) -> None:
    # conftest sets 0 for every test; the launcher's own default is what the demo gets.
    sandbox.post("/moto-api/config", {"slipway": {"cfn_change_set_delay_ms": 1000}})
    assert sandbox.get("/moto-api/config")["slipway"]["cfn_change_set_delay_ms"] == 1000


def test_hold_and_settle_follow_the_clock() -> None:
    change_set = SimpleNamespace(status="CREATE_COMPLETE", execution_status="AVAILABLE", status_reason=None,
                                 changes=["Add Queue"])
    hold(change_set, 1.0, now=100.0)
    assert (settle(change_set, now=100.4).status, change_set.changes) == ("CREATE_PENDING", [])
    assert settle(change_set, now=100.6).status == "CREATE_IN_PROGRESS"
    assert settle(change_set, now=101.0).__dict__ == {
        "status": "CREATE_COMPLETE", "execution_status": "AVAILABLE", "status_reason": None, "changes": ["Add Queue"]}
