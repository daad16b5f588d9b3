"""AWS::SNS::Subscription as a real subscription in moto's SNS backend.

moto gap: moto has no CloudFormation model for AWS::SNS::Subscription (only the ``Subscription``
list inside AWS::SNS::Topic); the resource was skipped with a warning and ``Ref`` to it failed.
Here it subscribes for real (so publishing to the topic delivers to the endpoint) and applies
FilterPolicy, FilterPolicyScope, RawMessageDelivery, DeliveryPolicy, RedrivePolicy and
SubscriptionRoleArn as subscription attributes. Ref and ``Fn::GetAtt Arn`` return the subscription
ARN. Changing TopicArn, Protocol or Endpoint replaces it, as in AWS.
"""

from __future__ import annotations

from typing import Any

from moto.sns.models import sns_backends

from ..cfn_types import SandboxResource, as_bool, as_json_string, register_cfn_resource, require

# Order matters: moto validates FilterPolicy against the scope already set.
_ATTRIBUTES = ("FilterPolicyScope", "FilterPolicy", "RawMessageDelivery", "DeliveryPolicy", "RedrivePolicy",
               "SubscriptionRoleArn")
_IDENTITY = ("TopicArn", "Protocol", "Endpoint")


def _attribute_value(name: str, value: Any) -> str:
    if name == "RawMessageDelivery":
        return "true" if as_bool(value) else "false"
    if name in ("FilterPolicy", "DeliveryPolicy", "RedrivePolicy"):
        return as_json_string(value)
    return str(value)


class SnsSubscription(SandboxResource):
    CFN_TYPE = "AWS::SNS::Subscription"
    ATTRIBUTES = ("Arn",)

    @staticmethod
    def _backend(account_id: str, topic_arn: str, default_region: str) -> Any:
        parts = topic_arn.split(":")
        region = parts[3] if len(parts) > 5 and parts[3] else default_region
        return sns_backends[account_id][region]

    @classmethod
    def create(cls, name: str, properties: dict[str, Any], account_id: str, region_name: str,
               logical_id: str) -> "SnsSubscription":
        require(properties, "TopicArn", "Protocol")
        backend = cls._backend(account_id, properties["TopicArn"], properties.get("Region") or region_name)
        subscription = backend.subscribe(properties["TopicArn"], properties.get("Endpoint") or "", properties["Protocol"])
        resource = cls(account_id, backend.region_name, subscription.arn, {"Arn": subscription.arn})
        resource.identity = {k: properties.get(k) for k in _IDENTITY}
        resource._apply_attributes(properties, previous={})
        return resource

    def _apply_attributes(self, properties: dict[str, Any], previous: dict[str, Any]) -> None:
        backend = sns_backends[self.account_id][self.region_name]
        for name in _ATTRIBUTES:
            if properties.get(name) is not None:
                backend.set_subscription_attributes(self._physical_id, name, _attribute_value(name, properties[name]))
            elif previous.get(name) is not None and name == "FilterPolicy":
                backend.set_subscription_attributes(self._physical_id, name, "")  # removed from the template
        self.properties = dict(properties)

    def update_in_place(self, properties: dict[str, Any]) -> bool:
        if any(properties.get(k) != self.identity.get(k) for k in _IDENTITY):
            return False
        self._apply_attributes(properties, previous=getattr(self, "properties", {}))
        return True

    def destroy(self) -> None:
        sns_backends[self.account_id][self.region_name].unsubscribe(self._physical_id)


def apply() -> None:
    register_cfn_resource(SnsSubscription)
