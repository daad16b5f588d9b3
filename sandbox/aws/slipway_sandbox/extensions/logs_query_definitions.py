"""CloudWatch Logs Insights saved queries: PutQueryDefinition, DescribeQueryDefinitions, DeleteQueryDefinition.

moto gap: moto 5.2.5 has no query definitions at all (the operations answer HTTP 500), so neither
the API nor AWS::Logs::QueryDefinition could work. The definitions live on moto's logs backend, so
``POST /moto-api/reset`` clears them with everything else.
"""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from moto.logs.exceptions import InvalidParameterException, ResourceNotFoundException
from moto.logs.models import LogsBackend
from moto.logs.responses import LogsResponse


@dataclass
class QueryDefinition:
    query_definition_id: str
    name: str
    query_string: str
    log_group_names: list[str] = field(default_factory=list)
    query_language: str = "CWLI"
    last_modified: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "queryDefinitionId": self.query_definition_id, "name": self.name, "queryString": self.query_string,
            "logGroupNames": self.log_group_names, "queryLanguage": self.query_language,
            "lastModified": self.last_modified,
        }


def _store(backend: LogsBackend) -> dict[str, QueryDefinition]:
    store = getattr(backend, "slipway_query_definitions", None)
    if store is None:
        store = backend.slipway_query_definitions = {}  # type: ignore[attr-defined]
    return store


def put_query_definition(backend: LogsBackend, name: str, query_string: str, log_group_names: list[str] | None,
                         definition_id: str | None = None, query_language: str | None = None) -> QueryDefinition:
    if not name or not query_string:
        raise InvalidParameterException("name and queryString are required")
    store = _store(backend)
    if definition_id and definition_id not in store:
        raise ResourceNotFoundException(f"Query definition {definition_id} does not exist")
    definition = QueryDefinition(
        definition_id or str(uuid.uuid4()), name, query_string, list(log_group_names or []),
        query_language or "CWLI", int(time.time() * 1000),
    )
    store[definition.query_definition_id] = definition
    return definition


def delete_query_definition(backend: LogsBackend, definition_id: str) -> bool:
    return _store(backend).pop(definition_id, None) is not None


def _put(self: LogsResponse) -> str:
    definition = put_query_definition(
        self.logs_backend, self._get_param("name"), self._get_param("queryString"),
        self._get_param("logGroupNames"), self._get_param("queryDefinitionId"), self._get_param("queryLanguage"),
    )
    return json.dumps({"queryDefinitionId": definition.query_definition_id})


def _describe(self: LogsResponse) -> str:
    prefix = self._get_param("queryDefinitionNamePrefix") or ""
    limit = int(self._get_param("maxResults") or 1000)
    start = int(self._get_param("nextToken") or 0)
    matching = sorted(
        (d for d in _store(self.logs_backend).values() if d.name.startswith(prefix)), key=lambda d: d.name
    )
    page = matching[start:start + limit]
    result: dict[str, Any] = {"queryDefinitions": [d.to_json() for d in page]}
    if start + limit < len(matching):
        result["nextToken"] = str(start + limit)
    return json.dumps(result)


def _delete(self: LogsResponse) -> str:
    return json.dumps({"success": delete_query_definition(self.logs_backend, self._get_param("queryDefinitionId"))})


def apply() -> None:
    LogsResponse.put_query_definition = _put  # type: ignore[attr-defined]
    LogsResponse.describe_query_definitions = _describe  # type: ignore[attr-defined]
    LogsResponse.delete_query_definition = _delete  # type: ignore[attr-defined]
