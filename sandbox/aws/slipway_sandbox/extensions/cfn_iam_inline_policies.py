"""Inline policies of stack-created roles, users and groups read back as JSON.

moto gap: CloudFormation hands moto a role's ``Policies`` (and an ``AWS::IAM::Policy``'s
``PolicyDocument``) as a parsed mapping, which moto stored as it was; GetRolePolicy then answered
with Python's repr of it (``{'Version': '2012-10-17', ...}``), which no JSON reader accepts. AWS
stores the document as JSON text and returns it URL-encoded
(https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRolePolicy.html). Here a mapping
becomes JSON text when it is stored, so the API answers as AWS does.
"""

from __future__ import annotations

import json
from typing import Any

from moto.iam.models import Group, Role, User


def apply() -> None:
    for model in (Role, User, Group):
        original = model.put_policy

        def put_policy(self: Any, policy_name: str, policy_json: Any, _original: Any = original) -> None:
            text = policy_json if isinstance(policy_json, str) else json.dumps(policy_json)
            _original(self, policy_name, text)

        model.put_policy = put_policy  # type: ignore[method-assign]
