"""AWS::StepFunctions::StateMachine from CloudFormation is executable (sfn_cfn_state_machines)."""

from __future__ import annotations

import json
import time
from typing import Any

from conftest import LAMBDA_ROLE, Sandbox, deploy, outputs_of, stack_events

PASS_DEFINITION = {
    "StartAt": "Greet",
    "States": {"Greet": {"Type": "Pass", "Result": {"greeting": "${Greeting}"}, "ResultPath": "$.out", "End": True}},
}


def wait_for_execution(sfn: Any, arn: str, timeout: float = 15.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        execution = sfn.describe_execution(executionArn=arn)
        if execution["status"] != "RUNNING":
            return execution
        assert time.monotonic() < deadline, f"execution still RUNNING after {timeout} s"
        time.sleep(0.05)


def test_state_machine_from_a_stack_is_listed_described_and_executes(sandbox: Sandbox, cfn: Any) -> None:
    template = {
        "Resources": {
            "Role": LAMBDA_ROLE,
            "FromObject": {
                "Type": "AWS::StepFunctions::StateMachine",
                "Properties": {
                    "StateMachineName": "from-object",
                    "Definition": PASS_DEFINITION,
                    "DefinitionSubstitutions": {"Greeting": "hello"},
                    "RoleArn": {"Fn::GetAtt": ["Role", "Arn"]},
                    "StateMachineType": "EXPRESS",
                    "Tags": [{"Key": "team", "Value": "payments"}],
                },
            },
            "FromString": {
                "Type": "AWS::StepFunctions::StateMachine",
                "Properties": {
                    # Fn::Sub over a Fn::Join result, as blueprints build definitions.
                    "DefinitionString": {"Fn::Sub": [
                        '{"StartAt":"P","States":{"P":{"Type":"Pass","Result":"${Where}","End":true}}}',
                        {"Where": {"Fn::Join": ["-", [{"Ref": "AWS::Region"}, "sandbox"]]}},
                    ]},
                    "RoleArn": {"Fn::GetAtt": ["Role", "Arn"]},
                },
            },
        },
        "Outputs": {
            "ObjectArn": {"Value": {"Fn::GetAtt": ["FromObject", "Arn"]}},
            "ObjectName": {"Value": {"Fn::GetAtt": ["FromObject", "Name"]}},
            "ObjectRef": {"Value": {"Ref": "FromObject"}},
            "StringArn": {"Value": {"Ref": "FromString"}},
        },
    }
    stack = deploy(cfn, "sfn", template)
    assert stack["StackStatus"] == "CREATE_COMPLETE", stack_events(cfn, "sfn")
    out = outputs_of(stack)
    arn = "arn:aws:states:us-east-1:123456789012:stateMachine:from-object"
    assert out["ObjectArn"] == out["ObjectRef"] == arn and out["ObjectName"] == "from-object"
    assert out["StringArn"].startswith("arn:aws:states:us-east-1:123456789012:stateMachine:FromString-")

    sfn = sandbox.client("stepfunctions")
    assert sorted(m["stateMachineArn"] for m in sfn.list_state_machines()["stateMachines"]) == sorted(
        [arn, out["StringArn"]])
    described = sfn.describe_state_machine(stateMachineArn=arn)
    assert json.loads(described["definition"])["States"]["Greet"]["Result"] == {"greeting": "hello"}
    assert described["type"] == "EXPRESS"
    assert described["roleArn"].startswith("arn:aws:iam::123456789012:role/")
    assert sfn.list_tags_for_resource(resourceArn=arn)["tags"] == [{"key": "team", "value": "payments"}]

    started = sfn.start_execution(stateMachineArn=arn, name="run-1", input=json.dumps({"id": 7}))
    execution = wait_for_execution(sfn, started["executionArn"])
    assert execution["status"] == "SUCCEEDED"
    assert json.loads(execution["output"]) == {"id": 7, "out": {"greeting": "hello"}}
    second = wait_for_execution(sfn, sfn.start_execution(stateMachineArn=out["StringArn"], name="run-2")["executionArn"])
    # moto returns a string result unquoted (AWS: a JSON string); compare the text either way.
    assert second["output"].strip('"') == "us-east-1-sandbox"

    cfn.delete_stack(StackName="sfn")
    from conftest import wait_for_stack

    assert wait_for_stack(cfn, stack["StackId"])["StackStatus"] == "DELETE_COMPLETE"
    assert sfn.list_state_machines()["stateMachines"] == []


def test_task_integrations_run_against_the_sandbox(sandbox: Sandbox, cfn: Any) -> None:
    """An sqs:sendMessage task calls back into moto on MOTO_PORT: the message really arrives."""
    template = {
        "Resources": {
            "Role": LAMBDA_ROLE,
            "Queue": {"Type": "AWS::SQS::Queue"},
            "Machine": {
                "Type": "AWS::StepFunctions::StateMachine",
                "Properties": {
                    "Definition": {"StartAt": "Send", "States": {"Send": {
                        "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
                        "Parameters": {"QueueUrl": "${QueueUrl}", "MessageBody.$": "$.body"}, "End": True}}},
                    "DefinitionSubstitutions": {"QueueUrl": {"Ref": "Queue"}},
                    "RoleArn": {"Fn::GetAtt": ["Role", "Arn"]},
                },
            },
        },
        "Outputs": {"Machine": {"Value": {"Ref": "Machine"}}, "Queue": {"Value": {"Ref": "Queue"}}},
    }
    out = outputs_of(deploy(cfn, "task", template))
    sfn = sandbox.client("stepfunctions")
    started = sfn.start_execution(stateMachineArn=out["Machine"], name="send", input=json.dumps({"body": "ping"}))
    assert wait_for_execution(sfn, started["executionArn"])["status"] == "SUCCEEDED"
    sqs = sandbox.client("sqs")
    url = sqs.list_queues()["QueueUrls"][0]
    messages = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=0)["Messages"]
    assert [m["Body"] for m in messages] == ["ping"]


def test_update_changes_the_definition_in_place(sandbox: Sandbox, cfn: Any) -> None:
    def template(greeting: str) -> dict[str, Any]:
        return {"Resources": {"Role": LAMBDA_ROLE, "Machine": {
            "Type": "AWS::StepFunctions::StateMachine",
            "Properties": {"StateMachineName": "upd", "Definition": PASS_DEFINITION,
                           "DefinitionSubstitutions": {"Greeting": greeting},
                           "RoleArn": {"Fn::GetAtt": ["Role", "Arn"]}}}}}

    deploy(cfn, "sfn-upd", template("one"))
    cfn.update_stack(StackName="sfn-upd", TemplateBody=json.dumps(template("two")))
    from conftest import wait_for_stack

    assert wait_for_stack(cfn, "sfn-upd")["StackStatus"] == "UPDATE_COMPLETE"
    sfn = sandbox.client("stepfunctions")
    machines = sfn.list_state_machines()["stateMachines"]
    assert [m["name"] for m in machines] == ["upd"]
    definition = json.loads(sfn.describe_state_machine(stateMachineArn=machines[0]["stateMachineArn"])["definition"])
    assert definition["States"]["Greet"]["Result"] == {"greeting": "two"}


def test_name_clash_with_an_existing_state_machine_fails_the_resource(sandbox: Sandbox, cfn: Any) -> None:
    sfn = sandbox.client("stepfunctions")
    sandbox.client("iam").create_role(RoleName="r", AssumeRolePolicyDocument="{}")
    sfn.create_state_machine(name="taken", definition=json.dumps(PASS_DEFINITION),
                             roleArn="arn:aws:iam::123456789012:role/r")
    template = {"Resources": {"Machine": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {
        "StateMachineName": "taken", "Definition": PASS_DEFINITION,
        "RoleArn": "arn:aws:iam::123456789012:role/r"}}}}
    assert deploy(cfn, "clash", template)["StackStatus"] == "ROLLBACK_COMPLETE"
    failed = next(e for e in stack_events(cfn, "clash") if e["ResourceStatus"] == "CREATE_FAILED")
    assert "with identifier 'taken' already exists" in failed["ResourceStatusReason"]
    # The pre-existing state machine is untouched by the rollback.
    assert [m["name"] for m in sfn.list_state_machines()["stateMachines"]] == ["taken"]
