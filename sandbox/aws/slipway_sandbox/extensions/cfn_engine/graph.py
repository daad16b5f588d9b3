"""Dependency order of a template's resources, with the validation AWS does before it starts.

moto creates resources lazily: a Ref inside resource A creates resource B on the spot, so B's events
would land in the middle of A's. The engine instead creates resources in a topological order of
every Ref, Fn::GetAtt, Fn::Sub variable and DependsOn, so that dependencies always exist first.
"""

from __future__ import annotations

import re
from typing import Any

from moto.cloudformation.exceptions import ValidationError

_SUB_VARIABLE = re.compile(r"\$\{(?!!)([^}]+)\}")


def references(node: Any) -> set[str]:
    """Names referenced by Ref, Fn::GetAtt and Fn::Sub anywhere inside ``node``."""
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if len(value) == 1:
                key, arg = next(iter(value.items()))
                if key == "Ref" and isinstance(arg, str):
                    found.add(arg)
                    return
                if key == "Fn::GetAtt":
                    if isinstance(arg, str):
                        found.add(arg.split(".", 1)[0])
                        return
                    if isinstance(arg, list) and arg and isinstance(arg[0], str):
                        found.add(arg[0])
                        walk(arg[1:])
                        return
                if key == "Fn::Sub":
                    template, variables = (arg, {}) if isinstance(arg, str) else (
                        (arg[0], arg[1] if len(arg) > 1 else {}) if isinstance(arg, list) and arg else ("", {})
                    )
                    if isinstance(template, str):
                        for expression in _SUB_VARIABLE.findall(template):
                            name = expression.strip().split(".", 1)[0]
                            if not (isinstance(variables, dict) and name in variables):
                                found.add(name)
                    walk(variables)
                    return
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(node)
    return found


def _depends_on(body: dict[str, Any]) -> list[str]:
    value = body.get("DependsOn") or []
    return [value] if isinstance(value, str) else list(value)


def dependencies(template: dict[str, Any]) -> dict[str, set[str]]:
    """logical id -> the resources it needs. Raises ValidationError as CloudFormation would."""
    resources = template.get("Resources") or {}
    parameters = template.get("Parameters") or {}
    if not isinstance(resources, dict):
        raise ValidationError(message="Template format error: Resources must be an object")
    graph: dict[str, set[str]] = {}
    for logical_id, body in resources.items():
        if not isinstance(body, dict) or not isinstance(body.get("Type"), str):
            raise ValidationError(
                message=f"Template format error: [/Resources/{logical_id}] Every Resources object must contain a Type member."
            )
        referenced = references({k: v for k, v in body.items() if k in ("Properties", "Metadata")})
        unresolved = sorted(
            name for name in referenced
            if name not in resources and name not in parameters and not name.startswith("AWS::")
        )
        unresolved += sorted(d for d in _depends_on(body) if d not in resources)
        if unresolved:
            raise ValidationError(
                message=f"Template format error: Unresolved resource dependencies [{', '.join(unresolved)}] in the Resources block of the template"
            )
        graph[logical_id] = ({n for n in referenced if n in resources} | set(_depends_on(body)))
    outputs = template.get("Outputs") or {}
    if isinstance(outputs, dict):
        referenced = references(outputs)
        unresolved = sorted(
            n for n in referenced if n not in resources and n not in parameters and not n.startswith("AWS::")
        )
        if unresolved:
            raise ValidationError(
                message=f"Template format error: Unresolved resource dependencies [{', '.join(unresolved)}] in the Outputs block of the template"
            )
    return graph


def creation_order(template: dict[str, Any]) -> list[str]:
    """Resources in an order where each comes after everything it depends on (template order breaks ties)."""
    graph = dependencies(template)
    order: list[str] = []
    placed: set[str] = set()
    remaining = list(graph)
    while remaining:
        ready = [lid for lid in remaining if graph[lid] <= placed]
        if not ready:
            raise ValidationError(
                message=f"Circular dependency between resources: [{', '.join(sorted(remaining))}]"
            )
        for lid in ready:
            order.append(lid)
            placed.add(lid)
        remaining = [lid for lid in remaining if lid not in placed]
    return order


def dependents_closure(graph: dict[str, set[str]], roots: set[str]) -> set[str]:
    """Everything ``roots`` depend on, transitively (used to keep a failed delete's dependencies)."""
    needed: set[str] = set()
    stack = list(roots)
    while stack:
        current = stack.pop()
        for dep in graph.get(current, set()):
            if dep not in needed:
                needed.add(dep)
                stack.append(dep)
    return needed
