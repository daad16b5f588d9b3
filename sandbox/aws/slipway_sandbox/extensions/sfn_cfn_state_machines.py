"""State machines created by CloudFormation land where Step Functions executes them.

moto gap: ``AWS::StepFunctions::StateMachine`` always goes to moto's non-executing store
(``moto.stepfunctions.models.stepfunctions_backends``). With ``execute_state_machine`` on, the
Step Functions API reads the executing store (``stepfunctions_parser_backends``), so a state
machine deployed by a stack was invisible to ListStateMachines/DescribeStateMachine and could not
be started. moto also reads only ``DefinitionString`` (no ``Definition`` object, no
``DefinitionSubstitutions``, no ``DefinitionS3Location``), ignores ``StateMachineType``, logging and
tracing, has no ``Fn::GetAtt Arn``, and silently reuses an existing state machine of the same name.

Here the resource is created, updated and deleted through whichever store the Step Functions API
uses (moto's own ``get_backend``), with those properties honoured.
"""

from __future__ import annotations

import json
from typing import Any

from moto.cloudformation.utils import random_suffix
from moto.stepfunctions.exceptions import StateMachineDoesNotExist
from moto.stepfunctions.models import StateMachine
from moto.stepfunctions.responses import get_backend
from moto.stepfunctions.utils import cfn_to_api_tags
from moto.utilities.utils import get_partition

from ..cfn_types import PropertyValidationError

ATTRIBUTES = ("Arn", "Name", "StateMachineName", "StateMachineRevisionId", "DefinitionString", "RoleArn", "Tags")


def _lower_keys(value: Any) -> Any:
    """CloudFormation spells LoggingConfiguration/TracingConfiguration keys in PascalCase; the API in camelCase."""
    if isinstance(value, dict):
        return {k[:1].lower() + k[1:]: _lower_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_lower_keys(v) for v in value]
    return value


def _definition(properties: dict[str, Any], account_id: str, region_name: str) -> str:
    if properties.get("Definition") is not None:
        definition = properties["Definition"]
        definition = definition if isinstance(definition, str) else json.dumps(definition)
    elif properties.get("DefinitionString") is not None:
        definition = properties["DefinitionString"]
        definition = definition if isinstance(definition, str) else json.dumps(definition)
    elif properties.get("DefinitionS3Location"):
        from moto.s3.models import s3_backends

        location = properties["DefinitionS3Location"]
        obj = s3_backends[account_id][get_partition(region_name)].get_object(location["Bucket"], location["Key"])
        definition = obj.value.decode("utf-8")  # type: ignore[union-attr]
    else:
        raise PropertyValidationError(
            "Properties validation failed: one of Definition, DefinitionString or DefinitionS3Location is required"
        )
    for key, value in (properties.get("DefinitionSubstitutions") or {}).items():
        text = json.dumps(value) if isinstance(value, bool) else str(value)
        definition = definition.replace("${" + key + "}", text)
    return definition


def _create(cls: type[StateMachine], resource_name: str, cloudformation_json: dict[str, Any], account_id: str,
            region_name: str, **kwargs: Any) -> StateMachine:
    properties = cloudformation_json.get("Properties") or {}
    name = properties.get("StateMachineName")
    if not name:
        # AWS names unnamed state machines <LogicalId>-<random>; moto's <stack>-<id>-<random> can
        # exceed the 80 characters Step Functions allows.
        name = f"{kwargs.get('LogicalId') or 'StateMachine'}-{random_suffix()}"[:80]
    role_arn = properties.get("RoleArn")
    if not role_arn:
        raise PropertyValidationError("Properties validation failed: required key [RoleArn] not found")
    backend = get_backend(account_id, region_name)
    arn = f"arn:{get_partition(region_name)}:states:{region_name}:{account_id}:stateMachine:{name}"
    try:
        backend.describe_state_machine(arn)
    except StateMachineDoesNotExist:
        pass
    else:
        raise PropertyValidationError(
            f"Resource of type 'AWS::StepFunctions::StateMachine' with identifier '{name}' already exists."
        )
    return backend.create_state_machine(
        name,
        _definition(properties, account_id, region_name),
        role_arn,
        tags=cfn_to_api_tags(properties.get("Tags") or []),
        loggingConfiguration=_lower_keys(properties.get("LoggingConfiguration")),
        tracingConfiguration=_lower_keys(properties.get("TracingConfiguration")),
        encryptionConfiguration=_lower_keys(properties.get("EncryptionConfiguration")),
        sm_type=properties.get("StateMachineType") or "STANDARD",
    )


def _delete(cls: type[StateMachine], resource_name: str, cloudformation_json: dict[str, Any], account_id: str,
            region_name: str) -> None:
    get_backend(account_id, region_name).delete_state_machine(resource_name)


def _update(cls: type[StateMachine], original_resource: StateMachine, new_resource_name: str,
            cloudformation_json: dict[str, Any], account_id: str, region_name: str) -> StateMachine:
    properties = cloudformation_json.get("Properties") or {}
    name = properties.get("StateMachineName") or original_resource.name
    backend = get_backend(account_id, region_name)
    type_changed = (properties.get("StateMachineType") or "STANDARD") != (getattr(original_resource, "type", None) or "STANDARD")
    if name != original_resource.name or type_changed:
        # Replacement: AWS creates the new one, then deletes the old one.
        cloudformation_json = dict(cloudformation_json, Properties=dict(properties, StateMachineName=name))
        created = _create(cls, new_resource_name, cloudformation_json, account_id, region_name)
        backend.delete_state_machine(original_resource.arn)
        return created
    state_machine = backend.update_state_machine(
        original_resource.arn,
        definition=_definition(properties, account_id, region_name),
        role_arn=properties.get("RoleArn"),
        logging_configuration=_lower_keys(properties.get("LoggingConfiguration")),
        tracing_configuration=_lower_keys(properties.get("TracingConfiguration")),
    )
    tags = cfn_to_api_tags(properties.get("Tags") or [])
    if tags:
        backend.tagger.tag_resource(state_machine.arn, tags)
    return state_machine


def apply() -> None:
    original_get_attribute = StateMachine.get_cfn_attribute

    def get_cfn_attribute(self: StateMachine, attribute_name: str) -> Any:
        if attribute_name == "Arn":
            return self.arn
        if attribute_name == "StateMachineRevisionId":
            return getattr(self, "revision_id", None) or "INITIAL"
        return original_get_attribute(self, attribute_name)

    StateMachine.create_from_cloudformation_json = classmethod(_create)  # type: ignore[assignment]
    StateMachine.delete_from_cloudformation_json = classmethod(_delete)  # type: ignore[assignment]
    StateMachine.update_from_cloudformation_json = classmethod(_update)  # type: ignore[assignment]
    StateMachine.has_cfn_attr = classmethod(lambda cls, attr: attr in ATTRIBUTES)  # type: ignore[assignment]
    StateMachine.get_cfn_attribute = get_cfn_attribute  # type: ignore[method-assign]
