"""Stack events with strictly increasing timestamps.

Clients (the portal's JS SDK keeps milliseconds) order events by timestamp, and two events created
in the same millisecond would tie, so each event is at least 1 ms after the previous one.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from typing import Any

from moto.cloudformation.models import Event
from moto.core.utils import utcnow

from .state import ResourceRecord, ensure_state

_clock_lock = threading.Lock()
_last: datetime | None = None


def next_timestamp() -> datetime:
    global _last
    with _clock_lock:
        now = utcnow()
        if _last is not None and now <= _last + timedelta(milliseconds=1):
            now = _last + timedelta(milliseconds=1)
        # Whole milliseconds: what every client can represent.
        now = now.replace(microsecond=(now.microsecond // 1000) * 1000)
        if _last is not None and now <= _last:
            now = _last + timedelta(milliseconds=1)
        _last = now
        return now


def _append(stack: Any, event: Event, token: str | None) -> None:
    event.timestamp = next_timestamp()
    event.client_request_token = token
    try:
        event.sendToSns(stack.account_id, stack.region_name, stack.notification_arns)
    except Exception:  # a deleted notification topic must not break the stack operation
        pass
    stack.events.append(event)


def stack_event(stack: Any, status: str, reason: str | None = None, token: str | None = None) -> None:
    """Record a stack-level event and move the stack to ``status``."""
    stack.status = status
    stack.stack_status_reason = reason
    event = Event(
        stack_id=stack.stack_id,
        stack_name=stack.name,
        logical_resource_id=stack.name,
        physical_resource_id=stack.stack_id,
        resource_type="AWS::CloudFormation::Stack",
        resource_status=status,
        resource_status_reason=reason,
        resource_properties=None,
    )
    _append(stack, event, token)


def resource_event(
    stack: Any,
    logical_id: str,
    resource_type: str,
    status: str,
    physical_id: str | None,
    reason: str | None = None,
    token: str | None = None,
    properties: str | None = None,
) -> None:
    """Record a resource event and the resource's current status (what ListStackResources shows)."""
    event = Event(
        stack_id=stack.stack_id,
        stack_name=stack.name,
        logical_resource_id=logical_id,
        physical_resource_id=physical_id or "",
        resource_type=resource_type,
        resource_status=status,
        resource_status_reason=reason,
        resource_properties=properties,
    )
    _append(stack, event, token)
    ensure_state(stack).set_record(
        ResourceRecord(logical_id, resource_type, status, physical_id or "", reason, event.timestamp)
    )
