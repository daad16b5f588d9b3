"""SNS message data protection (extension ``sns_data_protection``): the post's clinic scenario end to end.

Source: "Introducing message data protection for Amazon SNS" (AWS Compute Blog). Policies are stored
and validated through the SNS API and CloudFormation; Publish is scanned, denied, audited and counted;
outbound statements match the principal that created each subscription.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from conftest import ACCOUNT, REGION, Sandbox, deploy, outputs_of, wait_for_stack

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from slipway_sandbox.sns_data_identifiers import DETECTORS, find_identifiers  # noqa: E402

CASES = json.loads((Path(__file__).parent / "data" / "sns_data_identifier_cases.json").read_text())
ARN = "arn:aws:dataprotection::aws:data-identifier/"
LOG_GROUP = "/aws/vendedlogs/clinicaudit"
TRUST_ACCOUNT = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}, "Action": "sts:AssumeRole"}],
}


def clinic_policy(billing_role: str, scheduling_role: str, bucket: str = "clinic-audit", rate: int = 99) -> dict[str, Any]:
    """The post's policy (without Firehose, which the sandbox cannot create through CloudFormation)."""
    return {
        "Name": "data-protection-example-policy",
        "Description": "Policy Description",
        "Version": "2021-06-01",
        "Statement": [
            {
                "Sid": "audit", "DataDirection": "Inbound", "Principal": ["*"],
                "DataIdentifier": [ARN + n for n in ("Address", "AwsSecretKey", "DriversLicense-US", "EmailAddress",
                                                     "IpAddress", "NationalDrugCode-US", "PassportNumber-US", "Ssn-US")],
                "Operation": {"Audit": {
                    "SampleRate": str(rate),
                    "FindingsDestination": {"CloudWatchLogs": {"LogGroup": LOG_GROUP}},
                    "NoFindingsDestination": {"S3": {"Bucket": bucket}},
                }},
            },
            {"Sid": "deny-inbound", "DataDirection": "Inbound", "Principal": ["*"],
             "DataIdentifier": [ARN + "PassportNumber-US", ARN + "Ssn-US"], "Operation": {"Deny": {}}},
            {"Sid": "deny-outbound-billing", "DataDirection": "Outbound", "Principal": [billing_role],
             "DataIdentifier": [ARN + "NationalDrugCode-US"], "Operation": {"Deny": {}}},
            {"Sid": "deny-outbound-scheduling", "DataDirection": "Outbound", "Principal": [scheduling_role],
             "DataIdentifier": [ARN + "Address", ARN + "CreditCardNumber"], "Operation": {"Deny": {}}},
        ],
    }


def as_role(sandbox: Sandbox, role_arn: str, service: str) -> Any:
    creds = sandbox.client("sts").assume_role(RoleArn=role_arn, RoleSessionName="team")["Credentials"]
    return boto3.client(
        service, endpoint_url=sandbox.endpoint, region_name=REGION, aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"], aws_session_token=creds["SessionToken"],
        config=Config(retries={"max_attempts": 1, "mode": "standard"}),
    )


def drain(sqs: Any, url: str) -> list[str]:
    bodies = []
    while True:
        messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
        if not messages:
            return bodies
        for message in messages:
            bodies.append(message["Body"])
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])


def audit_records(logs: Any) -> list[dict[str, Any]]:
    events = logs.filter_log_events(logGroupName=LOG_GROUP)["events"]
    return [json.loads(e["message"]) for e in events]


# --- the shared case table ---------------------------------------------------------------------------
@pytest.mark.parametrize("case", CASES, ids=[c["message"][:40] for c in CASES])
def test_every_case_in_the_table_gives_its_findings(case: dict[str, Any]) -> None:
    found = [{"dataIdentifier": f["name"], "count": f["count"], "detections": f["detections"]}
             for f in find_identifiers(case["message"], DETECTORS)]
    assert found == case["findings"], case["note"]


def test_the_table_covers_true_and_false_positives_of_every_identifier() -> None:
    assert len(CASES) >= 60
    positives = {f["dataIdentifier"] for c in CASES for f in c["findings"]}
    assert positives == set(DETECTORS)
    for case in CASES:
        assert case["note"] and case["findings"] == sorted(case["findings"], key=lambda f: f["dataIdentifier"])
    # The post's four messages are in it, with the post's span for the SSN.
    by_message = {c["message"]: c["findings"] for c in CASES}
    assert by_message["This is a demo!"] == []
    assert by_message["SSN: 123-12-1234"] == [{"dataIdentifier": "Ssn-US", "count": 1,
                                               "detections": [{"start": 5, "end": 15}]}]
    assert [f["dataIdentifier"] for f in by_message["410 Terry Ave N, Seattle 98109, WA"]] == ["Address"]
    assert [f["dataIdentifier"] for f in by_message["NDC: 0777-3105-02"]] == ["NationalDrugCode-US"]


# --- policy storage ----------------------------------------------------------------------------------
def test_put_and_get_data_protection_policy(sandbox: Sandbox) -> None:
    sns = sandbox.client("sns")
    topic = sns.create_topic(Name="clinic")["TopicArn"]
    assert sns.get_data_protection_policy(ResourceArn=topic)["DataProtectionPolicy"] == ""
    policy = json.dumps(clinic_policy(f"arn:aws:iam::{ACCOUNT}:role/b", f"arn:aws:iam::{ACCOUNT}:role/s"))
    sns.put_data_protection_policy(ResourceArn=topic, DataProtectionPolicy=policy)
    assert json.loads(sns.get_data_protection_policy(ResourceArn=topic)["DataProtectionPolicy"]) == json.loads(policy)

    created = sns.create_topic(Name="with-policy", DataProtectionPolicy=policy)["TopicArn"]
    assert sns.get_data_protection_policy(ResourceArn=created)["DataProtectionPolicy"] == policy

    with pytest.raises(ClientError) as missing:
        sns.get_data_protection_policy(ResourceArn=f"arn:aws:sns:{REGION}:{ACCOUNT}:nope")
    assert missing.value.response["Error"]["Code"] == "NotFound"


def _statement(**changes: Any) -> dict[str, Any]:
    statement = {"Sid": "deny", "DataDirection": "Inbound", "Principal": ["*"],
                 "DataIdentifier": [ARN + "Ssn-US"], "Operation": {"Deny": {}}}
    statement.update(changes)
    return {k: v for k, v in statement.items() if v is not None}


@pytest.mark.parametrize("policy,reason", [
    ("not json", "not valid JSON"),
    ({"Version": "2021-06-01", "Statement": [_statement()]}, "Name is required"),
    ({"Name": "p", "Version": "2012-10-17", "Statement": [_statement()]}, "Version must be 2021-06-01"),
    ({"Name": "p", "Version": "2021-06-01", "Statement": []}, "Statement must be a non-empty list"),
    ({"Name": "p", "Version": "2021-06-01", "Statement": [_statement(DataDirection="Sideways")]}, "DataDirection"),
    ({"Name": "p", "Version": "2021-06-01", "Statement": [_statement(Principal=[])]}, "Principal"),
    ({"Name": "p", "Version": "2021-06-01", "Statement": [_statement(DataIdentifier=["Ssn-US"])]}, "DataIdentifier"),
    ({"Name": "p", "Version": "2021-06-01", "Statement": [_statement(DataIdentifier=[ARN + "Nope"])]}, "DataIdentifier"),
    ({"Name": "p", "Version": "2021-06-01", "Statement": [_statement(Operation={"Deny": {}, "Audit": {}})]}, "exactly one"),
    ({"Name": "p", "Version": "2021-06-01", "Statement": [_statement(Operation={"Audit": {"SampleRate": "100",
      "FindingsDestination": {"S3": {"Bucket": "b"}}}})]}, "SampleRate"),
    ({"Name": "p", "Version": "2021-06-01", "Statement": [_statement(Operation={"Audit": {"SampleRate": "5"}})]},
     "FindingsDestination or NoFindingsDestination"),
    ({"Name": "p", "Version": "2021-06-01", "Statement": [_statement(Operation={"Audit": {"SampleRate": "5",
      "FindingsDestination": {"CloudWatchLogs": {"LogGroup": "/plain/group"}}}})]}, "/aws/vendedlogs/"),
    ({"Name": "p", "Version": "2021-06-01", "Statement": [_statement(), _statement()]}, "unique"),
])
def test_invalid_policies_are_refused_with_invalid_parameter(sandbox: Sandbox, policy: Any, reason: str) -> None:
    sns = sandbox.client("sns")
    topic = sns.create_topic(Name="clinic")["TopicArn"]
    text = policy if isinstance(policy, str) else json.dumps(policy)
    with pytest.raises(ClientError) as error:
        sns.put_data_protection_policy(ResourceArn=topic, DataProtectionPolicy=text)
    assert error.value.response["Error"]["Code"] == "InvalidParameter"
    assert reason in error.value.response["Error"]["Message"]
    assert sns.get_data_protection_policy(ResourceArn=topic)["DataProtectionPolicy"] == ""


def test_cloudformation_topic_property_on_create_and_update(sandbox: Sandbox, cfn: Any) -> None:
    policy = clinic_policy(f"arn:aws:iam::{ACCOUNT}:role/b", f"arn:aws:iam::{ACCOUNT}:role/s")
    template = {"Resources": {
        "Queue": {"Type": "AWS::SQS::Queue"},
        "Topic": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": "clinic", "DataProtectionPolicy": policy}},
        "Sub": {"Type": "AWS::SNS::Subscription", "Properties": {
            "TopicArn": {"Ref": "Topic"}, "Protocol": "sqs", "Endpoint": {"Fn::GetAtt": ["Queue", "Arn"]}}},
    }}
    assert deploy(cfn, "dp", template)["StackStatus"] == "CREATE_COMPLETE"
    sns = sandbox.client("sns")
    topic = f"arn:aws:sns:{REGION}:{ACCOUNT}:clinic"
    assert json.loads(sns.get_data_protection_policy(ResourceArn=topic)["DataProtectionPolicy"]) == policy

    policy["Statement"] = policy["Statement"][1:]
    template["Resources"]["Topic"]["Properties"]["DataProtectionPolicy"] = policy
    cfn.update_stack(StackName="dp", TemplateBody=json.dumps(template))
    assert wait_for_stack(cfn, "dp")["StackStatus"] == "UPDATE_COMPLETE"
    assert json.loads(sns.get_data_protection_policy(ResourceArn=topic)["DataProtectionPolicy"]) == policy
    # Updated in place: the subscription survives.
    assert len(sns.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"]) == 1


def test_cloudformation_refuses_an_invalid_policy(sandbox: Sandbox, cfn: Any) -> None:
    template = {"Resources": {"Topic": {"Type": "AWS::SNS::Topic", "Properties": {
        "TopicName": "clinic", "DataProtectionPolicy": {"Name": "p", "Version": "2020-01-01", "Statement": []}}}}}
    assert deploy(cfn, "bad", template)["StackStatus"] == "ROLLBACK_COMPLETE"
    assert sandbox.client("sns").list_topics()["Topics"] == []


# --- the post's scenario -------------------------------------------------------------------------------
@pytest.fixture
def clinic(sandbox: Sandbox) -> dict[str, Any]:
    iam, sqs, sns = sandbox.client("iam"), sandbox.client("sqs"), sandbox.client("sns")
    roles = {team: iam.create_role(RoleName=f"{team}-role", AssumeRolePolicyDocument=json.dumps(TRUST_ACCOUNT))["Role"]["Arn"]
             for team in ("billing", "scheduling")}
    sandbox.client("logs").create_log_group(logGroupName=LOG_GROUP)
    sandbox.client("s3").create_bucket(Bucket="clinic-audit")
    topic = sns.create_topic(Name="SampleClinic")["TopicArn"]
    sns.put_data_protection_policy(ResourceArn=topic,
                                   DataProtectionPolicy=json.dumps(clinic_policy(roles["billing"], roles["scheduling"])))
    queues = {}
    for team, role in roles.items():
        url = sqs.create_queue(QueueName=f"{team}-queue")["QueueUrl"]
        arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        # Each team subscribes as its own role, as the post's subscriber stacks do (deployed with --role-arn).
        as_role(sandbox, role, "sns").subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn,
                                                Attributes={"RawMessageDelivery": "true"})
        queues[team] = url
    return {"topic": topic, "queues": queues, "roles": roles}


def test_the_posts_four_messages(sandbox: Sandbox, clinic: dict[str, Any]) -> None:
    sns, sqs, logs = sandbox.client("sns"), sandbox.client("sqs"), sandbox.client("logs")
    topic, queues = clinic["topic"], clinic["queues"]

    sns.publish(TopicArn=topic, Message="This is a demo!")
    assert drain(sqs, queues["billing"]) == ["This is a demo!"]
    assert drain(sqs, queues["scheduling"]) == ["This is a demo!"]

    with pytest.raises(ClientError) as denied:
        sns.publish(TopicArn=topic, Message="SSN: 123-12-1234")
    error = denied.value.response["Error"]
    assert (error["Code"], denied.value.response["ResponseMetadata"]["HTTPStatusCode"]) == ("AuthorizationError", 403)
    assert "denied by data protection policy statement deny-inbound" in error["Message"]
    assert drain(sqs, queues["billing"]) == [] and drain(sqs, queues["scheduling"]) == []

    sns.publish(TopicArn=topic, Message="410 Terry Ave N, Seattle 98109, WA")
    assert drain(sqs, queues["billing"]) == ["410 Terry Ave N, Seattle 98109, WA"]
    assert drain(sqs, queues["scheduling"]) == []

    sns.publish(TopicArn=topic, Message="NDC: 0777-3105-02")
    assert drain(sqs, queues["billing"]) == []
    assert drain(sqs, queues["scheduling"]) == ["NDC: 0777-3105-02"]

    records = audit_records(logs)
    caller = sandbox.client("sts").get_caller_identity()["Arn"]
    deny = [r for r in records if r.get("statementSid") == "deny-inbound"]
    assert len(deny) == 1
    assert deny[0]["dataIdentifiers"] == [{"name": "Ssn-US", "count": 1, "detections": [{"start": 5, "end": 15}]}]
    assert deny[0]["callerPrincipal"] == caller and deny[0]["resourceArn"] == topic
    assert deny[0]["dataDirection"] == "Inbound" and deny[0]["operation"] == "Deny"
    assert datetime.strptime(deny[0]["auditTimestamp"], "%Y-%m-%dT%H:%M:%SZ")

    outbound = {r["statementSid"]: r for r in records if r.get("dataDirection") == "Outbound"}
    assert set(outbound) == {"deny-outbound-scheduling", "deny-outbound-billing"}
    assert outbound["deny-outbound-scheduling"]["subscriberPrincipal"] == clinic["roles"]["scheduling"]
    assert outbound["deny-outbound-scheduling"]["dataIdentifiers"][0]["name"] == "Address"
    assert outbound["deny-outbound-billing"]["subscriberPrincipal"] == clinic["roles"]["billing"]
    assert outbound["deny-outbound-billing"]["subscriptionArn"].startswith(topic + ":")
    # The address and the drug code were audited (findings go to the log group) under the same message ids.
    audited = [r for r in records if "statementSid" not in r]
    assert [r["dataIdentifiers"][0]["name"] for r in audited] == ["Address", "NationalDrugCode-US"]
    assert {r["messageId"] for r in audited} == {r["messageId"] for r in outbound.values()}

    # The message without findings went to the NoFindingsDestination bucket.
    s3 = sandbox.client("s3")
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket="clinic-audit").get("Contents", [])]
    assert len(keys) == 1 and keys[0].startswith(f"AWSLogs/{ACCOUNT}/SNS/{REGION}/")
    no_findings = json.loads(s3.get_object(Bucket="clinic-audit", Key=keys[0])["Body"].read())
    assert no_findings["dataIdentifiers"] == [] and no_findings["resourceArn"] == topic

    cloudwatch = sandbox.client("cloudwatch")
    now = datetime.now(timezone.utc)

    def total(metric: str) -> float:
        points = cloudwatch.get_metric_statistics(
            Namespace="AWS/SNS", MetricName=metric, Dimensions=[{"Name": "TopicName", "Value": "SampleClinic"}],
            StartTime=now - timedelta(minutes=5), EndTime=now + timedelta(minutes=1), Period=60, Statistics=["Sum"],
        )["Datapoints"]
        return sum(p["Sum"] for p in points)

    assert total("MessageWithFindings") == 3
    assert total("MessageWithNoFindings") == 1


def test_inbound_statements_match_only_their_principals(sandbox: Sandbox, clinic: dict[str, Any]) -> None:
    sns = sandbox.client("sns")
    policy = clinic_policy(clinic["roles"]["billing"], clinic["roles"]["scheduling"])
    policy["Statement"][1]["Principal"] = [clinic["roles"]["billing"]]  # only billing may not send SSNs
    sns.put_data_protection_policy(ResourceArn=clinic["topic"], DataProtectionPolicy=json.dumps(policy))
    sns.publish(TopicArn=clinic["topic"], Message="SSN: 123-12-1234")  # the default caller is not billing
    with pytest.raises(ClientError) as denied:
        as_role(sandbox, clinic["roles"]["billing"], "sns").publish(TopicArn=clinic["topic"], Message="SSN: 123-12-1234")
    assert denied.value.response["Error"]["Code"] == "AuthorizationError"
    deny = [r for r in audit_records(sandbox.client("logs")) if r.get("statementSid") == "deny-inbound"]
    assert [r["callerPrincipal"] for r in deny] == [clinic["roles"]["billing"]]


def test_sample_rate_is_deterministic(sandbox: Sandbox, clinic: dict[str, Any]) -> None:
    sns = sandbox.client("sns")
    policy = clinic_policy(clinic["roles"]["billing"], clinic["roles"]["scheduling"], rate=50)
    sns.put_data_protection_policy(ResourceArn=clinic["topic"], DataProtectionPolicy=json.dumps(policy))
    for _ in range(4):
        sns.publish(TopicArn=clinic["topic"], Message="Contact jane.doe@example.com")
    assert len(audit_records(sandbox.client("logs"))) == 2
    policy = clinic_policy(clinic["roles"]["billing"], clinic["roles"]["scheduling"], rate=0)
    sns.put_data_protection_policy(ResourceArn=clinic["topic"], DataProtectionPolicy=json.dumps(policy))
    sns.publish(TopicArn=clinic["topic"], Message="Contact jane.doe@example.com")
    assert len(audit_records(sandbox.client("logs"))) == 2


def test_cloudformation_subscriptions_belong_to_the_stack_service_role(sandbox: Sandbox, cfn: Any) -> None:
    iam, sns, sqs = sandbox.client("iam"), sandbox.client("sns"), sandbox.client("sqs")
    billing = iam.create_role(RoleName="billing-role", AssumeRolePolicyDocument=json.dumps(TRUST_ACCOUNT))["Role"]["Arn"]
    topic = sns.create_topic(Name="SampleClinic")["TopicArn"]
    policy = clinic_policy(billing, f"arn:aws:iam::{ACCOUNT}:role/scheduling-role")
    sns.put_data_protection_policy(ResourceArn=topic, DataProtectionPolicy=json.dumps(policy))
    subscriber = {"Resources": {
        "Queue": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "billing-queue"}},
        "Sub": {"Type": "AWS::SNS::Subscription", "Properties": {
            "TopicArn": topic, "Protocol": "sqs", "Endpoint": {"Fn::GetAtt": ["Queue", "Arn"]},
            "RawMessageDelivery": True}},
    }}
    # The post's deploy script: `sam deploy ... --template 2.2-billing.yml --role-arn $billing_role`.
    stack = deploy(cfn, "billing", subscriber, RoleARN=billing)
    assert stack["StackStatus"] == "CREATE_COMPLETE", outputs_of(stack)
    url = sqs.get_queue_url(QueueName="billing-queue")["QueueUrl"]
    sns.publish(TopicArn=topic, Message="NDC: 0777-3105-02")
    sns.publish(TopicArn=topic, Message="This is a demo!")
    assert drain(sqs, url) == ["This is a demo!"]


def test_the_clinic_blueprint_reproduces_the_post_by_default(sandbox: Sandbox, cfn: Any) -> None:
    template = (Path(__file__).resolve().parents[3] / "blueprints" / "sns-message-data-protection" / "template.yaml")
    # The sandbox launches without the Firehose stream (blueprint.yaml's sandboxParameters).
    stack = deploy(cfn, "clinic", template.read_text(), {"AuditToFirehose": "false"})
    assert stack["StackStatus"] == "CREATE_COMPLETE"
    out = outputs_of(stack)
    sns, logs = sandbox.client("sns"), sandbox.client("logs")
    topic = out["ClinicTopicArn"]
    assert json.loads(sns.get_data_protection_policy(ResourceArn=topic)["DataProtectionPolicy"])["Name"] == \
        "clinic-data-protection"
    # One stack instance per team, run as (and so owned by) the team's role.
    instances = [s for s in cfn.describe_stacks()["Stacks"] if s["StackName"].startswith("StackSet-clinic-")]
    assert sorted(s["RoleARN"] for s in instances) == sorted([out["BillingSubscriberRoleArn"],
                                                              out["SchedulingSubscriberRoleArn"]])
    assert len(sns.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"]) == 2

    sns.publish(TopicArn=topic, Message="This is a demo!")
    with pytest.raises(ClientError) as denied:
        sns.publish(TopicArn=topic, Message="SSN: 123-12-1234")
    assert denied.value.response["Error"]["Code"] == "AuthorizationError"
    sns.publish(TopicArn=topic, Message="410 Terry Ave N, Seattle 98109, WA")
    sns.publish(TopicArn=topic, Message="NDC: 0777-3105-02")

    events = logs.filter_log_events(logGroupName=out["AuditLogGroupName"])["events"]
    records = [json.loads(e["message"]) for e in events]
    deny = [r for r in records if r.get("statementSid") == "deny-inbound"]
    assert [d["dataIdentifiers"] for d in deny] == [[{"name": "Ssn-US", "count": 1, "detections": [{"start": 5, "end": 15}]}]]
    outbound = sorted((r["statementSid"], r["subscriberPrincipal"]) for r in records if r.get("dataDirection") == "Outbound")
    assert outbound == [("deny-outbound-billing", out["BillingSubscriberRoleArn"]),
                        ("deny-outbound-scheduling", out["SchedulingSubscriberRoleArn"])]

    # As the README says: empty the audit bucket (it holds the no-findings record), then delete.
    s3 = sandbox.client("s3")
    for item in s3.list_objects_v2(Bucket=out["AuditBucketName"]).get("Contents", []):
        s3.delete_object(Bucket=out["AuditBucketName"], Key=item["Key"])
    cfn.delete_stack(StackName="clinic")
    final = wait_for_stack(cfn, stack["StackId"])
    assert final["StackStatus"] == "DELETE_COMPLETE"
    assert not [s for s in cfn.describe_stacks()["Stacks"] if s["StackName"].startswith("StackSet-clinic-")]
    assert sns.list_subscriptions()["Subscriptions"] == []


def test_findings_reach_a_firehose_stream(sandbox: Sandbox) -> None:
    s3, sns, firehose = sandbox.client("s3"), sandbox.client("sns"), sandbox.client("firehose")
    s3.create_bucket(Bucket="findings")
    firehose.create_delivery_stream(
        DeliveryStreamName="audit", DeliveryStreamType="DirectPut",
        ExtendedS3DestinationConfiguration={"RoleARN": f"arn:aws:iam::{ACCOUNT}:role/firehose",
                                            "BucketARN": "arn:aws:s3:::findings", "Prefix": "f/"},
    )
    topic = sns.create_topic(Name="clinic")["TopicArn"]
    policy = {"Name": "p", "Version": "2021-06-01", "Statement": [{
        "Sid": "audit", "DataDirection": "Inbound", "Principal": ["*"], "DataIdentifier": [ARN + "EmailAddress"],
        "Operation": {"Audit": {"SampleRate": "99", "FindingsDestination": {"Firehose": {"DeliveryStream": "audit"}}}},
    }]}
    sns.put_data_protection_policy(ResourceArn=topic, DataProtectionPolicy=json.dumps(policy))
    sns.publish(TopicArn=topic, Message="Contact jane.doe@example.com")
    sns.publish(TopicArn=topic, Message="nothing here")  # no NoFindingsDestination: no record
    objects = s3.list_objects_v2(Bucket="findings").get("Contents", [])
    bodies = [s3.get_object(Bucket="findings", Key=o["Key"])["Body"].read().decode() for o in objects]
    records = [json.loads(line) for body in bodies for line in body.replace("}{", "}\n{").splitlines() if line]
    assert [r["dataIdentifiers"] for r in records] == [
        [{"name": "EmailAddress", "count": 1, "detections": [{"start": 8, "end": 27}]}]]
