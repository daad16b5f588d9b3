"""SDK integrations that answer with a streaming body give the state machine text, as AWS does.

moto gap: an ``aws-sdk:*`` task whose API answers with a streaming body (``aws-sdk:s3:getObject``'s
``Body``) failed with ``States.Runtime`` "cannot pickle '_io.BufferedReader' object": moto handed
botocore's ``StreamingBody`` to the interpreter, which copies the state's data. AWS Step Functions
reads the body and returns it as a string; so does the sandbox now (UTF-8, invalid bytes replaced).
"""

from __future__ import annotations

from typing import Any

from botocore.response import StreamingBody


def read_streams(value: Any) -> Any:
    """The same value with every StreamingBody read into text (dicts and lists walked)."""
    if isinstance(value, StreamingBody):
        return value.read().decode("utf-8", errors="replace")
    if isinstance(value, dict):
        return {key: read_streams(item) for key, item in value.items()}
    if isinstance(value, list):
        return [read_streams(item) for item in value]
    return value


def apply() -> None:
    from moto.stepfunctions.parser.asl.component.state.exec.state_task.service.state_task_service_aws_sdk import (
        StateTaskServiceAwsSdk,
    )

    original = StateTaskServiceAwsSdk._eval_service_task
    if getattr(original, "_slipway_streaming_bodies", False):
        return

    def _eval_service_task(self: Any, env: Any, *args: Any, **kwargs: Any) -> None:
        original(self, env, *args, **kwargs)
        # The API's answer is on top of the stack: replace streams before anything copies it.
        env.stack.append(read_streams(env.stack.pop()))

    _eval_service_task._slipway_streaming_bodies = True  # type: ignore[attr-defined]
    StateTaskServiceAwsSdk._eval_service_task = _eval_service_task
