"""AWS::ApiGateway::Method with everything a blueprint declares on it.

moto gap: moto's CloudFormation model for AWS::ApiGateway::Method requires Integration with Uri
and IntegrationHttpMethod (so MOCK integrations, e.g. CORS OPTIONS methods, failed), ignores
MethodResponses, IntegrationResponses, RequestParameters, RequestTemplates, AuthorizerId and
Credentials, has no physical id for Ref, and never deletes the method. Here the method, its
integration and their responses are put through moto's API-level backend calls, and deleted with
the stack. This type replaces moto's model for the same type (registered types win).
"""

from __future__ import annotations

from typing import Any

from moto.apigateway.models import apigateway_backends
from moto.moto_api._internal import mock_random

from ..cfn_types import SandboxResource, as_bool, register_cfn_resource, require


def _put(properties: dict[str, Any], account_id: str, region_name: str) -> None:
    backend = apigateway_backends[account_id][region_name]
    api_id, resource_id, verb = properties["RestApiId"], properties["ResourceId"], properties["HttpMethod"].upper()
    backend.put_method(
        function_id=api_id, resource_id=resource_id, method_type=verb,
        authorization_type=properties.get("AuthorizationType") or "NONE",
        api_key_required=as_bool(properties.get("ApiKeyRequired", False)),
        request_parameters=properties.get("RequestParameters"), request_models=properties.get("RequestModels"),
        operation_name=properties.get("OperationName"), authorizer_id=properties.get("AuthorizerId"),
        authorization_scopes=properties.get("AuthorizationScopes"),
        request_validator_id=properties.get("RequestValidatorId"),
    )
    for response in properties.get("MethodResponses") or []:
        backend.put_method_response(api_id, resource_id, verb, str(response["StatusCode"]),
                                    response.get("ResponseModels") or {}, response.get("ResponseParameters") or {})
    integration = properties.get("Integration")
    if not integration:
        return
    backend.put_integration(
        function_id=api_id, resource_id=resource_id, method_type=verb, integration_type=integration["Type"],
        uri=integration.get("Uri") or "", integration_method=integration.get("IntegrationHttpMethod"),
        credentials=integration.get("Credentials"), request_templates=integration.get("RequestTemplates"),
        passthrough_behavior=integration.get("PassthroughBehavior"),
        cache_namespace=integration.get("CacheNamespace"),
        timeout_in_millis=integration.get("TimeoutInMillis"),
        request_parameters=integration.get("RequestParameters"),
        content_handling=integration.get("ContentHandling"), connection_type=integration.get("ConnectionType"),
    )
    for response in integration.get("IntegrationResponses") or []:
        backend.put_integration_response(
            api_id, resource_id, verb, str(response["StatusCode"]), response.get("SelectionPattern") or "",
            response.get("ResponseTemplates") or {}, response.get("ResponseParameters") or {},
            response.get("ContentHandling"),
        )


class ApiGatewayMethod(SandboxResource):
    CFN_TYPE = "AWS::ApiGateway::Method"
    ATTRIBUTES = ()

    @classmethod
    def create(cls, name: str, properties: dict[str, Any], account_id: str, region_name: str,
               logical_id: str) -> "ApiGatewayMethod":
        require(properties, "RestApiId", "ResourceId", "HttpMethod")
        _put(properties, account_id, region_name)
        resource = cls(account_id, region_name, f"{name}-{mock_random.get_random_hex(6)}", {})
        resource.location = (properties["RestApiId"], properties["ResourceId"], properties["HttpMethod"].upper())
        return resource

    def update_in_place(self, properties: dict[str, Any]) -> bool:
        location = (properties.get("RestApiId"), properties.get("ResourceId"), str(properties.get("HttpMethod")).upper())
        if location != self.location:
            return False
        self.destroy()  # PutMethod replaces the method; integration and responses are re-put
        _put(properties, self.account_id, self.region_name)
        return True

    def destroy(self) -> None:
        backend = apigateway_backends[self.account_id][self.region_name]
        api_id, resource_id, verb = self.location
        if api_id in backend.apis and resource_id in backend.apis[api_id].resources:
            backend.delete_method(api_id, resource_id, verb)


def apply() -> None:
    register_cfn_resource(ApiGatewayMethod)
