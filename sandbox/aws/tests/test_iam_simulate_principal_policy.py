"""SimulatePrincipalPolicy (iam_simulate_principal_policy) and the evaluator behind it (iam_policy_evaluation).

The evaluator's cases follow IAM's documented rules; the launcher cases deploy the post "Scaling AWS Lambda
permissions with ABAC" (falcon and eagle developers, the manager) as real roles and ask boto3.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from conftest import ACCOUNT, Sandbox
from slipway_sandbox.iam_policy_evaluation import SourcePolicy, build_context, evaluate, evaluate_condition

# --- the evaluator, rule by rule ------------------------------------------------------------------


def ctx(**values: str | list[str]) -> Any:
    entries = []
    for name, value in values.items():
        key = name.replace("__", "/").replace("_", ":", 1)
        if isinstance(value, list):
            entries.append({"ContextKeyName": key, "ContextKeyValues": value, "ContextKeyType": "stringList"})
        else:
            entries.append({"ContextKeyName": key, "ContextKeyValues": [value], "ContextKeyType": "string"})
    return build_context(entries)


def cond(operator: str, key: str, values: Any, context: Any) -> bool:
    return evaluate_condition(operator, key, values, context, set())


def test_string_operators_and_case() -> None:
    c = ctx(aws_ResourceTag__team="Falcon")
    assert cond("StringEquals", "aws:ResourceTag/team", "Falcon", c)
    assert not cond("StringEquals", "aws:ResourceTag/team", "falcon", c)
    assert cond("StringEqualsIgnoreCase", "aws:ResourceTag/team", "falcon", c)
    # Key names compare without case; values with it.
    assert cond("StringEquals", "AWS:resourcetag/TEAM", ["x", "Falcon"], c)
    assert cond("StringLike", "aws:ResourceTag/team", "F*c?n", c)
    assert not cond("StringNotEquals", "aws:ResourceTag/team", ["Falcon", "eagle"], c)
    assert cond("StringNotLike", "aws:ResourceTag/team", "e*", c)


def test_absent_key_is_false_except_for_negated_ifexists_and_forallvalues() -> None:
    empty = ctx()
    assert not cond("StringEquals", "aws:ResourceTag/team", "falcon", empty)
    assert cond("StringNotEquals", "aws:ResourceTag/team", "falcon", empty)
    assert cond("StringEqualsIfExists", "aws:ResourceTag/team", "falcon", empty)
    assert cond("ForAllValues:StringEquals", "aws:TagKeys", ["project-name"], empty)
    assert not cond("ForAnyValue:StringEquals", "aws:TagKeys", ["project-name"], empty)
    assert cond("Null", "aws:ResourceTag/team", "true", empty)
    assert not cond("Null", "aws:ResourceTag/team", "false", empty)
    missing: set[str] = set()
    evaluate_condition("StringEquals", "aws:ResourceTag/team", "x", empty, missing)
    assert missing == {"aws:ResourceTag/team"}


def test_set_operators_on_multivalued_keys() -> None:
    keys = ctx(aws_TagKeys=["project-name", "owner"])
    assert not cond("ForAllValues:StringEquals", "aws:TagKeys", ["project-name"], keys)
    assert cond("ForAllValues:StringEquals", "aws:TagKeys", ["project-name", "owner", "x"], keys)
    assert cond("ForAnyValue:StringEquals", "aws:TagKeys", ["owner"], keys)
    assert not cond("ForAnyValue:StringEquals", "aws:TagKeys", ["cost-center"], keys)
    assert cond("ForAllValues:StringNotEquals", "aws:TagKeys", ["cost-center"], keys)


def test_numeric_date_bool_ip_and_arn_operators() -> None:
    c = build_context([
        {"ContextKeyName": "s3:max-keys", "ContextKeyValues": ["10"], "ContextKeyType": "numeric"},
        {"ContextKeyName": "aws:CurrentTime", "ContextKeyValues": ["2026-12-06T12:00:00Z"], "ContextKeyType": "date"},
        {"ContextKeyName": "aws:SecureTransport", "ContextKeyValues": ["true"], "ContextKeyType": "boolean"},
        {"ContextKeyName": "aws:SourceIp", "ContextKeyValues": ["203.0.113.9"], "ContextKeyType": "ip"},
        {"ContextKeyName": "aws:PrincipalArn", "ContextKeyValues": [f"arn:aws:iam::{ACCOUNT}:role/dev"],
         "ContextKeyType": "string"},
    ])
    assert cond("NumericLessThanEquals", "s3:max-keys", "10", c) and not cond("NumericLessThan", "s3:max-keys", "10", c)
    assert cond("NumericNotEquals", "s3:max-keys", "11", c) and not cond("NumericEquals", "s3:max-keys", "x", c)
    assert cond("DateGreaterThan", "aws:CurrentTime", "2026-01-01T00:00:00Z", c)
    assert cond("DateLessThan", "aws:CurrentTime", "1893456000", c)  # epoch seconds, 2030
    assert cond("Bool", "aws:SecureTransport", True, c) and not cond("Bool", "aws:SecureTransport", "false", c)
    assert cond("IpAddress", "aws:SourceIp", "203.0.113.0/24", c) and cond("NotIpAddress", "aws:SourceIp", "10.0.0.0/8", c)
    assert cond("ArnLike", "aws:PrincipalArn", "arn:aws:iam::*:role/d*", c)
    assert not cond("ArnLike", "aws:PrincipalArn", "arn:aws:iam::*:user/*", c)


def test_policy_variables_resolve_and_a_missing_one_fails() -> None:
    c = ctx(aws_PrincipalTag__project="falcon", aws_ResourceTag__project="falcon")
    assert cond("StringEquals", "aws:ResourceTag/project", "${aws:PrincipalTag/project}", c)
    # The principal has no `team` tag: the value matches nothing, even under a negated operator.
    missing: set[str] = set()
    assert not evaluate_condition("StringNotEquals", "aws:ResourceTag/project", "${aws:PrincipalTag/team}", c, missing)
    assert missing == {"aws:PrincipalTag/team"}
    assert cond("StringEquals", "aws:ResourceTag/project", "${aws:PrincipalTag/team, 'falcon'}", c)
    literal = ctx(aws_ResourceTag__project="a*b")
    assert cond("StringLike", "aws:ResourceTag/project", "a${*}b", literal)
    assert not cond("StringLike", "aws:ResourceTag/project", "a${*}b", ctx(aws_ResourceTag__project="axb"))


def allow(action: Any, resource: Any = "*", condition: dict[str, Any] | None = None, effect: str = "Allow",
          **extra: Any) -> SourcePolicy:
    statement: dict[str, Any] = {"Effect": effect, "Action": action, "Resource": resource, **extra}
    if condition:
        statement["Condition"] = condition
    return SourcePolicy("p", "role", json.dumps({"Version": "2012-10-17", "Statement": statement}))


FN = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:falcon-api"


def test_explicit_deny_wins_and_nothing_allowed_is_an_implicit_deny() -> None:
    assert evaluate("lambda:InvokeFunction", FN, ctx(), [allow("lambda:*")], None).decision == "allowed"
    outcome = evaluate("lambda:InvokeFunction", FN, ctx(), [allow("lambda:*"), allow("lambda:Invoke*", effect="Deny")], None)
    assert outcome.decision == "explicitDeny" and [i for _, i in outcome.matched] == [0]
    assert evaluate("lambda:InvokeFunction", FN, ctx(), [allow("s3:*")], None).decision == "implicitDeny"
    # Actions compare without case; resources with it.
    assert evaluate("Lambda:invokefunction", FN, ctx(), [allow("LAMBDA:Invoke*")], None).decision == "allowed"
    assert evaluate("lambda:InvokeFunction", FN, ctx(), [allow("lambda:*", FN.upper())], None).decision == "implicitDeny"


def test_not_action_and_not_resource() -> None:
    not_action = SourcePolicy("p", "role", {"Statement": {"Effect": "Allow", "NotAction": "lambda:Delete*", "Resource": "*"}})
    assert evaluate("lambda:GetFunction", FN, ctx(), [not_action], None).decision == "allowed"
    assert evaluate("lambda:DeleteFunction", FN, ctx(), [not_action], None).decision == "implicitDeny"
    not_resource = SourcePolicy("p", "role", {"Statement": {"Effect": "Allow", "Action": "*", "NotResource": "*:function:eagle-*"}})
    assert evaluate("lambda:GetFunction", FN, ctx(), [not_resource], None).decision == "allowed"
    assert evaluate("lambda:GetFunction", FN.replace("falcon", "eagle"), ctx(), [not_resource], None).decision == "implicitDeny"


def test_a_permissions_boundary_limits_and_its_deny_counts() -> None:
    identity = [allow("lambda:*")]
    outcome = evaluate("lambda:InvokeFunction", FN, ctx(), identity, [allow("lambda:Get*")])
    assert outcome.decision == "implicitDeny" and outcome.allowed_by_boundary is False
    outcome = evaluate("lambda:GetFunction", FN, ctx(), identity, [allow("lambda:Get*")])
    assert outcome.decision == "allowed" and outcome.allowed_by_boundary is True
    # The boundary alone grants nothing.
    assert evaluate("lambda:GetFunction", FN, ctx(), [], [allow("lambda:*")]).decision == "implicitDeny"
    assert evaluate("lambda:GetFunction", FN, ctx(), identity, [allow("*"), allow("lambda:Get*", effect="Deny")]).decision == "explicitDeny"


# --- the API through the launcher -----------------------------------------------------------------

SAME_PROJECT = {
    "Version": "2012-10-17",
    "Statement": [{
        "Sid": "AllActionsLambdaSameProject", "Effect": "Allow",
        "Action": ["lambda:InvokeFunction", "lambda:GetFunction", "lambda:UpdateFunctionCode"],
        "Resource": "arn:aws:lambda:*:*:function:*",
        "Condition": {"StringEquals": {"aws:ResourceTag/project-name": "${aws:PrincipalTag/project-name}"}},
    }],
}
CREATE_TAGGED = {
    "Version": "2012-10-17",
    "Statement": [{
        "Sid": "CreateFunctionTagged", "Effect": "Allow", "Action": ["lambda:CreateFunction", "lambda:TagResource"],
        "Resource": "arn:aws:lambda:*:*:function:*",
        "Condition": {
            "StringEquals": {"aws:RequestTag/project-name": "${aws:PrincipalTag/project-name}"},
            "ForAllValues:StringEquals": {"aws:TagKeys": ["project-name"]},
        },
    }],
}
MANAGER = {
    "Version": "2012-10-17",
    "Statement": [{
        "Sid": "ManagerReadsItsOrganization", "Effect": "Allow", "Action": ["lambda:GetFunction", "lambda:ListTags"],
        "Resource": "arn:aws:lambda:*:*:function:*",
        "Condition": {"StringEquals": {
            "aws:ResourceTag/organization": "${aws:PrincipalTag/organization}",
            "aws:ResourceTag/cost-center": "${aws:PrincipalTag/cost-center}",
        }},
    }],
}
TRUST = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}, "Action": "sts:AssumeRole"}]})
FALCON_FN = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:falcon-api"
EAGLE_FN = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:eagle-api"


def make_role(iam: Any, name: str, tags: dict[str, str], inline: dict[str, Any] | None = None,
              managed: dict[str, Any] | None = None, boundary: str | None = None) -> str:
    kwargs: dict[str, Any] = {"PermissionsBoundary": boundary} if boundary else {}
    arn = iam.create_role(RoleName=name, AssumeRolePolicyDocument=TRUST,
                          Tags=[{"Key": k, "Value": v} for k, v in tags.items()], **kwargs)["Role"]["Arn"]
    if inline:
        iam.put_role_policy(RoleName=name, PolicyName="DeveloperSameProjectPolicy", PolicyDocument=json.dumps(inline))
    if managed:
        policy = iam.create_policy(PolicyName=f"{name}-managed", PolicyDocument=json.dumps(managed))["Policy"]["Arn"]
        iam.attach_role_policy(RoleName=name, PolicyArn=policy)
    return arn


def entries(**tags: dict[str, str]) -> list[dict[str, Any]]:
    prefix = {"principal": "aws:PrincipalTag/", "resource": "aws:ResourceTag/", "request": "aws:RequestTag/"}
    out = [{"ContextKeyName": prefix[kind] + k, "ContextKeyValues": [v], "ContextKeyType": "string"}
           for kind, values in tags.items() for k, v in values.items()]
    if "request" in tags:
        out.append({"ContextKeyName": "aws:TagKeys", "ContextKeyValues": list(tags["request"]), "ContextKeyType": "stringList"})
    return out


def simulate(iam: Any, arn: str, actions: list[str], resource: str, context: list[dict[str, Any]]) -> dict[str, Any]:
    return iam.simulate_principal_policy(PolicySourceArn=arn, ActionNames=actions, ResourceArns=[resource],
                                         ContextEntries=context)


FALCON_TAGS = {"project-name": "falcon"}
MANAGER_TAGS = {"organization": "birds", "cost-center": "it"}
FALCON_FN_TAGS = {"project-name": "falcon", "organization": "birds", "cost-center": "it"}
EAGLE_FN_TAGS = {"project-name": "eagle", "organization": "birds", "cost-center": "it"}


def test_falcon_developer_reaches_falcon_functions_only(sandbox: Sandbox) -> None:
    iam = sandbox.client("iam")
    falcon = make_role(iam, "falcon-developer-role", FALCON_TAGS, inline=SAME_PROJECT, managed=CREATE_TAGGED)
    own = simulate(iam, falcon, ["lambda:InvokeFunction"], FALCON_FN, entries(principal=FALCON_TAGS, resource=FALCON_FN_TAGS))
    [result] = own["EvaluationResults"]
    assert (result["EvalActionName"], result["EvalResourceName"], result["EvalDecision"]) == (
        "lambda:InvokeFunction", FALCON_FN, "allowed")
    assert result["MatchedStatements"] == [{"SourcePolicyId": "DeveloperSameProjectPolicy", "SourcePolicyType": "role"}]
    assert result["MissingContextValues"] == []
    other = simulate(iam, falcon, ["lambda:InvokeFunction", "lambda:DeleteFunction"], EAGLE_FN,
                     entries(principal=FALCON_TAGS, resource=EAGLE_FN_TAGS))
    assert [r["EvalDecision"] for r in other["EvaluationResults"]] == ["implicitDeny", "implicitDeny"]
    assert other["EvaluationResults"][0]["MatchedStatements"] == []


def test_create_function_needs_the_principals_project_name_and_no_other_tag(sandbox: Sandbox) -> None:
    iam = sandbox.client("iam")
    falcon = make_role(iam, "falcon-developer-role", FALCON_TAGS, inline=SAME_PROJECT, managed=CREATE_TAGGED)
    new_fn = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:falcon-new"

    def decide(request: dict[str, str]) -> dict[str, Any]:
        return simulate(iam, falcon, ["lambda:CreateFunction"], new_fn,
                        entries(principal=FALCON_TAGS, request=request))["EvaluationResults"][0]

    ok = decide({"project-name": "falcon"})
    assert ok["EvalDecision"] == "allowed"
    assert ok["MatchedStatements"] == [{"SourcePolicyId": "falcon-developer-role-managed", "SourcePolicyType": "user-managed"}]
    assert decide({"project-name": "eagle"})["EvalDecision"] == "implicitDeny"
    assert decide({"project-name": "falcon", "owner": "me"})["EvalDecision"] == "implicitDeny"
    # Without request tags the RequestTag condition has no key: denied, and the key is reported missing.
    bare = simulate(iam, falcon, ["lambda:CreateFunction"], new_fn, entries(principal=FALCON_TAGS))["EvaluationResults"][0]
    assert bare["EvalDecision"] == "implicitDeny"
    assert bare["MissingContextValues"] == ["aws:RequestTag/project-name", "aws:TagKeys"]


def test_the_manager_loses_access_when_the_organization_differs(sandbox: Sandbox) -> None:
    iam = sandbox.client("iam")
    manager = make_role(iam, "manager-role", MANAGER_TAGS, inline=MANAGER)
    same = simulate(iam, manager, ["lambda:GetFunction"], EAGLE_FN, entries(principal=MANAGER_TAGS, resource=EAGLE_FN_TAGS))
    assert same["EvaluationResults"][0]["EvalDecision"] == "allowed"
    moved = {**EAGLE_FN_TAGS, "organization": "fish"}
    other = simulate(iam, manager, ["lambda:GetFunction"], EAGLE_FN, entries(principal=MANAGER_TAGS, resource=moved))
    assert other["EvaluationResults"][0]["EvalDecision"] == "implicitDeny"
    assert simulate(iam, manager, ["lambda:InvokeFunction"], EAGLE_FN,
                    entries(principal=MANAGER_TAGS, resource=EAGLE_FN_TAGS))["EvaluationResults"][0]["EvalDecision"] == "implicitDeny"


def test_permissions_boundary_and_explicit_deny_of_the_stored_policies(sandbox: Sandbox) -> None:
    iam = sandbox.client("iam")
    boundary = iam.create_policy(PolicyName="read-only-boundary", PolicyDocument=json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "lambda:Get*", "Resource": "*"}]}))["Policy"]["Arn"]
    bounded = make_role(iam, "bounded", FALCON_TAGS, inline=SAME_PROJECT, boundary=boundary)
    context = entries(principal=FALCON_TAGS, resource=FALCON_FN_TAGS)
    results = simulate(iam, bounded, ["lambda:GetFunction", "lambda:InvokeFunction"], FALCON_FN, context)["EvaluationResults"]
    assert [(r["EvalDecision"], r["PermissionsBoundaryDecisionDetail"]["AllowedByPermissionsBoundary"]) for r in results] == [
        ("allowed", True), ("implicitDeny", False)]
    iam.put_role_policy(RoleName="bounded", PolicyName="NoGet", PolicyDocument=json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Sid": "NoGet", "Effect": "Deny", "Action": "lambda:GetFunction", "Resource": "*"}]}))
    denied = simulate(iam, bounded, ["lambda:GetFunction"], FALCON_FN, context)["EvaluationResults"][0]
    assert denied["EvalDecision"] == "explicitDeny"
    assert denied["MatchedStatements"] == [{"SourcePolicyId": "NoGet", "SourcePolicyType": "role"}]


def test_users_get_their_groups_policies_and_results_are_paginated(sandbox: Sandbox) -> None:
    iam = sandbox.client("iam")
    user = iam.create_user(UserName="alice")["User"]["Arn"]
    iam.create_group(GroupName="devs")
    iam.add_user_to_group(GroupName="devs", UserName="alice")
    iam.put_group_policy(GroupName="devs", PolicyName="DevsRead", PolicyDocument=json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "lambda:Get*", "Resource": "*"}]}))
    actions = ["lambda:GetFunction", "lambda:GetPolicy", "lambda:DeleteFunction"]
    first = iam.simulate_principal_policy(PolicySourceArn=user, ActionNames=actions, ResourceArns=[FALCON_FN], MaxItems=2)
    assert first["IsTruncated"] is True and len(first["EvaluationResults"]) == 2
    rest = iam.simulate_principal_policy(PolicySourceArn=user, ActionNames=actions, ResourceArns=[FALCON_FN],
                                         MaxItems=2, Marker=first["Marker"])
    decisions = [r["EvalDecision"] for r in first["EvaluationResults"] + rest["EvaluationResults"]]
    assert decisions == ["allowed", "allowed", "implicitDeny"] and rest["IsTruncated"] is False
    assert first["EvaluationResults"][0]["MatchedStatements"][0]["SourcePolicyType"] == "group"


def test_unknown_principal_and_resource_policy_are_refused(sandbox: Sandbox) -> None:
    iam = sandbox.client("iam")
    with pytest.raises(ClientError) as error:
        iam.simulate_principal_policy(PolicySourceArn=f"arn:aws:iam::{ACCOUNT}:role/nobody", ActionNames=["lambda:GetFunction"])
    assert error.value.response["Error"]["Code"] == "NoSuchEntity"
    role = make_role(iam, "r", {}, inline=SAME_PROJECT)
    with pytest.raises(ClientError) as error:
        iam.simulate_principal_policy(PolicySourceArn=role, ActionNames=["lambda:GetFunction"], ResourcePolicy="{}")
    assert error.value.response["Error"]["Code"] == "InvalidInput"
