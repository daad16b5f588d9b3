"""AWS::Lambda::Function updates with inline code.

moto gap: an update of a function whose ``Code`` is ``ZipFile`` (inline source, as CloudFormation
allows for Python and Node.js) failed with "Invalid base64-encoded string": creation wraps the
source into a zip (``index.py`` or ``index.js``), but the update handed the plain source to the
code that expects a base64 zip. Updates now wrap it the same way. (Its ``Tags`` and the stack's
tags are applied by the engine: ``cfn_engine/tags.py``.)
"""

from __future__ import annotations

import base64
from typing import Any

from moto.awslambda.models import LambdaFunction

_original_update = LambdaFunction.update_from_cloudformation_json.__func__  # type: ignore[attr-defined]


def _update(cls: type[LambdaFunction], original_resource: LambdaFunction, new_resource_name: str,
            cloudformation_json: dict[str, Any], account_id: str, region_name: str) -> LambdaFunction:
    properties = dict(cloudformation_json.get("Properties") or {})
    code = dict(properties.get("Code") or {})
    if isinstance(code.get("ZipFile"), str):
        # The same wrapping moto's create applies to inline source.
        code["ZipFile"] = base64.b64encode(cls._create_zipfile_from_plaintext_code(code["ZipFile"])).decode("utf-8")
        properties["Code"] = code
    return _original_update(cls, original_resource, new_resource_name,
                            dict(cloudformation_json, Properties=properties), account_id, region_name)


def apply() -> None:
    LambdaFunction.update_from_cloudformation_json = classmethod(_update)  # type: ignore[method-assign,assignment]
