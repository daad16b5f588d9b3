"""AWS::Lambda::Alias as a real alias of a moto Lambda function.

moto gap: moto implements CreateAlias but has no CloudFormation model for AWS::Lambda::Alias, so
blueprints that point event sources or API integrations at an alias (``live``) lost it. Here the
alias is created for real, with a weighted RoutingConfig. Ref returns the alias ARN; updates move
the alias to the new version in place.
"""

from __future__ import annotations

from typing import Any

from moto.awslambda.utils import get_backend as get_lambda_backend

from ..cfn_types import SandboxResource, register_cfn_resource, require


def _routing(properties: dict[str, Any]) -> dict[str, Any] | None:
    """CloudFormation's list of {FunctionVersion, FunctionWeight} -> the API's {version: weight} map."""
    weights = (properties.get("RoutingConfig") or {}).get("AdditionalVersionWeights")
    if not weights:
        return None
    return {"AdditionalVersionWeights": {str(w["FunctionVersion"]): float(w["FunctionWeight"]) for w in weights}}


class LambdaAlias(SandboxResource):
    CFN_TYPE = "AWS::Lambda::Alias"
    ATTRIBUTES = ("AliasArn",)

    @classmethod
    def create(cls, name: str, properties: dict[str, Any], account_id: str, region_name: str,
               logical_id: str) -> "LambdaAlias":
        require(properties, "FunctionName", "FunctionVersion", "Name")
        backend = get_lambda_backend(account_id, region_name)
        function_name = backend.get_function(properties["FunctionName"]).function_name
        alias = backend.create_alias(properties["Name"], function_name, str(properties["FunctionVersion"]),
                                     properties.get("Description") or "", _routing(properties))
        resource = cls(account_id, region_name, alias.arn, {"AliasArn": alias.arn})
        resource.function_name, resource.alias_name = function_name, properties["Name"]
        return resource

    def update_in_place(self, properties: dict[str, Any]) -> bool:
        if properties.get("Name") != self.alias_name:
            return False
        backend = get_lambda_backend(self.account_id, self.region_name)
        if backend.get_function(properties["FunctionName"]).function_name != self.function_name:
            return False
        backend.update_alias(self.alias_name, self.function_name, str(properties["FunctionVersion"]),
                             properties.get("Description") or "", _routing(properties))
        return True

    def destroy(self) -> None:
        backend = get_lambda_backend(self.account_id, self.region_name)
        try:
            backend.get_function(self.function_name)
        except Exception:
            return  # the function, and its aliases, are gone already
        backend.delete_alias(self.alias_name, self.function_name)


def apply() -> None:
    register_cfn_resource(LambdaAlias)
