"""IAM's evaluation of identity-based policies and permissions boundaries, for SimulatePrincipalPolicy.

This is the sandbox's own implementation of what AWS documents in "Policy evaluation logic"
(reference_policies_evaluation-logic.html), "IAM JSON policy elements: Condition operators"
(reference_policies_elements_condition_operators.html), "Single-valued vs. multivalued context
keys" and "Policy variables" (reference_policies_variables.html), for requests within one account:

- an explicit ``Deny`` in any identity policy or the permissions boundary wins;
- otherwise the request is allowed only when an identity policy allows it and, if the principal has
  a permissions boundary, the boundary allows it too; anything else is an implicit deny;
- ``Action``/``NotAction`` match case-insensitively with ``*`` and ``?``; ``Resource``/``NotResource``
  match case-sensitively, after policy variables are replaced (a variable without a value matches
  nothing);
- every condition operator of a statement must hold, and within one operator every key; a key with
  several policy values holds when any value matches (negated operators: when none does);
- a key absent from the context makes a condition false, except for negated operators (true),
  ``...IfExists`` (true), ``ForAllValues:`` (true, vacuously) and ``Null`` (which tests exactly that);
- policy values are policy variables' targets too: ``${aws:PrincipalTag/k}`` takes the context's
  value, ``${key, 'default'}`` a default; a value whose variable has no value matches nothing, and a
  condition left without any value is false; ``${*}``, ``${?}``, ``${$}`` stand for the characters.

The simulator does not look anything up by itself: the context is what the caller sends in
``ContextEntries`` (as AWS's simulator does); keys that conditions of the applicable statements use
and the caller did not send are reported as missing.
"""

from __future__ import annotations

import base64
import ipaddress
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote


@dataclass(frozen=True)
class ContextEntry:
    """One context key as the caller sent it: its name as written, its values, whether it is a list type."""

    name: str
    values: tuple[str, ...]
    multi: bool


Context = dict[str, ContextEntry]  # keyed by the lower-cased key name


@dataclass
class SourcePolicy:
    """A policy taking part in the evaluation, with the id and type SimulatePrincipalPolicy reports."""

    policy_id: str
    policy_type: str
    document: Any


@dataclass
class Evaluation:
    decision: str
    matched: list[tuple[SourcePolicy, int]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    allowed_by_boundary: bool | None = None


class PolicyParseError(ValueError):
    """A policy document that is not JSON or not a policy."""


def build_context(entries: list[dict[str, Any]]) -> Context:
    """The context from SimulatePrincipalPolicy's ``ContextEntries`` (key names compared without case)."""
    context: Context = {}
    for entry in entries:
        name = str(entry.get("ContextKeyName") or "")
        if not name:
            continue
        kind = str(entry.get("ContextKeyType") or "string")
        values = tuple(str(v) for v in entry.get("ContextKeyValues") or [])
        context[name.lower()] = ContextEntry(name, values, kind.endswith("List"))
    return context


def load_document(document: Any) -> dict[str, Any]:
    """A policy as a dict; IAM stores the JSON text (sometimes URL-encoded by callers)."""
    if isinstance(document, dict):
        return document
    text = str(document or "")
    try:
        parsed = json.loads(text)
    except ValueError:
        try:
            parsed = json.loads(unquote(text))
        except ValueError as error:
            raise PolicyParseError(f"not a JSON policy document: {error}") from error
    if not isinstance(parsed, dict) or "Statement" not in parsed:
        raise PolicyParseError("a policy document needs a Statement")
    return parsed


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def statements_of(document: Any) -> list[dict[str, Any]]:
    """The statements of a policy document (a single statement object counts as a list of one)."""
    return [s for s in _as_list(load_document(document).get("Statement")) if isinstance(s, dict)]


# --- wildcards and policy variables ---------------------------------------------------------------


_VARIABLE = re.compile(r"\$\{([^}]*)\}")
_LITERALS = {"*": "\0STAR\0", "?": "\0QMARK\0", "$": "$"}


def substitute(text: str, context: Context, missing: set[str]) -> str | None:
    """``text`` with its policy variables replaced; None when one has no value (its key is added to ``missing``).

    ``${*}`` and ``${?}`` become placeholders that :func:`like` treats as the literal characters.
    """
    unresolved = False

    def replace(match: re.Match[str]) -> str:
        nonlocal unresolved
        inner = match.group(1).strip()
        if inner in _LITERALS:
            return _LITERALS[inner]
        key, default = inner, None
        default_match = re.fullmatch(r"(.+?)\s*,\s*'(.*)'", inner)
        if default_match:
            key, default = default_match.group(1).strip(), default_match.group(2)
        entry = context.get(key.lower())
        # A multivalued key has no single value to put in a string.
        if entry is not None and not entry.multi and len(entry.values) == 1:
            return entry.values[0]
        if default is not None:
            return default
        missing.add(key)
        unresolved = True
        return ""

    result = _VARIABLE.sub(replace, text)
    return None if unresolved else result


def like(pattern: str, value: str, ignore_case: bool = False) -> bool:
    """Whether ``value`` matches ``pattern`` with ``*`` and ``?`` (placeholders of ``${*}``/``${?}`` literal)."""
    regex_parts: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern.startswith(_LITERALS["*"], i):
            regex_parts.append(re.escape("*"))
            i += len(_LITERALS["*"])
        elif pattern.startswith(_LITERALS["?"], i):
            regex_parts.append(re.escape("?"))
            i += len(_LITERALS["?"])
        else:
            c = pattern[i]
            regex_parts.append(".*" if c == "*" else "." if c == "?" else re.escape(c))
            i += 1
    regex = re.compile("^" + "".join(regex_parts) + "$", re.DOTALL | (re.IGNORECASE if ignore_case else 0))
    return regex.match(value) is not None


def _literal(text: str) -> str:
    return text.replace(_LITERALS["*"], "*").replace(_LITERALS["?"], "?")


# --- condition operators --------------------------------------------------------------------------


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _date(text: str) -> datetime | None:
    text = text.strip()
    if re.fullmatch(r"-?\d+(\.\d+)?", text):
        return datetime.fromtimestamp(float(text), tz=UTC)
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _arn_like(pattern: str, value: str) -> bool:
    pattern_parts = pattern.split(":", 5)
    value_parts = value.split(":", 5)
    if len(pattern_parts) != 6 or len(value_parts) != 6:
        return False
    return all(like(p, v) for p, v in zip(pattern_parts, value_parts, strict=True))


def _ip_in(network: str, value: str) -> bool:
    try:
        return ipaddress.ip_address(value) in ipaddress.ip_network(network, strict=False)
    except ValueError:
        return False


def _compare(op: str, policy_value: str, key_value: str) -> bool:
    """Whether one key value matches one policy value under the operator's positive form."""
    if op == "StringEquals":
        return key_value == _literal(policy_value)
    if op == "StringEqualsIgnoreCase":
        return key_value.casefold() == _literal(policy_value).casefold()
    if op == "StringLike":
        return like(policy_value, key_value)
    if op in ("ArnEquals", "ArnLike"):
        return _arn_like(policy_value, key_value)
    if op.startswith("Numeric"):
        a, b = _number(key_value), _number(policy_value)
        if a is None or b is None:
            return False
        return {"NumericEquals": a == b, "NumericLessThan": a < b, "NumericLessThanEquals": a <= b,
                "NumericGreaterThan": a > b, "NumericGreaterThanEquals": a >= b}[op]
    if op.startswith("Date"):
        da, db = _date(key_value), _date(policy_value)
        if da is None or db is None:
            return False
        return {"DateEquals": da == db, "DateLessThan": da < db, "DateLessThanEquals": da <= db,
                "DateGreaterThan": da > db, "DateGreaterThanEquals": da >= db}[op]
    if op == "Bool":
        return key_value.lower() == policy_value.lower()
    if op == "BinaryEquals":
        try:
            return base64.b64decode(key_value) == base64.b64decode(policy_value)
        except ValueError:
            return False
    if op == "IpAddress":
        return _ip_in(policy_value, key_value)
    raise PolicyParseError(f"unknown condition operator {op}")


# Negated operator -> its positive form.
_NEGATED = {
    "StringNotEquals": "StringEquals", "StringNotEqualsIgnoreCase": "StringEqualsIgnoreCase",
    "StringNotLike": "StringLike", "ArnNotEquals": "ArnEquals", "ArnNotLike": "ArnLike",
    "NumericNotEquals": "NumericEquals", "DateNotEquals": "DateEquals", "NotIpAddress": "IpAddress",
}
_POSITIVE = {
    "StringEquals", "StringEqualsIgnoreCase", "StringLike", "ArnEquals", "ArnLike", "NumericEquals",
    "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals", "DateEquals",
    "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals", "Bool", "BinaryEquals",
    "IpAddress",
}


def evaluate_condition(operator: str, key: str, raw_values: Any, context: Context, missing: set[str]) -> bool:
    """One operator and key of a Condition block against the context."""
    set_operator, _, rest = operator.partition(":") if ":" in operator else ("", "", operator)
    if_exists = rest.endswith("IfExists")
    base = rest[: -len("IfExists")] if if_exists else rest
    entry = context.get(key.lower())
    key_values = list(entry.values) if entry is not None else None

    if base == "Null":
        want_absent = any(str(v).lower() == "true" for v in _as_list(raw_values))
        absent = key_values is None or len(key_values) == 0
        return absent == want_absent

    negated = base in _NEGATED
    positive = _NEGATED.get(base, base)
    if positive not in _POSITIVE:
        raise PolicyParseError(f"unknown condition operator {operator}")

    if key_values is None:
        missing.add(key)
    absent = key_values is None or (set_operator != "" and len(key_values) == 0)
    if absent:
        if set_operator == "ForAllValues":
            return True
        if set_operator == "ForAnyValue":
            return False
        return True if (negated or if_exists) else False

    values = [str(v).lower() if isinstance(v, bool) else str(v) for v in _as_list(raw_values)]
    policy_values = [p for p in (substitute(v, context, missing) for v in values) if p is not None]
    if not policy_values:
        return False

    def matches_any(key_value: str) -> bool:
        return any(_compare(positive, p, key_value) for p in policy_values)

    def holds(key_value: str) -> bool:
        return not matches_any(key_value) if negated else matches_any(key_value)

    assert key_values is not None
    if set_operator == "ForAllValues":
        return all(holds(v) for v in key_values)
    if set_operator == "ForAnyValue":
        return any(holds(v) for v in key_values)
    if negated:
        return not any(matches_any(v) for v in key_values)
    return any(matches_any(v) for v in key_values)


# --- statements and policies ----------------------------------------------------------------------


def _applies(statement: dict[str, Any], action: str, resource: str, context: Context, missing: set[str]) -> bool:
    """Whether the statement's action and resource elements cover the request (conditions not yet)."""
    if "Action" in statement:
        if not any(like(str(p), action, ignore_case=True) for p in _as_list(statement["Action"])):
            return False
    elif "NotAction" in statement:
        if any(like(str(p), action, ignore_case=True) for p in _as_list(statement["NotAction"])):
            return False
    else:
        return False

    def resource_hit(pattern: Any) -> bool:
        resolved = substitute(str(pattern), context, missing)
        return resolved is not None and like(resolved, resource)

    if "Resource" in statement:
        return any(resource_hit(p) for p in _as_list(statement["Resource"]))
    if "NotResource" in statement:
        return not any(resource_hit(p) for p in _as_list(statement["NotResource"]))
    return False


def _conditions_hold(statement: dict[str, Any], context: Context, missing: set[str]) -> bool:
    block = statement.get("Condition") or {}
    if not isinstance(block, dict):
        raise PolicyParseError("Condition must be an object")
    results = [
        evaluate_condition(operator, key, values, context, missing)
        for operator, keys in block.items()
        for key, values in (keys or {}).items()
    ]
    return all(results)


def _matching(policies: list[SourcePolicy], effect: str, action: str, resource: str, context: Context,
              missing: set[str]) -> list[tuple[SourcePolicy, int]]:
    found: list[tuple[SourcePolicy, int]] = []
    for policy in policies:
        for index, statement in enumerate(statements_of(policy.document)):
            if statement.get("Effect") != effect:
                continue
            if not _applies(statement, action, resource, context, missing):
                continue
            if _conditions_hold(statement, context, missing):
                found.append((policy, index))
    return found


def evaluate(action: str, resource: str, context: Context, identity: list[SourcePolicy],
             boundary: list[SourcePolicy] | None) -> Evaluation:
    """Decides one action on one resource for a principal's identity policies and optional boundary."""
    missing: set[str] = set()
    everything = identity + (boundary or [])
    denies = _matching(everything, "Deny", action, resource, context, missing)
    allows = _matching(identity, "Allow", action, resource, context, missing)
    boundary_allows = _matching(boundary, "Allow", action, resource, context, missing) if boundary is not None else []
    missing_sorted = sorted(missing, key=str.lower)
    allowed_by_boundary = None if boundary is None else bool(boundary_allows) and not any(
        p in boundary for p, _ in denies
    )
    if denies:
        return Evaluation("explicitDeny", denies, missing_sorted, allowed_by_boundary)
    if allows and (boundary is None or boundary_allows):
        return Evaluation("allowed", allows, missing_sorted, allowed_by_boundary)
    return Evaluation("implicitDeny", [], missing_sorted, allowed_by_boundary)
