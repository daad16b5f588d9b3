"""The resource-by-resource work of CreateStack, UpdateStack, DeleteStack and their rollbacks.

Each public ``run_*`` function runs on a worker thread (or inline for nested stacks), emits the
events AWS emits, and leaves real moto state behind: a rolled-back resource is really deleted.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any

import moto
from moto.cloudformation import parsing
from moto.cloudformation.models import Stack
from moto.cloudformation.utils import random_suffix
from moto.core.utils import utcnow

from ... import settings
from ...callers import deploying_principal
from ...cfn_types import PropertyValidationError
from . import events, tags
from .graph import creation_order, dependencies, dependents_closure
from .state import RESOURCE_LOCK, STACKS_LOCK, Aborted, current_generation, ensure_state

log = logging.getLogger("slipway.cfn")

COMPLETE_CREATE = "CREATE_COMPLETE"


class ResourceFailure(Exception):
    """A resource cannot be created; the message becomes its CREATE_FAILED reason."""


class StackLevelFailure(Exception):
    """The stack fails for a reason that is not one resource (e.g. an export name clash)."""


class Placeholder:
    """Stands in for resources with nothing to create (WaitConditionHandle) or skipped types."""

    def __init__(self, physical_id: str, logical_id: str, resource_type: str, skipped: bool = False):
        self.physical_resource_id = physical_id
        self.logical_resource_id = logical_id
        self.cf_resource_type = resource_type
        self.skipped = skipped

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        raise ResourceFailure(
            f"Fn::GetAtt {self.logical_resource_id}.{attribute_name}: the sandbox did not create "
            f"{self.cf_resource_type} {self.logical_resource_id}"
        )


def failure_reason(exc: BaseException) -> str:
    """The message a user should read in ResourceStatusReason: "<ErrorCode>: <message>"."""
    if isinstance(exc, KeyError):
        return f"Properties validation failed: required key [{exc.args[0] if exc.args else '?'}] not found"
    message = getattr(exc, "message", None) or (str(exc.args[0]) if exc.args else "") or str(exc)
    if isinstance(exc, (ResourceFailure, StackLevelFailure, PropertyValidationError)):
        return message
    code = getattr(exc, "code", None)
    if not isinstance(code, str) or not code:
        code = getattr(exc, "error_type", None)
    if not isinstance(code, str) or not code:
        code = type(exc).__name__
    return f"{code}: {message}" if message and code not in message else (message or code)


def physical_id_of(instance: Any, fallback: str = "") -> str:
    value = getattr(instance, "physical_resource_id", None) if instance is not None else None
    return str(value) if value not in (None, "") else fallback


def _is_custom(resource_type: str) -> bool:
    return resource_type.startswith("Custom::") or resource_type == "AWS::CloudFormation::CustomResource"


def _condition_holds(resource_map: Any, body: dict[str, Any]) -> bool:
    condition = body.get("Condition")
    return not condition or bool(resource_map.lazy_condition_map[condition])


def switch_template(resource_map: Any, template: dict[str, Any], parameters: dict[str, Any]) -> None:
    """Point moto's ResourceMap at another template and parameter set (update and its rollback)."""
    resource_map._template = template
    resource_map._resource_json_map = template.get("Resources") or {}
    resource_map.input_parameters = parameters
    resource_map.resolved_parameters = {}
    resource_map.load_mapping()
    resource_map.load_parameters()
    resource_map.load_conditions()


@dataclass
class Operation:
    """One stack operation: who runs it, for which stack, under which ClientRequestToken."""

    backend: Any
    stack: Any
    token: str | None

    def __post_init__(self) -> None:
        self.state = ensure_state(self.stack)
        self.generation = current_generation()

    @property
    def resource_map(self) -> Any:
        return self.stack.resource_map

    def alive(self) -> None:
        if current_generation() != self.generation:
            raise Aborted()

    def stack_event(self, status: str, reason: str | None = None) -> None:
        self.alive()
        events.stack_event(self.stack, status, reason, self.token)

    def resource_event(self, logical_id: str, resource_type: str, status: str, physical_id: str | None,
                       reason: str | None = None) -> None:
        self.alive()
        events.resource_event(self.stack, logical_id, resource_type, status, physical_id, reason, self.token)

    def pause(self) -> None:
        delay = settings.cfn_resource_delay_seconds()
        if delay:
            time.sleep(delay)
        self.alive()


# --- single resources ------------------------------------------------------------------------------
def _build(op: Operation, logical_id: str, body: dict[str, Any]) -> Any:
    resource_map = op.resource_map
    resource_type = body["Type"]
    if resource_type in parsing.NULL_MODELS:
        instance = Placeholder(f"{op.stack.name}-{logical_id}-{random_suffix()}", logical_id, resource_type)
        resource_map._parsed_resources[logical_id] = instance
        return instance
    if _is_custom(resource_type):
        # moto would invoke the handler Lambda and wait for its answer forever: with Lambda running
        # without Docker the handler's code never runs, so fail at once and say why.
        raise ResourceFailure(
            f"Custom resources ({resource_type}) are not supported by the Slipway sandbox: "
            "their Lambda handler never runs because the sandbox runs Lambda without Docker"
        )
    if parsing.resource_class_from_type(resource_type) is None:
        if settings.cfn_unsupported_resources() == "skip":
            instance = Placeholder(logical_id, logical_id, resource_type, skipped=True)
            resource_map._parsed_resources[logical_id] = instance
            return instance
        raise ResourceFailure(
            f"Resource type {resource_type} is not supported by the Slipway sandbox (moto {moto.__version__} "
            "cannot create it; see sandbox/aws/EXTENSIONS.md)"
        )
    # Resources are created as the stack's service role, else as whoever created the stack (SNS records
    # it as a subscription's owner); a nested stack has neither and keeps its parent's.
    principal = getattr(op.stack, "role_arn", None) or getattr(op.stack, "slipway_deployer", None)
    token = deploying_principal.set(principal) if principal else None
    try:
        instance = _create_instance(op, logical_id, resource_type)
    finally:
        if token is not None:
            deploying_principal.reset(token)
    if instance is None:
        raise ResourceFailure(f"moto created nothing for {resource_type} {logical_id}")
    tags.propagate(op.stack, resource_map, logical_id, body, instance)
    return instance


def _create_instance(op: Operation, logical_id: str, resource_type: str) -> Any:
    resource_map = op.resource_map
    if resource_type == "AWS::CloudFormation::Stack":
        # A nested stack creates its own resources under the lock, one at a time; holding the lock
        # for the whole child would stall every other stack for the child's full duration.
        instance = resource_map[logical_id]
    else:
        with RESOURCE_LOCK:
            op.alive()
            instance = resource_map[logical_id]
    return instance


def create_resource(op: Operation, logical_id: str, body: dict[str, Any]) -> bool:
    resource_type = body["Type"]
    op.resource_event(logical_id, resource_type, "CREATE_IN_PROGRESS", "", "Resource creation Initiated")
    try:
        instance = _build(op, logical_id, body)
    except Aborted:
        raise
    except Exception as exc:  # any moto error is the resource's failure, as in AWS
        log.info("create %s (%s) failed: %r", logical_id, resource_type, exc)
        physical = physical_id_of(op.resource_map._parsed_resources.get(logical_id))
        op.resource_event(logical_id, resource_type, "CREATE_FAILED", physical, failure_reason(exc))
        return False
    op.pause()
    reason = None
    if isinstance(instance, Placeholder) and instance.skipped:
        reason = f"Not created: the sandbox cannot create {resource_type} (SANDBOX_CFN_UNSUPPORTED_RESOURCES=skip)"
    op.resource_event(logical_id, resource_type, "CREATE_COMPLETE", physical_id_of(instance, logical_id), reason)
    return True


def _destroy(op: Operation, instance: Any, body: dict[str, Any]) -> None:
    if instance is None or isinstance(instance, Placeholder):
        return
    if isinstance(instance, Stack):
        # A nested stack: its resource type deletes it through the engine (cfn_nested_stacks), outside
        # the lock for the reason given in _build.
        parsing.parse_and_delete_resource(instance.physical_resource_id, body, op.stack.account_id, op.stack.region_name)
        return
    with RESOURCE_LOCK:
        op.alive()
        op.resource_map._delete_resource(instance, body)


def delete_resource(op: Operation, logical_id: str, resource_type: str, body: dict[str, Any],
                    announce: bool = True) -> bool:
    instance = op.resource_map._parsed_resources.get(logical_id)
    physical = physical_id_of(instance)
    if announce:
        op.resource_event(logical_id, resource_type, "DELETE_IN_PROGRESS", physical)
    try:
        _destroy(op, instance, body)
    except Aborted:
        raise
    except Exception as exc:
        log.info("delete %s (%s) failed: %r", logical_id, resource_type, exc)
        op.resource_event(logical_id, resource_type, "DELETE_FAILED", physical, failure_reason(exc))
        return False
    op.resource_map._parsed_resources.pop(logical_id, None)
    op.pause()
    op.resource_event(logical_id, resource_type, "DELETE_COMPLETE", physical)
    return True


def update_resource(op: Operation, logical_id: str, body: dict[str, Any], old_body: dict[str, Any],
                    replace: bool = False) -> bool:
    resource_map = op.resource_map
    resource_type = body["Type"]
    instance = resource_map._parsed_resources.get(logical_id)
    op.resource_event(logical_id, resource_type, "UPDATE_IN_PROGRESS", physical_id_of(instance))
    reason = None
    try:
        if instance is None:
            # Never created (its condition was false): create it now.
            new = _build(op, logical_id, body)
        elif isinstance(instance, Placeholder):
            new = instance
        elif isinstance(instance, Stack):
            # A nested stack: its resource type updates it in place through the engine
            # (cfn_nested_stacks), outside the lock for the reason given in _build.
            new = parsing.parse_and_update_resource(logical_id, body, resource_map, op.stack.account_id,
                                                    op.stack.region_name)
        else:
            with RESOURCE_LOCK:
                op.alive()
                new = None if replace else parsing.parse_and_update_resource(
                    logical_id, body, resource_map, op.stack.account_id, op.stack.region_name
                )
                if new is None:
                    # A property that forces replacement changed, or moto has no in-place update for
                    # this type: replace it (delete first, so that a resource with a fixed name can be
                    # replaced at all).
                    resource_map._delete_resource(instance, old_body)
                    resource_map._parsed_resources.pop(logical_id, None)
                    new = resource_map[logical_id]
                    # The change set said what AWS would do; when only the sandbox replaces, it says so.
                    reason = ("Requested update requires the creation of a new physical resource; hence creating one."
                              if replace else f"The sandbox cannot update {resource_type} in place, so it replaced "
                              "it; AWS updates it without replacement.")
            if new is None:
                raise ResourceFailure(f"moto returned nothing when updating {resource_type} {logical_id}")
            new.cf_resource_type = resource_type
            new.logical_resource_id = logical_id
            # A new Tags property (or new stack tags) reaches the resource as in AWS.
            tags.propagate(op.stack, resource_map, logical_id, body, new)
    except Aborted:
        raise
    except Exception as exc:
        log.info("update %s (%s) failed: %r", logical_id, resource_type, exc)
        op.resource_event(logical_id, resource_type, "UPDATE_FAILED", physical_id_of(instance), failure_reason(exc))
        return False
    resource_map._parsed_resources[logical_id] = new
    op.pause()
    op.resource_event(logical_id, resource_type, "UPDATE_COMPLETE", physical_id_of(new, logical_id), reason)
    return True


def _note_implicit_creations(op: Operation) -> None:
    """Record resources moto created on its own (a dependency the graph missed) so none is invisible."""
    resource_map = op.resource_map
    known = op.state.records
    for logical_id, instance in list(resource_map._parsed_resources.items()):
        if logical_id in resource_map._resource_json_map and logical_id not in known and instance is not None:
            resource_type = resource_map._resource_json_map[logical_id]["Type"]
            physical = physical_id_of(instance, logical_id)
            op.resource_event(logical_id, resource_type, "CREATE_IN_PROGRESS", "", "Resource creation Initiated")
            op.resource_event(logical_id, resource_type, "CREATE_COMPLETE", physical)


def delete_in_order(op: Operation, logical_ids: list[str], bodies: dict[str, Any], graph: dict[str, set[str]],
                    retain: set[str] | None = None) -> list[str]:
    """Delete resources in the given order; what a failed resource needs is kept. Returns the failures."""
    failed: list[str] = []
    keep: set[str] = set()
    records = op.state.records
    for logical_id in logical_ids:
        if logical_id in keep:
            continue
        body = bodies.get(logical_id) or {}
        record = records.get(logical_id)
        resource_type = body.get("Type") or (record.resource_type if record else "")
        if retain is not None and (body.get("DeletionPolicy") == "Retain" or logical_id in retain):
            physical = physical_id_of(op.resource_map._parsed_resources.get(logical_id))
            op.resource_event(logical_id, resource_type, "DELETE_SKIPPED", physical)
            continue
        if not delete_resource(op, logical_id, resource_type, body):
            failed.append(logical_id)
            keep |= dependents_closure(graph, {logical_id})
    return failed


# --- outputs and exports ----------------------------------------------------------------------------
def finalize_outputs(op: Operation) -> None:
    """Resolve outputs once the resources exist (moto resolves them lazily on every DescribeStacks,
    which would create missing resources on the request thread) and publish the stack's exports."""
    stack, resource_map = op.stack, op.resource_map
    template = resource_map._template or {}
    outputs_json = template.get("Outputs") or {}
    outputs: list[dict[str, Any]] = []
    exports: list[parsing.Export] = []
    for key, output_json in outputs_json.items():
        output = parsing.parse_output(key, output_json, resource_map)
        if output is None:
            continue
        value = output.value
        if isinstance(value, list):  # CloudFormation outputs are strings; lists are comma-joined
            value = ",".join(str(v) for v in value)
        export_name = None
        if isinstance(output_json, dict) and output_json.get("Export"):
            export_name = parsing.clean_json(output_json["Export"].get("Name"), resource_map)
            exports.append(parsing.Export(stack.stack_id, export_name, value))
        outputs.append({"OutputKey": key, "OutputValue": value, "Description": output.description,
                        "ExportName": export_name})
    with STACKS_LOCK:
        for export in exports:
            holder = op.backend.exports.get(export.name)
            if holder is not None and holder.exporting_stack_id != stack.stack_id:
                other = op.backend.stacks.get(holder.exporting_stack_id)
                raise StackLevelFailure(
                    f"Export with name {export.name} is already exported by stack {other.name if other else holder.exporting_stack_id}"
                )
        for old in op.state.exports:
            if op.backend.exports.get(old.name) is old:
                op.backend.exports.pop(old.name)
        for export in exports:
            op.backend.exports[export.name] = export
        op.state.exports = exports
        op.state.outputs = outputs or None


def retire_stack(op: Operation) -> None:
    """Move a deleted stack out of the live stacks, as DescribeStacks-by-name must no longer find it."""
    with STACKS_LOCK:
        op.alive()
        for export in op.state.exports:
            if op.backend.exports.get(export.name) is export:
                op.backend.exports.pop(export.name)
        op.state.exports = []
        op.state.outputs = None
        op.stack.deletion_time = utcnow()
        op.stack_event("DELETE_COMPLETE")
        op.backend.stacks.pop(op.stack.stack_id, None)
        op.backend.deleted_stacks[op.stack.stack_id] = op.stack


# --- whole-stack operations -------------------------------------------------------------------------
def run_create(op: Operation, order: list[str], on_failure: str) -> None:
    stack, resource_map = op.stack, op.resource_map
    resource_map.tags.update(
        {"aws:cloudformation:stack-name": stack.name, "aws:cloudformation:stack-id": stack.stack_id}
    )
    bodies = resource_map._resource_json_map
    created: list[str] = []
    failed: str | None = None
    for logical_id in order:
        body = bodies[logical_id]
        try:
            holds = _condition_holds(resource_map, body)
        except Exception:
            holds = True
        if not holds:
            continue
        ok = create_resource(op, logical_id, body)
        _note_implicit_creations(op)
        if not ok:
            failed = logical_id
            break
        created.append(logical_id)

    if failed is None:
        try:
            finalize_outputs(op)
        except Aborted:
            raise
        except Exception as exc:
            reason = failure_reason(exc)
        else:
            op.stack_event("CREATE_COMPLETE")
            return
    else:
        reason = f"The following resource(s) failed to create: [{failed}]. "

    graph = dependencies(resource_map._template)
    undo = list(reversed(created))
    if on_failure == "DO_NOTHING":
        op.stack_event("CREATE_FAILED", reason)
        return
    if on_failure == "DELETE":
        op.stack_event("DELETE_IN_PROGRESS", reason + "Delete requested by user.")
        _clear_failed(op, failed, bodies)
        problems = delete_in_order(op, undo, bodies, graph)
        if problems:
            op.stack_event("DELETE_FAILED", f"The following resource(s) failed to delete: [{', '.join(problems)}]. ")
        else:
            retire_stack(op)
        return
    op.stack_event("ROLLBACK_IN_PROGRESS", reason + "Rollback requested by user.")
    _clear_failed(op, failed, bodies)
    problems = delete_in_order(op, undo, bodies, graph)
    if problems:
        op.stack_event("ROLLBACK_FAILED", f"The following resource(s) failed to delete: [{', '.join(problems)}]. ")
    else:
        op.stack_event("ROLLBACK_COMPLETE")


def _clear_failed(op: Operation, failed: str | None, bodies: dict[str, Any]) -> None:
    """AWS reports the resource that failed to create as DELETE_COMPLETE when it rolls back (no
    DELETE_IN_PROGRESS first); anything moto left of it is removed."""
    if failed is not None and failed in bodies:
        delete_resource(op, failed, bodies[failed]["Type"], bodies[failed], announce=False)


@dataclass
class UpdatePlan:
    template_body: Any
    template: dict[str, Any]
    parameters: dict[str, Any]
    tags: dict[str, str] | None
    role_arn: str | None
    order: list[str]
    diff: dict[str, list[str]]
    disable_rollback: bool
    # Resources whose changed properties force a replacement (CloudFormation's "Replacement: True").
    replace: set[str] = field(default_factory=set)


def run_update(op: Operation, plan: UpdatePlan) -> bool:
    """Returns True when the update completed (not rolled back)."""
    stack, resource_map = op.stack, op.resource_map
    old_template = resource_map._template or {}
    old_parameters = dict(resource_map.input_parameters or {})
    old_bodies = dict(old_template.get("Resources") or {})
    old_order = [lid for lid in creation_order(old_template)] if old_bodies else []

    switch_template(resource_map, plan.template, plan.parameters)
    new_bodies = plan.template.get("Resources") or {}
    added: list[str] = []
    modified: list[str] = []
    failure: tuple[str, str] | None = None
    for logical_id in plan.order:
        body = new_bodies[logical_id]
        if logical_id in plan.diff["Add"]:
            if not _condition_holds(resource_map, body):
                continue
            if not create_resource(op, logical_id, body):
                failure = (logical_id, "create")
                break
            added.append(logical_id)
        elif logical_id in plan.diff["Modify"]:
            if not update_resource(op, logical_id, body, old_bodies.get(logical_id) or body,
                                   replace=logical_id in plan.replace):
                failure = (logical_id, "update")
                break
            modified.append(logical_id)
        _note_implicit_creations(op)

    if failure is None:
        op.stack_event("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS")
        removed = [lid for lid in reversed(old_order) if lid in plan.diff["Remove"]]
        for logical_id in removed:
            if logical_id not in resource_map._parsed_resources:
                op.state.drop_record(logical_id)
                continue
            body = old_bodies[logical_id]
            if body.get("DeletionPolicy") == "Retain":
                op.resource_event(logical_id, body["Type"], "DELETE_SKIPPED",
                                  physical_id_of(resource_map._parsed_resources.get(logical_id)))
                resource_map._parsed_resources.pop(logical_id, None)
                op.state.drop_record(logical_id)
                continue
            # AWS leaves a resource it failed to clean up and still completes the update.
            if delete_resource(op, logical_id, body["Type"], body):
                op.state.drop_record(logical_id)
        stack.template = plan.template_body
        stack.template_dict = plan.template
        stack.parameters = plan.parameters
        if plan.tags is not None:
            stack.tags = plan.tags
        if plan.role_arn:
            stack.role_arn = plan.role_arn
        stack.description = plan.template.get("Description")
        try:
            finalize_outputs(op)
        except Aborted:
            raise
        except Exception as exc:  # outputs that cannot resolve are left out, not fatal
            log.warning("outputs of %s after update: %r", stack.name, exc)
        op.stack_event("UPDATE_COMPLETE")
        return True

    failed_id, verb = failure
    reason = f"The following resource(s) failed to {verb}: [{failed_id}]. "
    if plan.disable_rollback:
        stack.template = plan.template_body
        stack.template_dict = plan.template
        op.stack_event("UPDATE_FAILED", reason)
        return False
    op.stack_event("UPDATE_ROLLBACK_IN_PROGRESS", reason)
    switch_template(resource_map, old_template, old_parameters)
    rollback_problems = []
    for logical_id in reversed(modified):
        if not update_resource(op, logical_id, old_bodies[logical_id], new_bodies[logical_id],
                               replace=logical_id in plan.replace):
            rollback_problems.append(logical_id)
    if rollback_problems:
        op.stack_event(
            "UPDATE_ROLLBACK_FAILED",
            f"The following resource(s) failed to update: [{', '.join(rollback_problems)}]. ",
        )
        return False
    op.stack_event("UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS")
    undo = list(reversed(added))
    if verb == "create":
        _clear_failed(op, failed_id, new_bodies)
        op.state.drop_record(failed_id)
    graph = dependencies(plan.template)
    problems = delete_in_order(op, undo, new_bodies, graph)
    for logical_id in undo:
        if logical_id not in problems:
            op.state.drop_record(logical_id)
    finalize_outputs(op)
    op.stack_event("UPDATE_ROLLBACK_COMPLETE")
    return False


def run_delete(op: Operation, retain: set[str], announced: bool) -> None:
    stack, resource_map = op.stack, op.resource_map
    if stack.status == "DELETE_COMPLETE":
        return
    if not announced:
        op.stack_event("DELETE_IN_PROGRESS", "User Initiated")
    template = resource_map._template or {}
    bodies = template.get("Resources") or {}
    order = creation_order(template) if bodies else []
    graph = dependencies(template) if bodies else {}
    present = [lid for lid in reversed(order) if resource_map._parsed_resources.get(lid) is not None]
    problems = delete_in_order(op, present, bodies, graph, retain=retain)
    if problems:
        op.stack_event("DELETE_FAILED", f"The following resource(s) failed to delete: [{', '.join(problems)}]. ")
        return
    retire_stack(op)
