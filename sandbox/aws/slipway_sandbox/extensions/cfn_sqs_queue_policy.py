"""AWS::SQS::QueuePolicy as the real Policy attribute of moto's queues.

moto gap: no CloudFormation model for AWS::SQS::QueuePolicy; the resource was skipped, so the
queues had no policy (GetQueueAttributes showed none) and SNS->SQS fan-out blueprints could not be
checked. Here the policy document is set on every listed queue (by URL) and removed on delete.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlparse

from moto.sqs.models import sqs_backends

from ..cfn_types import SandboxResource, as_json_string, register_cfn_resource, require

_REGION_IN_HOST = re.compile(r"^(?:sqs\.)?([a-z]{2}(?:-[a-z]+)+-\d)\.")


def _queue_location(queue_url: str, default_region: str) -> tuple[str, str]:
    """(region, queue name) of a queue URL: https://sqs.<region>.amazonaws.com/<account>/<name>
    or the sandbox's http://127.0.0.1:<port>/<account>/<name>."""
    parts = urlparse(queue_url)
    match = _REGION_IN_HOST.match(parts.hostname or "")
    return (match.group(1) if match else default_region), parts.path.rstrip("/").rsplit("/", 1)[-1]


class SqsQueuePolicy(SandboxResource):
    CFN_TYPE = "AWS::SQS::QueuePolicy"
    ATTRIBUTES = ("Id",)

    @classmethod
    def create(cls, name: str, properties: dict[str, Any], account_id: str, region_name: str,
               logical_id: str) -> "SqsQueuePolicy":
        require(properties, "PolicyDocument", "Queues")
        resource = cls(account_id, region_name, name, {"Id": name})
        resource.queues = []
        resource._set(properties)
        return resource

    def _set(self, properties: dict[str, Any]) -> None:
        document = as_json_string(properties["PolicyDocument"])
        queues = list(properties["Queues"])
        for url in queues:
            region, queue_name = _queue_location(url, self.region_name)
            sqs_backends[self.account_id][region].set_queue_attributes(queue_name, {"Policy": document})
        for url in self.queues:
            if url not in queues:
                self._clear(url)
        self.queues = queues

    def _clear(self, url: str) -> None:
        region, queue_name = _queue_location(url, self.region_name)
        backend = sqs_backends[self.account_id][region]
        if queue_name in backend.queues:  # the queue may already be gone
            backend.set_queue_attributes(queue_name, {"Policy": None})

    def update_in_place(self, properties: dict[str, Any]) -> bool:
        require(properties, "PolicyDocument", "Queues")
        self._set(properties)
        return True

    def destroy(self) -> None:
        for url in self.queues:
            self._clear(url)
        self.queues = []


def apply() -> None:
    register_cfn_resource(SqsQueuePolicy)
