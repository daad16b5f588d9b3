"""Adding CloudFormation resource types to moto.

moto finds resource types through ``CloudFormationModel.__subclasses__()`` (direct subclasses only)
behind lru caches, so a type added later is invisible until it is registered here and the caches are
rebuilt (``slipway_sandbox.apply_extensions`` does that once all extensions are applied).
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from moto.cloudformation import parsing
from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel

_registered: list[type[CloudFormationModel]] = []
_original_get_model_list = parsing.get_model_list


@lru_cache
def _get_model_list_with_sandbox_types() -> list[type[CloudFormationModel]]:
    # Sandbox types come last so that they win in get_model_map() if moto ever gains the same type;
    # the extension's own check (see EXTENSIONS.md) would then tell us to drop ours.
    natives = [m for m in _original_get_model_list() if m is not SandboxResource]
    return natives + list(_registered)


def register_cfn_resource(cls: type["SandboxResource"]) -> type["SandboxResource"]:
    """Make ``cls.CFN_TYPE`` creatable by moto's CloudFormation (call from an extension's apply())."""
    if cls not in _registered:
        _registered.append(cls)
    return cls


def refresh_model_caches() -> None:
    parsing.get_model_list = _get_model_list_with_sandbox_types
    for cached in (
        _original_get_model_list,
        _get_model_list_with_sandbox_types,
        parsing.get_model_map,
        parsing.get_name_type_map,
    ):
        cached.cache_clear()


def registered_types() -> list[str]:
    return [cls.CFN_TYPE for cls in _registered]


class SandboxResource(CloudFormationModel):
    """Base for resource types the sandbox adds: a thin CloudFormation face over real moto state.

    Subclasses set CFN_TYPE, NAME_PROPERTY (the property holding a user-chosen name, if any) and
    ATTRIBUTES (what Fn::GetAtt may ask for), implement ``create(...)`` and ``destroy()``, and may
    implement ``update_in_place(...)``; without it an update replaces the resource.
    """

    CFN_TYPE = "Slipway::Sandbox::Base"  # never registered; must not clash with moto's "?" custom type
    NAME_PROPERTY: str | None = None
    ATTRIBUTES: tuple[str, ...] = ()

    def __init__(self, account_id: str, region_name: str, physical_id: str, attributes: dict[str, Any]):
        self.account_id = account_id
        self.region_name = region_name
        self._physical_id = physical_id
        self.attributes = attributes

    # --- what subclasses implement ------------------------------------------------------------
    @classmethod
    def create(cls, name: str, properties: dict[str, Any], account_id: str, region_name: str,
               logical_id: str) -> "SandboxResource":
        raise NotImplementedError

    def destroy(self) -> None:
        raise NotImplementedError

    def update_in_place(self, properties: dict[str, Any]) -> bool:
        """Apply new properties without replacement; return False when a replacement is needed."""
        return False

    # --- moto's CloudFormationModel interface ---------------------------------------------------
    @classmethod
    def cloudformation_type(cls) -> str:  # type: ignore[override]
        return cls.CFN_TYPE

    @classmethod
    def cloudformation_name_type(cls) -> str:  # type: ignore[override]
        return cls.NAME_PROPERTY or ""

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in cls.ATTRIBUTES

    @property
    def physical_resource_id(self) -> str:
        return self._physical_id

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name in self.ATTRIBUTES and attribute_name in self.attributes:
            return self.attributes[attribute_name]
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[override]
        cls, resource_name: str, cloudformation_json: dict[str, Any], account_id: str,
        region_name: str, **kwargs: Any,
    ) -> "SandboxResource":
        properties = cloudformation_json.get("Properties") or {}
        return cls.create(resource_name, properties, account_id, region_name, kwargs.get("LogicalId", ""))

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[override]
        cls, original_resource: "SandboxResource", new_resource_name: str,
        cloudformation_json: dict[str, Any], account_id: str, region_name: str,
    ) -> "SandboxResource":
        properties = cloudformation_json.get("Properties") or {}
        if original_resource.update_in_place(properties):
            return original_resource
        # Replacement. AWS creates the new one first; the sandbox deletes first so that a resource
        # with a fixed name can be replaced at all.
        original_resource.destroy()
        return cls.create(new_resource_name, properties, account_id, region_name,
                          getattr(original_resource, "logical_resource_id", ""))

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[override]
        cls, resource_name: str, cloudformation_json: dict[str, Any], account_id: str, region_name: str,
    ) -> None:
        raise NotImplementedError(f"{cls.CFN_TYPE} is deleted through its instance")

    def delete(self, account_id: str, region_name: str) -> None:
        # moto's ResourceMap calls instance.delete(account_id, region_name) first.
        self.destroy()


# --- small helpers for property values, which arrive as CloudFormation JSON ----------------------
def as_json_string(value: Any) -> str:
    """Policies and filter policies may be given as objects or as JSON strings."""
    return value if isinstance(value, str) else json.dumps(value)


def as_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() == "true"


def require(properties: dict[str, Any], *names: str) -> None:
    """Fail like CloudFormation's schema validation when a required property is missing."""
    missing = [n for n in names if properties.get(n) in (None, "", [])]
    if missing:
        raise PropertyValidationError(
            "Properties validation failed: " + ", ".join(f"required key [{n}] not found" for n in missing)
        )


class PropertyValidationError(Exception):
    """A resource's properties are invalid; the message becomes the CREATE_FAILED reason."""
