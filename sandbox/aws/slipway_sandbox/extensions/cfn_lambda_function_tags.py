"""AWS::Lambda::Function Tags: set on create, as ListTags then reports them.

moto gap: moto's CloudFormation model of a function ignored ``Tags``, so functions created by a stack
had no tags (ListTags answered ``{}``) and tag-based access control (``aws:ResourceTag/...``) could not
be exercised. (Updates are left as moto does them: its in-place update of a function with inline
``ZipFile`` code fails before tags would matter.)
"""

from __future__ import annotations

from typing import Any

from moto.awslambda.models import LambdaFunction


def _tags(cloudformation_json: dict[str, Any]) -> dict[str, str] | None:
    tags = (cloudformation_json.get("Properties") or {}).get("Tags")
    if tags is None:
        return None
    if isinstance(tags, dict):
        return {str(k): str(v) for k, v in tags.items()}
    return {str(t["Key"]): str(t.get("Value", "")) for t in tags}


def apply() -> None:
    original_create = LambdaFunction.create_from_cloudformation_json

    def create(cls: type[LambdaFunction], resource_name: str, cloudformation_json: Any, account_id: str,
               region_name: str, **kwargs: Any) -> LambdaFunction:
        fn = original_create(resource_name, cloudformation_json, account_id, region_name, **kwargs)
        fn.tags = _tags(cloudformation_json) or {}
        return fn

    LambdaFunction.create_from_cloudformation_json = classmethod(create)  # type: ignore[assignment]
