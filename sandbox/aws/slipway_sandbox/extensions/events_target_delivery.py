"""EventBridge rules deliver to SNS topics, Lambda functions and Step Functions state machines.

moto gap: moto's ``Rule.send_to_targets`` only knows log groups, archives, SQS queues, event buses and
API destinations; any other target raises ``NotImplementedError: Expr not defined for Rule``, so
PutEvents answered HTTP 500 as soon as an event matched a rule with an SNS, Lambda or Step Functions
target (also when the PutEvents came from a state machine's ``events:putEvents`` task, which calls
back into the server). Targets' ``Input`` and ``InputPath`` were ignored, ``InputTransformer`` only
worked for JSON templates whose values needed no quoting, the default SQS payload had no ``account``
and a DISABLED rule still delivered.

Here every matched target gets what AWS sends it (the event as JSON, the ``Input`` text, the
``InputPath`` selection or the rendered ``InputTransformer`` template):

- SNS topic: Publish on the SNS backend, so the topic's subscriptions (SQS, ...) really receive it;
- Step Functions: StartExecution in the store that executes (the event is the input, the execution
  name is generated);
- Lambda: an asynchronous (``Event``) invoke through the Lambda backend's own invoke path, and the
  function's OnSuccess destination (SQS or SNS, PutFunctionEventInvokeConfig) receives the AWS
  invocation record;
- SQS: SendMessage (FIFO queues need ``SqsParameters.MessageGroupId`` and content-based
  deduplication, as in AWS);
- log groups, archives, event buses, API destinations: moto's own delivery, one target at a time.

A target that cannot be reached never fails PutEvents (AWS reports delivery failures out of band):
the failure is logged (logger ``slipway.events``), counted in CloudWatch (namespace ``AWS/Events``,
dimension ``RuleName``: ``TriggeredRules``, ``Invocations``, ``FailedInvocations``,
``DeadLetterInvocations``) and, when the target has a ``DeadLetterConfig``, the event goes to that
SQS queue with the ``ERROR_CODE``/``ERROR_MESSAGE``/``RULE_ARN``/``TARGET_ARN`` attributes. The
other targets of the rule are still delivered. There are no retries.
"""

from __future__ import annotations

import copy
import json
import logging
import re
import uuid
from datetime import datetime, timezone
from typing import Any

from moto.events.models import Rule
from moto.utilities.arns import parse_arn

log = logging.getLogger("slipway.events")

_original_send_to_targets = Rule.send_to_targets

# The order AWS writes an event's top-level fields in.
_FIELD_ORDER = ("version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail")
_PLACEHOLDER = re.compile(r"<([A-Za-z0-9_.\-]+)>")
_MISSING = object()


class DeliveryFailure(Exception):
    """A target could not be reached; ``code`` is what AWS puts in a dead-letter message's ERROR_CODE."""

    def __init__(self, message: str, code: str = "SDK_CLIENT_ERROR"):
        super().__init__(message)
        self.code = code


# --- the payload a target receives --------------------------------------------------------------------
def _iso(value: Any) -> str:
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    elif isinstance(value, (int, float)):
        moment = datetime.fromtimestamp(float(value), tz=timezone.utc)
    elif isinstance(value, str) and value:
        return value
    else:
        moment = datetime.now(tz=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def aws_event(event: dict[str, Any]) -> dict[str, Any]:
    """moto's internal event (numeric time, ingestion-time) as AWS delivers it."""
    shaped: dict[str, Any] = {}
    for key in _FIELD_ORDER:
        if key in event:
            shaped[key] = event[key]
    for key, value in event.items():
        if key not in shaped and key != "ingestion-time":
            shaped[key] = value
    shaped["time"] = _iso(event.get("time"))
    return shaped


def _compact(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"))


def _select(path: str, event: dict[str, Any]) -> Any:
    from jsonpath_ng.ext import parse

    matches = parse(path).find(event)
    if not matches:
        return _MISSING
    if "*" in path:
        return [m.value for m in matches]
    return matches[0].value


def _placeholders_in_quotes(template: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, name, inside a JSON string) for every <name> in the template."""
    found = []
    inside = False
    index = 0
    while index < len(template):
        char = template[index]
        if char == "\\" and inside:
            index += 2
            continue
        if char == '"':
            inside = not inside
        elif char == "<":
            match = _PLACEHOLDER.match(template, index)
            if match:
                found.append((match.start(), match.end(), match.group(1), inside))
                index = match.end()
                continue
        index += 1
    return found


def render_template(template: str, values: dict[str, Any], raw_json: set[str]) -> str:
    """AWS's InputTemplate rules: inside a JSON string a value is inserted as escaped text; outside one,
    a JSON template (``{...}``) gets the value as JSON (strings quoted, a missing path is ``null``) and a
    plain-text template gets strings as they are. ``raw_json`` names are always inserted as JSON."""
    json_template = template.lstrip().startswith("{")
    out: list[str] = []
    last = 0
    for start, end, name, inside in _placeholders_in_quotes(template):
        if name not in values:
            continue  # not a variable: AWS leaves unknown text alone
        value = values[name]
        if name in raw_json:
            text = _compact(value)
        elif inside:
            if value is _MISSING or value is None:
                text = ""
            else:
                text = json.dumps(value if isinstance(value, str) else _compact(value))[1:-1]
        elif json_template:
            text = "null" if value is _MISSING else _compact(value)
        else:
            text = "" if value is _MISSING or value is None else (value if isinstance(value, str) else _compact(value))
        out.append(template[last:start])
        out.append(text)
        last = end
    out.append(template[last:])
    return "".join(out)


def target_payload(rule: Rule, target: dict[str, Any], event: dict[str, Any], ingestion_time: Any) -> str:
    """The text EventBridge hands the target (the message body, execution input, function payload)."""
    if target.get("Input") is not None:
        return str(target["Input"])
    if target.get("InputPath"):
        selected = _select(target["InputPath"], event)
        return "null" if selected is _MISSING else _compact(selected)
    transformer = target.get("InputTransformer")
    if transformer and transformer.get("InputTemplate") is not None:
        values: dict[str, Any] = {
            name: _select(path, event) for name, path in (transformer.get("InputPathsMap") or {}).items()
        }
        values["aws.events.rule-arn"] = rule.arn
        values["aws.events.rule-name"] = rule.name
        values["aws.events.event.ingestion-time"] = _iso(ingestion_time)
        values["aws.events.event"] = {k: v for k, v in event.items() if k != "detail"}
        values["aws.events.event.json"] = event
        return render_template(transformer["InputTemplate"], values, {"aws.events.event", "aws.events.event.json"})
    return _compact(event)


# --- deliveries ------------------------------------------------------------------------------------------
def _not_found(exc: BaseException) -> bool:
    name = type(exc).__name__
    code = str(getattr(exc, "code", "") or getattr(exc, "error_type", "") or "")
    return any(word in name or word in code for word in ("NotFound", "DoesNotExist", "NonExistent", "Unknown"))


def _send_sqs(account: str, region: str, queue_name: str, body: str, group_id: str | None = None,
              attributes: dict[str, Any] | None = None) -> None:
    from moto.sqs.models import sqs_backends

    backend = sqs_backends[account][region]
    queue = backend.get_queue(queue_name)
    if queue.fifo_queue:
        if not group_id:
            raise DeliveryFailure("SqsParameters.MessageGroupId is required for a FIFO queue target")
        if str(getattr(queue, "content_based_deduplication", "false")).lower() != "true":
            raise DeliveryFailure(
                "To let EventBridge send messages to your SQS FIFO queue, you must enable content-based deduplication."
            )
    backend.send_message(queue_name, body, message_attributes=attributes or {}, group_id=group_id)


def _publish_sns(topic_arn: str, message: str, subject: str | None = None) -> None:
    from moto.sns.models import sns_backends

    arn = parse_arn(topic_arn)
    sns_backends[arn.account][arn.region].publish(message, arn=topic_arn, subject=subject)


def _send_to_destination(destination: str, body: str) -> None:
    arn = parse_arn(destination)
    if arn.service == "sqs":
        _send_sqs(arn.account, arn.region, arn.resource_id, body)
    elif arn.service == "sns":
        _publish_sns(destination, body)
    else:
        log.warning("Lambda destination %s is not supported by the sandbox (SQS and SNS are)", destination)


def _invoke_lambda(function_arn: str, payload: str) -> None:
    from moto.awslambda.utils import get_backend

    arn = parse_arn(function_arn)
    backend = get_backend(arn.account, arn.region)
    function = backend.get_function(function_arn)  # UnknownFunctionException when it does not exist
    qualifier = None
    parts = function_arn.split(":")
    if len(parts) == 8:
        qualifier = parts[7]
    request_id = str(uuid.uuid4())
    # The backend's own invoke path (without Docker moto's Lambda echoes the payload).
    response = backend.invoke(function.function_name, qualifier, payload,
                              {"x-amz-invocation-type": "Event"}, {})
    configs = getattr(function, "event_invoke_config", None) or []
    destination = None
    if configs:
        destination = ((configs[0].config.get("DestinationConfig") or {}).get("OnSuccess") or {}).get("Destination")
    if not destination:
        return
    text = response.decode() if isinstance(response, bytes) else (response or "")
    try:
        response_payload: Any = json.loads(text)
    except ValueError:
        response_payload = text
    try:
        request_payload: Any = json.loads(payload)
    except ValueError:
        request_payload = payload
    record = {
        "version": "1.0",
        "timestamp": datetime.now(tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z",
        "requestContext": {
            "requestId": request_id,
            "functionArn": f"{function.function_arn}:{qualifier or '$LATEST'}",
            "condition": "Success",
            "approximateInvokeCount": 1,
        },
        "requestPayload": request_payload,
        "responseContext": {"statusCode": 200, "executedVersion": "$LATEST"},
        "responsePayload": response_payload,
    }
    _send_to_destination(destination, json.dumps(record))


def _start_execution(state_machine_arn: str, payload: str) -> None:
    from moto.stepfunctions.responses import get_backend

    arn = parse_arn(state_machine_arn)
    if arn.resource_type != "stateMachine":
        raise DeliveryFailure(f"{state_machine_arn} is not a state machine ARN", "RESOURCE_NOT_FOUND")
    try:
        json.loads(payload)
    except ValueError:
        raise DeliveryFailure("Step Functions needs JSON input; the target's input is not JSON")
    # AWS names executions started by a rule with a UUID.
    get_backend(arn.account, arn.region).start_execution(state_machine_arn, str(uuid.uuid4()), payload)


class _AlwaysMatches:
    @staticmethod
    def matches_event(event: Any) -> bool:
        return True


class _OneTarget:
    """The rule, seen by moto's own send_to_targets as if it had this one target."""

    event_pattern = _AlwaysMatches()

    def __init__(self, rule: Rule, target: dict[str, Any]):
        self._rule = rule
        self.targets = [target]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._rule, name)


def deliver(rule: Rule, target: dict[str, Any], original_event: dict[str, Any], transform_input: bool) -> None:
    arn = parse_arn(target["Arn"])
    service, resource_type = arn.service, arn.resource_type
    if service in ("sns", "lambda", "states", "sqs"):
        event = aws_event(original_event)
        payload = (target_payload(rule, target, event, original_event.get("ingestion-time"))
                   if transform_input else _compact(event))
        if service == "sns":
            _publish_sns(target["Arn"], payload)
        elif service == "lambda":
            _invoke_lambda(target["Arn"], payload)
        elif service == "states":
            _start_execution(target["Arn"], payload)
        else:
            group_id = (target.get("SqsParameters") or {}).get("MessageGroupId")
            _send_sqs(arn.account, arn.region, arn.resource_id, payload, group_id)
        return
    if service in ("logs", "events") and resource_type in ("log-group", "", None, "event-bus", "api-destination"):
        # moto's own delivery; it may change the event dict, so it gets a copy.
        _original_send_to_targets(_OneTarget(rule, target), copy.deepcopy(original_event), transform_input)
        return
    raise DeliveryFailure(f"the sandbox cannot deliver to {service} targets ({target['Arn']})")


# --- counting and dead letters -------------------------------------------------------------------------
def _count(rule: Rule, metric: str) -> None:
    try:
        from moto.cloudwatch.models import cloudwatch_backends

        cloudwatch_backends[rule.account_id][rule.region_name].put_metric_data(
            "AWS/Events",
            [{"MetricName": metric, "Value": 1.0, "Unit": "Count",
              "Dimensions": [{"Name": "RuleName", "Value": rule.name}]}],
        )
    except Exception:  # counting must never break delivery
        log.exception("could not record %s for rule %s", metric, rule.name)


def _dead_letter(rule: Rule, target: dict[str, Any], event: dict[str, Any], exc: BaseException) -> None:
    queue_arn = (target.get("DeadLetterConfig") or {}).get("Arn")
    if not queue_arn:
        return
    code = exc.code if isinstance(exc, DeliveryFailure) else ("RESOURCE_NOT_FOUND" if _not_found(exc) else "SDK_CLIENT_ERROR")
    message = str(getattr(exc, "message", None) or exc) or type(exc).__name__

    def attribute(value: str) -> dict[str, str]:
        return {"DataType": "String", "StringValue": value}

    try:
        arn = parse_arn(queue_arn)
        _send_sqs(arn.account, arn.region, arn.resource_id, _compact(aws_event(event)), attributes={
            "ERROR_CODE": attribute(code), "ERROR_MESSAGE": attribute(message[:1000]),
            "RULE_ARN": attribute(rule.arn), "TARGET_ARN": attribute(target["Arn"]),
            "RETRY_ATTEMPTS": attribute("0"), "EXHAUSTED_RETRY_CONDITION": attribute("MaximumRetryAttempts"),
        })
        _count(rule, "DeadLetterInvocations")
    except Exception:
        log.exception("rule %s: could not send the event to the dead-letter queue %s", rule.name, queue_arn)


def send_to_targets(self: Rule, original_event: dict[str, Any], transform_input: bool = True) -> None:
    if not str(getattr(self, "state", "ENABLED") or "ENABLED").startswith("ENABLED"):
        return  # a DISABLED rule matches nothing
    if not self.event_pattern.matches_event(original_event):
        return
    _count(self, "TriggeredRules")
    for target in list(self.targets):
        _count(self, "Invocations")
        try:
            deliver(self, target, original_event, transform_input)
        except Exception as exc:  # AWS reports failed deliveries out of band, never to the PutEvents caller
            log.warning("rule %s could not deliver event %s to %s: %s: %s", self.arn, original_event.get("id"),
                        target.get("Arn"), type(exc).__name__, getattr(exc, "message", None) or exc)
            _count(self, "FailedInvocations")
            _dead_letter(self, target, original_event, exc)


def apply() -> None:
    Rule.send_to_targets = send_to_targets  # type: ignore[method-assign]
