"""Run-time settings of the sandbox's extensions.

Initialised from the launcher's environment and changeable while the server runs through moto's own
config endpoint (``POST /moto-api/config`` with ``{"slipway": {...}}``, see the ``sandbox_settings``
extension) so that a test can slow CloudFormation down without restarting the server.
"""

from __future__ import annotations

import os
import threading
from typing import Any

_lock = threading.Lock()


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return max(0, int(raw))
    except ValueError:
        raise SystemExit(f"{name} must be a whole number of milliseconds, got {raw!r}")


def _env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    raw = os.environ.get(name, "").strip().lower() or default
    if raw not in choices:
        raise SystemExit(f"{name} must be one of {', '.join(choices)}, got {raw!r}")
    return raw


# Keys are part of the sandbox's public surface (documented in EXTENSIONS.md).
_settings: dict[str, Any] = {
    # Pause between a resource's *_IN_PROGRESS and *_COMPLETE events so a UI can show progress.
    "cfn_resource_delay_ms": _env_int("SANDBOX_CFN_RESOURCE_DELAY_MS", 0),
    # How long CreateChangeSet takes: the change set is CREATE_PENDING for the first half and
    # CREATE_IN_PROGRESS for the second, as AWS creates change sets asynchronously.
    "cfn_change_set_delay_ms": _env_int("SANDBOX_CFN_CHANGE_SET_DELAY_MS", 1000),
    # What a stack does with a resource type moto cannot create: "fail" it (like AWS would for a
    # resource it cannot create) or "skip" it (moto's own behaviour, with a visible event reason).
    "cfn_unsupported_resources": _env_choice(
        "SANDBOX_CFN_UNSUPPORTED_RESOURCES", "fail", ("fail", "skip")
    ),
    # Calls still to be throttled per "service:Operation" (boto3 service names), e.g.
    # {"cloudformation:CreateChangeSet": 2}; each throttled call counts one down.
    "throttle": {},
}

_validators = {
    "cfn_resource_delay_ms": lambda v: isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 600_000,
    "cfn_change_set_delay_ms": lambda v: isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 600_000,
    "cfn_unsupported_resources": lambda v: v in ("fail", "skip"),
    "throttle": lambda v: isinstance(v, dict) and all(
        isinstance(k, str) and ":" in k and isinstance(n, int) and not isinstance(n, bool) and 0 <= n <= 1_000
        for k, n in v.items()
    ),
}


def get_settings() -> dict[str, Any]:
    with _lock:
        return {k: dict(v) if isinstance(v, dict) else v for k, v in _settings.items()}


def update_settings(changes: dict[str, Any]) -> dict[str, Any]:
    """Apply a partial update; unknown keys or bad values raise ValueError (nothing is applied)."""
    for key, value in changes.items():
        if key not in _validators:
            raise ValueError(f"unknown sandbox setting {key!r}; known: {', '.join(sorted(_validators))}")
        if not _validators[key](value):
            raise ValueError(f"bad value for sandbox setting {key!r}: {value!r}")
    with _lock:
        _settings.update(changes)
        return dict(_settings)


def cfn_resource_delay_seconds() -> float:
    with _lock:
        return _settings["cfn_resource_delay_ms"] / 1000.0


def cfn_change_set_delay_seconds() -> float:
    with _lock:
        return _settings["cfn_change_set_delay_ms"] / 1000.0


def cfn_unsupported_resources() -> str:
    with _lock:
        return _settings["cfn_unsupported_resources"]


def take_throttled_call(operation: str) -> bool:
    """True (and one fewer to go) when the next call of ``operation`` is to be throttled."""
    with _lock:
        remaining = _settings["throttle"].get(operation, 0)
        if remaining <= 0:
            return False
        _settings["throttle"] = {**_settings["throttle"], operation: remaining - 1}
        return True
