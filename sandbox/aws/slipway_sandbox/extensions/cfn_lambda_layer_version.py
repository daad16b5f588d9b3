"""AWS::Lambda::LayerVersion: its LayerName, Ref and delete.

moto gap: moto's model declares the wrong name property ("LayerVersion" instead of LayerName), so
every layer got a generated name (``<stack>-<id>-<random>``) and ListLayerVersions for the name in
the template found nothing; it has no physical id (Ref handed the Python object to functions'
Layers lists) and no delete. AWS: the layer is named LayerName, Ref returns the layer version
ARN, and deleting the stack deletes the version.
"""

from __future__ import annotations

from typing import Any

from moto.awslambda.models import LayerVersion
from moto.awslambda.utils import get_backend as get_lambda_backend


def _delete(self: LayerVersion, account_id: str, region_name: str) -> None:
    try:
        get_lambda_backend(account_id, region_name).delete_layer_version(self.name, str(self.version))
    except KeyError:
        pass  # already gone


def apply() -> None:
    LayerVersion.cloudformation_name_type = staticmethod(lambda: "LayerName")  # type: ignore[method-assign]
    LayerVersion.physical_resource_id = property(lambda self: self.arn)  # type: ignore[attr-defined]
    LayerVersion.delete = _delete  # type: ignore[attr-defined]
