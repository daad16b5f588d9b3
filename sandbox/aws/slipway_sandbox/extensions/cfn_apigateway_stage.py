"""AWS::ApiGateway::Stage as a real stage of a moto REST API.

moto gap: moto models RestApi, Resource, Method and Deployment for CloudFormation but not Stage;
blueprints that declare the stage separately (the usual way, to set variables or tracing) lost it,
and ``Ref`` to the stage failed. Here CreateStage runs for real (description, variables, caching,
tracing, tags). Ref returns the stage name. A new RestApiId or StageName replaces the stage.
"""

from __future__ import annotations

from typing import Any

from moto.apigateway.models import apigateway_backends

from ..cfn_types import SandboxResource, as_bool, register_cfn_resource, require


class ApiGatewayStage(SandboxResource):
    CFN_TYPE = "AWS::ApiGateway::Stage"
    ATTRIBUTES = ()

    @classmethod
    def create(cls, name: str, properties: dict[str, Any], account_id: str, region_name: str,
               logical_id: str) -> "ApiGatewayStage":
        require(properties, "RestApiId", "StageName", "DeploymentId")
        tags = {t["Key"]: t["Value"] for t in properties.get("Tags") or []}
        apigateway_backends[account_id][region_name].create_stage(
            properties["RestApiId"], properties["StageName"], properties["DeploymentId"],
            variables=properties.get("Variables") or {}, description=properties.get("Description") or "",
            cacheClusterEnabled=as_bool(properties.get("CacheClusterEnabled", False)),
            cacheClusterSize=properties.get("CacheClusterSize"), tags=tags or None,
            tracing_enabled=as_bool(properties.get("TracingEnabled", False)),
        )
        resource = cls(account_id, region_name, properties["StageName"], {})
        resource.rest_api_id = properties["RestApiId"]
        return resource

    def update_in_place(self, properties: dict[str, Any]) -> bool:
        if properties.get("RestApiId") != self.rest_api_id or properties.get("StageName") != self._physical_id:
            return False
        api = apigateway_backends[self.account_id][self.region_name].get_rest_api(self.rest_api_id)
        stage = api.stages[self._physical_id]
        stage.deployment_id = properties.get("DeploymentId", stage.deployment_id)
        stage.description = properties.get("Description") or ""
        stage.variables = properties.get("Variables") or {}
        stage.tracing_enabled = as_bool(properties.get("TracingEnabled", False))
        return True

    def destroy(self) -> None:
        apigateway_backends[self.account_id][self.region_name].delete_stage(self.rest_api_id, self._physical_id)


def apply() -> None:
    register_cfn_resource(ApiGatewayStage)
