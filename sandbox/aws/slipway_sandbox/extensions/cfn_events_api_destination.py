"""AWS::Events::ApiDestination as a real EventBridge API destination in moto.

moto gap: moto implements CreateApiDestination (and delivers events to API destinations) but has
no CloudFormation model for it. Here the destination is created for real, after checking that its
connection exists (moto's API does not; AWS does). Ref returns the name; ``Fn::GetAtt Arn`` the ARN.
"""

from __future__ import annotations

from typing import Any

from moto.events.models import events_backends

from ..cfn_types import PropertyValidationError, SandboxResource, register_cfn_resource, require


class EventsApiDestination(SandboxResource):
    CFN_TYPE = "AWS::Events::ApiDestination"
    NAME_PROPERTY = "Name"
    ATTRIBUTES = ("Arn",)

    @staticmethod
    def _check_connection(backend: Any, connection_arn: str) -> None:
        if not any(c.arn == connection_arn for c in backend.connections.values()):
            raise PropertyValidationError(f"Connection {connection_arn} does not exist.")

    @classmethod
    def create(cls, name: str, properties: dict[str, Any], account_id: str, region_name: str,
               logical_id: str) -> "EventsApiDestination":
        require(properties, "ConnectionArn", "InvocationEndpoint", "HttpMethod")
        backend = events_backends[account_id][region_name]
        cls._check_connection(backend, properties["ConnectionArn"])
        name = name[:64]
        summary = backend.create_api_destination(
            name, properties.get("Description") or "", properties["ConnectionArn"],
            properties["InvocationEndpoint"], properties.get("InvocationRateLimitPerSecond"), properties["HttpMethod"],
        )
        return cls(account_id, region_name, name, {"Arn": summary["ApiDestinationArn"]})

    def update_in_place(self, properties: dict[str, Any]) -> bool:
        if properties.get("Name") and properties["Name"] != self._physical_id:
            return False
        backend = events_backends[self.account_id][self.region_name]
        if properties.get("ConnectionArn"):
            self._check_connection(backend, properties["ConnectionArn"])
        backend.update_api_destination(
            self._physical_id, description=properties.get("Description"),
            connection_arn=properties.get("ConnectionArn"), invocation_endpoint=properties.get("InvocationEndpoint"),
            invocation_rate_limit_per_second=properties.get("InvocationRateLimitPerSecond"),
            http_method=properties.get("HttpMethod"),
        )
        return True

    def destroy(self) -> None:
        events_backends[self.account_id][self.region_name].delete_api_destination(self._physical_id)


def apply() -> None:
    register_cfn_resource(EventsApiDestination)
