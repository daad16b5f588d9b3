"""Stack deletes and rollbacks really delete API Gateway, IAM managed policy and Lambda resources;
managed policies update in place.

moto gap: for these types moto's CloudFormation models have no delete at all, so DeleteStack and
rollbacks reported DELETE_COMPLETE while the resource stayed: AWS::ApiGateway::RestApi, ::Resource
and ::Deployment, AWS::IAM::ManagedPolicy, AWS::Lambda::Permission and AWS::Lambda::Version
(AWS::Lambda::LayerVersion: see cfn_lambda_layer_version). Lambda::Permission and Lambda::Version also had no physical id, so Ref
handed the Python object around. Here each gets a real delete (a managed policy is detached from
its roles, users and groups first, as CloudFormation does), Permission's Ref is its statement id
and Version's Ref its version ARN (``Fn::GetAtt Version`` the number).

moto gap: AWS::IAM::ManagedPolicy had no update either, so a new PolicyDocument (or Roles, Users,
Groups) deleted the policy and created another while the change set said, as AWS does, that it
changes in place. Here the document becomes a new default version and the attachments follow the
properties; only ManagedPolicyName, Path and Description (create-only) still replace it.
"""

from __future__ import annotations

import json
from typing import Any

from moto.apigateway.models import Deployment, Resource, RestAPI, apigateway_backends
from moto.awslambda.exceptions import UnknownPolicyException
from moto.awslambda.models import LambdaVersion, Permission
from moto.awslambda.utils import get_backend as get_lambda_backend
from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.iam.models import ManagedPolicy, iam_backends


# --- API Gateway ------------------------------------------------------------------------------------------
def _rest_api_delete(self: RestAPI, account_id: str, region_name: str) -> None:
    apigateway_backends[account_id][region_name].apis.pop(self.id, None)


def _resource_delete(self: Resource, account_id: str, region_name: str) -> None:
    api = apigateway_backends[account_id][region_name].apis.get(self.api_id)
    if api is not None:  # deleting the RestApi already took its resources
        api.resources.pop(self.id, None)


def _deployment_delete(self: Deployment, account_id: str, region_name: str) -> None:
    for api in apigateway_backends[account_id][region_name].apis.values():
        if self.id in api.deployments:
            # The stage a Deployment's StageName created goes with it.
            stage = api.stages.get(self.stage_name) if self.stage_name else None
            if stage is not None and stage.deployment_id == self.id:
                api.stages.pop(self.stage_name, None)
            api.deployments.pop(self.id, None)


# --- IAM ----------------------------------------------------------------------------------------------------
def _managed_policy_delete(self: ManagedPolicy, account_id: str, region_name: str) -> None:
    backend = iam_backends[account_id][self.partition]
    for holders in (backend.roles.values(), backend.users.values(), backend.groups.values()):
        for holder in holders:
            if self.arn in holder.managed_policies:
                self.detach_from(holder)
    if self.arn in backend.managed_policies:
        backend.delete_policy(self.arn)


def _managed_policy_update(cls: type[ManagedPolicy], original_resource: ManagedPolicy, new_resource_name: str,
                           cloudformation_json: dict[str, Any], account_id: str, region_name: str) -> ManagedPolicy:
    policy = original_resource
    backend = iam_backends[account_id][policy.partition]
    properties = cloudformation_json.get("Properties") or {}
    document = properties.get("PolicyDocument")
    default = next((v for v in policy.versions if v.is_default), None)
    if default is None or json.loads(default.document) != document:
        if len(policy.versions) >= 5:  # IAM keeps five versions: the oldest non-default one makes room
            oldest = next(v for v in policy.versions if not v.is_default)
            backend.delete_policy_version(policy.arn, oldest.version_id)
        backend.create_policy_version(policy.arn, json.dumps(document), set_as_default=True)
    for holders, wanted, attach, detach in (
        (backend.roles.values(), properties.get("Roles") or [], backend.attach_role_policy, backend.detach_role_policy),
        (backend.users.values(), properties.get("Users") or [], backend.attach_user_policy, backend.detach_user_policy),
        (backend.groups.values(), properties.get("Groups") or [], backend.attach_group_policy, backend.detach_group_policy),
    ):
        attached = {holder.name for holder in holders if policy.arn in holder.managed_policies}
        for name in attached - set(wanted):
            detach(policy.arn, name)
        for name in [n for n in wanted if n not in attached]:
            attach(policy.arn, name)
    return policy


# --- Lambda ---------------------------------------------------------------------------------------------
def _permission_create(cls: type[Permission], resource_name: str, cloudformation_json: dict[str, Any],
                       account_id: str, region_name: str, **kwargs: Any) -> Permission:
    properties = cloudformation_json["Properties"]
    function = get_lambda_backend(account_id, region_name).get_function(properties["FunctionName"])
    statement, _ = function.policy.add_statement(raw=json.dumps(properties))
    permission = Permission(region=region_name)
    permission.account_id = account_id  # type: ignore[attr-defined]
    permission.function_name = function.function_name  # type: ignore[attr-defined]
    permission.sid = statement["Sid"]  # type: ignore[attr-defined]
    return permission


def _permission_delete(self: Permission, account_id: str, region_name: str) -> None:
    try:
        get_lambda_backend(account_id, region_name).remove_permission(self.function_name, self.sid)
    except (UnknownPolicyException, Exception) as exc:  # the function (and its policy) may be gone already
        if not _function_gone(account_id, region_name, self.function_name, exc):
            raise


def _function_gone(account_id: str, region_name: str, name: str, exc: Exception) -> bool:
    try:
        get_lambda_backend(account_id, region_name).get_function(name)
    except Exception:
        return True
    return isinstance(exc, UnknownPolicyException)


def _version_create(cls: type[LambdaVersion], resource_name: str, cloudformation_json: dict[str, Any],
                    account_id: str, region_name: str, **kwargs: Any) -> LambdaVersion:
    properties = cloudformation_json["Properties"]
    backend = get_lambda_backend(account_id, region_name)
    published = backend.publish_version(properties["FunctionName"], description=properties.get("Description") or "")
    version = LambdaVersion({"Version": published.version})  # type: ignore[union-attr]
    version.function_name = published.function_name  # type: ignore[attr-defined, union-attr]
    version.arn = published.function_arn  # type: ignore[attr-defined, union-attr]
    return version


def _version_physical_id(self: LambdaVersion) -> str:
    arn = getattr(self, "arn", None)
    if not arn:
        return str(self.version)
    return arn if arn.endswith(f":{self.version}") else f"{arn}:{self.version}"


def _version_attribute(self: LambdaVersion, attribute_name: str) -> Any:
    if attribute_name == "Version":
        return str(self.version)
    if attribute_name == "FunctionArn":
        return _version_physical_id(self).rsplit(":", 1)[0]
    raise UnformattedGetAttTemplateException()


def _version_delete(self: LambdaVersion, account_id: str, region_name: str) -> None:
    backend = get_lambda_backend(account_id, region_name)
    try:
        backend.get_function(self.function_name)
    except Exception:
        return  # the function, and with it every version, is gone already
    backend.delete_function(self.function_name, str(self.version))


def apply() -> None:
    RestAPI.delete = _rest_api_delete  # type: ignore[attr-defined]
    Resource.delete = _resource_delete  # type: ignore[attr-defined]
    Deployment.delete = _deployment_delete  # type: ignore[attr-defined]
    ManagedPolicy.delete = _managed_policy_delete  # type: ignore[attr-defined]
    ManagedPolicy.update_from_cloudformation_json = classmethod(_managed_policy_update)  # type: ignore[assignment]

    Permission.create_from_cloudformation_json = classmethod(_permission_create)  # type: ignore[assignment]
    Permission.physical_resource_id = property(lambda self: getattr(self, "sid", ""))  # type: ignore[attr-defined]
    Permission.delete = _permission_delete  # type: ignore[attr-defined]

    LambdaVersion.create_from_cloudformation_json = classmethod(_version_create)  # type: ignore[assignment]
    LambdaVersion.physical_resource_id = property(_version_physical_id)  # type: ignore[attr-defined]
    LambdaVersion.get_cfn_attribute = _version_attribute  # type: ignore[attr-defined]
    LambdaVersion.has_cfn_attr = classmethod(lambda cls, attr: attr in ("Version", "FunctionArn"))  # type: ignore[assignment]
    LambdaVersion.delete = _version_delete  # type: ignore[attr-defined]
