"""AWS::KMS::Key: a usable key policy, and deletion that is scheduled, as in AWS.

moto gap: moto stored the template's KeyPolicy object as the key policy where its KMS API expects
a JSON string, so every call on a key created by a stack (DescribeKey, Encrypt, ...) answered HTTP
500. And deleting the stack removed the key outright, where CloudFormation schedules its deletion:
the key stays, disabled, in PendingDeletion for PendingWindowInDays (default 30).
"""

from __future__ import annotations

import json
from typing import Any

from moto.kms.models import Key, kms_backends


def apply() -> None:
    original_create = Key.create_from_cloudformation_json

    def create(cls: type[Key], resource_name: str, cloudformation_json: dict[str, Any], account_id: str,
               region_name: str, **kwargs: Any) -> Key:
        properties = dict(cloudformation_json.get("Properties") or {})
        if isinstance(properties.get("KeyPolicy"), (dict, list)):
            properties["KeyPolicy"] = json.dumps(properties["KeyPolicy"])
        key = original_create(resource_name, dict(cloudformation_json, Properties=properties), account_id,
                              region_name, **kwargs)
        key.pending_window_in_days = int(properties.get("PendingWindowInDays") or 30)  # type: ignore[attr-defined]
        return key

    def delete(self: Key, account_id: str, region_name: str) -> None:
        backend = kms_backends[account_id][region_name]
        if self.id in backend.keys:
            backend.schedule_key_deletion(self.id, getattr(self, "pending_window_in_days", 30))

    Key.create_from_cloudformation_json = classmethod(create)  # type: ignore[assignment]
    Key.delete = delete  # type: ignore[method-assign]
