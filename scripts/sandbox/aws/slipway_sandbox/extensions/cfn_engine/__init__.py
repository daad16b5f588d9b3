"""CloudFormation that behaves like AWS: asynchronous operations, per-resource events, rollback.

moto gap: moto creates every resource synchronously inside CreateStack, records only stack-level
events, has no rollback (a failing resource turns CreateStack into an HTTP 500 and leaves the
resources created so far behind), and ignores ClientRequestToken, OnFailure and DisableRollback.

This extension replaces moto's stack orchestration while keeping moto's template parsing and
resource models: CreateStack, UpdateStack, DeleteStack and ExecuteChangeSet validate the template
synchronously, return at once with the stack *_IN_PROGRESS, and a worker thread creates, updates
or deletes resources one by one in dependency order with the events AWS emits, rolling back (really
deleting what it created) when a resource fails. ListStackResources and DescribeStackResource(s)
show each resource's own status. ``SANDBOX_CFN_RESOURCE_DELAY_MS`` (or ``{"slipway":
{"cfn_resource_delay_ms": N}}`` posted to /moto-api/config) slows each resource step down so that a
UI can show progress.
"""

from __future__ import annotations

from . import patches


def apply() -> None:
    patches.install()
