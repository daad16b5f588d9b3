"""AWS::SecretsManager::Secret as a real secret in moto's Secrets Manager.

moto gap: no CloudFormation model for AWS::SecretsManager::Secret. Here the secret is created for
real, with SecretString or a generated value (GenerateSecretString, including SecretStringTemplate
plus GenerateStringKey for JSON secrets), description, KMS key id and tags. Ref returns the secret
ARN, ``Fn::GetAtt Id`` too. Deleting the stack deletes the secret without a recovery window.
"""

from __future__ import annotations

import json
from typing import Any

from moto.secretsmanager.models import secretsmanager_backends

from ..cfn_types import PropertyValidationError, SandboxResource, as_bool, register_cfn_resource


def _secret_string(properties: dict[str, Any], backend: Any) -> str | None:
    if properties.get("SecretString") is not None:
        if properties.get("GenerateSecretString"):
            raise PropertyValidationError("SecretString and GenerateSecretString cannot both be set")
        return str(properties["SecretString"])
    spec = properties.get("GenerateSecretString")
    if not spec:
        return None
    password = backend.get_random_password(
        password_length=int(spec.get("PasswordLength", 32)),
        exclude_characters=spec.get("ExcludeCharacters", ""),
        exclude_numbers=as_bool(spec.get("ExcludeNumbers", False)),
        exclude_punctuation=as_bool(spec.get("ExcludePunctuation", False)),
        exclude_uppercase=as_bool(spec.get("ExcludeUppercase", False)),
        exclude_lowercase=as_bool(spec.get("ExcludeLowercase", False)),
        include_space=as_bool(spec.get("IncludeSpace", False)),
        require_each_included_type=as_bool(spec.get("RequireEachIncludedType", True)),
    )
    password = json.loads(password)["RandomPassword"] if password.startswith("{") else password
    template, key = spec.get("SecretStringTemplate"), spec.get("GenerateStringKey")
    if template or key:
        if not (template and key):
            raise PropertyValidationError("SecretStringTemplate and GenerateStringKey must be set together")
        document = json.loads(template)
        document[key] = password
        return json.dumps(document)
    return password


class SecretsManagerSecret(SandboxResource):
    CFN_TYPE = "AWS::SecretsManager::Secret"
    NAME_PROPERTY = "Name"
    ATTRIBUTES = ("Id",)

    @classmethod
    def create(cls, name: str, properties: dict[str, Any], account_id: str, region_name: str,
               logical_id: str) -> "SecretsManagerSecret":
        backend = secretsmanager_backends[account_id][region_name]
        created = json.loads(backend.create_secret(
            name=name, secret_string=_secret_string(properties, backend), secret_binary=None,
            description=properties.get("Description"), tags=list(properties.get("Tags") or []),
            kms_key_id=properties.get("KmsKeyId"), client_request_token=None, replica_regions=[],
            force_overwrite=False,
        ))
        return cls(account_id, region_name, created["ARN"], {"Id": created["ARN"]})

    def update_in_place(self, properties: dict[str, Any]) -> bool:
        backend = secretsmanager_backends[self.account_id][self.region_name]
        if properties.get("Name") and not self._physical_id.split(":secret:", 1)[1].startswith(properties["Name"]):
            return False
        # Only a changed value makes a new version (AWS does the same); re-putting the current value
        # made moto answer ResourceExistsException, failing updates that kept the secret.
        if properties.get("SecretString") is not None:
            value = str(properties["SecretString"])
            secret = backend.secrets[self._physical_id]
            if secret.secret_string != value:
                backend.put_secret_value(secret_id=self._physical_id, secret_string=value, secret_binary=None,
                                         client_request_token=None, version_stages=["AWSCURRENT"])
        if "Description" in properties:
            # Metadata only: UpdateSecret would also cut a new version.
            backend.secrets[self._physical_id].description = properties.get("Description")
        return True

    def destroy(self) -> None:
        secretsmanager_backends[self.account_id][self.region_name].delete_secret(
            self._physical_id, recovery_window_in_days=None, force_delete_without_recovery=True,
        )


def apply() -> None:
    register_cfn_resource(SecretsManagerSecret)
