"""Change sets that take time to create, as CloudFormation's do.

moto gap: CreateChangeSet (moto's, and the engine's ``cfn_engine.api.create_change_set``) computes
the change set inside the call and answers ``CREATE_COMPLETE`` / ``AVAILABLE`` at once, so a client's
wait loop never waits. CloudFormation creates change sets asynchronously: the change set is
``CREATE_PENDING``, then ``CREATE_IN_PROGRESS``, and only then ``CREATE_COMPLETE`` (or ``FAILED``);
until then DescribeChangeSet lists no changes with ``ExecutionStatus`` ``UNAVAILABLE``, and
ExecuteChangeSet is refused with ``InvalidChangeSetStatus``.

This extension keeps the engine's result and holds it back for ``cfn_change_set_delay_ms`` (env
``SANDBOX_CFN_CHANGE_SET_DELAY_MS``, default 1000; ``POST /moto-api/config``
``{"slipway": {"cfn_change_set_delay_ms": N}}`` at run time): ``CREATE_PENDING`` for the first half,
``CREATE_IN_PROGRESS`` for the second. Only change sets created over HTTP wait; the in-process ones of
nested stacks and stack sets are executed at once, as before.
"""

from __future__ import annotations

import time
from typing import Any

from moto.cloudformation.models import CloudFormationBackend
from moto.cloudformation.responses import CloudFormationResponse
from moto.core.responses import ActionResult

from ..settings import cfn_change_set_delay_seconds
from .cfn_engine import api
from .cfn_engine.state import STACKS_LOCK

_HELD = "_slipway_held"


def hold(change_set: Any, delay: float, now: float | None = None) -> None:
    """Hide the computed result of ``change_set`` for ``delay`` seconds."""
    setattr(change_set, _HELD, (
        time.monotonic() if now is None else now, delay, change_set.status, change_set.execution_status,
        change_set.status_reason, change_set.changes,
    ))
    change_set.status = "CREATE_PENDING"
    change_set.execution_status = "UNAVAILABLE"
    change_set.status_reason = None
    change_set.changes = []


def settle(change_set: Any, now: float | None = None) -> Any:
    """Bring a held change set to the state it has reached by now."""
    held = getattr(change_set, _HELD, None)
    if held is None:
        return change_set
    started, delay, status, execution_status, reason, changes = held
    elapsed = (time.monotonic() if now is None else now) - started
    if elapsed >= delay:
        delattr(change_set, _HELD)
        change_set.status, change_set.execution_status = status, execution_status
        change_set.status_reason, change_set.changes = reason, changes
    elif elapsed >= delay / 2:
        change_set.status = "CREATE_IN_PROGRESS"
    return change_set


def apply() -> None:
    create_handler = CloudFormationResponse.create_change_set
    describe = CloudFormationBackend.describe_change_set
    list_all = CloudFormationBackend.list_change_sets
    execute = api.execute_change_set

    def create_change_set(self: CloudFormationResponse) -> ActionResult:
        result = create_handler(self)
        delay = cfn_change_set_delay_seconds()
        if delay > 0:
            with STACKS_LOCK:
                hold(self.cloudformation_backend.change_sets[result.result["Id"]], delay)  # type: ignore[index]
        return result

    def describe_change_set(self: CloudFormationBackend, *args: Any, **kwargs: Any) -> Any:
        return settle(describe(self, *args, **kwargs))

    def list_change_sets(self: CloudFormationBackend, *args: Any, **kwargs: Any) -> Any:
        return [settle(c) for c in list_all(self, *args, **kwargs)]

    def execute_change_set(backend: Any, change_set: Any, **kwargs: Any) -> None:
        execute(backend, settle(change_set), **kwargs)

    CloudFormationResponse.create_change_set = create_change_set  # type: ignore[method-assign]
    CloudFormationBackend.describe_change_set = describe_change_set  # type: ignore[method-assign]
    CloudFormationBackend.list_change_sets = list_change_sets  # type: ignore[method-assign]
    api.execute_change_set = execute_change_set
