"""IAM SimulatePrincipalPolicy: a principal's real policies decided for actions, resources and a context.

moto gap: moto 5.2.5 has no SimulatePrincipalPolicy (IAM answers it with an error), so the portal's
"Verify with AWS" could not be tried in the sandbox. This answers it from the principal's own policies
as IAM stores them (a role's or user's inline and attached managed policies, a user's groups' inline
and attached policies, the role's permissions boundary), plus ``PolicyInputList`` and
``PermissionsBoundaryPolicyInputList``, evaluated by ``slipway_sandbox.iam_policy_evaluation`` (the
sandbox's own evaluator, not the portal's). ``ResourcePolicy`` and cross-account simulation are
refused with ``InvalidInput``; one EvaluationResult is returned per action and resource.
"""

from __future__ import annotations

from typing import Any

from moto.core.responses import ActionResult
from moto.iam.exceptions import IAMException, NotFoundException
from moto.iam.models import IAMBackend, ManagedPolicy
from moto.iam.responses import IamResponse

from ..iam_policy_evaluation import PolicyParseError, SourcePolicy, build_context, evaluate, load_document


class InvalidInput(IAMException):
    code = "InvalidInput"


def _default_document(policy: ManagedPolicy) -> str:
    for version in policy.versions:
        if version.version_id == policy.default_version_id:
            return version.document
    return ""


def _managed(policies: dict[str, ManagedPolicy]) -> list[SourcePolicy]:
    return [
        SourcePolicy(p.name, "aws-managed" if ":aws:policy/" in p.arn else "user-managed", _default_document(p))
        for p in policies.values()
    ]


def principal_policies(backend: IAMBackend, arn: str) -> tuple[list[SourcePolicy], str | None]:
    """The identity policies of the role, user or group ``arn`` and its permissions boundary ARN."""
    for role in backend.roles.values():
        if role.arn == arn:
            inline = [SourcePolicy(name, "role", doc) for name, doc in role.policies.items()]
            return inline + _managed(role.managed_policies), role.permissions_boundary_arn or None
    for user in backend.users.values():
        if user.arn == arn:
            policies = [SourcePolicy(name, "user", doc) for name, doc in user.policies.items()]
            policies += _managed(user.managed_policies)
            for group in backend.get_groups_for_user(user.name):
                policies += [SourcePolicy(name, "group", doc) for name, doc in group.policies.items()]
                policies += _managed(group.managed_policies)
            return policies, getattr(user, "permissions_boundary_arn", None) or None
    for group in backend.groups.values():
        if group.arn == arn:
            inline = [SourcePolicy(name, "group", doc) for name, doc in group.policies.items()]
            return inline + _managed(group.managed_policies), None
    raise NotFoundException(f"PolicySourceArn {arn} is not a user, group or role of this account.")


def _indexed(self: IamResponse, name: str) -> list[Any]:
    return list(self._get_param(name) or [])


def simulate_principal_policy(self: IamResponse) -> ActionResult:
    backend: IAMBackend = self.backend
    source = self._get_param("PolicySourceArn")
    actions = _indexed(self, "ActionNames")
    if not source or not actions:
        raise InvalidInput("PolicySourceArn and ActionNames are required.")
    if self._get_param("ResourcePolicy"):
        raise InvalidInput("The sandbox simulates identity policies and permissions boundaries only, not ResourcePolicy.")
    resources = _indexed(self, "ResourceArns") or ["*"]
    identity, boundary_arn = principal_policies(backend, source)
    identity += [SourcePolicy(f"PolicyInputList.{i}", "none", d) for i, d in enumerate(_indexed(self, "PolicyInputList"), 1)]
    boundary: list[SourcePolicy] | None = None
    if boundary_arn:
        boundary = [SourcePolicy(backend.get_policy(boundary_arn).name, "user-managed",
                                 _default_document(backend.get_policy(boundary_arn)))]
    boundary_inputs = _indexed(self, "PermissionsBoundaryPolicyInputList")
    if boundary_inputs:
        # As in AWS, given boundary documents replace the principal's own boundary in the simulation.
        boundary = [SourcePolicy(f"PermissionsBoundaryPolicyInputList.{i}", "none", d)
                    for i, d in enumerate(boundary_inputs, 1)]
    context = build_context(_indexed(self, "ContextEntries"))

    results: list[dict[str, Any]] = []
    try:
        for policy in identity + (boundary or []):
            load_document(policy.document)
        for action in actions:
            for resource in resources:
                outcome = evaluate(str(action), str(resource), context, identity, boundary)
                matched = [{"SourcePolicyId": p.policy_id, "SourcePolicyType": p.policy_type} for p, _ in outcome.matched]
                result: dict[str, Any] = {
                    "EvalActionName": action,
                    "EvalResourceName": resource,
                    "EvalDecision": outcome.decision,
                    "MatchedStatements": matched,
                    "MissingContextValues": outcome.missing,
                    "ResourceSpecificResults": [{
                        "EvalResourceName": resource, "EvalResourceDecision": outcome.decision,
                        "MatchedStatements": matched, "MissingContextValues": outcome.missing,
                    }],
                }
                if outcome.allowed_by_boundary is not None:
                    result["PermissionsBoundaryDecisionDetail"] = {"AllowedByPermissionsBoundary": outcome.allowed_by_boundary}
                results.append(result)
    except PolicyParseError as error:
        raise InvalidInput(f"A policy of {source} could not be evaluated: {error}") from error

    start = int(self._get_param("Marker") or 0)
    limit = int(self._get_param("MaxItems") or 100)
    page = results[start:start + limit]
    body: dict[str, Any] = {"EvaluationResults": page, "IsTruncated": start + limit < len(results)}
    if body["IsTruncated"]:
        body["Marker"] = str(start + limit)
    return ActionResult(body)


def apply() -> None:
    IamResponse.simulate_principal_policy = simulate_principal_policy  # type: ignore[attr-defined]
