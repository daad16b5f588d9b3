"""AWS::ECS::TaskDefinition with every property CloudFormation passes to RegisterTaskDefinition.

moto gap: moto's CloudFormation model registers only the family, containers, volumes and memory,
so a Fargate task definition lost its task role, execution role, network mode, CPU, launch type
compatibility and runtime platform (DescribeTaskDefinition answered without ``taskRoleArn``). Here
the properties map onto RegisterTaskDefinition's parameters as the resource reference documents
(https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ecs-taskdefinition.html).
"""

from __future__ import annotations

from typing import Any

from moto.core.utils import pascal_to_camelcase, remap_nested_keys
from moto.ecs.models import TaskDefinition, ecs_backends


def _register(properties: dict[str, Any], account_id: str, region_name: str, family: str) -> TaskDefinition:
    tags = properties.get("Tags")
    return ecs_backends[account_id][region_name].register_task_definition(
        family=family,
        container_definitions=remap_nested_keys(properties.get("ContainerDefinitions", []), pascal_to_camelcase),
        volumes=remap_nested_keys(properties.get("Volumes", []), pascal_to_camelcase),
        network_mode=properties.get("NetworkMode"),
        tags=[{"key": t["Key"], "value": t["Value"]} for t in tags] if tags else None,
        placement_constraints=remap_nested_keys(properties.get("PlacementConstraints", []), pascal_to_camelcase) or None,
        requires_compatibilities=properties.get("RequiresCompatibilities"),
        cpu=None if properties.get("Cpu") is None else str(properties["Cpu"]),
        memory=None if properties.get("Memory") is None else str(properties["Memory"]),
        task_role_arn=properties.get("TaskRoleArn"),
        execution_role_arn=properties.get("ExecutionRoleArn"),
        runtime_platform=remap_nested_keys(properties.get("RuntimePlatform"), pascal_to_camelcase) if properties.get("RuntimePlatform") else None,
        ephemeral_storage=remap_nested_keys(properties.get("EphemeralStorage"), pascal_to_camelcase) if properties.get("EphemeralStorage") else None,
    )


def apply() -> None:
    def create(cls: type[TaskDefinition], resource_name: str, cloudformation_json: Any, account_id: str,
               region_name: str, **kwargs: Any) -> TaskDefinition:
        properties = cloudformation_json["Properties"]
        return _register(properties, account_id, region_name, properties.get("Family") or resource_name)

    def update(cls: type[TaskDefinition], original_resource: TaskDefinition, new_resource_name: str,
               cloudformation_json: Any, account_id: str, region_name: str) -> TaskDefinition:
        # Task definitions are immutable: CloudFormation registers a new revision for any change and
        # deregisters the one it replaced.
        properties = cloudformation_json["Properties"]
        ecs_backends[account_id][region_name].deregister_task_definition(original_resource.arn)
        return _register(properties, account_id, region_name, properties.get("Family") or original_resource.family)

    TaskDefinition.create_from_cloudformation_json = classmethod(create)  # type: ignore[method-assign,assignment]
    TaskDefinition.update_from_cloudformation_json = classmethod(update)  # type: ignore[method-assign,assignment]
