"""AWS::SNS::TopicPolicy as the real Policy attribute of moto's topics.

moto gap: no CloudFormation model for AWS::SNS::TopicPolicy; the resource was skipped, so
GetTopicAttributes kept showing the default policy. Here the policy document is set on every
listed topic; on delete (or when a topic leaves the list) the topic gets its default policy back,
as in AWS.
"""

from __future__ import annotations

from typing import Any

from moto.sns.models import sns_backends

from ..cfn_types import SandboxResource, as_json_string, register_cfn_resource, require


def _topic_region(topic_arn: str, default: str) -> str:
    parts = topic_arn.split(":")
    return parts[3] if len(parts) > 5 and parts[3] else default


class SnsTopicPolicy(SandboxResource):
    CFN_TYPE = "AWS::SNS::TopicPolicy"
    ATTRIBUTES = ("Id",)

    @classmethod
    def create(cls, name: str, properties: dict[str, Any], account_id: str, region_name: str,
               logical_id: str) -> "SnsTopicPolicy":
        require(properties, "PolicyDocument", "Topics")
        resource = cls(account_id, region_name, name, {"Id": name})
        resource.topics = []
        resource._set(properties)
        return resource

    def _set(self, properties: dict[str, Any]) -> None:
        document = as_json_string(properties["PolicyDocument"])
        topics = list(properties["Topics"])
        for arn in topics:
            sns_backends[self.account_id][_topic_region(arn, self.region_name)].set_topic_attribute(arn, "policy", document)
        for arn in self.topics:
            if arn not in topics:
                self._restore_default(arn)
        self.topics = topics

    def _restore_default(self, arn: str) -> None:
        backend = sns_backends[self.account_id][_topic_region(arn, self.region_name)]
        topic = backend.topics.get(arn)
        if topic is not None:  # the topic may already be gone (deleted earlier in the same stack)
            topic._policy_json = topic._create_default_topic_policy(backend.region_name, self.account_id, topic.name)

    def update_in_place(self, properties: dict[str, Any]) -> bool:
        require(properties, "PolicyDocument", "Topics")
        self._set(properties)
        return True

    def destroy(self) -> None:
        for arn in self.topics:
            self._restore_default(arn)
        self.topics = []


def apply() -> None:
    register_cfn_resource(SnsTopicPolicy)
