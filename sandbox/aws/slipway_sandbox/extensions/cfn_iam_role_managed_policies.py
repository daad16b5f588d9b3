"""AWS::IAM::Role with ManagedPolicyArns: the policies are attached, kept in step on update, detached on delete.

moto gap: moto's CloudFormation model of a role ignored ``ManagedPolicyArns``, so a role created by a
stack had no attached policies at all (ListAttachedRolePolicies answered nothing, and anything that
reads a role's permissions saw none); an update did not change them either. AWS managed policies
(``arn:aws:iam::aws:policy/...``) that moto has not loaded are left out, as moto cannot attach them.
"""

from __future__ import annotations

from typing import Any

from moto.iam.models import Role, iam_backends
from moto.utilities.utils import get_partition


def _wanted(cloudformation_json: dict[str, Any]) -> list[str]:
    arns = (cloudformation_json.get("Properties") or {}).get("ManagedPolicyArns") or []
    return [str(arn) for arn in arns]


def _sync(role: Role, wanted: list[str], account_id: str, region_name: str) -> None:
    backend = iam_backends[account_id][get_partition(region_name)]
    known = {p.arn for p in backend.managed_policies.values()}
    current = set(role.managed_policies.keys())
    for arn in current - set(wanted):
        backend.detach_role_policy(arn, role.name)
    for arn in wanted:
        if arn in known and arn not in current:
            backend.attach_role_policy(arn, role.name)


def apply() -> None:
    original_create = Role.create_from_cloudformation_json
    original_update = Role.update_from_cloudformation_json
    original_delete = Role.delete_from_cloudformation_json

    def create(cls: type[Role], resource_name: str, cloudformation_json: Any, account_id: str,
               region_name: str, **kwargs: Any) -> Role:
        role = original_create(resource_name, cloudformation_json, account_id, region_name, **kwargs)
        _sync(role, _wanted(cloudformation_json), account_id, region_name)
        return role

    def update(cls: type[Role], original_resource: Role, new_resource_name: str, cloudformation_json: Any,
               account_id: str, region_name: str) -> Role:
        role = original_update(original_resource, new_resource_name, cloudformation_json, account_id, region_name)
        _sync(role, _wanted(cloudformation_json), account_id, region_name)
        return role

    def delete(cls: type[Role], resource_name: str, cloudformation_json: Any, account_id: str,
               region_name: str) -> None:
        backend = iam_backends[account_id][get_partition(region_name)]
        for role in backend.roles.values():
            if role.name == resource_name:
                for arn in list(role.managed_policies.keys()):
                    backend.detach_role_policy(arn, role.name)
        original_delete(resource_name, cloudformation_json, account_id, region_name)

    Role.create_from_cloudformation_json = classmethod(create)  # type: ignore[assignment]
    Role.update_from_cloudformation_json = classmethod(update)  # type: ignore[assignment]
    Role.delete_from_cloudformation_json = classmethod(delete)  # type: ignore[assignment]
