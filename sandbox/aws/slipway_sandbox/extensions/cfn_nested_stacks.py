"""Nested stacks (AWS::CloudFormation::Stack) through the engine.

moto gap: moto creates a nested stack through its synchronous CreateStack (which the engine
replaces), deletes and re-creates it on every update, answers Ref with the stack *name* (AWS: the
stack ID) and has no Fn::GetAtt at all, so ``!GetAtt Child.Outputs.X`` fails. Here a nested stack
is created, updated in place and deleted by the engine inline (the parent's resource step waits
for the child, and fails with AWS's "Embedded stack ... was not successfully created" reason when
the child rolls back), Ref returns the stack ID, GetAtt answers ``Outputs.<Key>``, and the child
shows ParentId/RootId in DescribeStacks.
"""

from __future__ import annotations

from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.cloudformation.models import Stack, cloudformation_backends

from .cfn_engine import api
from .cfn_engine.state import state_of


def _create(cls: type[Stack], resource_name: str, cloudformation_json: dict[str, Any], account_id: str,
            region_name: str, **kwargs: Any) -> Stack:
    return api.create_nested_stack(resource_name, cloudformation_json.get("Properties") or {}, account_id,
                                   region_name, parent_id=kwargs.get("StackId"))


def _delete(cls: type[Stack], resource_name: str, cloudformation_json: dict[str, Any], account_id: str,
            region_name: str) -> None:
    backend = cloudformation_backends[account_id][region_name]
    child = api._find_live_stack(backend, resource_name)
    if child is not None:
        api.delete_nested_stack(backend, child)


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
    Stack.delete_from_cloudformation_json = classmethod(_delete)  # type: ignore[assignment]
    # Updates of nested stacks go through engine.ops.update_resource -> api.update_nested_stack.
    Stack.physical_resource_id = property(lambda self: self.stack_id)  # type: ignore[assignment]
    Stack.get_cfn_attribute = _get_cfn_attribute  # type: ignore[attr-defined]
