"""AWS::SSM::Parameter without a Name, and with Tags as CloudFormation writes them.

moto gap: moto passes the Name property straight to PutParameter, so a parameter without Name
(CloudFormation then generates one) failed with "'NoneType' object has no attribute 'lower'", and
Tags, which CloudFormation gives as a key/value map, reached PutParameter in the wrong shape. An
update of an unnamed parameter would also have changed its name. Here unnamed parameters get
AWS's ``CFN-<LogicalId>-<random>`` name, kept across updates, and tag maps become tag lists.
"""

from __future__ import annotations

from typing import Any

from moto.cloudformation.utils import random_suffix
from moto.ssm.models import Parameter


def _normalised(cloudformation_json: dict[str, Any], name: str) -> dict[str, Any]:
    properties = dict(cloudformation_json.get("Properties") or {})
    properties.setdefault("Name", name)
    if not properties["Name"]:
        properties["Name"] = name
    tags = properties.get("Tags")
    if isinstance(tags, dict):
        properties["Tags"] = [{"Key": k, "Value": str(v)} for k, v in tags.items()]
    return dict(cloudformation_json, Properties=properties)


def apply() -> None:
    original_create = Parameter.create_from_cloudformation_json

    def create(cls: type[Parameter], resource_name: str, cloudformation_json: Any, account_id: str,
               region_name: str, **kwargs: Any) -> Parameter:
        generated = f"CFN-{kwargs.get('LogicalId') or 'Parameter'}-{random_suffix()}"
        return original_create(resource_name, _normalised(cloudformation_json, generated), account_id,
                               region_name, **kwargs)

    def update(cls: type[Parameter], original_resource: Parameter, new_resource_name: str,
               cloudformation_json: Any, account_id: str, region_name: str) -> Parameter:
        normalised = _normalised(cloudformation_json, original_resource.name)
        cls.delete_from_cloudformation_json(original_resource.name, normalised, account_id, region_name)
        return original_create(new_resource_name, normalised, account_id, region_name)

    Parameter.create_from_cloudformation_json = classmethod(create)  # type: ignore[assignment]
    Parameter.update_from_cloudformation_json = classmethod(update)  # type: ignore[assignment]
