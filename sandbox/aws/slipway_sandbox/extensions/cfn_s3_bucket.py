"""AWS::S3::Bucket: notifications and versioning from the template, and honest deletes.

moto gap: moto's model applies only BucketEncryption and Tags. NotificationConfiguration (queue,
topic, Lambda and EventBridge notifications: the heart of S3-triggered blueprints) and
VersioningConfiguration were ignored, and an update that changed Tags on a bucket without an
explicit BucketName failed with KeyError. Deleting a bucket that still has objects silently did
nothing while the stack reported DELETE_COMPLETE. Here notifications and versioning are put on
create and update (moto then really sends S3 event notifications to SQS/SNS/EventBridge), and
deleting a non-empty bucket raises BucketNotEmpty ("The bucket you tried to delete is not empty"),
so the stack goes DELETE_FAILED as in AWS and succeeds once the bucket is emptied.
"""

from __future__ import annotations

from typing import Any

from moto.s3.exceptions import BucketNotEmpty
from moto.s3.models import FakeBucket, s3_backends
from moto.utilities.utils import get_partition


def _filter(cfn_filter: dict[str, Any] | None) -> dict[str, Any] | None:
    """CloudFormation's Filter.S3Key.Rules -> moto's Filter.S3Key.FilterRule (the S3 API's XML shape)."""
    rules = ((cfn_filter or {}).get("S3Key") or {}).get("Rules")
    return {"S3Key": {"FilterRule": [{"Name": r["Name"], "Value": r["Value"]} for r in rules]}} if rules else None


def _notifications(properties: dict[str, Any]) -> dict[str, Any] | None:
    cfn = properties.get("NotificationConfiguration")
    if not cfn:
        return None

    def entries(key: str, target_key: str, moto_target_key: str) -> list[dict[str, Any]]:
        return [
            {moto_target_key: item[target_key], "Event": [item["Event"]], "Filter": _filter(item.get("Filter"))}
            for item in cfn.get(key) or []
        ]

    config: dict[str, Any] = {
        "QueueConfiguration": entries("QueueConfigurations", "Queue", "Queue"),
        "TopicConfiguration": entries("TopicConfigurations", "Topic", "Topic"),
        "CloudFunctionConfiguration": entries("LambdaConfigurations", "Function", "CloudFunction"),
    }
    if (cfn.get("EventBridgeConfiguration") or {}).get("EventBridgeEnabled") in (True, "true", "True"):
        config["EventBridgeConfiguration"] = {}
    return {k: v for k, v in config.items() if v or k == "EventBridgeConfiguration"}


def _apply_properties(bucket_name: str, properties: dict[str, Any], account_id: str, region_name: str) -> None:
    backend = s3_backends[account_id][get_partition(region_name)]
    backend.get_bucket(bucket_name).set_notification_configuration(_notifications(properties))
    versioning = (properties.get("VersioningConfiguration") or {}).get("Status")
    if versioning:
        backend.put_bucket_versioning(bucket_name, versioning)


def apply() -> None:
    original_create = FakeBucket.create_from_cloudformation_json
    original_update = FakeBucket.update_from_cloudformation_json

    def create(cls: type[FakeBucket], resource_name: str, cloudformation_json: Any, account_id: str,
               region_name: str, **kwargs: Any) -> FakeBucket:
        bucket = original_create(resource_name, cloudformation_json, account_id, region_name, **kwargs)
        _apply_properties(bucket.name, cloudformation_json.get("Properties") or {}, account_id, region_name)
        return bucket

    def update(cls: type[FakeBucket], original_resource: FakeBucket, new_resource_name: str,
               cloudformation_json: Any, account_id: str, region_name: str) -> FakeBucket:
        properties = dict(cloudformation_json.get("Properties") or {})
        replaced = "BucketName" in properties and properties["BucketName"] != original_resource.name
        if not replaced:
            properties["BucketName"] = original_resource.name  # moto's tag update reads it unconditionally
        bucket = original_update(original_resource, new_resource_name, dict(cloudformation_json, Properties=properties),
                                 account_id, region_name)
        _apply_properties(bucket.name, properties, account_id, region_name)
        return bucket

    def delete(cls: type[FakeBucket], resource_name: str, cloudformation_json: Any, account_id: str,
               region_name: str) -> None:
        backend = s3_backends[account_id][get_partition(region_name)]
        if resource_name in backend.buckets and backend.delete_bucket(resource_name) is None:
            raise BucketNotEmpty(resource_name)

    FakeBucket.create_from_cloudformation_json = classmethod(create)  # type: ignore[assignment]
    FakeBucket.update_from_cloudformation_json = classmethod(update)  # type: ignore[assignment]
    FakeBucket.delete_from_cloudformation_json = classmethod(delete)  # type: ignore[assignment]
