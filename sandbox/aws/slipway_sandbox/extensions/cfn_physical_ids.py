"""Ref returns what AWS returns for types whose moto model has no physical id.

moto gap: when a model has no ``physical_resource_id``, moto's Ref hands the Python object itself
to whatever refers to it. ``EventBusName: !Ref Bus`` on a rule then failed ("'EventBus' object has
no attribute 'split'"), and an AWS::ApiGateway::Stage with ``DeploymentId: !Ref Deployment``
stored the object so every GetStage answered HTTP 500. AWS returns: the bus name
(AWS::Events::EventBus), the archive name (AWS::Events::Archive), the deployment id
(AWS::ApiGateway::Deployment). Lambda::Permission and Lambda::Version get theirs in
cfn_resource_deletes, Lambda::LayerVersion in cfn_lambda_layer_version.
"""

from __future__ import annotations

from moto.apigateway.models import Deployment
from moto.events.models import Archive, EventBus


def apply() -> None:
    EventBus.physical_resource_id = property(lambda self: self.name)  # type: ignore[attr-defined]
    Archive.physical_resource_id = property(lambda self: self.name)  # type: ignore[attr-defined]
    Deployment.physical_resource_id = property(lambda self: self.id)  # type: ignore[attr-defined]
