"""Stack tags reach the resources a stack creates (cfn_engine/tags.py), as CloudFormation does."""

from __future__ import annotations

import json
from typing import Any

from conftest import LAMBDA_ROLE, Sandbox, deploy, outputs_of, wait_for_stack

STACK_TAGS = [{"Key": "project-name", "Value": "falcon"}, {"Key": "cost-center", "Value": "CC-1001"}]


def template(function_tags: list[dict[str, str]]) -> dict[str, Any]:
    role = {**LAMBDA_ROLE, "Properties": {**LAMBDA_ROLE["Properties"], "Tags": [{"Key": "cost-center", "Value": "CC-9"}]}}
    return {
        "Parameters": {"Tier": {"Type": "String", "Default": "web"}},
        "Resources": {
            "Role": role,
            "Fn": {"Type": "AWS::Lambda::Function", "Properties": {
                "Runtime": "python3.12", "Handler": "index.handler", "Role": {"Fn::GetAtt": ["Role", "Arn"]},
                "Code": {"ZipFile": "def handler(event, context):\n    return event\n"},
                "Tags": function_tags,
            }},
        },
        "Outputs": {"FnArn": {"Value": {"Fn::GetAtt": ["Fn", "Arn"]}}, "RoleName": {"Value": {"Ref": "Role"}}},
    }


def test_functions_and_roles_carry_the_stack_tags_under_their_own(sandbox: Sandbox, cfn: Any) -> None:
    stack = deploy(cfn, "tagged", template([{"Key": "project-name", "Value": "eagle"}, {"Key": "tier", "Value": {"Ref": "Tier"}}]),
                   Tags=STACK_TAGS)
    assert stack["StackStatus"] == "CREATE_COMPLETE"
    out = outputs_of(stack)

    function_tags = sandbox.client("lambda").list_tags(Resource=out["FnArn"])["Tags"]
    assert function_tags == {
        "project-name": "eagle",  # the function's own tag wins over the stack's
        "tier": "web",  # the Tags property's intrinsics are resolved
        "cost-center": "CC-1001",
        "aws:cloudformation:stack-name": "tagged",
        "aws:cloudformation:stack-id": stack["StackId"],
        "aws:cloudformation:logical-id": "Fn",
    }

    role_tags = sandbox.client("iam").list_role_tags(RoleName=out["RoleName"])["Tags"]
    # IAM refuses aws: keys, so a role gets only the stack's own tags, under its Tags property.
    assert {t["Key"]: t["Value"] for t in role_tags} == {"project-name": "falcon", "cost-center": "CC-9"}


def test_an_update_of_the_tags_property_reaches_the_function(sandbox: Sandbox, cfn: Any) -> None:
    deploy(cfn, "retag", template([{"Key": "project-name", "Value": "falcon"}]))
    cfn.update_stack(StackName="retag", TemplateBody=json.dumps(template([{"Key": "project-name", "Value": "eagle"}])),
                     Capabilities=["CAPABILITY_IAM"])
    stack = wait_for_stack(cfn, "retag")
    assert stack["StackStatus"] == "UPDATE_COMPLETE"
    tags = sandbox.client("lambda").list_tags(Resource=outputs_of(stack)["FnArn"])["Tags"]
    assert tags["project-name"] == "eagle"
