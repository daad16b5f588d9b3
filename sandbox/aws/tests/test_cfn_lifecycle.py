"""CloudFormation operations behave like AWS: asynchronous, per-resource events, real rollback.

Covers the cfn_engine extension (see EXTENSIONS.md).
"""

from __future__ import annotations

import json
import threading
import time
from typing import Any

import pytest
from botocore.exceptions import ClientError

from conftest import Sandbox, deploy, event_trail, outputs_of, stack_events, wait_for_stack

STACK = "AWS::CloudFormation::Stack"

# A state machine whose definition does not parse: moto's Step Functions rejects it, which makes a
# real, deterministic resource failure.
BROKEN_STATE_MACHINE = {
    "Type": "AWS::StepFunctions::StateMachine",
    "Properties": {
        "DefinitionString": "{ this is not a state machine",
        "RoleArn": "arn:aws:iam::123456789012:role/sfn",
    },
}


def three_resources() -> dict[str, Any]:
    return {
        "Resources": {
            "Sub": {
                "Type": "AWS::SNS::Subscription",
                "Properties": {"TopicArn": {"Ref": "Topic"}, "Protocol": "sqs",
                               "Endpoint": {"Fn::GetAtt": ["Queue", "Arn"]}},
            },
            "Topic": {"Type": "AWS::SNS::Topic"},
            "Queue": {"Type": "AWS::SQS::Queue", "Properties": {"VisibilityTimeout": 30}},
        },
        "Outputs": {"QueueUrl": {"Value": {"Ref": "Queue"}}},
    }


def test_create_emits_per_resource_events_in_dependency_order(cfn: Any) -> None:
    created = cfn.create_stack(StackName="events", TemplateBody=json.dumps(three_resources()))
    stack = wait_for_stack(cfn, "events")
    assert stack["StackStatus"] == "CREATE_COMPLETE"
    events = stack_events(cfn, "events")

    trail = event_trail(events)
    assert trail[0] == ("events", "CREATE_IN_PROGRESS") and trail[-1] == ("events", "CREATE_COMPLETE")
    # Sub depends on Topic (Ref) and Queue (GetAtt), so it comes last although it is listed first.
    assert trail[1:-1] == [
        ("Topic", "CREATE_IN_PROGRESS"), ("Topic", "CREATE_COMPLETE"),
        ("Queue", "CREATE_IN_PROGRESS"), ("Queue", "CREATE_COMPLETE"),
        ("Sub", "CREATE_IN_PROGRESS"), ("Sub", "CREATE_COMPLETE"),
    ]
    assert events[0]["ResourceStatusReason"] == "User Initiated"
    assert events[0]["ResourceType"] == STACK and events[0]["PhysicalResourceId"] == created["StackId"]
    for event in events[1:-1]:
        if event["ResourceStatus"] == "CREATE_IN_PROGRESS":
            assert event["ResourceStatusReason"] == "Resource creation Initiated"
    timestamps = [e["Timestamp"] for e in events]
    assert all(a < b for a, b in zip(timestamps, timestamps[1:])), "timestamps must strictly increase"

    summaries = {r["LogicalResourceId"]: r for r in cfn.list_stack_resources(StackName="events")["StackResourceSummaries"]}
    completes = {e["LogicalResourceId"]: e for e in events if e["ResourceStatus"] == "CREATE_COMPLETE"}
    assert {k: v["ResourceType"] for k, v in summaries.items()} == {
        "Topic": "AWS::SNS::Topic", "Queue": "AWS::SQS::Queue", "Sub": "AWS::SNS::Subscription"}
    for logical_id, summary in summaries.items():
        assert summary["ResourceStatus"] == "CREATE_COMPLETE"
        assert summary["PhysicalResourceId"] == completes[logical_id]["PhysicalResourceId"] != ""
    assert outputs_of(stack)["QueueUrl"] == summaries["Queue"]["PhysicalResourceId"]


def test_create_is_asynchronous_and_progress_is_visible(sandbox: Sandbox, cfn: Any) -> None:
    # A pause long enough that a loaded machine cannot blur the steps: each resource takes 1.5 s.
    delay = 1.5
    sandbox.settings(cfn_resource_delay_ms=int(delay * 1000))
    started = time.monotonic()
    cfn.create_stack(StackName="slow", TemplateBody=json.dumps(three_resources()))
    assert time.monotonic() - started < delay, "CreateStack must return before the resources exist"
    assert cfn.describe_stacks(StackName="slow")["Stacks"][0]["StackStatus"] == "CREATE_IN_PROGRESS"
    # Mid-way: once the first resource is visible, the last is not there yet.
    deadline = time.monotonic() + 10 * delay
    midway: dict[str, str] = {}
    while "Topic" not in midway and time.monotonic() < deadline:
        midway = {r["LogicalResourceId"]: r["ResourceStatus"]
                  for r in cfn.list_stack_resources(StackName="slow")["StackResourceSummaries"]}
        time.sleep(0.05)
    assert midway.get("Topic") in ("CREATE_IN_PROGRESS", "CREATE_COMPLETE") and "Sub" not in midway
    assert cfn.describe_stacks(StackName="slow")["Stacks"][0].get("Outputs") is None
    stack = wait_for_stack(cfn, "slow", timeout=30 * delay)
    assert stack["StackStatus"] == "CREATE_COMPLETE"
    assert time.monotonic() - started >= 3 * delay  # three resources, each paused


def test_failed_resource_rolls_back_and_really_deletes(sandbox: Sandbox, cfn: Any) -> None:
    template = {"Resources": {
        "Queue": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "rollback-q"}},
        "Topic": {"Type": "AWS::SNS::Topic", "DependsOn": "Queue", "Properties": {"TopicName": "rollback-t"}},
        "Machine": dict(BROKEN_STATE_MACHINE, DependsOn=["Topic"]),
    }}
    created = cfn.create_stack(StackName="rollback", TemplateBody=json.dumps(template))  # HTTP 200, not 500
    assert created["StackId"].startswith("arn:aws:cloudformation:")
    stack = wait_for_stack(cfn, "rollback")
    assert stack["StackStatus"] == "ROLLBACK_COMPLETE"

    events = stack_events(cfn, "rollback")
    assert event_trail(events) == [
        ("rollback", "CREATE_IN_PROGRESS"),
        ("Queue", "CREATE_IN_PROGRESS"), ("Queue", "CREATE_COMPLETE"),
        ("Topic", "CREATE_IN_PROGRESS"), ("Topic", "CREATE_COMPLETE"),
        ("Machine", "CREATE_IN_PROGRESS"), ("Machine", "CREATE_FAILED"),
        ("rollback", "ROLLBACK_IN_PROGRESS"),
        ("Machine", "DELETE_COMPLETE"),
        ("Topic", "DELETE_IN_PROGRESS"), ("Topic", "DELETE_COMPLETE"),
        ("Queue", "DELETE_IN_PROGRESS"), ("Queue", "DELETE_COMPLETE"),
        ("rollback", "ROLLBACK_COMPLETE"),
    ]
    by_status = {(e["LogicalResourceId"], e["ResourceStatus"]): e for e in events}
    assert by_status[("Machine", "CREATE_FAILED")]["ResourceStatusReason"].startswith("InvalidDefinition: ")
    assert by_status[("rollback", "ROLLBACK_IN_PROGRESS")]["ResourceStatusReason"] == (
        "The following resource(s) failed to create: [Machine]. Rollback requested by user.")
    # Really deleted, not just reported.
    assert "QueueUrls" not in sandbox.client("sqs").list_queues()
    assert sandbox.client("sns").list_topics()["Topics"] == []
    statuses = {r["LogicalResourceId"]: r["ResourceStatus"]
                for r in cfn.list_stack_resources(StackName="rollback")["StackResourceSummaries"]}
    assert statuses == {"Queue": "DELETE_COMPLETE", "Topic": "DELETE_COMPLETE", "Machine": "DELETE_COMPLETE"}
    # A rolled-back stack cannot be updated, only deleted.
    with pytest.raises(ClientError, match="ROLLBACK_COMPLETE state and can not be updated"):
        cfn.update_stack(StackName="rollback", TemplateBody=json.dumps({"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}))
    cfn.delete_stack(StackName="rollback")
    assert wait_for_stack(cfn, created["StackId"])["StackStatus"] == "DELETE_COMPLETE"


@pytest.mark.parametrize("flag", [{"OnFailure": "DO_NOTHING"}, {"DisableRollback": True}])
def test_do_nothing_keeps_what_was_created(sandbox: Sandbox, cfn: Any, flag: dict[str, Any]) -> None:
    template = {"Resources": {"Queue": {"Type": "AWS::SQS::Queue"},
                              "Machine": dict(BROKEN_STATE_MACHINE, DependsOn="Queue")}}
    stack = deploy(cfn, "keep", template, **flag)
    assert stack["StackStatus"] == "CREATE_FAILED"
    assert stack["StackStatusReason"] == "The following resource(s) failed to create: [Machine]. "
    assert len(sandbox.client("sqs").list_queues()["QueueUrls"]) == 1
    assert stack["DisableRollback"] is True


def test_on_failure_delete_deletes_the_stack(sandbox: Sandbox, cfn: Any) -> None:
    template = {"Resources": {"Queue": {"Type": "AWS::SQS::Queue"},
                              "Machine": dict(BROKEN_STATE_MACHINE, DependsOn="Queue")}}
    stack_id = cfn.create_stack(StackName="gone", TemplateBody=json.dumps(template), OnFailure="DELETE")["StackId"]
    assert wait_for_stack(cfn, stack_id)["StackStatus"] == "DELETE_COMPLETE"
    trail = event_trail(stack_events(cfn, stack_id))
    assert trail[-4:] == [("Machine", "DELETE_COMPLETE"), ("Queue", "DELETE_IN_PROGRESS"),
                          ("Queue", "DELETE_COMPLETE"), ("gone", "DELETE_COMPLETE")]
    assert "QueueUrls" not in sandbox.client("sqs").list_queues()
    with pytest.raises(ClientError, match="does not exist"):
        cfn.describe_stacks(StackName="gone")


def test_on_failure_and_disable_rollback_are_exclusive(cfn: Any) -> None:
    with pytest.raises(ClientError, match="either DisableRollback or OnFailure"):
        cfn.create_stack(StackName="x", TemplateBody=json.dumps(three_resources()), OnFailure="DELETE",
                         DisableRollback=True)


def test_client_request_token_makes_create_idempotent(cfn: Any) -> None:
    body = json.dumps(three_resources())
    first = cfn.create_stack(StackName="tok", TemplateBody=body, ClientRequestToken="launch-42")["StackId"]
    again = cfn.create_stack(StackName="tok", TemplateBody=body, ClientRequestToken="launch-42")["StackId"]
    assert again == first
    with pytest.raises(ClientError) as error:
        cfn.create_stack(StackName="tok", TemplateBody=body, ClientRequestToken="launch-43")
    assert error.value.response["Error"]["Code"] == "AlreadyExistsException"
    with pytest.raises(ClientError, match="AlreadyExists"):
        cfn.create_stack(StackName="tok", TemplateBody=body)
    wait_for_stack(cfn, "tok")
    assert {e.get("ClientRequestToken") for e in stack_events(cfn, "tok")} == {"launch-42"}


def test_update_emits_events_and_cleans_up_removed_resources(sandbox: Sandbox, cfn: Any) -> None:
    v1 = {"Resources": {"Queue": {"Type": "AWS::SQS::Queue", "Properties": {"VisibilityTimeout": 30}},
                        "Topic": {"Type": "AWS::SNS::Topic"}}}
    deploy(cfn, "upd", v1)
    v2 = {"Resources": {
        "Queue": {"Type": "AWS::SQS::Queue", "Properties": {"VisibilityTimeout": 45}},
        "Param": {"Type": "AWS::SSM::Parameter",
                  "Properties": {"Name": "/upd/queue", "Type": "String", "Value": {"Ref": "Queue"}}},
    }, "Outputs": {"Param": {"Value": {"Ref": "Param"}}}}
    cfn.update_stack(StackName="upd", TemplateBody=json.dumps(v2), ClientRequestToken="upd-1")
    stack = wait_for_stack(cfn, "upd")
    assert stack["StackStatus"] == "UPDATE_COMPLETE" and "LastUpdatedTime" in stack
    events = [e for e in stack_events(cfn, "upd") if e.get("ClientRequestToken") == "upd-1"]
    assert event_trail(events) == [
        ("upd", "UPDATE_IN_PROGRESS"),
        ("Queue", "UPDATE_IN_PROGRESS"), ("Queue", "UPDATE_COMPLETE"),
        ("Param", "CREATE_IN_PROGRESS"), ("Param", "CREATE_COMPLETE"),
        ("upd", "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS"),
        ("Topic", "DELETE_IN_PROGRESS"), ("Topic", "DELETE_COMPLETE"),
        ("upd", "UPDATE_COMPLETE"),
    ]
    sqs = sandbox.client("sqs")
    url = sqs.list_queues()["QueueUrls"][0]
    assert sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["VisibilityTimeout"])["Attributes"] == {
        "VisibilityTimeout": "45"}
    assert sandbox.client("sns").list_topics()["Topics"] == []
    assert sandbox.client("ssm").get_parameter(Name="/upd/queue")["Parameter"]["Value"].endswith(url.rsplit("/", 1)[1])
    assert outputs_of(stack) == {"Param": "/upd/queue"}
    assert {r["LogicalResourceId"] for r in cfn.list_stack_resources(StackName="upd")["StackResourceSummaries"]} == {
        "Queue", "Param"}
    with pytest.raises(ClientError, match="No updates are to be performed"):
        cfn.update_stack(StackName="upd", TemplateBody=json.dumps(v2))


def test_failed_update_rolls_back(sandbox: Sandbox, cfn: Any) -> None:
    v1 = {"Resources": {"Queue": {"Type": "AWS::SQS::Queue", "Properties": {"VisibilityTimeout": 30}}}}
    deploy(cfn, "urb", v1)
    v2 = {"Resources": {
        "Queue": {"Type": "AWS::SQS::Queue", "Properties": {"VisibilityTimeout": 60}},
        "Param": {"Type": "AWS::SSM::Parameter", "Properties": {"Name": "/urb/p", "Type": "String", "Value": "x"}},
        "Machine": dict(BROKEN_STATE_MACHINE, DependsOn=["Queue", "Param"]),
    }}
    cfn.update_stack(StackName="urb", TemplateBody=json.dumps(v2))
    stack = wait_for_stack(cfn, "urb")
    assert stack["StackStatus"] == "UPDATE_ROLLBACK_COMPLETE"
    trail = event_trail(stack_events(cfn, "urb"))
    start = trail.index(("urb", "UPDATE_IN_PROGRESS"))
    assert trail[start:] == [
        ("urb", "UPDATE_IN_PROGRESS"),
        ("Queue", "UPDATE_IN_PROGRESS"), ("Queue", "UPDATE_COMPLETE"),
        ("Param", "CREATE_IN_PROGRESS"), ("Param", "CREATE_COMPLETE"),
        ("Machine", "CREATE_IN_PROGRESS"), ("Machine", "CREATE_FAILED"),
        ("urb", "UPDATE_ROLLBACK_IN_PROGRESS"),
        ("Queue", "UPDATE_IN_PROGRESS"), ("Queue", "UPDATE_COMPLETE"),
        ("urb", "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS"),
        ("Machine", "DELETE_COMPLETE"),
        ("Param", "DELETE_IN_PROGRESS"), ("Param", "DELETE_COMPLETE"),
        ("urb", "UPDATE_ROLLBACK_COMPLETE"),
    ]
    reason = next(e["ResourceStatusReason"] for e in stack_events(cfn, "urb")
                  if e["ResourceStatus"] == "UPDATE_ROLLBACK_IN_PROGRESS")
    assert reason == "The following resource(s) failed to create: [Machine]. "
    sqs = sandbox.client("sqs")
    url = sqs.list_queues()["QueueUrls"][0]
    assert sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["VisibilityTimeout"])["Attributes"][
        "VisibilityTimeout"] == "30"
    assert sandbox.client("ssm").describe_parameters()["Parameters"] == []
    assert [r["LogicalResourceId"] for r in cfn.list_stack_resources(StackName="urb")["StackResourceSummaries"]] == [
        "Queue"]
    # The template is the old one again, and the stack can be updated after a rollback.
    body = cfn.get_template(StackName="urb")["TemplateBody"]  # botocore parses JSON bodies itself
    assert (json.loads(body) if isinstance(body, str) else json.loads(json.dumps(body))) == v1


def test_update_while_in_progress_is_refused(sandbox: Sandbox, cfn: Any) -> None:
    sandbox.settings(cfn_resource_delay_ms=200)
    cfn.create_stack(StackName="busy", TemplateBody=json.dumps(three_resources()))
    with pytest.raises(ClientError, match="CREATE_IN_PROGRESS state and can not be updated"):
        cfn.update_stack(StackName="busy", TemplateBody=json.dumps({"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}))
    # DeleteStack during a create waits for the create, then deletes.
    cfn.delete_stack(StackName="busy")
    stack_id = cfn.describe_stacks(StackName="busy")["Stacks"][0]["StackId"]
    assert wait_for_stack(cfn, stack_id, until=lambda s: s == "DELETE_COMPLETE")["StackStatus"] == "DELETE_COMPLETE"
    trail = event_trail(stack_events(cfn, stack_id))
    assert trail.index(("busy", "CREATE_COMPLETE")) < trail.index(("busy", "DELETE_IN_PROGRESS"))


def test_delete_emits_events_in_reverse_dependency_order(sandbox: Sandbox, cfn: Any) -> None:
    deploy(cfn, "del", three_resources())
    stack_id = cfn.describe_stacks(StackName="del")["Stacks"][0]["StackId"]
    cfn.delete_stack(StackName="del", ClientRequestToken="bye")
    assert wait_for_stack(cfn, stack_id)["StackStatus"] == "DELETE_COMPLETE"
    events = [e for e in stack_events(cfn, stack_id) if e.get("ClientRequestToken") == "bye"]
    assert event_trail(events) == [
        ("del", "DELETE_IN_PROGRESS"),
        ("Sub", "DELETE_IN_PROGRESS"), ("Sub", "DELETE_COMPLETE"),
        ("Queue", "DELETE_IN_PROGRESS"), ("Queue", "DELETE_COMPLETE"),
        ("Topic", "DELETE_IN_PROGRESS"), ("Topic", "DELETE_COMPLETE"),
        ("del", "DELETE_COMPLETE"),
    ]
    assert sandbox.client("sns").list_subscriptions()["Subscriptions"] == []
    summaries = cfn.list_stacks(StackStatusFilter=["DELETE_COMPLETE"])["StackSummaries"]
    assert [s["StackId"] for s in summaries] == [stack_id]


def test_delete_fails_for_a_non_empty_bucket_and_can_be_retried(sandbox: Sandbox, cfn: Any) -> None:
    template = {"Resources": {"Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "full-bucket"}},
                              "Queue": {"Type": "AWS::SQS::Queue"},
                              "Kept": {"Type": "AWS::SNS::Topic", "DeletionPolicy": "Retain"}}}
    deploy(cfn, "full", template)
    s3 = sandbox.client("s3")
    s3.put_object(Bucket="full-bucket", Key="a.txt", Body=b"x")
    cfn.delete_stack(StackName="full")
    stack = wait_for_stack(cfn, "full", until=lambda s: s != "DELETE_IN_PROGRESS")
    assert stack["StackStatus"] == "DELETE_FAILED"
    assert stack["StackStatusReason"] == "The following resource(s) failed to delete: [Bucket]. "
    failed = next(e for e in stack_events(cfn, "full") if e["ResourceStatus"] == "DELETE_FAILED"
                  and e["LogicalResourceId"] == "Bucket")
    assert "not empty" in failed["ResourceStatusReason"]
    statuses = {r["LogicalResourceId"]: r["ResourceStatus"]
                for r in cfn.list_stack_resources(StackName="full")["StackResourceSummaries"]}
    assert statuses == {"Bucket": "DELETE_FAILED", "Queue": "DELETE_COMPLETE", "Kept": "DELETE_SKIPPED"}
    s3.delete_object(Bucket="full-bucket", Key="a.txt")
    stack_id = stack["StackId"]
    cfn.delete_stack(StackName="full")
    assert wait_for_stack(cfn, stack_id)["StackStatus"] == "DELETE_COMPLETE"
    assert s3.list_buckets()["Buckets"] == []
    assert len(sandbox.client("sns").list_topics()["Topics"]) == 1  # DeletionPolicy: Retain


def test_change_sets_execute_with_events(sandbox: Sandbox, cfn: Any) -> None:
    v1 = {"Resources": {"Queue": {"Type": "AWS::SQS::Queue"}}}
    created = cfn.create_change_set(StackName="cs", ChangeSetName="first", ChangeSetType="CREATE",
                                    TemplateBody=json.dumps(v1))
    assert cfn.describe_stacks(StackName="cs")["Stacks"][0]["StackStatus"] == "REVIEW_IN_PROGRESS"
    cfn.execute_change_set(ChangeSetName=created["Id"], ClientRequestToken="cs-1")
    assert wait_for_stack(cfn, "cs")["StackStatus"] == "CREATE_COMPLETE"
    assert cfn.describe_change_set(ChangeSetName=created["Id"])["ExecutionStatus"] == "EXECUTE_COMPLETE"
    with pytest.raises(ClientError) as error:
        cfn.execute_change_set(ChangeSetName=created["Id"])
    assert error.value.response["Error"]["Code"] == "InvalidChangeSetStatus"

    v2 = {"Resources": {"Queue": {"Type": "AWS::SQS::Queue"}, "Topic": {"Type": "AWS::SNS::Topic"}}}
    second = cfn.create_change_set(StackName="cs", ChangeSetName="second", ChangeSetType="UPDATE",
                                   TemplateBody=json.dumps(v2))
    changes = cfn.describe_change_set(ChangeSetName=second["Id"])["Changes"]
    assert [(c["ResourceChange"]["Action"], c["ResourceChange"]["LogicalResourceId"]) for c in changes] == [
        ("Add", "Topic")]
    cfn.execute_change_set(ChangeSetName="second", StackName="cs", ClientRequestToken="cs-2")
    assert wait_for_stack(cfn, "cs")["StackStatus"] == "UPDATE_COMPLETE"
    events = stack_events(cfn, "cs")
    assert event_trail([e for e in events if e.get("ClientRequestToken") == "cs-1"]) == [
        ("cs", "CREATE_IN_PROGRESS"), ("Queue", "CREATE_IN_PROGRESS"), ("Queue", "CREATE_COMPLETE"),
        ("cs", "CREATE_COMPLETE")]
    assert event_trail([e for e in events if e.get("ClientRequestToken") == "cs-2"]) == [
        ("cs", "UPDATE_IN_PROGRESS"), ("Topic", "CREATE_IN_PROGRESS"), ("Topic", "CREATE_COMPLETE"),
        ("cs", "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS"), ("cs", "UPDATE_COMPLETE")]
    assert len(sandbox.client("sns").list_topics()["Topics"]) == 1


def test_failing_change_set_create_rolls_back(sandbox: Sandbox, cfn: Any) -> None:
    template = {"Resources": {"Queue": {"Type": "AWS::SQS::Queue"},
                              "Machine": dict(BROKEN_STATE_MACHINE, DependsOn="Queue")}}
    created = cfn.create_change_set(StackName="csf", ChangeSetName="c", ChangeSetType="CREATE",
                                    TemplateBody=json.dumps(template))
    cfn.execute_change_set(ChangeSetName=created["Id"])
    assert wait_for_stack(cfn, "csf")["StackStatus"] == "ROLLBACK_COMPLETE"
    assert cfn.describe_change_set(ChangeSetName=created["Id"])["ExecutionStatus"] == "EXECUTE_FAILED"
    assert "QueueUrls" not in sandbox.client("sqs").list_queues()


def test_concurrent_stacks_do_not_interfere(sandbox: Sandbox, cfn: Any) -> None:
    sandbox.settings(cfn_resource_delay_ms=20)
    names = [f"par{i}" for i in range(5)]
    errors: list[BaseException] = []

    def create(name: str) -> None:
        try:
            client = sandbox.client("cloudformation")
            client.create_stack(StackName=name, TemplateBody=json.dumps(three_resources()))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=create, args=(n,)) for n in names]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    for name in names:
        assert wait_for_stack(cfn, name)["StackStatus"] == "CREATE_COMPLETE"
        events = stack_events(cfn, name)
        assert {e["StackName"] for e in events} == {name} and len(events) == 8
    assert len(sandbox.client("sqs").list_queues()["QueueUrls"]) == 5
    assert len(sandbox.client("sns").list_subscriptions()["Subscriptions"]) == 5


def test_unsupported_resource_type_fails_with_a_clear_reason(sandbox: Sandbox, cfn: Any) -> None:
    template = {"Resources": {"Queue": {"Type": "AWS::SQS::Queue"},
                              "Pipe": {"Type": "AWS::Pipes::Pipe", "DependsOn": "Queue",
                                       "Properties": {"Source": "a", "Target": "b", "RoleArn": "r"}}}}
    assert deploy(cfn, "unsup", template)["StackStatus"] == "ROLLBACK_COMPLETE"
    failed = next(e for e in stack_events(cfn, "unsup") if e["ResourceStatus"] == "CREATE_FAILED")
    assert failed["ResourceStatusReason"].startswith(
        "Resource type AWS::Pipes::Pipe is not supported by the Slipway sandbox")
    sandbox.settings(cfn_unsupported_resources="skip")
    assert deploy(cfn, "skipped", template)["StackStatus"] == "CREATE_COMPLETE"
    skipped = next(e for e in stack_events(cfn, "skipped")
                   if e["LogicalResourceId"] == "Pipe" and e["ResourceStatus"] == "CREATE_COMPLETE")
    assert "Not created" in skipped["ResourceStatusReason"]


def test_custom_resources_fail_fast(cfn: Any) -> None:
    template = {"Resources": {"Custom": {"Type": "Custom::Thing", "Properties": {
        "ServiceToken": "arn:aws:lambda:us-east-1:123456789012:function:handler"}}}}
    assert deploy(cfn, "custom", template)["StackStatus"] == "ROLLBACK_COMPLETE"
    failed = next(e for e in stack_events(cfn, "custom") if e["ResourceStatus"] == "CREATE_FAILED")
    assert "Custom resources" in failed["ResourceStatusReason"]


@pytest.mark.parametrize("resources, message", [
    ({"A": {"Type": "AWS::SQS::Queue", "DependsOn": "B"}, "B": {"Type": "AWS::SQS::Queue", "DependsOn": "A"}},
     "Circular dependency between resources: [A, B]"),
    ({"A": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": {"Ref": "Nope"}}}},
     "Unresolved resource dependencies [Nope] in the Resources block of the template"),
    ({"A": {"Properties": {}}}, "Every Resources object must contain a Type member"),
])
def test_template_errors_are_reported_by_create_stack(cfn: Any, resources: dict[str, Any], message: str) -> None:
    with pytest.raises(ClientError, match=message.replace("[", r"\[").replace("]", r"\]")):
        cfn.create_stack(StackName="bad", TemplateBody=json.dumps({"Resources": resources}))
    with pytest.raises(ClientError, match="does not exist"):
        cfn.describe_stacks(StackName="bad")


def test_transforms_other_than_sam_are_refused_instead_of_creating_nothing(cfn: Any) -> None:
    # SAM is expanded (cfn_sam_transform, test_cfn_sam_transform.py); macros and other transforms are not.
    template = {"Transform": ["AWS::LanguageExtensions", "AWS::Serverless-2016-10-31"], "Resources": {"Fn": {
        "Type": "AWS::Serverless::Function", "Properties": {"Runtime": "python3.12", "Handler": "a.b"}}}}
    with pytest.raises(ClientError, match=r"Template transforms \(AWS::LanguageExtensions, AWS::Serverless-2016-10-31\) are not supported"):
        cfn.create_stack(StackName="sam", TemplateBody=json.dumps(template), Capabilities=["CAPABILITY_AUTO_EXPAND"])


def test_missing_parameter_is_reported_by_create_stack(cfn: Any) -> None:
    template = {"Parameters": {"Name": {"Type": "String"}}, "Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}
    with pytest.raises(ClientError, match="Missing parameter Name"):
        cfn.create_stack(StackName="param", TemplateBody=json.dumps(template))


def test_exports_are_published_on_completion_and_clash_fails_the_stack(sandbox: Sandbox, cfn: Any) -> None:
    exporter = {"Resources": {"Queue": {"Type": "AWS::SQS::Queue"}},
                "Outputs": {"Arn": {"Value": {"Fn::GetAtt": ["Queue", "Arn"]}, "Export": {"Name": "shared-queue-arn"}}}}
    deploy(cfn, "exporter", exporter)
    assert [e["Name"] for e in cfn.list_exports()["Exports"]] == ["shared-queue-arn"]
    importer = {"Resources": {"Param": {"Type": "AWS::SSM::Parameter", "Properties": {
        "Type": "String", "Value": {"Fn::ImportValue": "shared-queue-arn"}}}}}
    assert deploy(cfn, "importer", importer)["StackStatus"] == "CREATE_COMPLETE"
    clash = deploy(cfn, "clash", exporter)
    assert clash["StackStatus"] == "ROLLBACK_COMPLETE"
    reason = next(e["ResourceStatusReason"] for e in stack_events(cfn, "clash")
                  if e["ResourceStatus"] == "ROLLBACK_IN_PROGRESS")
    assert reason.startswith("Export with name shared-queue-arn is already exported by stack exporter")
    assert len(sandbox.client("sqs").list_queues()["QueueUrls"]) == 1


def test_describe_stack_resource_reports_each_resource(cfn: Any) -> None:
    deploy(cfn, "detail", three_resources())
    detail = cfn.describe_stack_resource(StackName="detail", LogicalResourceId="Queue")["StackResourceDetail"]
    assert detail["ResourceStatus"] == "CREATE_COMPLETE" and detail["ResourceType"] == "AWS::SQS::Queue"
    listed = cfn.describe_stack_resources(StackName="detail")["StackResources"]
    assert {r["LogicalResourceId"] for r in listed} == {"Queue", "Topic", "Sub"}
    by_physical = cfn.describe_stack_resources(PhysicalResourceId=detail["PhysicalResourceId"])["StackResources"]
    assert by_physical[0]["StackName"] == "detail"
    with pytest.raises(ClientError, match="Resource Nope does not exist for stack detail"):
        cfn.describe_stack_resource(StackName="detail", LogicalResourceId="Nope")


def test_reset_stops_a_running_operation(sandbox: Sandbox, cfn: Any) -> None:
    sandbox.settings(cfn_resource_delay_ms=150)
    queues = {f"Q{i}": {"Type": "AWS::SQS::Queue"} for i in range(6)}
    cfn.create_stack(StackName="interrupted", TemplateBody=json.dumps({"Resources": queues}))
    time.sleep(0.2)
    sandbox.post("/moto-api/reset")
    time.sleep(0.5)
    assert cfn.describe_stacks()["Stacks"] == []
    assert "QueueUrls" not in sandbox.client("sqs").list_queues()
