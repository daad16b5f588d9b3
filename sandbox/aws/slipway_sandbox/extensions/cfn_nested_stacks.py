"""Nested stacks (AWS::CloudFormation::Stack) through the engine.

moto gap: moto creates a nested stack through its synchronous CreateStack (which the engine
replaces), deletes and re-creates it on every update, answers Ref with the stack *name* (AWS: the
stack ID) and has no Fn::GetAtt at all, so ``!GetAtt Child.Outputs.X`` fails. Here a nested stack
is created, updated in place and deleted by the engine inline (the parent's resource step waits
for the child, and fails with AWS's "Embedded stack ... was not successfully created" reason when
the child rolls back), Ref returns the stack ID, GetAtt answers ``Outputs.<Key>``, and the child
shows ParentId/RootId in DescribeStacks.

The engine reaches a nested stack the way moto reaches any resource: through its type's
``create_from_cloudformation_json``, ``update_from_cloudformation_json`` and
``delete_from_cloudformation_json``, which this module sets. So the engine's resource steps
(``cfn_engine.ops``) never import the engine's entry points (``cfn_engine.api``) that run them.
"""

from __future__ import annotations

from typing import Any

from moto.cloudformation import utils as cfn_utils
from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.cloudformation.models import Stack, cloudformation_backends
from moto.utilities.utils import get_partition

from .cfn_engine import api
from .cfn_engine.ops import ResourceFailure
from .cfn_engine.state import state_of


def _child_inputs(properties: dict[str, Any], account_id: str, region_name: str) -> tuple[str, dict[str, str]]:
    """The child's template (read from TemplateURL on the sandbox's S3) and its parameters as strings."""
    # Through the module: cfn_template_url replaces get_stack_from_s3_url there.
    body = cfn_utils.get_stack_from_s3_url(properties["TemplateURL"], account_id=account_id,
                                           partition=get_partition(region_name))
    parameters = {
        key: ",".join(str(v) for v in value) if isinstance(value, list) else str(value)
        for key, value in (properties.get("Parameters") or {}).items()
    }
    return body, parameters


def _first_failure_reason(stack: Any) -> str:
    for event in stack.events:
        if event.resource_type == "AWS::CloudFormation::Stack" and event.resource_status in (
            "ROLLBACK_IN_PROGRESS", "CREATE_FAILED", "DELETE_IN_PROGRESS", "UPDATE_ROLLBACK_IN_PROGRESS",
        ) and event.resource_status_reason and "failed" in event.resource_status_reason:
            return event.resource_status_reason.replace("Rollback requested by user.", "").replace(
                "Delete requested by user.", "").strip() + " "
    return stack.stack_status_reason or stack.status


def create_nested_stack(name: str, properties: dict[str, Any], account_id: str, region_name: str,
                        parent_id: str | None = None) -> Any:
    """Create the child inline; a child that did not complete is deleted and fails the parent's resource."""
    backend = cloudformation_backends[account_id][region_name]
    body, parameters = _child_inputs(properties, account_id, region_name)
    tags = {t["Key"]: t["Value"] for t in properties.get("Tags") or []}
    child = api.create_stack(backend, name=name, template=body, parameters=parameters, tags=tags,
                             notification_arns=properties.get("NotificationARNs"), wait=True, parent_id=parent_id)
    if child.status != "CREATE_COMPLETE":
        reason = _first_failure_reason(child)
        # AWS deletes a nested stack that failed to create along with its parent's rollback; the
        # parent never learns the child's physical id, so the child goes now.
        api.delete_stack(backend, child.stack_id, wait=True)
        raise ResourceFailure(f"Embedded stack {child.stack_id} was not successfully created: {reason}")
    return child


def update_nested_stack(backend: Any, child: Any, properties: dict[str, Any]) -> Any:
    """Update the child in place with its resolved properties; nothing to change is no failure."""
    template, parameters = _child_inputs(properties, child.account_id, child.region_name)
    changed = api.update_stack(backend, child, template=template, parameters=parameters, tags=None, role_arn=None,
                               token=None, disable_rollback=False, wait=True, allow_no_change=True)
    if changed and child.status != "UPDATE_COMPLETE":
        raise ResourceFailure(
            f"Embedded stack {child.stack_id} was not successfully updated. Currently in {child.status} with reason: {child.stack_status_reason}"
        )
    return child


def delete_nested_stack(backend: Any, child: Any) -> None:
    api.delete_stack(backend, child.stack_id, wait=True)
    if child.status != "DELETE_COMPLETE":
        raise ResourceFailure(
            f"Embedded stack {child.stack_id} was not successfully deleted: {child.stack_status_reason}"
        )


def _create(cls: type[Stack], resource_name: str, cloudformation_json: dict[str, Any], account_id: str,
            region_name: str, **kwargs: Any) -> Stack:
    return create_nested_stack(resource_name, cloudformation_json.get("Properties") or {}, account_id,
                               region_name, parent_id=kwargs.get("StackId"))


def _update(cls: type[Stack], original_resource: Stack, new_resource_name: str, cloudformation_json: dict[str, Any],
            account_id: str, region_name: str) -> Stack:
    # moto has resolved the properties (Ref, Fn::Sub, ...) against the parent's resources already.
    backend = cloudformation_backends[account_id][region_name]
    return update_nested_stack(backend, original_resource, cloudformation_json.get("Properties") or {})


def _delete(cls: type[Stack], resource_name: str, cloudformation_json: dict[str, Any], account_id: str,
            region_name: str) -> None:
    backend = cloudformation_backends[account_id][region_name]
    child = api.find_live_stack(backend, resource_name)
    if child is not None:
        delete_nested_stack(backend, child)


def _get_cfn_attribute(self: Stack, attribute_name: str) -> Any:
    if attribute_name.startswith("Outputs."):
        key = attribute_name.split(".", 1)[1]
        state = state_of(self)
        outputs = (state.outputs if state is not None else self.outputs) or []
        for output in outputs:
            if output["OutputKey"] == key:
                return output["OutputValue"]
        raise UnformattedGetAttTemplateException()
    raise UnformattedGetAttTemplateException()


def apply() -> None:
    Stack.create_from_cloudformation_json = classmethod(_create)  # type: ignore[assignment]
    Stack.update_from_cloudformation_json = classmethod(_update)  # type: ignore[assignment]
    Stack.delete_from_cloudformation_json = classmethod(_delete)  # type: ignore[assignment]
    Stack.physical_resource_id = property(lambda self: self.stack_id)  # type: ignore[assignment]
    Stack.get_cfn_attribute = _get_cfn_attribute  # type: ignore[attr-defined]
