"""What an update changes, resource by resource, as a CloudFormation change set describes it.

Both CreateChangeSet (the preview) and UpdateStack / ExecuteChangeSet (the work) use this, so what
a change set promises is what its execution does.

Each template side (the stack's current template with its parameters, the new one with the new
parameters) is resolved by moto's own ``clean_json`` against a probe ``ResourceMap`` whose resources
are *tokens* (``{{slipway:ref:X}}``, ``{{slipway:getatt:X.Attr}}``), so nothing is created and every
Ref, Fn::Sub, Fn::If (conditions), Fn::Join, Fn::FindInMap ... is evaluated with the real parameter
values. A property whose resolved value differs is a static change (``DirectModification`` when its
template text changed, ``ParameterReference`` when only a parameter it uses did, naming the parameter
as ``CausingEntity``). Resources that reference a resource that gets a new physical resource (added,
or replaced) change dynamically: ``Evaluation: Dynamic``, ``ResourceReference`` (Ref) /
``ResourceAttribute`` (Fn::GetAtt), until nothing more changes. ``Replacement`` is ``True`` when a static change
hits a property that forces replacement (``REQUIRES_RECREATION``), ``Conditional`` when such a
property changes dynamically (or is conditionally replacing), else ``False``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from moto.cloudformation import parsing

from .graph import references

# Which property changes replace a resource, as AWS documents it per resource type and property: the
# CloudFormation resource specification's UpdateType (Immutable: "Update requires: Replacement";
# Conditional: replacement depending on the value or the other properties; Mutable: in place), which
# the resource provider schemas state as createOnlyProperties and conditionalCreateOnlyProperties
# (https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/resource-type-schema.html). Copied
# from the us-east-1 schemas cfn-lint 1.51.0 ships (cfnlint/data/schemas/providers/us_east_1.py and
# resources/*.json), for the types the blueprints and the sandbox's tests use; a create-only path
# inside a property ("A/B") makes "A" conditional. Types and properties not listed: in place.
# Per type: (Immutable properties, Conditional properties).
_UPDATE_TYPES: dict[str, tuple[str, str]] = {
    "AWS::ApiGateway::Authorizer": ("RestApiId", ""),
    "AWS::ApiGateway::BasePathMapping": ("DomainName BasePath", ""),
    "AWS::ApiGateway::Deployment": ("DeploymentCanarySettings RestApiId", ""),
    "AWS::ApiGateway::DomainName": ("DomainName", ""),
    "AWS::ApiGateway::Method": ("RestApiId ResourceId HttpMethod", ""),
    "AWS::ApiGateway::Resource": ("PathPart ParentId RestApiId", ""),
    "AWS::ApiGateway::Stage": ("RestApiId StageName", ""),
    "AWS::ApiGateway::VpcLink": ("TargetArns", ""),
    "AWS::CloudWatch::Alarm": ("AlarmName", ""),
    "AWS::DynamoDB::Table": ("TableName ImportSourceSpecification", "KeySchema"),
    "AWS::EC2::Instance": (
        "AvailabilityZone CpuOptions ElasticGpuSpecifications "
        "ElasticInferenceAccelerators EnclaveOptions HibernationOptions "
        "HostResourceGroupArn ImageId Ipv6AddressCount Ipv6Addresses KeyName "
        "LaunchTemplate LicenseSpecifications NetworkInterfaces "
        "PlacementGroupName PrivateIpAddress SecurityGroups SubnetId",
        "AdditionalInfo Affinity EbsOptimized HostId InstanceType KernelId "
        "PrivateDnsNameOptions RamdiskId Tenancy UserData BlockDeviceMappings "
        "SecurityGroupIds",
    ),
    "AWS::EC2::SecurityGroup": ("GroupDescription GroupName VpcId", ""),
    "AWS::EC2::SecurityGroupIngress": (
        "GroupName IpProtocol SourceSecurityGroupId SourcePrefixListId ToPort "
        "CidrIp SourceSecurityGroupName SourceSecurityGroupOwnerId FromPort "
        "GroupId CidrIpv6",
        "",
    ),
    "AWS::EC2::Subnet": (
        "VpcId AvailabilityZone AvailabilityZoneId CidrBlock OutpostArn "
        "Ipv6Native Ipv4IpamPoolId Ipv4NetmaskLength Ipv6IpamPoolId "
        "Ipv6NetmaskLength",
        "Ipv6CidrBlock",
    ),
    "AWS::EC2::VPC": ("CidrBlock Ipv4IpamPoolId Ipv4NetmaskLength", "InstanceTenancy"),
    "AWS::ECR::Repository": ("RepositoryName EncryptionConfiguration", ""),
    "AWS::ECS::Cluster": ("ClusterName", ""),
    "AWS::ECS::Service": ("Cluster Role SchedulingStrategy ServiceName", "LaunchType"),
    "AWS::ECS::TaskDefinition": (
        "Family ContainerDefinitions Cpu EnableFaultInjection ExecutionRoleArn "
        "InferenceAccelerators Memory NetworkMode PlacementConstraints "
        "ProxyConfiguration RequiresCompatibilities RuntimePlatform TaskRoleArn "
        "Volumes PidMode IpcMode EphemeralStorage",
        "",
    ),
    "AWS::ElasticLoadBalancingV2::Listener": ("LoadBalancerArn", ""),
    "AWS::ElasticLoadBalancingV2::LoadBalancer": ("Name Type Scheme", ""),
    "AWS::ElasticLoadBalancingV2::TargetGroup": (
        "TargetType ProtocolVersion Port Name VpcId Protocol IpAddressType",
        "",
    ),
    "AWS::Events::ApiDestination": ("Name", ""),
    "AWS::Events::Archive": ("ArchiveName SourceArn", ""),
    "AWS::Events::Connection": ("Name", ""),
    "AWS::Events::EventBus": ("Name", ""),
    "AWS::Events::Rule": ("Name", "EventBusName"),
    "AWS::IAM::InstanceProfile": ("InstanceProfileName Path", ""),
    "AWS::IAM::ManagedPolicy": ("ManagedPolicyName Description Path", ""),
    "AWS::IAM::Role": ("Path RoleName", ""),
    "AWS::KMS::Alias": ("AliasName", ""),
    "AWS::Kinesis::Stream": ("Name", ""),
    "AWS::KinesisFirehose::DeliveryStream": (
        "DeliveryStreamName DeliveryStreamType DatabaseSourceConfiguration "
        "KinesisStreamSourceConfiguration DirectPutSourceConfiguration "
        "MSKSourceConfiguration",
        "ElasticsearchDestinationConfiguration "
        "AmazonopensearchserviceDestinationConfiguration "
        "AmazonOpenSearchServerlessDestinationConfiguration "
        "IcebergDestinationConfiguration SnowflakeDestinationConfiguration",
    ),
    "AWS::Lambda::Alias": ("Name FunctionName", ""),
    "AWS::Lambda::EventSourceMapping": (
        "EventSourceArn StartingPosition StartingPositionTimestamp "
        "SelfManagedEventSource",
        "",
    ),
    "AWS::Lambda::Function": ("FunctionName PackageType TenancyConfig", "DurableConfig"),
    "AWS::Lambda::LayerVersion": (
        "CompatibleRuntimes LicenseInfo CompatibleArchitectures LayerName "
        "Description Content",
        "",
    ),
    "AWS::Lambda::Permission": (
        "FunctionName FunctionUrlAuthType InvokedViaFunctionUrl SourceAccount "
        "SourceArn Principal PrincipalOrgID Action EventSourceToken",
        "",
    ),
    "AWS::Lambda::Version": ("FunctionName Description CodeSha256 ProvisionedConcurrencyConfig RuntimePolicy", ""),
    "AWS::Logs::LogGroup": ("LogGroupName", ""),
    "AWS::Route53::RecordSet": ("HostedZoneName Name HostedZoneId", ""),
    "AWS::S3::Bucket": ("BucketName BucketNamePrefix BucketNamespace", ""),
    "AWS::S3::BucketPolicy": ("Bucket", ""),
    "AWS::SNS::Subscription": ("Endpoint Protocol TopicArn", "Region"),
    "AWS::SNS::Topic": ("TopicName FifoTopic", ""),
    "AWS::SQS::Queue": ("FifoQueue QueueName", ""),
    "AWS::SSM::Parameter": ("Name", ""),
    "AWS::SecretsManager::Secret": ("Name", ""),
    "AWS::StepFunctions::StateMachine": ("StateMachineName StateMachineType", ""),
}
ALWAYS, CONDITIONALLY, NEVER = "Always", "Conditionally", "Never"  # a Detail's Target.RequiresRecreation
REQUIRES_RECREATION: dict[str, dict[str, str]] = {
    resource_type: {**dict.fromkeys(conditional.split(), CONDITIONALLY), **dict.fromkeys(immutable.split(), ALWAYS)}
    for resource_type, (immutable, conditional) in _UPDATE_TYPES.items()
}

_TOKEN = re.compile(r"\{\{slipway:(ref|getatt):([^.}]+)(?:\.([^}]*))?\}\}")


class _Token:
    """A resource as the probe sees it: its Ref and attributes are symbols, never real values."""

    def __init__(self, logical_id: str):
        self.logical_id = logical_id
        self.physical_resource_id = "{{slipway:ref:%s}}" % logical_id

    def get_cfn_attribute(self, attribute: str) -> str:
        return "{{slipway:getatt:%s.%s}}" % (self.logical_id, attribute)


def probe_map(stack: Any, template: dict[str, Any], parameters: dict[str, Any], exports: Any) -> Any:
    """A loaded ResourceMap (parameters, mappings, conditions validated) that can create nothing."""
    probe = parsing.ResourceMap(
        stack.stack_id, stack.name, parameters, stack.tags, region_name=stack.region_name,
        account_id=stack.account_id, template=template, cross_stack_resources=exports,
    )
    probe.load()
    for logical_id in template.get("Resources") or {}:
        probe._parsed_resources[logical_id] = _Token(logical_id)
    return probe


_UNRESOLVED = object()


def _resolve(value: Any, probe: Any) -> Any:
    try:
        return parsing.clean_json(value, probe)
    except Exception:  # something moto cannot evaluate statically: compare the template text instead
        return _UNRESOLVED


def _condition_holds(probe: Any, body: dict[str, Any]) -> bool:
    condition = body.get("Condition")
    if not condition:
        return True
    try:
        return bool(probe.lazy_condition_map[condition])
    except Exception:
        return True


def _conditions_used(node: Any) -> set[str]:
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if "Fn::If" in value and isinstance(value["Fn::If"], list) and value["Fn::If"]:
                found.add(str(value["Fn::If"][0]))
            if "Condition" in value and isinstance(value["Condition"], str) and len(value) == 1:
                found.add(value["Condition"])
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(node)
    return found


def parameters_used(node: Any, template: dict[str, Any]) -> set[str]:
    """Parameters a template fragment depends on: directly (Ref, Fn::Sub) or through conditions."""
    parameters = set((template.get("Parameters") or {}).keys())
    conditions = template.get("Conditions") or {}
    used = references(node) & parameters
    seen: set[str] = set()
    pending = list(_conditions_used(node))
    while pending:
        name = pending.pop()
        if name in seen or name not in conditions:
            continue
        seen.add(name)
        used |= references(conditions[name]) & parameters
        pending.extend(_conditions_used(conditions[name]))
    return used


def _tokens(value: Any) -> list[tuple[str, str, str | None]]:
    """(kind, logical id, attribute) of every token inside a resolved value."""
    text = value if isinstance(value, str) else json.dumps(value, default=str)
    return [(m.group(1), m.group(2), m.group(3)) for m in _TOKEN.finditer(text)]


@dataclass
class Detail:
    attribute: str  # Properties | Tags | Metadata
    name: str | None
    requires_recreation: str
    evaluation: str  # Static | Dynamic
    change_source: str  # DirectModification | ParameterReference | ResourceReference | ResourceAttribute
    causing_entity: str | None = None

    def to_api(self) -> dict[str, Any]:
        target: dict[str, Any] = {"Attribute": self.attribute, "RequiresRecreation": self.requires_recreation}
        if self.name and self.attribute == "Properties":
            target["Name"] = self.name
        detail: dict[str, Any] = {"Target": target, "Evaluation": self.evaluation, "ChangeSource": self.change_source}
        if self.causing_entity:
            detail["CausingEntity"] = self.causing_entity
        return detail


@dataclass
class ResourceChange:
    action: str  # Add | Modify | Remove
    logical_id: str
    resource_type: str
    physical_id: str | None = None
    details: list[Detail] = field(default_factory=list)
    type_changed: bool = False

    @property
    def replacement(self) -> str | None:
        if self.action != "Modify":
            return None
        if self.type_changed or any(d.evaluation == "Static" and d.requires_recreation == ALWAYS for d in self.details):
            return "True"
        if any(d.requires_recreation in (ALWAYS, CONDITIONALLY) for d in self.details):
            return "Conditional"
        return "False"

    @property
    def scope(self) -> list[str]:
        order = ("Properties", "Metadata", "CreationPolicy", "UpdatePolicy", "DeletionPolicy", "Tags")
        present = {d.attribute for d in self.details}
        if self.type_changed:
            present.add("Properties")
        return [s for s in order if s in present]

    def property_names(self) -> set[str]:
        return {d.name for d in self.details if d.name}


@dataclass
class ChangePlan:
    changes: list[ResourceChange]
    new_probe: Any
    old_parameters: dict[str, Any]

    def ids(self, action: str) -> list[str]:
        return [c.logical_id for c in self.changes if c.action == action]

    @property
    def replace(self) -> set[str]:
        return {c.logical_id for c in self.changes if c.replacement == "True"}

    def diff(self) -> dict[str, list[str]]:
        return {"Add": self.ids("Add"), "Modify": self.ids("Modify"), "Remove": self.ids("Remove")}


def _recreation(resource_type: str, name: str | None) -> str:
    if not name:
        return NEVER
    return REQUIRES_RECREATION.get(resource_type, {}).get(name, NEVER)


def plan_changes(stack: Any, new_template: dict[str, Any], new_parameters: dict[str, Any], exports: Any,
                 live: dict[str, Any], physical_ids: dict[str, str]) -> ChangePlan:
    """Compare the stack's deployed template (``live``: logical id -> what exists) with a new one."""
    resource_map = stack.resource_map
    old_template = resource_map._template or {}
    old_parameters = dict(resource_map.input_parameters or {})
    new_probe = probe_map(stack, new_template, new_parameters, exports)
    old_bodies = old_template.get("Resources") or {}
    new_bodies = new_template.get("Resources") or {}
    old_probe = None
    if old_bodies:
        try:
            old_probe = probe_map(stack, old_template, old_parameters, exports)
        except Exception:  # e.g. an SSM parameter the old values came from is gone: compare template text
            old_probe = None

    old_values = dict(resource_map.resolved_parameters or {})
    changed_parameters = {
        name for name in set(old_values) | set(new_probe.resolved_parameters)
        if old_values.get(name) != new_probe.resolved_parameters.get(name)
    }

    new_live = [lid for lid, body in new_bodies.items() if _condition_holds(new_probe, body)]
    old_live = [lid for lid in old_bodies if live.get(lid) is not None]
    changes: dict[str, ResourceChange] = {}
    for lid in new_live:
        if lid not in old_live:
            changes[lid] = ResourceChange("Add", lid, new_bodies[lid]["Type"])
    resolved_new: dict[str, dict[str, Any]] = {}
    for lid in new_live:
        if lid not in old_live:
            continue
        old_body, new_body = old_bodies[lid], new_bodies[lid]
        resource_type = new_body["Type"]
        change = ResourceChange("Modify", lid, resource_type, physical_ids.get(lid))
        if old_body.get("Type") != resource_type:
            change.type_changed = True
        old_properties = old_body.get("Properties") or {}
        new_properties = new_body.get("Properties") or {}
        resolved_new[lid] = {}
        for name in list(new_properties) + [n for n in old_properties if n not in new_properties]:
            raw_old, raw_new = old_properties.get(name, _UNRESOLVED), new_properties.get(name, _UNRESOLVED)
            if raw_old is _UNRESOLVED:
                value_old = None
            else:
                value_old = _resolve(raw_old, old_probe) if old_probe is not None else _UNRESOLVED
            value_new = _resolve(raw_new, new_probe) if raw_new is not _UNRESOLVED else None
            resolved_new[lid][name] = value_new
            attribute = "Tags" if name == "Tags" else "Properties"
            recreation = NEVER if attribute == "Tags" else _recreation(resource_type, name)
            text_changed = raw_old != raw_new
            if value_old is _UNRESOLVED or value_new is _UNRESOLVED:
                causes = parameters_used(raw_new, new_template) & changed_parameters
                if not text_changed and not causes:
                    continue
                evaluation = "Dynamic"
            else:
                if value_old == value_new:
                    continue
                causes = set() if text_changed else parameters_used(raw_new, new_template) & changed_parameters
                evaluation = "Static"
            if text_changed or not causes:
                change.details.append(Detail(attribute, name, recreation, evaluation, "DirectModification"))
            for cause in sorted(causes):
                change.details.append(Detail(attribute, name, recreation, evaluation, "ParameterReference", cause))
        if (old_body.get("Metadata") or None) != (new_body.get("Metadata") or None):
            change.details.append(Detail("Metadata", None, NEVER, "Static", "DirectModification"))
        if change.details or change.type_changed:
            changes[lid] = change

    # Dynamic changes: a Ref to a resource that gets a new physical id, a GetAtt of one that changes.
    while True:
        # Only a new physical resource (added or replaced) certainly changes its Ref and attributes; an
        # in-place update keeps them (AWS re-reads them at deploy time and usually finds them equal).
        new_ids = {lid for lid, c in changes.items() if c.action == "Add" or c.replacement == "True"}
        grew = False
        for lid, properties in resolved_new.items():
            existing = changes.get(lid)
            seen = {(d.name, d.causing_entity) for d in existing.details} if existing else set()
            for name, value in properties.items():
                if value is _UNRESOLVED or value is None:
                    continue
                for kind, target, attribute in _tokens(value):
                    if kind == "ref" and target in new_ids:
                        source, entity = "ResourceReference", target
                    elif kind == "getatt" and target in new_ids:
                        source, entity = "ResourceAttribute", f"{target}.{attribute}"
                    else:
                        continue
                    if (name, entity) in seen:
                        continue
                    if existing is None:
                        existing = changes[lid] = ResourceChange(
                            "Modify", lid, new_bodies[lid]["Type"], physical_ids.get(lid))
                    attr = "Tags" if name == "Tags" else "Properties"
                    recreation = NEVER if attr == "Tags" else _recreation(existing.resource_type, name)
                    existing.details.append(Detail(attr, name, recreation, "Dynamic", source, entity))
                    seen.add((name, entity))
                    grew = True
        if not grew:
            break

    for lid in old_live:
        if lid not in new_live:
            resource_type = (old_bodies.get(lid) or {}).get("Type", "")
            changes[lid] = ResourceChange("Remove", lid, resource_type, physical_ids.get(lid))

    # The order CloudFormation lists them in: template order of the new template, removals last.
    ordered = [changes[lid] for lid in new_bodies if lid in changes and changes[lid].action != "Remove"]
    ordered += [changes[lid] for lid in old_bodies if lid in changes and changes[lid].action == "Remove"]
    return ChangePlan(ordered, new_probe, old_parameters)
