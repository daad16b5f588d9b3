"""Sandbox settings through moto's own config endpoint.

moto gap: ``POST /moto-api/config`` only accepts moto's keys (batch, lambda, stepfunctions), and
``GET`` does not even report stepfunctions. The sandbox has settings of its own (see
``slipway_sandbox.settings``) that tests and the portal change at run time, so the endpoint also
accepts and reports a ``"slipway"`` section, and reports the Step Functions execution mode.
"""

from __future__ import annotations

from typing import Any

from moto.core.config import default_user_config
from moto.moto_api._internal.models import MotoAPIBackend

from ..settings import get_settings, update_settings


def apply() -> None:
    original_set = MotoAPIBackend.set_config
    original_get = MotoAPIBackend.get_config

    def set_config(self: MotoAPIBackend, config: dict[str, Any]) -> None:
        ours = config.get("slipway")
        if ours is not None:
            update_settings(ours)
        original_set(self, {k: v for k, v in config.items() if k != "slipway"})

    def get_config(self: MotoAPIBackend) -> dict[str, Any]:
        config = dict(original_get(self))
        config["stepfunctions"] = default_user_config.get("stepfunctions", {})
        config["slipway"] = get_settings()
        return config

    MotoAPIBackend.set_config = set_config  # type: ignore[method-assign]
    MotoAPIBackend.get_config = get_config  # type: ignore[method-assign]
