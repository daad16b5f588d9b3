"""Shared state of the CloudFormation engine: locks, the reset generation and per-stack records."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

# Guards the backends' stack, deleted-stack and export dicts. Held only for short critical sections
# (never while a resource is being created) so that DescribeStacks answers during a slow create.
STACKS_LOCK = threading.RLock()

# Serialises calls into moto's resource backends from the engine's worker threads: moto's backends
# are not written for concurrent writers, and concurrent stacks would otherwise interleave inside
# one backend call. Re-entrant because a nested stack is created inside its parent's resource step.
RESOURCE_LOCK = threading.RLock()

_generation_lock = threading.Lock()
_generation = 0


def current_generation() -> int:
    with _generation_lock:
        return _generation


def bump_generation() -> None:
    """Called on POST /moto-api/reset: workers of the old generation stop at their next step."""
    global _generation
    with _generation_lock:
        _generation += 1


class Aborted(Exception):
    """The sandbox was reset while an operation ran; the operation stops without touching new state."""


@dataclass
class ResourceRecord:
    logical_id: str
    resource_type: str
    status: str
    physical_id: str
    reason: str | None
    timestamp: datetime


@dataclass
class StackState:
    """What the engine knows about a stack beyond moto's Stack object."""

    # One operation at a time per stack. A plain Lock because a request thread acquires it and the
    # worker thread that finishes the operation releases it.
    op_lock: threading.Lock = field(default_factory=threading.Lock)
    lock: threading.RLock = field(default_factory=threading.RLock)
    records: "OrderedDict[str, ResourceRecord]" = field(default_factory=OrderedDict)
    creation_token: str | None = None
    outputs: list[dict[str, Any]] | None = None
    exports: list[Any] = field(default_factory=list)

    def set_record(self, record: ResourceRecord) -> None:
        with self.lock:
            self.records[record.logical_id] = record

    def drop_record(self, logical_id: str) -> None:
        with self.lock:
            self.records.pop(logical_id, None)

    def snapshot(self) -> list[ResourceRecord]:
        with self.lock:
            return list(self.records.values())


def state_of(stack: Any) -> StackState | None:
    return getattr(stack, "slipway_state", None)


def ensure_state(stack: Any) -> StackState:
    existing = state_of(stack)
    if existing is None:
        existing = StackState()
        stack.slipway_state = existing
    return existing
