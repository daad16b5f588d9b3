"""AWS::CloudFormation::StackSet (self-managed, this account) as stack instances run by the engine.

moto gap: moto has no CloudFormation model for AWS::CloudFormation::StackSet, so the resource failed
as unsupported. Here a SELF_MANAGED stack set with ``TemplateBody`` and ``StackInstancesGroup``
targeting the sandbox's own account creates one stack instance per Region, named
``StackSet-<StackSetName>-<uuid>``, inline through the engine and *as the execution role*
(``arn:aws:iam::<account>:role/<ExecutionRoleName>``, the stack's service role), which is how AWS
runs stack set instances: what they create is created by that role (an SNS subscription is owned by
it). Ref and ``StackSetId`` = ``<name>:<uuid>``. Deleting the resource deletes the instances.
SERVICE_MANAGED (Organizations) stack sets, other accounts, TemplateURL, operation preferences and
updates other than replacement are not supported; the stack set is not listed by ListStackSets.
"""

from __future__ import annotations

import uuid
from typing import Any

from moto.cloudformation.models import cloudformation_backends

from ..cfn_types import PropertyValidationError, SandboxResource, register_cfn_resource, require
from .cfn_engine import api
from .cfn_engine.ops import ResourceFailure


class StackSet(SandboxResource):
    CFN_TYPE = "AWS::CloudFormation::StackSet"
    NAME_PROPERTY = "StackSetName"
    ATTRIBUTES = ("StackSetId",)

    @classmethod
    def create(cls, name: str, properties: dict[str, Any], account_id: str, region_name: str,
               logical_id: str) -> "StackSet":
        require(properties, "StackSetName", "PermissionModel", "TemplateBody")
        if properties["PermissionModel"] != "SELF_MANAGED":
            raise PropertyValidationError("The Slipway sandbox supports SELF_MANAGED stack sets only")
        set_name = properties["StackSetName"]
        execution_role = properties.get("ExecutionRoleName") or "AWSCloudFormationStackSetExecutionRole"
        role_arn = f"arn:aws:iam::{account_id}:role/{execution_role}"
        parameters = {p["ParameterKey"]: str(p["ParameterValue"]) for p in properties.get("Parameters") or []}
        set_id = f"{set_name}:{uuid.uuid4()}"
        resource = cls(account_id, region_name, set_id, {"StackSetId": set_id})
        resource.instances = []
        for group in properties.get("StackInstancesGroup") or []:
            accounts = (group.get("DeploymentTargets") or {}).get("Accounts") or []
            if any(str(a) != account_id for a in accounts):
                resource.destroy()
                raise PropertyValidationError(f"The Slipway sandbox deploys stack instances to its own account "
                                              f"({account_id}) only")
            for region in group.get("Regions") or []:
                for _ in accounts:
                    backend = cloudformation_backends[account_id][region]
                    stack = api.create_stack(backend, name=f"StackSet-{set_name}-{uuid.uuid4()}",
                                             template=properties["TemplateBody"], parameters=parameters,
                                             role_arn=role_arn, wait=True)
                    resource.instances.append((region, stack.stack_id))
                    if stack.status != "CREATE_COMPLETE":
                        resource.destroy()
                        raise ResourceFailure(f"Stack instance {stack.stack_id} of stack set {set_name} failed: "
                                              f"{stack.stack_status_reason or stack.status}")
        return resource

    def destroy(self) -> None:
        for region, stack_id in reversed(getattr(self, "instances", [])):
            api.delete_stack(cloudformation_backends[self.account_id][region], stack_id, wait=True)
        self.instances = []


def apply() -> None:
    register_cfn_resource(StackSet)
