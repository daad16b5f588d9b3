"""AWS::Logs::QueryDefinition as a real saved query (see logs_query_definitions).

moto gap: no CloudFormation model for AWS::Logs::QueryDefinition (and no query definitions in
moto at all). Ref and ``Fn::GetAtt QueryDefinitionId`` return the definition's id; updates keep
the id, as in AWS.
"""

from __future__ import annotations

from typing import Any

from moto.logs.models import logs_backends

from ..cfn_types import SandboxResource, register_cfn_resource, require
from .logs_query_definitions import delete_query_definition, put_query_definition


class LogsQueryDefinition(SandboxResource):
    CFN_TYPE = "AWS::Logs::QueryDefinition"
    ATTRIBUTES = ("QueryDefinitionId",)

    @classmethod
    def create(cls, name: str, properties: dict[str, Any], account_id: str, region_name: str,
               logical_id: str) -> "LogsQueryDefinition":
        require(properties, "Name", "QueryString")
        definition = put_query_definition(
            logs_backends[account_id][region_name], properties["Name"], properties["QueryString"],
            properties.get("LogGroupNames"), query_language=properties.get("QueryLanguage"),
        )
        return cls(account_id, region_name, definition.query_definition_id,
                   {"QueryDefinitionId": definition.query_definition_id})

    def update_in_place(self, properties: dict[str, Any]) -> bool:
        require(properties, "Name", "QueryString")
        put_query_definition(
            logs_backends[self.account_id][self.region_name], properties["Name"], properties["QueryString"],
            properties.get("LogGroupNames"), definition_id=self._physical_id,
            query_language=properties.get("QueryLanguage"),
        )
        return True

    def destroy(self) -> None:
        delete_query_definition(logs_backends[self.account_id][self.region_name], self._physical_id)


def apply() -> None:
    register_cfn_resource(LogsQueryDefinition)
