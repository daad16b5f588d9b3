"""CloudWatch Logs query definitions API (logs_query_definitions)."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from conftest import Sandbox


def test_put_describe_update_delete(sandbox: Sandbox) -> None:
    logs: Any = sandbox.client("logs")
    first = logs.put_query_definition(name="orders/errors", queryString="fields @message | filter level='ERROR'",
                                      logGroupNames=["/orders"])["queryDefinitionId"]
    logs.put_query_definition(name="billing/slow", queryString="fields @duration | sort @duration desc")
    listed = logs.describe_query_definitions(queryDefinitionNamePrefix="orders/")["queryDefinitions"]
    assert [(d["queryDefinitionId"], d["logGroupNames"]) for d in listed] == [(first, ["/orders"])]

    same = logs.put_query_definition(queryDefinitionId=first, name="orders/errors",
                                     queryString="fields @message | limit 5")["queryDefinitionId"]
    assert same == first
    updated = logs.describe_query_definitions(queryDefinitionNamePrefix="orders/")["queryDefinitions"][0]
    assert updated["queryString"] == "fields @message | limit 5"

    page = logs.describe_query_definitions(maxResults=1)
    assert len(page["queryDefinitions"]) == 1 and page["nextToken"]
    assert len(logs.describe_query_definitions(maxResults=1, nextToken=page["nextToken"])["queryDefinitions"]) == 1

    assert logs.delete_query_definition(queryDefinitionId=first)["success"] is True
    assert logs.delete_query_definition(queryDefinitionId=first)["success"] is False
    assert [d["name"] for d in logs.describe_query_definitions()["queryDefinitions"]] == ["billing/slow"]
    sandbox.post("/moto-api/reset")
    assert logs.describe_query_definitions()["queryDefinitions"] == []


def test_updating_an_unknown_definition_fails(sandbox: Sandbox) -> None:
    with pytest.raises(ClientError) as error:
        sandbox.client("logs").put_query_definition(queryDefinitionId="nope", name="x", queryString="fields @message")
    assert error.value.response["Error"]["Code"] == "ResourceNotFoundException"
