"""AWS::S3::BucketPolicy as the real policy of a moto bucket.

moto gap: no CloudFormation model for AWS::S3::BucketPolicy; GetBucketPolicy answered
NoSuchBucketPolicy after the stack said CREATE_COMPLETE. Here PutBucketPolicy runs for real and
the policy is removed on delete (when the bucket still exists). Ref returns a generated id, as in AWS.
"""

from __future__ import annotations

from typing import Any

from moto.s3.models import s3_backends
from moto.utilities.utils import get_partition

from ..cfn_types import SandboxResource, as_json_string, register_cfn_resource, require


class S3BucketPolicy(SandboxResource):
    CFN_TYPE = "AWS::S3::BucketPolicy"
    ATTRIBUTES = ()

    @classmethod
    def create(cls, name: str, properties: dict[str, Any], account_id: str, region_name: str,
               logical_id: str) -> "S3BucketPolicy":
        require(properties, "Bucket", "PolicyDocument")
        s3_backends[account_id][get_partition(region_name)].put_bucket_policy(
            properties["Bucket"], as_json_string(properties["PolicyDocument"]).encode("utf-8"))
        resource = cls(account_id, region_name, name, {})
        resource.bucket = properties["Bucket"]
        return resource

    def update_in_place(self, properties: dict[str, Any]) -> bool:
        if properties.get("Bucket") != self.bucket:
            return False
        s3_backends[self.account_id][get_partition(self.region_name)].put_bucket_policy(
            self.bucket, as_json_string(properties["PolicyDocument"]).encode("utf-8"))
        return True

    def destroy(self) -> None:
        backend = s3_backends[self.account_id][get_partition(self.region_name)]
        if self.bucket in backend.buckets:
            backend.delete_bucket_policy(self.bucket)


def apply() -> None:
    register_cfn_resource(S3BucketPolicy)
