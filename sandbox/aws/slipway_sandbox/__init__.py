"""Slipway's extensions to moto: the gaps between moto 5.2.5 and what the portal shows users.

Every extension is one module in ``slipway_sandbox.extensions`` with an ``apply()`` function and a
docstring naming the moto gap it closes; ``extensions.EXTENSIONS`` lists them in the order they are
applied. ``apply_extensions()`` must run in the moto server's process before the server answers
its first request (the launcher does this), because extensions monkeypatch moto's classes.
"""

from __future__ import annotations

import importlib
import threading
from types import ModuleType

from .cfn_types import refresh_model_caches
from .extensions import EXTENSIONS

_applied: list[ModuleType] = []
_lock = threading.Lock()


def apply_extensions() -> list[ModuleType]:
    """Apply every registered extension once (idempotent); returns the applied modules."""
    with _lock:
        if _applied:
            return list(_applied)
        for name in EXTENSIONS:
            module = importlib.import_module(f"{__name__}.extensions.{name}")
            module.apply()
            _applied.append(module)
        # New CloudFormation resource types are only visible once moto's lru-cached type maps are rebuilt.
        refresh_model_caches()
        return list(_applied)


def describe_extensions() -> list[tuple[str, str]]:
    """(module name, first docstring line) for each extension: what the launcher prints at start-up."""
    described = []
    for name in EXTENSIONS:
        module = importlib.import_module(f"{__name__}.extensions.{name}")
        summary = (module.__doc__ or "").strip().splitlines()[0] if module.__doc__ else ""
        described.append((name, summary))
    return described
