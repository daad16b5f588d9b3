"""The moto patches that route CloudFormation through the engine.

HTTP handlers run operations asynchronously; the backend methods (used in-process by stack sets and
nested stacks) run them synchronously. Read paths are patched so that they never trigger moto's
lazy resource creation and see consistent stack dicts while a worker thread changes them.
"""

from __future__ import annotations

import functools
import json
from typing import Any

from moto.cloudformation import parsing
from moto.cloudformation.exceptions import UnsupportedAttribute, ValidationError
from moto.cloudformation.models import ChangeSet, CloudFormationBackend, Stack
from moto.cloudformation.responses import CloudFormationResponse
from moto.core.responses import ActionResult, EmptyResult
from moto.moto_api._internal.models import MotoAPIBackend

from ...callers import caller_principal
from . import api
from .graph import references
from .state import RESOURCE_LOCK, STACKS_LOCK, bump_generation, state_of

_DRIFT = {"StackResourceDriftStatus": "NOT_CHECKED"}


def _compact(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if v is not None}


def _bool_param(self: CloudFormationResponse, name: str) -> bool | None:
    value = self._get_param(name)
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    return str(value).lower() == "true"


# --- HTTP handlers (asynchronous) ---------------------------------------------------------------------------
def create_stack(self: CloudFormationResponse) -> ActionResult:
    on_failure = self._get_param("OnFailure")
    disable_rollback = _bool_param(self, "DisableRollback")
    if on_failure and disable_rollback is not None:
        raise ValidationError(message="You can specify either DisableRollback or OnFailure, but not both.")
    mode = on_failure or ("DO_NOTHING" if disable_rollback else "ROLLBACK")
    body = self._get_param("TemplateBody")
    template_url = self._get_param("TemplateURL")
    if template_url:
        body = self._get_stack_from_s3_url(template_url)
    stack = api.create_stack(
        self.cloudformation_backend,
        name=self._get_param("StackName"),
        template=body,
        parameters=self._get_params_from_list(self._get_param("Parameters", [])),
        notification_arns=self._get_param("NotificationARNs", []),
        tags={item["Key"]: item["Value"] for item in self._get_param("Tags", [])},
        role_arn=self._get_param("RoleARN"),
        enable_termination_protection=_bool_param(self, "EnableTerminationProtection") or False,
        timeout_in_mins=self._get_param("TimeoutInMinutes"),
        stack_policy_body=self._get_param("StackPolicyBody"),
        token=self._get_param("ClientRequestToken"),
        on_failure=mode,
        wait=False,
        deployer=caller_principal(self),
    )
    return ActionResult({"StackId": stack.stack_id})


def _resolve_parameters(stack: Any, incoming: list[dict[str, Any]]) -> dict[str, Any]:
    previous = stack.resource_map.resolved_parameters
    resolved: dict[str, Any] = {}
    for parameter in incoming:
        key = parameter["ParameterKey"]
        if parameter.get("UsePreviousValue"):
            if parameter.get("ParameterValue"):
                raise ValidationError(
                    message=f"Invalid input for parameter key {key}. Cannot specify usePreviousValue as true and non empty value for a parameter"
                )
            value = stack.parameters.get(key, previous.get(key))
            resolved[key] = ",".join(value) if isinstance(value, list) else value
        else:
            resolved[key] = parameter.get("ParameterValue")
    return resolved


def update_stack(self: CloudFormationResponse) -> ActionResult:
    backend = self.cloudformation_backend
    stack = backend.get_stack(self._get_param("StackName"))
    if stack.status == "DELETE_COMPLETE":
        raise ValidationError(stack.stack_id)
    if _bool_param(self, "UsePreviousTemplate"):
        body = stack.template
    else:
        body = self._get_param("TemplateBody")
        if not body and self._get_param("TemplateURL"):
            body = self._get_stack_from_s3_url(self._get_param("TemplateURL"))
    tags = {item["Key"]: item["Value"] for item in self._get_param("Tags", [])} or None
    api.update_stack(
        backend, stack, template=body,
        parameters=_resolve_parameters(stack, self._get_param("Parameters", [])),
        tags=tags, role_arn=self._get_param("RoleARN"),
        token=self._get_param("ClientRequestToken"),
        disable_rollback=bool(_bool_param(self, "DisableRollback")), wait=False,
    )
    return ActionResult({"StackId": stack.stack_id})


def delete_stack(self: CloudFormationResponse) -> EmptyResult:
    api.delete_stack(
        self.cloudformation_backend, self._get_param("StackName"),
        token=self._get_param("ClientRequestToken"),
        retain=self._get_param("RetainResources", []), wait=False,
    )
    return EmptyResult()


def _find_change_set(backend: CloudFormationBackend, name: str, stack_name: str | None) -> Any:
    if name in backend.change_sets:
        return backend.change_sets[name]
    for change_set in backend.change_sets.values():
        if change_set.change_set_name == name and (
            not stack_name or stack_name in (change_set.stack_name, change_set.stack_id)
        ):
            return change_set
    raise api.ChangeSetNotFound(f"ChangeSet [{name}] does not exist")


def execute_change_set(self: CloudFormationResponse) -> EmptyResult:
    backend = self.cloudformation_backend
    change_set = _find_change_set(backend, self._get_param("ChangeSetName"), self._get_param("StackName"))
    api.execute_change_set(
        backend, change_set, token=self._get_param("ClientRequestToken"),
        disable_rollback=bool(_bool_param(self, "DisableRollback")), wait=False,
    )
    return EmptyResult()


def create_change_set(self: CloudFormationResponse) -> ActionResult:
    backend = self.cloudformation_backend
    stack_name = self._get_param("StackName")
    change_set_type = self._get_param("ChangeSetType") or "CREATE"
    self.validate_template_and_stack_body()
    body = self._get_param("TemplateBody")
    incoming = self._get_param("Parameters", [])
    if change_set_type == "UPDATE":
        stack = backend.get_stack(stack_name)
        if _bool_param(self, "UsePreviousTemplate"):
            body = stack.template
        parameters = _resolve_parameters(stack, incoming)
    else:
        parameters = {p["ParameterKey"]: p.get("ParameterValue") for p in incoming}
    if not body and self._get_param("TemplateURL"):
        body = self._get_stack_from_s3_url(self._get_param("TemplateURL"))
    change_set = api.create_change_set(
        backend, stack_name=stack_name, change_set_name=self._get_param("ChangeSetName"), template=body,
        parameters=parameters, change_set_type=change_set_type, description=self._get_param("Description"),
        notification_arns=self._get_param("NotificationARNs", []),
        tags={item["Key"]: item["Value"] for item in self._get_param("Tags", [])},
        role_arn=self._get_param("RoleARN"), capabilities=self._get_param("Capabilities", []),
        include_nested_stacks=bool(_bool_param(self, "IncludeNestedStacks")),
    )
    return ActionResult({"Id": change_set.change_set_id, "StackId": change_set.stack_id})


def _stack_for_resources(self: CloudFormationResponse) -> Any:
    backend = self.cloudformation_backend
    name = self._get_param("StackName")
    if name:
        return backend.get_stack(name)
    physical_id = self._get_param("PhysicalResourceId")
    if physical_id:
        with STACKS_LOCK:
            candidates = list(backend.stacks.values())
        for stack in candidates:
            state = state_of(stack)
            if state and any(r.physical_id == physical_id for r in state.snapshot()):
                return stack
        raise ValidationError(message=f"Stack for {physical_id} does not exist")
    raise ValidationError(message="Either StackName or PhysicalResourceId must be specified.")


def list_stack_resources(self: CloudFormationResponse) -> ActionResult:
    stack = self.cloudformation_backend.get_stack(self._get_param("StackName"))
    state = state_of(stack)
    if state is None:
        return _original["list_stack_resources"](self)
    summaries = [
        _compact({
            "LogicalResourceId": r.logical_id, "PhysicalResourceId": r.physical_id or None,
            "ResourceType": r.resource_type, "LastUpdatedTimestamp": r.timestamp,
            "ResourceStatus": r.status, "ResourceStatusReason": r.reason, "DriftInformation": _DRIFT,
        })
        for r in state.snapshot()
    ]
    return ActionResult({"StackResourceSummaries": summaries})


def describe_stack_resources(self: CloudFormationResponse) -> ActionResult:
    stack = _stack_for_resources(self)
    state = state_of(stack)
    if state is None:
        return _original["describe_stack_resources"](self)
    logical_id = self._get_param("LogicalResourceId")
    resources = [
        _compact({
            "StackName": stack.name, "StackId": stack.stack_id, "LogicalResourceId": r.logical_id,
            "PhysicalResourceId": r.physical_id or None, "ResourceType": r.resource_type,
            "Timestamp": r.timestamp, "ResourceStatus": r.status, "ResourceStatusReason": r.reason,
            "DriftInformation": _DRIFT,
        })
        for r in state.snapshot()
        if not logical_id or r.logical_id == logical_id
    ]
    return ActionResult({"StackResources": resources})


def describe_stack_resource(self: CloudFormationResponse) -> ActionResult:
    stack = self.cloudformation_backend.get_stack(self._get_param("StackName"))
    state = state_of(stack)
    if state is None:
        return _original["describe_stack_resource"](self)
    logical_id = self._get_param("LogicalResourceId")
    record = next((r for r in state.snapshot() if r.logical_id == logical_id), None)
    if record is None:
        raise ValidationError(stack.name, message=f"Resource {logical_id} does not exist for stack {stack.name}")
    metadata = ((stack.resource_map._template or {}).get("Resources", {}).get(logical_id) or {}).get("Metadata")
    detail = _compact({
        "StackName": stack.name, "StackId": stack.stack_id, "LogicalResourceId": record.logical_id,
        "PhysicalResourceId": record.physical_id or None, "ResourceType": record.resource_type,
        "LastUpdatedTimestamp": record.timestamp, "ResourceStatus": record.status,
        "ResourceStatusReason": record.reason, "Metadata": json.dumps(metadata) if metadata else None,
        "DriftInformation": _DRIFT,
    })
    return ActionResult({"StackResourceDetail": detail})


# --- backend methods (synchronous, for in-process callers) ------------------------------------------------
def backend_create_stack(self: CloudFormationBackend, name: str, template: str, parameters: dict[str, Any],
                         notification_arns: list[str] | None = None, tags: dict[str, str] | None = None,
                         role_arn: str | None = None, enable_termination_protection: bool | None = False,
                         timeout_in_mins: int | None = None, stack_policy_body: str | None = None) -> Stack:
    return api.create_stack(
        self, name=name, template=template, parameters=parameters, notification_arns=notification_arns,
        tags=tags, role_arn=role_arn, enable_termination_protection=enable_termination_protection,
        timeout_in_mins=timeout_in_mins, stack_policy_body=stack_policy_body, wait=True,
    )


def backend_update_stack(self: CloudFormationBackend, name: str, template: str, role_arn: str | None,
                         parameters: list[dict[str, Any]], tags: dict[str, str] | None) -> Stack:
    stack = self.get_stack(name)
    api.update_stack(self, stack, template=template, parameters=_resolve_parameters(stack, parameters),
                     tags=tags, role_arn=role_arn, token=None, disable_rollback=False, wait=True)
    return stack


def backend_delete_stack(self: CloudFormationBackend, name_or_stack_id: str) -> None:
    api.delete_stack(self, name_or_stack_id, wait=True)


def backend_create_change_set(self: CloudFormationBackend, stack_name: str, change_set_name: str, template: str,
                              parameters: dict[str, str], description: str, change_set_type: str,
                              notification_arns: list[str] | None = None, tags: dict[str, str] | None = None,
                              role_arn: str | None = None) -> tuple[str, str]:
    change_set = api.create_change_set(
        self, stack_name=stack_name, change_set_name=change_set_name, template=template, parameters=parameters,
        change_set_type=change_set_type, description=description, notification_arns=notification_arns,
        tags=tags, role_arn=role_arn,
    )
    return change_set.change_set_id, change_set.stack_id


def backend_execute_change_set(self: CloudFormationBackend, change_set_name: str,
                               stack_name: str | None = None) -> None:
    change_set = _find_change_set(self, change_set_name, stack_name)
    api.execute_change_set(self, change_set, token=None, disable_rollback=False, wait=True)


def _locked(method: Any) -> Any:
    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with STACKS_LOCK:
            result = method(*args, **kwargs)
            return list(result) if isinstance(result, (list, tuple)) else result

    return wrapper


# --- Stack model: answers from the engine's records instead of moto's lazy map --------------------------
def _patch_stack_properties() -> None:
    original_outputs = Stack.outputs
    original_exports = Stack.exports
    original_resources = Stack.stack_resources
    original_verify = Stack.verify_readiness

    def outputs(self: Stack) -> Any:
        state = state_of(self)
        return original_outputs.fget(self) if state is None else state.outputs

    def exports(self: Stack) -> Any:
        state = state_of(self)
        return original_exports.fget(self) if state is None else list(state.exports)

    def stack_resources(self: Stack) -> Any:
        state = state_of(self)
        if state is None:
            return original_resources.fget(self)
        parsed = self.resource_map._parsed_resources
        return [parsed[r.logical_id] for r in state.snapshot() if parsed.get(r.logical_id) is not None]

    def verify_readiness(self: Stack) -> None:
        # The engine polls custom resources itself; moto's version would create resources lazily.
        if state_of(self) is None:
            original_verify(self)

    Stack.outputs = property(outputs)  # type: ignore[assignment]
    Stack.exports = property(exports)  # type: ignore[assignment]
    Stack.stack_resources = property(stack_resources)  # type: ignore[assignment]
    Stack.verify_readiness = verify_readiness  # type: ignore[method-assign]


def _validate_outputs(self: parsing.ResourceMap) -> None:
    """moto's version crashes (HTTP 500) when an output reads an attribute of a resource type it does
    not know; such a resource fails on its own at creation, so only known types are checked."""
    outputs = self._template.get("Outputs") or {}
    for value in outputs.values():
        if "Condition" in value and not self.lazy_condition_map[value["Condition"]]:
            continue
        getatt = (value.get("Value") or {}).get("Fn::GetAtt") if isinstance(value.get("Value"), dict) else None
        if not getatt:
            continue
        resource_name, attr = (getatt.split(".", 1) if isinstance(getatt, str) else (getatt[0], getatt[1]))
        resource = self._resource_json_map.get(resource_name)
        if resource is None:
            raise ValidationError(
                message=f"Template format error: Unresolved resource dependencies [{resource_name}] in the Outputs block of the template"
            )
        if "Condition" in resource and not self.lazy_condition_map[resource["Condition"]]:
            raise ValidationError(
                message=f"Unresolved resource dependencies [{resource_name}] in the Outputs block of the template"
            )
        resource_class = parsing.resource_class_from_type(resource["Type"])
        if resource_class is not None and isinstance(attr, str) and not resource_class.has_cfn_attr(attr):
            short_type = resource["Type"][resource["Type"].rindex(":") + 1:]
            raise UnsupportedAttribute(resource=short_type, attr=attr)


def _build_resource_diff(self: parsing.ResourceMap, other_template: dict[str, Any],
                         parameters: dict[str, Any] | None = None) -> dict[str, list[str]]:
    """moto's diff, minus a false "Modify": moto adds ``Properties: {}`` to resources it parsed, so
    an unchanged resource without properties looked changed in every change set and update."""

    def normalised(body: Any) -> Any:
        return dict(body, Properties=body.get("Properties") or {}) if isinstance(body, dict) else body

    old = self._resource_json_map
    new = other_template.get("Resources") or {}
    diff = {
        "Add": [name for name in new if name not in old],
        "Modify": [name for name in new if name in old and normalised(new[name]) != normalised(old[name])],
        "Remove": [name for name in old if name not in new],
    }
    if parameters:
        changed = [p for p in parameters if self.input_parameters.get(p) != parameters[p]]
        for name in new:
            if name in old and name not in diff["Modify"]:
                # Ref, Fn::Sub and Fn::GetAtt all count (moto only looked at Ref).
                if any(c in references(new[name]) for c in changed):
                    diff["Modify"].append(name)
    return diff


_original: dict[str, Any] = {}


def _reset_with_engine(self: MotoAPIBackend) -> None:
    # Stop every running stack operation at its next step before the backends are wiped, and make
    # sure none is inside a backend call while that happens.
    with RESOURCE_LOCK, STACKS_LOCK:
        bump_generation()
        _original["reset"](self)


def install() -> None:
    for name in ("list_stack_resources", "describe_stack_resources", "describe_stack_resource"):
        _original[name] = getattr(CloudFormationResponse, name)
    _original["reset"] = MotoAPIBackend.reset

    CloudFormationResponse.create_stack = create_stack
    CloudFormationResponse.update_stack = update_stack
    CloudFormationResponse.delete_stack = delete_stack
    CloudFormationResponse.execute_change_set = execute_change_set
    CloudFormationResponse.create_change_set = create_change_set
    CloudFormationResponse.list_stack_resources = list_stack_resources
    CloudFormationResponse.describe_stack_resources = describe_stack_resources
    CloudFormationResponse.describe_stack_resource = describe_stack_resource

    CloudFormationBackend.create_stack = backend_create_stack
    CloudFormationBackend.update_stack = backend_update_stack
    CloudFormationBackend.delete_stack = backend_delete_stack
    CloudFormationBackend.execute_change_set = backend_execute_change_set
    CloudFormationBackend.create_change_set = backend_create_change_set
    # The engine computes a change set's changes itself (api.create_change_set); moto's diff saw no
    # parameter changes and would run on every ChangeSet construction.
    ChangeSet.diff = lambda self: []  # type: ignore[method-assign]
    for name in ("describe_stacks", "list_stacks", "get_stack", "list_exports", "describe_stack_events",
                 "list_change_sets"):
        setattr(CloudFormationBackend, name, _locked(getattr(CloudFormationBackend, name)))

    parsing.ResourceMap.validate_outputs = _validate_outputs
    parsing.ResourceMap.build_resource_diff = _build_resource_diff
    _patch_stack_properties()
    MotoAPIBackend.reset = _reset_with_engine
