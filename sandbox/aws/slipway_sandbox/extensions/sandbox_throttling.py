"""Throttling on request: the next N calls of an API answer as AWS does when its rate is exceeded.

moto gap: moto never throttles, so a client's retry on throttling (backoff, no duplicated action)
could not be exercised against it. The ``throttle`` setting (``POST /moto-api/config`` with
``{"slipway": {"throttle": {"cloudformation:CreateChangeSet": 2}}}``) makes the next N calls of
that operation fail before they reach moto, so nothing happens on a throttled call, in the shape
each protocol uses (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/CommonErrors.html:
``Throttling``, HTTP 400; JSON services ``ThrottlingException``; REST-JSON services such as Lambda
``TooManyRequestsException``, HTTP 429; EC2 ``RequestLimitExceeded``, HTTP 503). S3 answers
through moto's own S3 dispatcher and is not throttled. ``GET /moto-api/config`` shows the calls
still to be throttled.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import botocore.session
from moto.core.responses import BaseResponse

from ..settings import take_throttled_call

# (HTTP status, error code) per protocol, as AWS answers a throttled call.
_ERRORS = {
    "query": (400, "Throttling"),
    "ec2": (503, "RequestLimitExceeded"),
    "json": (400, "ThrottlingException"),
    "rest-json": (429, "TooManyRequestsException"),
}
_MESSAGE = "Rate exceeded"


@lru_cache(maxsize=None)
def _protocol(service: str) -> str:
    try:
        return botocore.session.get_session().get_service_model(service).protocol
    except Exception:  # a service botocore does not know: answer as the query protocol does
        return "query"


def throttled_response(service: str) -> tuple[int, dict[str, str], str]:
    """The status, headers and body AWS sends for a throttled call to ``service``."""
    protocol = _protocol(service)
    status, code = _ERRORS.get(protocol, _ERRORS["query"])
    if protocol in ("json", "rest-json"):
        headers = {"Content-Type": "application/x-amz-json-1.1", "x-amzn-ErrorType": code}
        return status, headers, json.dumps({"__type": code, "message": _MESSAGE})
    if protocol == "ec2":
        body = f"<Response><Errors><Error><Code>{code}</Code><Message>{_MESSAGE}</Message></Error></Errors><RequestID>throttled</RequestID></Response>"
    else:
        body = (f"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>{_MESSAGE}</Message></Error>"
                "<RequestId>throttled</RequestId></ErrorResponse>")
    return status, {"Content-Type": "text/xml"}, body


def apply() -> None:
    original = BaseResponse.call_action

    def call_action(self: BaseResponse) -> Any:
        service = self.boto3_service_name
        if service and take_throttled_call(f"{service}:{self._get_action()}"):
            status, headers, body = throttled_response(service)
            return status, dict(headers, status=str(status)), body
        return original(self)

    BaseResponse.call_action = call_action  # type: ignore[method-assign]
