"""Fn::GetAtt with a dotted attribute name, e.g. ``!GetAtt Child.Outputs.TableName``.

moto gap: moto splits the short form ``!GetAtt A.B.C`` at every dot and then reads only the first
two parts, so a nested stack's ``Outputs.TableName`` arrived as ``Outputs`` and the parent failed
("does not support attribute type Outputs in Fn::GetAtt"); ``${Child.Outputs.X}`` in Fn::Sub broke
the same way, and the YAML sequence form ``!GetAtt [A, B]`` reached moto as unconstructed YAML
nodes. AWS splits at the first dot only: logical id ``A``, attribute ``B.C``.
"""

from __future__ import annotations

from typing import Any

import yaml
from moto.cloudformation import models as cfn_models
from moto.cloudformation import parsing
from moto.cloudformation import responses as cfn_responses
from moto.cloudformation import utils as cfn_utils


def yaml_tag_constructor(loader: Any, tag: str, node: Any) -> Any:
    """moto's short-form constructor, with AWS's GetAtt splitting and constructed sequences."""
    if tag == "!GetAtt":
        if isinstance(node, yaml.SequenceNode):
            value: Any = loader.construct_sequence(node, deep=True)
        else:
            value = str(node.value).split(".", 1)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    elif isinstance(node, yaml.MappingNode):
        value = loader.construct_mapping(node, deep=True)
    else:
        value = node.value
    return {"Ref" if tag == "!Ref" else f"Fn::{tag[1:]}": value}


def _normalised_getatt(value: Any) -> Any:
    if isinstance(value, str):
        return value.split(".", 1)
    if isinstance(value, list) and len(value) > 2 and all(isinstance(v, str) for v in value):
        return [value[0], ".".join(value[1:])]
    return value


def apply() -> None:
    for module in (cfn_utils, cfn_models, cfn_responses):
        module.yaml_tag_constructor = yaml_tag_constructor  # type: ignore[attr-defined]

    original_clean_json = parsing.clean_json

    def clean_json(resource_json: Any, resources_map: Any) -> Any:
        # moto's clean_json recurses through the module global, so every level passes through here,
        # including the GetAtt it builds for "${A.B.C}" inside Fn::Sub.
        if isinstance(resource_json, dict) and "Fn::GetAtt" in resource_json:
            normalised = _normalised_getatt(resource_json["Fn::GetAtt"])
            if normalised is not resource_json["Fn::GetAtt"]:
                resource_json = dict(resource_json, **{"Fn::GetAtt": normalised})
        return original_clean_json(resource_json, resources_map)

    parsing.clean_json = clean_json
