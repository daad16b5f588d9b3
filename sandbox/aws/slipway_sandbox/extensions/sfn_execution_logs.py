"""Executions write their events to CloudWatch Logs when the state machine's logging says so.

moto gap: the Step Functions interpreter carries a CloudWatch Logs session (ported from LocalStack),
but ``StartExecution`` always passes ``cloud_watch_logging_session=None``, and the ported session
hands moto's logs backend the wrong shapes (LogEvent objects where dicts are expected, botocore
errors where moto raises its own). Express workflows keep no execution history, so these logs are
the only record of their executions that anyone (the portal's Express view included) can read.

Here every execution whose state machine logs at ALL, ERROR or FATAL to a CloudWatch Logs group
writes one JSON record per event, as AWS does: ``id``, ``type``, ``details`` (without input and
output unless ``includeExecutionData``), ``previous_event_id``, ``event_timestamp`` (epoch
milliseconds as a string) and ``execution_arn``, in the stream ``states/<state machine>/<date>/<id>``.
A missing log group drops the records, as it does in AWS.
"""

from __future__ import annotations

import datetime
import json
from typing import Any


def _stream_name(state_machine_name: str, execution_name: str) -> str:
    return f"states/{state_machine_name}/{datetime.datetime.now(tz=datetime.timezone.utc):%Y-%m-%d}/{execution_name}"


def _message(history_log: dict[str, Any]) -> tuple[int, str]:
    stamp = history_log.get("event_timestamp")
    if isinstance(stamp, str) and not stamp.isdigit():
        # The interpreter keeps ISO text ("2026-01-01T10:00:00.123Z"); AWS logs epoch milliseconds.
        stamp = datetime.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    millis = int(stamp.timestamp() * 1000) if isinstance(stamp, datetime.datetime) else int(stamp or 0)
    record = {
        "id": str(history_log.get("id")),
        "type": str(getattr(history_log.get("type"), "value", history_log.get("type"))),
        "details": history_log.get("details") or {},
        "previous_event_id": str(history_log.get("previous_event_id")),
        "event_timestamp": str(millis),
        "execution_arn": history_log.get("execution_arn"),
    }
    return millis, json.dumps(record, default=str, separators=(",", ":"))


def _session_class() -> type:
    from moto.logs.exceptions import ResourceAlreadyExistsException, ResourceNotFoundException
    from moto.stepfunctions.parser.asl.eval.event.logging import CloudWatchLoggingSession

    class SandboxLoggingSession(CloudWatchLoggingSession):
        def __init__(self, execution_arn: str, configuration: Any, stream_name: str) -> None:
            super().__init__(execution_arn=execution_arn, configuration=configuration)
            self._stream_name = stream_name
            self._stream_ready = False

        def publish_history_log(self, history_log: Any) -> None:
            group = self.configuration.log_group_name
            try:
                if not self._stream_ready:
                    try:
                        self._logs_client.create_log_stream(group, self._stream_name)
                    except ResourceAlreadyExistsException:
                        pass
                    self._stream_ready = True
                millis, message = _message(dict(history_log))
                self._logs_client.put_log_events(group, self._stream_name, [{"timestamp": millis, "message": message}])
            except ResourceNotFoundException:
                return

    return SandboxLoggingSession


def apply() -> None:
    from moto.stepfunctions.parser.asl.eval.event.logging import CloudWatchLoggingConfiguration
    from moto.stepfunctions.parser.backend.execution import Execution

    original = Execution.start
    if getattr(original, "_slipway_execution_logs", False):
        return
    session_class = _session_class()

    def start(self: Any) -> None:
        if getattr(self, "_cloud_watch_logging_session", None) is None:
            state_machine = self.state_machine
            config = getattr(state_machine, "loggingConfiguration", None) or getattr(state_machine, "logging_config", None) or {}
            if config.get("level", "OFF") != "OFF":
                config = {"includeExecutionData": False, **config}
                configuration = CloudWatchLoggingConfiguration.from_logging_configuration(
                    state_machine_arn=state_machine.arn, logging_configuration=config
                )
                if configuration is not None:
                    self._cloud_watch_logging_session = session_class(
                        self.exec_arn, configuration, _stream_name(state_machine.name, self.name)
                    )
        original(self)

    start._slipway_execution_logs = True  # type: ignore[attr-defined]
    Execution.start = start
