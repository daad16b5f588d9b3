"""Dynamic references, ECS task definitions and inline IAM policies from stacks, and the portal's own
stack (infra/slipway-portal.yaml), which needs all three."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import Sandbox, deploy, outputs_of, stack_events

REPO = Path(__file__).resolve().parents[3]


def test_secretsmanager_and_ssm_references_resolve_in_properties(sandbox: Sandbox, cfn: Any) -> None:
    secrets = sandbox.client("secretsmanager")
    arn = secrets.create_secret(Name="db-master", SecretString=json.dumps({"username": "app", "password": "pa55word"}))["ARN"]
    secrets.create_secret(Name="plain", SecretString="just-text")
    sandbox.client("ssm").put_parameter(Name="/app/host", Value="db.internal", Type="String")
    template = {
        "Resources": {
            "ByName": {"Type": "AWS::SSM::Parameter", "Properties": {
                "Type": "String", "Value": "{{resolve:secretsmanager:db-master:SecretString:password}}"}},
            "ByArn": {"Type": "AWS::SSM::Parameter", "Properties": {
                "Type": "String", "Value": {"Fn::Sub": f"postgresql://{{{{resolve:secretsmanager:{arn}:SecretString:username}}}}@{{{{resolve:ssm:/app/host}}}}/x"}}},
            "Whole": {"Type": "AWS::SSM::Parameter", "Properties": {
                "Type": "String", "Value": "{{resolve:secretsmanager:plain}}"}},
        },
        "Outputs": {name: {"Value": {"Ref": name}} for name in ("ByName", "ByArn", "Whole")},
    }
    stack = deploy(cfn, "dynrefs", template)
    assert stack["StackStatus"] == "CREATE_COMPLETE"
    ssm = sandbox.client("ssm")
    value = lambda name: ssm.get_parameter(Name=outputs_of(stack)[name])["Parameter"]["Value"]  # noqa: E731
    assert value("ByName") == "pa55word"
    assert value("ByArn") == "postgresql://app@db.internal/x"
    assert value("Whole") == "just-text"


def test_a_reference_to_a_missing_secret_fails_the_resource(sandbox: Sandbox, cfn: Any) -> None:
    template = {"Resources": {"P": {"Type": "AWS::SSM::Parameter", "Properties": {
        "Type": "String", "Value": "{{resolve:secretsmanager:no-such-secret:SecretString:password}}"}}}}
    stack = deploy(cfn, "dynrefs-missing", template)
    assert stack["StackStatus"] == "ROLLBACK_COMPLETE"
    reasons = [e.get("ResourceStatusReason", "") for e in stack_events(cfn, "dynrefs-missing") if e["ResourceStatus"] == "CREATE_FAILED"]
    assert any("no-such-secret" in reason for reason in reasons), reasons


def _portal_stack(sandbox: Sandbox, cfn: Any) -> tuple[dict[str, Any], dict[str, str]]:
    ec2 = sandbox.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]
    subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.9.{i}.0/24", AvailabilityZone=f"us-east-1{'ab'[i % 2]}")["Subnet"]["SubnetId"]
               for i in range(4)]
    certificate = sandbox.client("acm").request_certificate(DomainName="slipway.example.com")["CertificateArn"]
    stack = deploy(cfn, "slipway-portal", (REPO / "infra/slipway-portal.yaml").read_text(), {
        "ImageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/slipway:1.0.0",
        "VpcId": vpc,
        "PublicSubnetIds": ",".join(subnets[:2]),
        "PrivateSubnetIds": ",".join(subnets[2:]),
        "CertificateArn": certificate,
        "PublicUrl": "https://slipway.example.com",
        "OidcIssuer": "https://idp.example.com",
        "OidcClientId": "slipway",
        "OidcClientSecret": "client-secret-value",
    })
    resources = {r["LogicalResourceId"]: r["PhysicalResourceId"] for r in cfn.list_stack_resources(StackName="slipway-portal")["StackResourceSummaries"]}
    return stack, resources


def test_the_portal_stack_creates_and_wires_its_parts(sandbox: Sandbox, cfn: Any) -> None:
    stack, resources = _portal_stack(sandbox, cfn)
    assert stack["StackStatus"] == "CREATE_COMPLETE", stack.get("StackStatusReason")
    outputs = outputs_of(stack)

    # The database URL secret carries the generated master password, not the reference.
    secrets = sandbox.client("secretsmanager")
    master = json.loads(secrets.get_secret_value(SecretId=resources["DatabaseMasterSecret"])["SecretString"])
    url = secrets.get_secret_value(SecretId=resources["DatabaseUrlSecret"])["SecretString"]
    database = sandbox.client("rds").describe_db_instances(DBInstanceIdentifier=resources["Database"])["DBInstances"][0]
    assert url == (f"postgresql://slipway:{master['password']}@{database['Endpoint']['Address']}:5432/slipway?sslmode=require")
    assert database["StorageEncrypted"] is True and database["MultiAZ"] is True and database["Engine"] == "postgres"
    # 43 letters and digits decode as base64 to the 32-byte key the portal's crypto wants.
    key = secrets.get_secret_value(SecretId=resources["EncryptionKeySecret"])["SecretString"]
    assert len(key) == 43 and key.isalnum()

    # Web and worker run the same image as the portal's role, with secrets from Secrets Manager only.
    ecs = sandbox.client("ecs")
    for name, command in (("WebTaskDefinition", None), ("WorkerTaskDefinition", ["node", "dist/worker.mjs"]),
                          ("MigrateTaskDefinition", ["node", "dist/migrate.mjs"])):
        task = ecs.describe_task_definition(taskDefinition=resources[name])["taskDefinition"]
        container = task["containerDefinitions"][0]
        assert container["image"].endswith("slipway:1.0.0")
        assert container.get("command") == command
        assert task["requiresCompatibilities"] == ["FARGATE"] and task["networkMode"] == "awsvpc"
        assert task["executionRoleArn"].split("/")[-1] == resources["TaskExecutionRole"]
        secret_names = {s["name"] for s in container["secrets"]}
        assert "DATABASE_URL" in secret_names
        assert not any("secret" in e["name"].lower() or e["name"] == "DATABASE_URL" for e in container.get("environment", []))
        if name != "MigrateTaskDefinition":
            assert task["taskRoleArn"] == outputs["PortalRoleArn"]
            assert secret_names == {"DATABASE_URL", "NEXTAUTH_SECRET", "SLIPWAY_ENCRYPTION_KEY", "OIDC_CLIENT_SECRET"}

    # HTTPS with the certificate; plain HTTP only redirects; health checks hit the portal's health route.
    elb = sandbox.client("elbv2")
    listeners = {l["Protocol"]: l for l in elb.describe_listeners(LoadBalancerArn=resources["LoadBalancer"])["Listeners"]}
    assert listeners["HTTPS"]["Certificates"][0]["CertificateArn"].startswith("arn:aws:acm:")
    assert listeners["HTTP"]["DefaultActions"][0]["Type"] == "redirect"
    group = elb.describe_target_groups(TargetGroupArns=[resources["WebTargetGroup"]])["TargetGroups"][0]
    assert group["HealthCheckPath"] == "/api/v1/health" and group["Port"] == 3000

    # The portal's role may assume the targets' deployer roles, and only those.
    iam = sandbox.client("iam")
    role_name = outputs["PortalRoleArn"].split("/")[-1]
    # boto3 decodes the URL-encoded JSON AWS returns into a mapping; moto's Python repr stayed a string.
    policy = iam.get_role_policy(RoleName=role_name, PolicyName="assume-target-deployer-roles")["PolicyDocument"]
    assert policy["Statement"] == [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::*:role/*-DeployerRole-*"}]
