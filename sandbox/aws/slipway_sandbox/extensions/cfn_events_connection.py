"""AWS::Events::Connection as a real EventBridge connection in moto.

moto gap: moto implements CreateConnection (including the Secrets Manager secret holding the
credentials) but has no CloudFormation model for it. Here the connection is created for real.
Ref returns the name; ``Fn::GetAtt`` answers Arn and SecretArn. Changes other than Name update it
in place.
"""

from __future__ import annotations

from typing import Any

from moto.events.models import events_backends

from ..cfn_types import SandboxResource, register_cfn_resource, require


class EventsConnection(SandboxResource):
    CFN_TYPE = "AWS::Events::Connection"
    NAME_PROPERTY = "Name"
    ATTRIBUTES = ("Arn", "SecretArn")

    @classmethod
    def create(cls, name: str, properties: dict[str, Any], account_id: str, region_name: str,
               logical_id: str) -> "EventsConnection":
        require(properties, "AuthorizationType", "AuthParameters")
        name = name[:64]  # EventBridge's limit; generated names can be longer
        connection = events_backends[account_id][region_name].create_connection(
            name, properties.get("Description") or "", properties["AuthorizationType"], properties["AuthParameters"]
        )
        return cls(account_id, region_name, connection.name,
                   {"Arn": connection.arn, "SecretArn": connection.secret_arn})

    def update_in_place(self, properties: dict[str, Any]) -> bool:
        if properties.get("Name") and properties["Name"] != self._physical_id:
            return False
        events_backends[self.account_id][self.region_name].update_connection(
            self._physical_id, description=properties.get("Description"),
            authorization_type=properties.get("AuthorizationType"),
            auth_parameters=properties.get("AuthParameters"),
        )
        return True

    def destroy(self) -> None:
        events_backends[self.account_id][self.region_name].delete_connection(self._physical_id)


def apply() -> None:
    register_cfn_resource(EventsConnection)
