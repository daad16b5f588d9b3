"""Who is calling: the IAM principal behind a request's access key, as AWS services record it.

moto answers GetCallerIdentity from the access key (an assumed role's temporary key, an IAM user's
key, or anything else as ``arn:aws:sts::<account>:user/moto``); services that record a principal
(SNS data protection audit records, subscription owners) record the *role* for an assumed-role
session, ``arn:aws:iam::<account>:role/<path><name>``, which is what policies name.
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from typing import Any

_ASSUMED_ROLE = re.compile(r"^arn:(?P<partition>[\w-]+):sts::(?P<account>\d{12}):assumed-role/(?P<name>[^/]+)/")

# The principal CloudFormation acts as while it creates a stack's resources: the stack's service
# role (RoleARN) or, without one, whoever called CreateStack. Set by the engine around each resource.
deploying_principal: ContextVar[str | None] = ContextVar("deploying_principal", default=None)


def principal_of(arn: str) -> str:
    """An assumed-role session ARN becomes its role's ARN (with the role's path); others are kept."""
    match = _ASSUMED_ROLE.match(arn)
    if not match:
        return arn
    from moto.iam.models import iam_backends

    account, partition, name = match.group("account"), match.group("partition"), match.group("name")
    try:
        return iam_backends[account][partition].get_role(name).arn
    except Exception:  # the role was deleted since: keep the name-only form
        return f"arn:{partition}:iam::{account}:role/{name}"


def caller_principal(response: Any) -> str:
    """The principal of the request a moto ``BaseResponse`` is handling."""
    from moto.sts.models import sts_backends

    backend = sts_backends[response.current_account][response.partition]
    _, arn, _ = backend.get_caller_identity(response.get_access_key(), response.region)
    return principal_of(arn)
