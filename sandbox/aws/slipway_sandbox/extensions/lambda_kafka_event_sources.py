"""Lambda event source mappings for Kafka: Amazon MSK clusters and self-managed brokers.

moto gap: ``CreateEventSourceMapping`` requires ``EventSourceArn`` and only knows SQS, DynamoDB
streams and Kinesis, so a self-managed Kafka mapping (``SelfManagedEventSource`` with
``KAFKA_BOOTSTRAP_SERVERS``, no ARN) or an MSK one (``arn:aws:kafka:...``) was refused, although its
model already carries ``Topics``, ``StartingPosition`` and both consumer-group configs.

Here both are accepted with AWS's rules: exactly one topic, a starting position (TRIM_HORIZON or
LATEST; AT_TIMESTAMP with a timestamp), bootstrap servers for self-managed sources, a consumer group
id of at most 200 characters, batch size up to 10,000 (default 100). They are listed, read, updated
and deleted like any mapping. The sandbox does not poll Kafka or invoke the function: the portal
reads these mappings to link them to consumer-group lag.

CloudFormation's ``AWS::Lambda::EventSourceMapping`` names the brokers
``SelfManagedEventSource.Endpoints.KafkaBootstrapServers`` where the API says
``KAFKA_BOOTSTRAP_SERVERS``; moto hands the resource's properties to the API's code as they are, so a
self-managed mapping in a template was refused. The CloudFormation name is read as the API's.
"""

from __future__ import annotations

import re
from typing import Any

MSK_ARN = re.compile(r"^arn:aws[a-z-]*:kafka:[a-z0-9-]+:\d{12}:cluster/[^/]+/[^/]+$")
STARTING_POSITIONS = {"TRIM_HORIZON", "LATEST", "AT_TIMESTAMP"}


def with_api_endpoint_names(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec with CloudFormation's ``KafkaBootstrapServers`` under the API's ``KAFKA_BOOTSTRAP_SERVERS``."""
    endpoints = (spec.get("SelfManagedEventSource") or {}).get("Endpoints") or {}
    if "KafkaBootstrapServers" not in endpoints:
        return spec
    renamed = {("KAFKA_BOOTSTRAP_SERVERS" if key == "KafkaBootstrapServers" else key): value for key, value in endpoints.items()}
    return {**spec, "SelfManagedEventSource": {**spec["SelfManagedEventSource"], "Endpoints": renamed}}


def is_kafka_spec(spec: dict[str, Any]) -> bool:
    arn = spec.get("EventSourceArn") or ""
    return bool(MSK_ARN.match(arn)) or (not arn and bool(spec.get("SelfManagedEventSource")))


def validation_error(spec: dict[str, Any]) -> str | None:
    """AWS's message for the first rule a Kafka mapping breaks, or None."""
    arn = spec.get("EventSourceArn")
    if not arn:
        servers = ((spec.get("SelfManagedEventSource") or {}).get("Endpoints") or {}).get("KAFKA_BOOTSTRAP_SERVERS") or []
        if not servers:
            return "SelfManagedEventSource must include Endpoints.KAFKA_BOOTSTRAP_SERVERS."
    topics = spec.get("Topics") or []
    if len(topics) != 1:
        return "Topics must contain exactly one topic for a Kafka event source."
    position = spec.get("StartingPosition")
    if position not in STARTING_POSITIONS:
        return "StartingPosition must be one of TRIM_HORIZON, LATEST or AT_TIMESTAMP for a Kafka event source."
    if position == "AT_TIMESTAMP" and spec.get("StartingPositionTimestamp") is None:
        return "StartingPositionTimestamp is required with StartingPosition AT_TIMESTAMP."
    config = spec.get("AmazonManagedKafkaEventSourceConfig") if arn else spec.get("SelfManagedKafkaEventSourceConfig")
    group = (config or {}).get("ConsumerGroupId")
    if group is not None and not 1 <= len(group) <= 200:
        return "ConsumerGroupId must be 1 to 200 characters."
    batch = spec.get("BatchSize")
    if batch is not None and not 1 <= int(batch) <= 10000:
        return f"BatchSize {batch} must be between 1 and 10000 for a Kafka event source."
    return None


def apply() -> None:
    from moto.awslambda.models import EventSourceMapping, LambdaBackend
    from moto.core.exceptions import JsonRESTError

    class KafkaEventSourceMapping(EventSourceMapping):
        def _get_service_source_from_arn(self, event_source_arn: str | None = None) -> str:
            return "kafka"

        @property  # type: ignore[override]
        def event_source_arn(self) -> str | None:
            return self._event_source_arn

        @event_source_arn.setter
        def event_source_arn(self, event_source_arn: str | None) -> None:
            self._event_source_arn = event_source_arn

        @property  # type: ignore[override]
        def batch_size(self) -> int:
            return self._batch_size

        @batch_size.setter
        def batch_size(self, new_batch_size: int | None) -> None:
            self._batch_size = 100 if new_batch_size is None else int(new_batch_size)

        def get_configuration(self) -> dict[str, Any]:
            return {k: v for k, v in super().get_configuration().items() if not (k == "EventSourceArn" and v is None)}

    original = LambdaBackend.create_event_source_mapping
    if getattr(original, "_slipway_kafka", False):
        return

    def create_event_source_mapping(self: Any, spec: dict[str, Any]) -> Any:
        spec = with_api_endpoint_names(spec)
        if not spec.get("FunctionName") or not is_kafka_spec(spec):
            return original(self, spec)
        problem = validation_error(spec)
        if problem:
            raise JsonRESTError("InvalidParameterValueException", problem)
        spec = {**spec, "EventSourceArn": spec.get("EventSourceArn"), "RegionName": self.region_name, "AccountId": self.account_id}
        func = self._lambdas.get_function_by_name_or_arn_with_qualifier(spec["FunctionName"])
        spec["FunctionArn"] = func.function_arn
        # Stored by name, as ListEventSourceMappings(FunctionName=<name>) filters on it.
        spec["FunctionName"] = func.function_name
        esm = KafkaEventSourceMapping(spec)
        self._event_source_mappings[esm.uuid] = esm
        return esm

    create_event_source_mapping._slipway_kafka = True  # type: ignore[attr-defined]
    LambdaBackend.create_event_source_mapping = create_event_source_mapping
