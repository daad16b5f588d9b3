"""SNS message data protection: policies, inbound denials, audit records, metrics, outbound denials.

moto gap: GetDataProtectionPolicy / PutDataProtectionPolicy answered HTTP 500, CreateTopic ignored
``DataProtectionPolicy``, the ``DataProtectionPolicy`` property of AWS::SNS::Topic was dropped (and
any update of a topic replaced it), and Publish never scanned anything. Now policies are validated
and stored as AWS does; Publish to a topic with a policy scans the message with the pattern
detectors of ``slipway_sandbox.sns_data_identifiers``, refuses it with ``AuthorizationError`` when an
inbound Deny statement applies, writes audit records to the Audit statement's CloudWatch Logs, S3 and
Firehose destinations, counts ``MessageWithFindings`` / ``MessageWithNoFindings`` (namespace
``AWS/SNS``, dimension ``TopicName``), and skips delivery to each subscription whose owner (the
principal that subscribed) an outbound Deny statement names. See EXTENSIONS.md for the formats.
"""

from __future__ import annotations

import json
import logging
import math
import re
import threading
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from moto.moto_api._internal import mock_random
from moto.sns.exceptions import SNSException, SNSInvalidParameter
from moto.sns.models import SNSBackend, Subscription, Topic
from moto.sns.responses import SNSResponse

from ..callers import caller_principal, deploying_principal
from ..sns_data_identifiers import MANAGED_IDENTIFIERS, find_identifiers

log = logging.getLogger("slipway.sns")

POLICY_ATTRIBUTE = "slipway_data_protection_policy"
OWNER_ATTRIBUTE = "slipway_owner"
_IDENTIFIER_ARN = re.compile(r"^arn:aws[\w-]*:dataprotection::aws:data-identifier/(?P<name>[A-Za-z0-9-]+)$")
_OPERATIONS = ("Audit", "Deny", "Deidentify")
_DESTINATIONS = ("CloudWatchLogs", "Firehose", "S3")
_DESTINATION_KEY = {"CloudWatchLogs": "LogGroup", "Firehose": "DeliveryStream", "S3": "Bucket"}


class DataProtectionDenied(SNSException):
    """An inbound Deny statement refused the message (AWS answers AuthorizationError, HTTP 403)."""

    code = "AuthorizationError"


def _invalid(reason: str) -> SNSInvalidParameter:
    return SNSInvalidParameter(f"Invalid parameter: DataProtectionPolicy Reason: {reason}")


# --- the policy ------------------------------------------------------------------------------------
@dataclass
class Statement:
    sid: str
    direction: str
    principals: list[str]
    identifiers: list[str]  # short names, e.g. Ssn-US
    operation: str
    audit: dict[str, Any] = field(default_factory=dict)

    def applies_to(self, principal: str) -> bool:
        account = principal.split(":")[4] if principal.count(":") >= 5 else ""
        for entry in self.principals:
            if entry == "*" or entry == principal:
                return True
            if account and entry in (account, f"arn:aws:iam::{account}:root"):
                return True
        return False


def parse_policy(text: Any) -> list[Statement]:
    """Validate a data protection policy as SNS does; raises InvalidParameter with the reason."""
    if not isinstance(text, str) or not text.strip():
        raise _invalid("The policy must be a non-empty JSON document.")
    try:
        policy = json.loads(text)
    except ValueError as exc:
        raise _invalid(f"The policy is not valid JSON: {exc.msg}.")
    if not isinstance(policy, dict):
        raise _invalid("The policy must be a JSON object.")
    if not isinstance(policy.get("Name"), str) or not policy["Name"]:
        raise _invalid("Name is required.")
    if "Description" in policy and not isinstance(policy["Description"], str):
        raise _invalid("Description must be a string.")
    if policy.get("Version") != "2021-06-01":
        raise _invalid("Version must be 2021-06-01.")
    raw_statements = policy.get("Statement")
    if not isinstance(raw_statements, list) or not raw_statements:
        raise _invalid("Statement must be a non-empty list.")
    statements: list[Statement] = []
    for index, raw in enumerate(raw_statements):
        statements.append(_parse_statement(raw, index))
    sids = [s.sid for s in statements if s.sid]
    if len(sids) != len(set(sids)):
        raise _invalid("Statement Sids must be unique.")
    if sum(1 for s in statements if s.operation == "Audit") > 1:
        raise _invalid("A policy may have only one Audit statement.")
    return statements


def _parse_statement(raw: Any, index: int) -> Statement:
    where = f"Statement[{index}]"
    if not isinstance(raw, dict):
        raise _invalid(f"{where} must be an object.")
    sid = raw.get("Sid", "")
    if not isinstance(sid, str):
        raise _invalid(f"{where}.Sid must be a string.")
    direction = raw.get("DataDirection")
    if direction not in ("Inbound", "Outbound"):
        raise _invalid(f"{where}.DataDirection must be Inbound or Outbound.")
    principals = raw.get("Principal")
    if not isinstance(principals, list) or not principals or not all(isinstance(p, str) and p for p in principals):
        raise _invalid(f"{where}.Principal must be a non-empty list of principals.")
    arns = raw.get("DataIdentifier")
    if not isinstance(arns, list) or not arns:
        raise _invalid(f"{where}.DataIdentifier must be a non-empty list of data identifier ARNs.")
    names = []
    for arn in arns:
        match = _IDENTIFIER_ARN.match(arn) if isinstance(arn, str) else None
        if not match or match.group("name") not in MANAGED_IDENTIFIERS:
            raise _invalid(f"{where}.DataIdentifier {arn!r} is not a managed data identifier ARN.")
        names.append(match.group("name"))
    operation = raw.get("Operation")
    if not isinstance(operation, dict) or len(operation) != 1 or next(iter(operation)) not in _OPERATIONS:
        raise _invalid(f"{where}.Operation must have exactly one of Audit, Deny or Deidentify.")
    (name, body), = operation.items()
    if not isinstance(body, dict):
        raise _invalid(f"{where}.Operation.{name} must be an object.")
    if name == "Deny" and body:
        raise _invalid(f"{where}.Operation.Deny must be empty.")
    if name == "Audit":
        _check_audit(body, direction, where)
    if name == "Deidentify" and not (set(body) & {"MaskConfig", "RedactConfig"}):
        raise _invalid(f"{where}.Operation.Deidentify needs MaskConfig or RedactConfig.")
    return Statement(sid, direction, list(principals), names, name, body if name == "Audit" else {})


def _check_audit(body: dict[str, Any], direction: str, where: str) -> None:
    if direction != "Inbound":
        raise _invalid(f"{where}: the Audit operation applies to Inbound data only.")
    rate = body.get("SampleRate")
    try:
        rate_value = int(str(rate))
    except ValueError:
        rate_value = -1
    if isinstance(rate, bool) or not 0 <= rate_value <= 99 or str(rate_value) != str(rate).strip():
        raise _invalid(f"{where}.Operation.Audit.SampleRate must be an integer from 0 to 99.")
    unknown = set(body) - {"SampleRate", "FindingsDestination", "NoFindingsDestination"}
    if unknown:
        raise _invalid(f"{where}.Operation.Audit has unknown keys {sorted(unknown)}.")
    destinations = [k for k in ("FindingsDestination", "NoFindingsDestination") if k in body]
    if not destinations:
        raise _invalid(f"{where}.Operation.Audit needs FindingsDestination or NoFindingsDestination.")
    for key in destinations:
        target = body[key]
        if not isinstance(target, dict) or not target or set(target) - set(_DESTINATIONS):
            raise _invalid(f"{where}.Operation.Audit.{key} must name CloudWatchLogs, Firehose or S3.")
        for service, config in target.items():
            value = config.get(_DESTINATION_KEY[service]) if isinstance(config, dict) else None
            if not isinstance(value, str) or not value:
                raise _invalid(f"{where}.Operation.Audit.{key}.{service}.{_DESTINATION_KEY[service]} is required.")
            if service == "CloudWatchLogs" and not value.startswith("/aws/vendedlogs/"):
                raise _invalid(f"{where}.Operation.Audit.{key}.CloudWatchLogs.LogGroup must start with /aws/vendedlogs/.")


def _policy_text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def set_topic_policy(topic: Topic, policy: Any) -> None:
    text = _policy_text(policy)
    if text == "":
        setattr(topic, POLICY_ATTRIBUTE, "")
        return
    parse_policy(text)
    setattr(topic, POLICY_ATTRIBUTE, text)


# --- destinations ------------------------------------------------------------------------------------
def _timestamp(now: datetime) -> str:
    return now.strftime("%Y-%m-%dT%H:%M:%SZ")


def _write_record(topic: Topic, destination: dict[str, Any], record: dict[str, Any], now: datetime) -> None:
    body = json.dumps(record, separators=(",", ":"))
    account, region = topic.account_id, topic.sns_backend.region_name
    for service, config in destination.items():
        try:
            if service == "CloudWatchLogs":
                _write_logs(account, region, config["LogGroup"], topic.name, body, now)
            elif service == "S3":
                from moto.s3.models import s3_backends

                key = (f"AWSLogs/{account}/SNS/{region}/{now:%Y/%m/%d}/{topic.name}/"
                       f"{record['messageId']}-{mock_random.get_random_hex(8)}.json")
                s3_backends[account]["aws"].put_object(config["Bucket"], key, body.encode())
            elif service == "Firehose":
                from moto.firehose.models import firehose_backends

                firehose_backends[account][region].put_record(config["DeliveryStream"], {"Data": body.encode()})
        except Exception:  # like AWS, a missing destination never fails the publish
            log.warning("could not write an SNS audit record to %s %s", service, config, exc_info=True)


def _write_logs(account: str, region: str, group: str, stream: str, body: str, now: datetime) -> None:
    from moto.logs.exceptions import ResourceAlreadyExistsException
    from moto.logs.models import logs_backends

    backend = logs_backends[account][region]
    try:
        backend.create_log_stream(group, stream)
    except ResourceAlreadyExistsException:
        pass
    backend.put_log_events(group, stream, [{"timestamp": int(now.timestamp() * 1000), "message": body}])


def _count(topic: Topic, metric: str) -> None:
    try:
        from moto.cloudwatch.models import cloudwatch_backends

        cloudwatch_backends[topic.account_id][topic.sns_backend.region_name].put_metric_data(
            "AWS/SNS",
            [{"MetricName": metric, "Value": 1.0, "Unit": "Count",
              "Dimensions": [{"Name": "TopicName", "Value": topic.name}]}],
        )
    except Exception:
        log.exception("could not record %s for topic %s", metric, topic.name)


# --- sampling: deterministic, so tests and demos see the same records every run -----------------------
_sample_lock = threading.Lock()


def _sampled(topic: Topic, rate: int) -> bool:
    """Message n (1-based, per topic) is audited when ceil(n*rate/100) grows: rate 99 audits the first
    99 of every 100 messages, rate 50 every other one, rate 0 none."""
    with _sample_lock:
        n = getattr(topic, "slipway_audit_count", 0) + 1
        topic.slipway_audit_count = n
    return math.ceil(n * rate / 100) > math.ceil((n - 1) * rate / 100)


# --- publish --------------------------------------------------------------------------------------------
@dataclass
class _Scan:
    topic: Topic
    message_id: str
    caller: str
    message: str
    statements: list[Statement]
    audit: Statement | None
    findings: dict[str, dict[str, Any]]
    now: datetime


_scan: ContextVar[_Scan | None] = ContextVar("sns_data_protection_scan", default=None)
_caller: ContextVar[str | None] = ContextVar("sns_publish_caller", default=None)


def _record(scan: _Scan, names: list[str], **extra: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "messageId": scan.message_id,
        "auditTimestamp": _timestamp(scan.now),
        "callerPrincipal": scan.caller,
        "resourceArn": scan.topic.arn,
        "dataIdentifiers": [scan.findings[n] for n in sorted(set(names)) if n in scan.findings],
    }
    record.update(extra)
    return record


def _inbound(topic: Topic, message: str, caller: str) -> _Scan | None:
    text = getattr(topic, POLICY_ATTRIBUTE, "")
    if not text:
        return None
    statements = parse_policy(text)
    inbound = [s for s in statements if s.direction == "Inbound" and s.applies_to(caller)]
    outbound = [s for s in statements if s.direction == "Outbound" and s.operation == "Deny"]
    names = {n for s in inbound + outbound for n in s.identifiers}
    findings = {f["name"]: f for f in find_identifiers(message, names)}
    audit = next((s for s in inbound if s.operation == "Audit"), None)
    scan = _Scan(topic, str(mock_random.uuid4()), caller, message, statements, audit, findings,
                 datetime.now(timezone.utc))
    if inbound:
        found_inbound = any(n in findings for s in inbound for n in s.identifiers)
        _count(topic, "MessageWithFindings" if found_inbound else "MessageWithNoFindings")
    deny = next((s for s in inbound if s.operation == "Deny" and any(n in findings for n in s.identifiers)), None)
    if deny is not None:
        if audit is not None and "FindingsDestination" in audit.audit:
            record = _record(scan, deny.identifiers, dataDirection="Inbound", operation="Deny", statementSid=deny.sid)
            _write_record(topic, audit.audit["FindingsDestination"], record, scan.now)
        raise DataProtectionDenied(
            f"User: {caller} is not authorized to perform: SNS:Publish on resource: {topic.arn} "
            f"because the message was denied by data protection policy statement {deny.sid or '(no Sid)'}"
        )
    if audit is not None and _sampled(topic, int(str(audit.audit["SampleRate"]))):
        audited = [n for n in audit.identifiers if n in findings]
        key = "FindingsDestination" if audited else "NoFindingsDestination"
        if key in audit.audit:
            _write_record(topic, audit.audit[key], _record(scan, audited), scan.now)
    return scan


def _outbound_denial(scan: _Scan, subscription: Subscription) -> Statement | None:
    owner = getattr(subscription, OWNER_ATTRIBUTE, None) or f"arn:aws:iam::{subscription.account_id}:root"
    for statement in scan.statements:
        if (statement.direction == "Outbound" and statement.operation == "Deny" and statement.applies_to(owner)
                and any(n in scan.findings for n in statement.identifiers)):
            return statement
    return None


def _deliver(topic: Topic, scan: _Scan | None, message: str, **kwargs: Any) -> str:
    message_id = scan.message_id if scan else str(mock_random.uuid4())
    subscriptions, _ = topic.sns_backend.list_subscriptions_by_topic(topic_arn=topic.arn)
    for subscription in subscriptions:
        denied = _outbound_denial(scan, subscription) if scan else None
        if denied is not None:
            if scan.audit is not None and "FindingsDestination" in scan.audit.audit:
                owner = getattr(subscription, OWNER_ATTRIBUTE, None) or f"arn:aws:iam::{subscription.account_id}:root"
                record = _record(scan, denied.identifiers, dataDirection="Outbound", operation="Deny",
                                 statementSid=denied.sid, subscriptionArn=subscription.arn, subscriberPrincipal=owner)
                _write_record(topic, scan.audit.audit["FindingsDestination"], record, scan.now)
            continue
        subscription.publish(message, message_id, **kwargs)
    topic.sent_notifications.append((message_id, message, kwargs.get("subject"), kwargs.get("message_attributes"),
                                     kwargs.get("group_id")))
    return message_id


def apply() -> None:
    original_backend_publish = SNSBackend.publish
    original_create_topic = SNSResponse.create_topic
    original_backend_subscribe = SNSBackend.subscribe

    def topic_publish(self: Topic, message: str, subject: str | None = None,
                      message_attributes: dict[str, Any] | None = None, group_id: str | None = None,
                      deduplication_id: str | None = None, message_structure: str | None = None) -> str:
        scan = _scan.get()
        return _deliver(self, scan if scan and scan.topic is self else None, message, subject=subject,
                        message_attributes=message_attributes, group_id=group_id,
                        deduplication_id=deduplication_id, message_structure=message_structure)

    def backend_publish(self: SNSBackend, message: str, arn: str | None, phone_number: str | None = None,
                        **kwargs: Any) -> str:
        topic = self.topics.get(arn) if arn and not phone_number else None
        if topic is None:
            return original_backend_publish(self, message, arn, phone_number=phone_number, **kwargs)
        # Publishes that do not come through the HTTP API (EventBridge targets) act as the account.
        caller = _caller.get() or f"arn:aws:iam::{self.account_id}:root"
        scan = _inbound(topic, message, caller)
        token = _scan.set(scan)
        try:
            return original_backend_publish(self, message, arn, phone_number=phone_number, **kwargs)
        finally:
            _scan.reset(token)

    def backend_subscribe(self: SNSBackend, topic_arn: str, endpoint: str, protocol: str) -> Subscription:
        subscription = original_backend_subscribe(self, topic_arn, endpoint, protocol)
        owner = _caller.get() or deploying_principal.get()
        if owner and not getattr(subscription, OWNER_ATTRIBUTE, None):
            setattr(subscription, OWNER_ATTRIBUTE, owner)
        return subscription

    def as_caller(original: Any) -> Any:
        def handler(self: SNSResponse) -> Any:
            token = _caller.set(caller_principal(self))
            try:
                return original(self)
            finally:
                _caller.reset(token)
        return handler

    def create_topic(self: SNSResponse) -> Any:
        policy = self._get_param("DataProtectionPolicy")
        if policy:
            parse_policy(policy)
        result = original_create_topic(self)
        if policy:
            topic = self.backend.get_topic(result.result["TopicArn"])  # type: ignore[index]
            setattr(topic, POLICY_ATTRIBUTE, policy)
        return result

    def get_data_protection_policy(self: SNSResponse) -> Any:
        from moto.core.responses import ActionResult

        topic = self.backend.get_topic(self._get_param("ResourceArn"))
        return ActionResult({"DataProtectionPolicy": getattr(topic, POLICY_ATTRIBUTE, "")})

    def put_data_protection_policy(self: SNSResponse) -> Any:
        from moto.core.responses import EmptyResult

        topic = self.backend.get_topic(self._get_param("ResourceArn"))
        set_topic_policy(topic, self._get_param("DataProtectionPolicy") or "")
        return EmptyResult()

    Topic.publish = topic_publish  # type: ignore[method-assign]
    SNSBackend.publish = backend_publish  # type: ignore[method-assign]
    SNSBackend.subscribe = backend_subscribe  # type: ignore[method-assign]
    for action in ("publish", "publish_batch", "subscribe"):
        setattr(SNSResponse, action, as_caller(getattr(SNSResponse, action)))
    SNSResponse.create_topic = create_topic  # type: ignore[method-assign]
    SNSResponse.get_data_protection_policy = get_data_protection_policy  # type: ignore[attr-defined]
    SNSResponse.put_data_protection_policy = put_data_protection_policy  # type: ignore[attr-defined]
    _patch_cloudformation()


# --- AWS::SNS::Topic DataProtectionPolicy ------------------------------------------------------------------
def _patch_cloudformation() -> None:
    original_create = Topic.create_from_cloudformation_json.__func__  # type: ignore[attr-defined]
    original_update = Topic.update_from_cloudformation_json.__func__  # type: ignore[attr-defined]

    def create(cls: type[Topic], resource_name: str, cloudformation_json: Any, account_id: str, region_name: str,
               **kwargs: Any) -> Topic:
        properties = cloudformation_json.get("Properties") or {}
        policy = properties.get("DataProtectionPolicy")
        if policy:
            parse_policy(_policy_text(policy))  # fail the resource before creating anything
        clean = {**cloudformation_json, "Properties": {k: v for k, v in properties.items()
                                                       if k != "DataProtectionPolicy"}}
        topic = original_create(cls, resource_name, clean, account_id, region_name, **kwargs)
        if policy:
            set_topic_policy(topic, policy)
        return topic

    def update(cls: type[Topic], original_resource: Topic, new_resource_name: str, cloudformation_json: Any,
               account_id: str, region_name: str) -> Topic:
        properties = cloudformation_json.get("Properties") or {}
        name = properties.get("TopicName")
        if name in (None, original_resource.name) and bool(properties.get("FifoTopic", False)) == \
                original_resource.fifo_topic:
            # DataProtectionPolicy, DisplayName and the other mutable properties change in place in
            # AWS; moto's own update deleted and re-created the topic with its subscriptions.
            set_topic_policy(original_resource, properties.get("DataProtectionPolicy") or "")
            if "DisplayName" in properties:
                original_resource.display_name = properties["DisplayName"]
            return original_resource
        return original_update(cls, original_resource, new_resource_name, cloudformation_json, account_id,
                               region_name)

    Topic.create_from_cloudformation_json = classmethod(create)  # type: ignore[method-assign,assignment]
    Topic.update_from_cloudformation_json = classmethod(update)  # type: ignore[method-assign,assignment]
