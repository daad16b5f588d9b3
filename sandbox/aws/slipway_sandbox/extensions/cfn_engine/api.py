"""Entry points of the engine: validate synchronously (as AWS does), then run on a worker thread.

``wait=True`` runs the operation inline; in-process callers (nested stacks, see the
``cfn_nested_stacks`` extension) use it so their parent sees the finished result. The HTTP handlers use ``wait=False``: the call returns with
the stack in *_IN_PROGRESS, like AWS.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from typing import Any

from moto.cloudformation.exceptions import AlreadyExistsException, CloudFormationError, ValidationError
from moto.cloudformation.models import Change, ChangeSet, Stack
from moto.cloudformation.utils import generate_changeset_id, generate_stack_id, validate_create_change_set
from moto.core.utils import utcnow
from yaml.parser import ParserError
from yaml.scanner import ScannerError

from . import events, ops
from .changes import ChangePlan, plan_changes
from .graph import creation_order
from .state import RESOURCE_LOCK, STACKS_LOCK, Aborted, StackState, ensure_state, state_of

log = logging.getLogger("slipway.cfn")

UPDATABLE = {"CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE", "UPDATE_FAILED", "IMPORT_COMPLETE"}
ON_FAILURE = ("ROLLBACK", "DELETE", "DO_NOTHING")


class InvalidChangeSetStatus(CloudFormationError):
    code = "InvalidChangeSetStatus"


class ChangeSetNotFound(CloudFormationError):
    code = "ChangeSetNotFound"


def parse_template(body: Any) -> dict[str, Any]:
    if isinstance(body, dict):
        return body
    if not body:
        raise ValidationError(message="Either TemplateBody or TemplateURL must be specified.")
    try:
        parsed = Stack.parse_template(body)
    except (ParserError, ScannerError, json.JSONDecodeError, ValueError) as exc:
        raise ValidationError(message=f"Template format error: {exc}")
    if not isinstance(parsed, dict):
        raise ValidationError(message="Template format error: the template is not an object")
    if "Resources" not in parsed:
        raise ValidationError(message="Template format error: At least one Resources member must be defined.")
    if parsed.get("Transform"):
        # moto would skip the resources it cannot read and report success; the SAM transform alone is
        # expanded before this point (cfn_sam_transform).
        transforms = parsed["Transform"] if isinstance(parsed["Transform"], list) else [parsed["Transform"]]
        raise ValidationError(
            message=f"Template transforms ({', '.join(map(str, transforms))}) are not supported by the Slipway "
            "sandbox, which expands only AWS::Serverless-2016-10-31 (alone): deploy the expanded template instead"
        )
    return parsed


def _run(work: Callable[[], None], wait: bool, name: str) -> None:
    if wait:
        work()
    else:
        threading.Thread(target=work, name=name, daemon=True).start()


def _guarded(op: ops.Operation, failed_status: str, body: Callable[[], None],
             after: Callable[[], None] | None = None) -> Callable[[], None]:
    """Wrap an operation: release the stack's op lock, and never leave a stack stuck IN_PROGRESS."""

    def work() -> None:
        try:
            body()
        except Aborted:
            pass
        except Exception as exc:  # a bug in the engine or moto: say so on the stack, keep serving
            log.exception("stack operation on %s failed unexpectedly", op.stack.name)
            try:
                op.stack_event(failed_status, f"Sandbox internal error: {ops.failure_reason(exc)}")
            except Aborted:
                pass
        finally:
            try:
                if after is not None:
                    after()
            finally:
                op.state.op_lock.release()

    return work


def find_live_stack(backend: Any, name_or_id: str) -> Any:
    """The stack with this name or ID that is not deleted, or None."""
    with STACKS_LOCK:
        if name_or_id in backend.stacks:
            return backend.stacks[name_or_id]
        for stack in backend.stacks.values():
            if stack.name == name_or_id:
                return stack
    return None


# --- create -------------------------------------------------------------------------------------------
def create_stack(
    backend: Any, *, name: str, template: Any, parameters: dict[str, Any],
    notification_arns: list[str] | None = None, tags: dict[str, str] | None = None,
    role_arn: str | None = None, enable_termination_protection: bool | None = False,
    timeout_in_mins: int | None = None, stack_policy_body: str | None = None,
    token: str | None = None, on_failure: str = "ROLLBACK", wait: bool, parent_id: str | None = None,
    deployer: str | None = None,
) -> Any:
    if on_failure not in ON_FAILURE:
        raise ValidationError(message=f"OnFailure must be one of {', '.join(ON_FAILURE)}, got {on_failure}")
    template_dict = parse_template(template)
    order = creation_order(template_dict)
    with STACKS_LOCK:
        existing = find_live_stack(backend, name)
        if existing is not None:
            existing_state = state_of(existing)
            if token and existing_state is not None and existing_state.creation_token == token:
                return existing  # a retried CreateStack: same token, same stack
            raise AlreadyExistsException(f"Stack [{name}] already exists")
        stack_id = generate_stack_id(name, backend.region_name, backend.account_id)
        stack = Stack(
            stack_id=stack_id, name=name, template=template, parameters=parameters,
            account_id=backend.account_id, region_name=backend.region_name,
            notification_arns=notification_arns, tags=tags, role_arn=role_arn,
            cross_stack_resources=backend.exports,
            enable_termination_protection=enable_termination_protection,
            timeout_in_mins=timeout_in_mins, stack_policy_body=stack_policy_body,
        )
        stack.disable_rollback = on_failure != "ROLLBACK"
        # Who CloudFormation acts as when it has no service role (RoleARN): the CreateStack caller.
        stack.slipway_deployer = deployer
        if parent_id:
            # DescribeStacks shows ParentId/RootId for nested stacks; consoles use them to nest the list.
            parent = backend.stacks.get(parent_id)
            stack.parent_id = parent_id
            stack.root_id = getattr(parent, "root_id", None) or parent_id
        state = ensure_state(stack)
        state.creation_token = token
        state.op_lock.acquire()
        backend.stacks[stack_id] = stack
        events.stack_event(stack, "CREATE_IN_PROGRESS", "User Initiated", token)
    op = ops.Operation(backend, stack, token)
    _run(_guarded(op, "CREATE_FAILED", lambda: ops.run_create(op, order, on_failure)), wait, f"cfn-create-{name}")
    return stack


# --- update ---------------------------------------------------------------------------------------------
def _require_idle(stack: Any, state: StackState) -> None:
    if stack.status not in UPDATABLE or not state.op_lock.acquire(blocking=False):
        raise ValidationError(
            message=f"Stack:{stack.stack_id} is in {stack.status} state and can not be updated."
        )


def update_stack(
    backend: Any, stack: Any, *, template: Any, parameters: dict[str, Any], tags: dict[str, str] | None,
    role_arn: str | None, token: str | None, disable_rollback: bool, wait: bool,
    allow_no_change: bool = False, after: Callable[[bool], None] | None = None,
) -> bool:
    """Start an update; returns False when there was nothing to update (only if allow_no_change)."""
    new_template = parse_template(template)
    order = creation_order(new_template)
    # Parameters, conditions and outputs are checked before anything changes, like AWS does; the
    # change plan is the same one CreateChangeSet shows.
    changes = plan_for(backend, stack, new_template, parameters)
    resource_map = stack.resource_map
    if _unchanged(stack, new_template, changes, tags):
        if allow_no_change:
            return False
        raise ValidationError(stack.name, message="No updates are to be performed.")
    state = ensure_state(stack)
    _require_idle(stack, state)
    try:
        stack.last_updated_time = utcnow()
        events.stack_event(stack, "UPDATE_IN_PROGRESS", "User Initiated", token)
    except BaseException:
        state.op_lock.release()
        raise
    plan = ops.UpdatePlan(template, new_template, parameters, tags, role_arn, order, changes.diff(),
                          disable_rollback, changes.replace)
    op = ops.Operation(backend, stack, token)
    outcome: list[bool] = []
    _run(
        _guarded(op, "UPDATE_FAILED", lambda: outcome.append(ops.run_update(op, plan)),
                 after=(lambda: after(bool(outcome and outcome[0]))) if after else None),
        wait, f"cfn-update-{stack.name}",
    )
    return True


def plan_for(backend: Any, stack: Any, new_template: dict[str, Any], parameters: dict[str, Any]) -> ChangePlan:
    """What changing ``stack`` to this template and these parameters does, resource by resource."""
    state = ensure_state(stack)
    physical_ids = {record.logical_id: record.physical_id for record in state.snapshot() if record.physical_id}
    return plan_changes(stack, new_template, parameters, backend.exports,
                        live=_snapshot(stack.resource_map._parsed_resources), physical_ids=physical_ids)


def _snapshot(mapping: dict[str, Any]) -> dict[str, Any]:
    """A copy of a dict a stack worker may be changing at this moment (then a retry gets a stable one)."""
    for _ in range(20):
        try:
            return dict(mapping)
        except RuntimeError:  # "dictionary changed size during iteration"
            continue
    with RESOURCE_LOCK:
        return dict(mapping)


def _normalised(template: dict[str, Any]) -> dict[str, Any]:
    """moto adds ``Properties: {}`` to the resources it parses; that is no change."""
    resources = {
        name: dict(body, Properties=body.get("Properties") or {}) if isinstance(body, dict) else body
        for name, body in (template.get("Resources") or {}).items()
    }
    return dict(template, Resources=resources)


def _unchanged(stack: Any, new_template: dict[str, Any], changes: ChangePlan, tags: dict[str, str] | None) -> bool:
    resource_map = stack.resource_map
    return (
        _normalised(new_template) == _normalised(resource_map._template or {})
        and changes.new_probe.resolved_parameters == resource_map.resolved_parameters
        and (not tags or tags == stack.tags)
    )


# --- delete ---------------------------------------------------------------------------------------------
def delete_stack(backend: Any, name_or_id: str, *, token: str | None = None,
                 retain: list[str] | None = None, wait: bool) -> Any:
    stack = find_live_stack(backend, name_or_id)
    if stack is None or stack.status == "DELETE_IN_PROGRESS":
        return stack  # AWS answers DeleteStack for an unknown or deleting stack with success
    if stack.enable_termination_protection:
        raise ValidationError(
            message=f"Stack [{stack.name}] cannot be deleted while TerminationProtection is enabled"
        )
    state = ensure_state(stack)
    announced = state.op_lock.acquire(blocking=False)
    if announced:
        events.stack_event(stack, "DELETE_IN_PROGRESS", "User Initiated", token)
    op = ops.Operation(backend, stack, token)

    def body() -> None:
        if not announced:
            state.op_lock.acquire()  # wait for the running operation, then delete
        ops.run_delete(op, set(retain or []), announced)

    def work() -> None:
        # _guarded releases the lock; for the waiting case it is acquired inside body().
        _guarded(op, "DELETE_FAILED", body)()

    _run(work, wait, f"cfn-delete-{stack.name}")
    return stack


# --- change sets ----------------------------------------------------------------------------------------
NO_CHANGES = "The submitted information didn't contain changes. Submit different information to create a change set."


def _change_objects(plan: ChangePlan) -> list[Any]:
    """moto's Change model, carrying what DescribeChangeSet's ResourceChange has in AWS."""
    result = []
    for item in plan.changes:
        change = Change(action=item.action, logical_resource_id=item.logical_id, resource_type=item.resource_type)
        change.physical_resource_id = item.physical_id if item.action != "Add" else None  # type: ignore[attr-defined]
        change.replacement = item.replacement  # type: ignore[attr-defined]
        change.scope = item.scope  # type: ignore[attr-defined]
        change.details = [d.to_api() for d in item.details]  # type: ignore[attr-defined]
        result.append(change)
    return result


def create_change_set(
    backend: Any, *, stack_name: str, change_set_name: str, template: Any, parameters: dict[str, Any],
    change_set_type: str, description: str | None = None, notification_arns: list[str] | None = None,
    tags: dict[str, str] | None = None, role_arn: str | None = None, capabilities: list[str] | None = None,
    include_nested_stacks: bool = False,
) -> Any:
    """Validate the template, compute the changes (the same plan UpdateStack executes) and store the
    change set: CREATE_COMPLETE / AVAILABLE, or FAILED / UNAVAILABLE when nothing would change."""
    validate_create_change_set(change_set_name)
    if change_set_type not in ("CREATE", "UPDATE"):
        raise ValidationError(message=f"ChangeSetType {change_set_type} is not supported by the Slipway sandbox")
    template_dict = parse_template(template)
    creation_order(template_dict)
    with STACKS_LOCK:
        stack = find_live_stack(backend, stack_name)
        if change_set_type == "UPDATE":
            if stack is None:
                raise ValidationError(stack_name)
            if stack.status not in UPDATABLE:
                raise ValidationError(
                    message=f"Stack:{stack.stack_id} is in {stack.status} state and can not be updated.")
        elif stack is not None and stack.status != "REVIEW_IN_PROGRESS":
            raise ValidationError(
                message=f"Stack [{stack_name}] already exists and cannot be created again with the changeSet [{change_set_name}]."
            )
        elif stack is None:
            stack = Stack(
                stack_id=generate_stack_id(stack_name, backend.region_name, backend.account_id), name=stack_name,
                template={}, parameters=parameters, account_id=backend.account_id,
                region_name=backend.region_name, notification_arns=notification_arns, tags=tags, role_arn=role_arn,
            )
            backend.stacks[stack.stack_id] = stack
            events.stack_event(stack, "REVIEW_IN_PROGRESS", "User Initiated")
    plan = plan_for(backend, stack, template_dict, parameters)
    change_set = ChangeSet(
        change_set_type=change_set_type,
        change_set_id=generate_changeset_id(change_set_name, backend.region_name, backend.account_id),
        change_set_name=change_set_name, stack=stack, template=template if isinstance(template, str) else json.dumps(template),
        parameters=parameters, description=description, notification_arns=notification_arns, tags=tags,
        role_arn=role_arn,
    )
    change_set.template_dict = template_dict
    change_set.changes = _change_objects(plan)
    change_set.capabilities = list(capabilities or [])  # type: ignore[attr-defined]
    change_set.include_nested_stacks = include_nested_stacks  # type: ignore[attr-defined]
    if change_set_type == "UPDATE" and _unchanged(stack, template_dict, plan, tags):
        change_set.status = "FAILED"
        change_set.execution_status = "UNAVAILABLE"
        change_set.status_reason = NO_CHANGES
    else:
        change_set.status = "CREATE_COMPLETE"
        change_set.execution_status = "AVAILABLE"
    with STACKS_LOCK:
        backend.change_sets[change_set.change_set_id] = change_set
    return change_set


def execute_change_set(backend: Any, change_set: Any, *, token: str | None, disable_rollback: bool,
                       wait: bool) -> None:
    if change_set.execution_status != "AVAILABLE":
        raise InvalidChangeSetStatus(
            f"ChangeSet [{change_set.change_set_id}] cannot be executed in its current execution status of [{change_set.execution_status}]"
        )
    stack = backend.stacks.get(change_set.stack_id)
    if stack is None:
        raise ValidationError(change_set.stack_name)

    def finished(ok: bool) -> None:
        change_set.execution_status = "EXECUTE_COMPLETE" if ok else "EXECUTE_FAILED"

    if change_set.change_set_type != "CREATE":
        change_set.execution_status = "EXECUTE_IN_PROGRESS"
        try:
            update_stack(
                backend, stack, template=change_set.template, parameters=change_set.parameters,
                tags=change_set.tags or None, role_arn=change_set.role_arn, token=token,
                disable_rollback=disable_rollback, wait=wait, allow_no_change=False, after=finished,
            )
        except BaseException:
            change_set.execution_status = "AVAILABLE"
            raise
        return

    template_dict = parse_template(change_set.template)
    order = creation_order(template_dict)
    state = ensure_state(stack)
    if stack.status != "REVIEW_IN_PROGRESS" or not state.op_lock.acquire(blocking=False):
        raise ValidationError(message=f"Stack:{stack.stack_id} is in {stack.status} state and can not be updated.")
    try:
        # The stack was created empty by CreateChangeSet; give it the change set's template now.
        stack.template = change_set.template
        stack._parse_template()
        stack.parameters = change_set.parameters
        stack.cross_stack_resources = backend.exports
        if change_set.tags:
            stack.tags = change_set.tags
        stack.resource_map = stack._create_resource_map()
        stack.output_map = stack._create_output_map()
        stack.description = template_dict.get("Description")
        state.creation_token = token
        on_failure = "DO_NOTHING" if disable_rollback else "ROLLBACK"
        stack.disable_rollback = disable_rollback
        change_set.execution_status = "EXECUTE_IN_PROGRESS"
        events.stack_event(stack, "CREATE_IN_PROGRESS", "User Initiated", token)
    except BaseException:
        state.op_lock.release()
        raise
    op = ops.Operation(backend, stack, token)
    _run(
        _guarded(op, "CREATE_FAILED", lambda: ops.run_create(op, order, on_failure),
                 after=lambda: finished(stack.status == "CREATE_COMPLETE")),
        wait, f"cfn-execute-{stack.name}",
    )
