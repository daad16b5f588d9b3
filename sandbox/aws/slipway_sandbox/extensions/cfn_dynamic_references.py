"""Dynamic references in resource properties: ``{{resolve:secretsmanager:…}}``, ``{{resolve:ssm:…}}``.

moto gap: moto passes these strings through as they are, so a database's master password was the
literal text ``{{resolve:secretsmanager:…}}`` and a secret built from another (a connection URL)
kept the reference instead of the password. CloudFormation resolves them when it reads the
property, from the stack's own account and Region
(https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-secretsmanager.html,
https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-ssm.html):

- ``{{resolve:secretsmanager:secret-id:SecretString:json-key:version-stage:version-id}}``, where the
  secret id is a name or a full ARN and every part after it is optional (the whole SecretString,
  stage AWSCURRENT);
- ``{{resolve:ssm:name:version}}`` and ``{{resolve:ssm-secure:name:version}}``.

A reference to something that does not exist fails the resource, as in AWS.
"""

from __future__ import annotations

import json
import re
from typing import Any

from moto.cloudformation import parsing
from moto.secretsmanager.models import secretsmanager_backends
from moto.ssm.models import ssm_backends

REFERENCE = re.compile(r"\{\{resolve:(secretsmanager|ssm-secure|ssm):([^}]+)\}\}")
# arn:partition:secretsmanager:region:account:secret:name-suffix
ARN_PARTS = 7


class DynamicReferenceError(Exception):
    """A dynamic reference that cannot be resolved; the message is the resource's failure reason."""


def _secret_value(account_id: str, region: str, spec: str) -> str:
    parts = spec.split(":")
    count = ARN_PARTS if spec.startswith("arn:") else 1
    secret_id, rest = ":".join(parts[:count]), parts[count:]
    field, json_key, stage, version_id = (rest + ["", "", "", ""])[:4]
    if field and field != "SecretString":
        raise DynamicReferenceError(f"Dynamic reference {spec}: only SecretString can be referenced")
    backend = secretsmanager_backends[account_id][region]
    try:
        value = backend.get_secret_value(secret_id, version_id or None, stage or ("AWSCURRENT" if not version_id else None))
    except Exception as exc:
        raise DynamicReferenceError(f"Secrets Manager can't find the specified secret: {secret_id}") from exc
    text = value.get("SecretString")
    if text is None:
        raise DynamicReferenceError(f"Dynamic reference {secret_id}: the secret has no SecretString")
    if not json_key:
        return text
    try:
        resolved = json.loads(text)[json_key]
    except (ValueError, KeyError, TypeError) as exc:
        raise DynamicReferenceError(f"Could not find SecretString key {json_key} in secret {secret_id}") from exc
    return resolved if isinstance(resolved, str) else json.dumps(resolved)


def _parameter_value(account_id: str, region: str, spec: str) -> str:
    name, _, version = spec.partition(":")
    backend = ssm_backends[account_id][region]
    selector = f"{name}:{version}" if version else name
    parameter = backend.get_parameter(selector)
    if parameter is None:
        raise DynamicReferenceError(f"Parameter {name} not found")
    return parameter.value


def resolve_references(text: str, account_id: str, region: str) -> str:
    """``text`` with every dynamic reference replaced by the value it names."""

    def replace(match: re.Match[str]) -> str:
        service, spec = match.group(1), match.group(2)
        if service == "secretsmanager":
            return _secret_value(account_id, region, spec)
        return _parameter_value(account_id, region, spec)

    return REFERENCE.sub(replace, text)


def apply() -> None:
    original_clean_json = parsing.clean_json

    def clean_json(resource_json: Any, resources_map: Any) -> Any:
        cleaned = original_clean_json(resource_json, resources_map)
        if isinstance(cleaned, str) and "{{resolve:" in cleaned:
            return resolve_references(cleaned, resources_map._account_id, resources_map._region_name)
        return cleaned

    parsing.clean_json = clean_json
