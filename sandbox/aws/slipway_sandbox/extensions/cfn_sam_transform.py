"""The SAM transform (``Transform: AWS::Serverless-2016-10-31``), applied as CloudFormation does.

moto gap: moto skips every ``AWS::Serverless::*`` resource and reports success with nothing created
(so the engine refused any ``Transform``). Here CreateStack, UpdateStack and CreateChangeSet expand a
SAM template with AWS's own translator (``aws-sam-translator``, the library behind CloudFormation's
SAM transform and ``sam validate``) before the engine parses it: the stack runs the expanded
resources (functions with their roles, event source mappings and permissions, connectors' policies,
``AWS::Serverless::Application`` as ``AWS::CloudFormation::Stack``), a change set lists them, and
nested templates are expanded the same way when their stack is created. GetTemplate answers the
template as written (``TemplateStage=Original``, the default) or as run (``Processed``), with
``StagesAvailable``; ValidateTemplate reports ``DeclaredTransforms`` and ``CAPABILITY_AUTO_EXPAND``.
CreateStack and UpdateStack refuse a SAM template without ``CAPABILITY_AUTO_EXPAND``
(InsufficientCapabilitiesException), as AWS does; a change set does not need it.

Other transforms (``AWS::Include``, ``AWS::LanguageExtensions``, macros) are still refused by the
engine with a message that says so.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import boto3
from moto.cloudformation.exceptions import CloudFormationError, ValidationError
from moto.cloudformation.models import Stack
from moto.cloudformation.responses import CloudFormationResponse
from moto.core.responses import ActionResult
from moto.utilities.utils import get_partition
from samtranslator.model.exceptions import InvalidDocumentException
from samtranslator.parser.parser import Parser
from samtranslator.translator.translator import Translator

from .cfn_engine import api

SAM_TRANSFORM = "AWS::Serverless-2016-10-31"
ORIGINAL = "slipway_original_template"


class InsufficientCapabilitiesException(CloudFormationError):
    code = "InsufficientCapabilitiesException"


def declared_transforms(template: dict[str, Any]) -> list[str]:
    transform = template.get("Transform")
    if not transform:
        return []
    return [str(t) for t in transform] if isinstance(transform, list) else [str(transform)]


def _parsed(body: Any) -> dict[str, Any] | None:
    if isinstance(body, dict):
        return body
    if not body or not isinstance(body, str):
        return None
    try:
        parsed = Stack.parse_template(body)
    except Exception:
        return None  # the engine reports the format error
    return parsed if isinstance(parsed, dict) else None


def is_sam(body: Any) -> bool:
    """True when the template declares only the SAM transform (the engine refuses any other)."""
    parsed = _parsed(body)
    return parsed is not None and declared_transforms(parsed) == [SAM_TRANSFORM]


@cache
def _managed_policies() -> dict[str, str]:
    # SAM resolves a policy given by name (``Policies: [AWSLambdaExecute]``) from IAM's list of AWS
    # managed policies; moto ships the same list.
    from moto.iam.aws_managed_policies import aws_managed_policies_data

    names = json.loads(aws_managed_policies_data)
    return {name: f"arn:aws:iam::aws:policy{policy.get('Path', '/')}{name}" for name, policy in names.items()}


def expand(template: dict[str, Any], parameters: dict[str, Any], account_id: str, region: str) -> dict[str, Any]:
    """The SAM template as CloudFormation runs it, or a ValidationError with the translator's message."""
    values: dict[str, Any] = {
        "AWS::AccountId": account_id,
        "AWS::Region": region,
        "AWS::Partition": get_partition(region),
        **{k: v for k, v in parameters.items() if v is not None},
    }
    translator = Translator(None, Parser(), boto_session=boto3.session.Session(region_name=region))
    try:
        expanded = translator.translate(json.loads(json.dumps(template)), parameter_values=values,
                                        get_managed_policy_map=_managed_policies)
    except InvalidDocumentException as exc:
        causes = " ".join(cause.message for cause in exc.causes)
        raise ValidationError(message=f"Transform {SAM_TRANSFORM} failed with: {exc.message} {causes}".strip())
    return expanded


def _expanded_body(backend: Any, template: Any, parameters: dict[str, Any]) -> tuple[Any, str | None]:
    """(the body the engine runs, the original body when it was a SAM template)."""
    if not is_sam(template):
        return template, None
    parsed = _parsed(template)
    assert parsed is not None
    expanded = expand(parsed, parameters, backend.account_id, backend.region_name)
    original = template if isinstance(template, str) else json.dumps(template)
    return json.dumps(expanded), original


_original: dict[str, Any] = {}


def create_stack(backend: Any, **kwargs: Any) -> Any:
    body, original = _expanded_body(backend, kwargs["template"], kwargs.get("parameters") or {})
    stack = _original["create_stack"](backend, **{**kwargs, "template": body})
    setattr(stack, ORIGINAL, original)
    return stack


def update_stack(backend: Any, stack: Any, **kwargs: Any) -> bool:
    # UsePreviousTemplate hands over the processed template: the stack keeps its original.
    previous = kwargs["template"] is stack.template
    body, original = _expanded_body(backend, kwargs["template"], kwargs.get("parameters") or {})
    started = _original["update_stack"](backend, stack, **{**kwargs, "template": body})
    if started and not previous:
        setattr(stack, ORIGINAL, original)
    return started


def create_change_set(backend: Any, **kwargs: Any) -> Any:
    body, original = _expanded_body(backend, kwargs["template"], kwargs.get("parameters") or {})
    change_set = _original["create_change_set"](backend, **{**kwargs, "template": body})
    setattr(change_set, ORIGINAL, original)
    return change_set


def execute_change_set(backend: Any, change_set: Any, **kwargs: Any) -> None:
    _original["execute_change_set"](backend, change_set, **kwargs)
    stack = backend.stacks.get(change_set.stack_id)
    if stack is not None:
        setattr(stack, ORIGINAL, getattr(change_set, ORIGINAL, None))


def _require_auto_expand(handler: Any) -> Any:
    def wrapper(self: CloudFormationResponse) -> Any:
        body = self._get_param("TemplateBody")
        if not body and self._get_param("TemplateURL"):
            body = self._get_stack_from_s3_url(self._get_param("TemplateURL"))
        if is_sam(body) and "CAPABILITY_AUTO_EXPAND" not in self._get_param("Capabilities", []):
            raise InsufficientCapabilitiesException(
                "InsufficientCapabilitiesException", "Requires capabilities : [CAPABILITY_AUTO_EXPAND]")
        return handler(self)

    return wrapper


def get_template(self: CloudFormationResponse) -> ActionResult:
    backend = self.cloudformation_backend
    change_set_name = self._get_param("ChangeSetName")
    stage = self._get_param("TemplateStage") or "Original"
    if stage not in ("Original", "Processed"):
        raise ValidationError(message=f"TemplateStage must be Original or Processed, got {stage}")
    if change_set_name:
        source = next((cs for cs in backend.change_sets.values()
                       if change_set_name in (cs.change_set_id, cs.change_set_name)), None)
        if source is None:
            raise api.ChangeSetNotFound(f"ChangeSet [{change_set_name}] does not exist")
        processed = source.template
    else:
        source = backend.get_stack(self._get_param("StackName"))
        processed = source.template
    original = getattr(source, ORIGINAL, None)
    body = original if stage == "Original" and original else processed
    stages = ["Original", "Processed"]
    return ActionResult({"TemplateBody": body, "StagesAvailable": stages})


def validate_template(self: CloudFormationResponse) -> ActionResult:
    body = self._get_param("TemplateBody")
    if self._get_param("TemplateURL"):
        body = self._get_stack_from_s3_url(self._get_param("TemplateURL"))
    if not is_sam(body):
        return _original["validate_template"](self)
    parsed = _parsed(body)
    assert parsed is not None
    backend = self.cloudformation_backend
    defaults = {name: (p or {}).get("Default") for name, p in (parsed.get("Parameters") or {}).items()}
    expand(parsed, defaults, backend.account_id, backend.region_name)
    parameters = [
        {"ParameterKey": name, "NoEcho": str((p or {}).get("NoEcho", "false")).lower() == "true",
         **({"DefaultValue": str(p["Default"])} if "Default" in (p or {}) else {}),
         **({"Description": p["Description"]} if "Description" in (p or {}) else {})}
        for name, p in (parsed.get("Parameters") or {}).items()
    ]
    return ActionResult({
        "Description": parsed.get("Description", ""),
        "Parameters": parameters,
        "Capabilities": ["CAPABILITY_AUTO_EXPAND"],
        "CapabilitiesReason": "The following resource(s) require capabilities: [AWS::Serverless-2016-10-31]",
        "DeclaredTransforms": [SAM_TRANSFORM],
    })


def apply() -> None:
    for name in ("create_stack", "update_stack", "create_change_set", "execute_change_set"):
        _original[name] = getattr(api, name)
    _original["validate_template"] = CloudFormationResponse.validate_template
    # The engine's HTTP handlers and backend methods call these through the module, so nested
    # stacks and ExecuteChangeSet (which updates through api.update_stack) are expanded too.
    api.create_stack = create_stack
    api.update_stack = update_stack
    api.create_change_set = create_change_set
    api.execute_change_set = execute_change_set
    CloudFormationResponse.create_stack = _require_auto_expand(CloudFormationResponse.create_stack)
    CloudFormationResponse.update_stack = _require_auto_expand(CloudFormationResponse.update_stack)
    CloudFormationResponse.get_template = get_template
    CloudFormationResponse.validate_template = validate_template
