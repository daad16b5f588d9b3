"""Stack tags on the resources a stack creates, as CloudFormation propagates them.

CloudFormation copies a stack's tags to every resource that supports tags, and adds
``aws:cloudformation:stack-name``, ``-stack-id`` and ``-logical-id`` where the service allows
``aws:`` keys (EC2, Lambda; not IAM, whose tags may not start with ``aws:``). A tag the resource's own
``Tags`` property sets wins over a stack tag of the same key. moto propagated nothing and ignored the
``Tags`` property of ``AWS::Lambda::Function``; ABAC (``aws:ResourceTag/...``) needs both.
"""

from __future__ import annotations

from typing import Any

from moto.awslambda.models import LambdaFunction
from moto.cloudformation.parsing import clean_json
from moto.ec2.models import ec2_backends
from moto.ec2.models.core import TaggedEC2Resource
from moto.iam.models import Role, User, iam_backends
from moto.utilities.utils import get_partition

AWS_PREFIX = "aws:"


def _own_tags(body: dict[str, Any], resource_map: Any) -> dict[str, str]:
    """The ``Tags`` property as a map, its intrinsics (``!Ref Parameter``) resolved: CloudFormation
    writes a list of Key/Value for most types."""
    tags = clean_json((body.get("Properties") or {}).get("Tags") or {}, resource_map)
    if isinstance(tags, dict):
        return {str(k): str(v) for k, v in tags.items()}
    return {str(t["Key"]): str(t["Value"]) for t in tags if isinstance(t, dict) and "Key" in t}


def propagate(stack: Any, resource_map: Any, logical_id: str, body: dict[str, Any], instance: Any) -> None:
    """Tags ``instance`` with the stack's tags (plus the logical id) under its own ``Tags``."""
    stack_tags: dict[str, str] = resource_map.tags
    with_ids = dict(stack_tags, **{"aws:cloudformation:logical-id": logical_id})
    if isinstance(instance, TaggedEC2Resource):
        ec2_backends[stack.account_id][stack.region_name].create_tags([instance.physical_resource_id], with_ids)
    elif isinstance(instance, LambdaFunction):
        instance.tags.update({**with_ids, **_own_tags(body, resource_map)})
    elif isinstance(instance, (Role, User)):
        inherited = {k: v for k, v in stack_tags.items() if not k.startswith(AWS_PREFIX)}
        merged = {**inherited, **_own_tags(body, resource_map)}
        if not merged:
            return
        backend = iam_backends[stack.account_id][get_partition(stack.region_name)]
        as_list = [{"Key": k, "Value": v} for k, v in merged.items()]
        if isinstance(instance, Role):
            backend.tag_role(instance.name, as_list)
        else:
            backend.tag_user(instance.name, as_list)
