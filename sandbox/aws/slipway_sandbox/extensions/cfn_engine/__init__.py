"""CloudFormation that behaves like AWS: asynchronous operations, per-resource events, rollback.

moto gap: moto creates every resource synchronously inside CreateStack, records only stack-level
events, has no rollback (a failing resource turns CreateStack into an HTTP 500 and leaves the
resources created so far behind), and ignores ClientRequestToken, OnFailure and DisableRollback.
Its change sets compared templates without parameters (an UPDATE change set that only changed
parameter values listed nothing), had no Replacement, Scope or Details, answered a change set
without changes with "No updates are to be performed." instead of a FAILED change set, and an
update never replaced a resource whose replacing property changed when moto could update in place.

This extension replaces moto's stack orchestration while keeping moto's template parsing and
resource models: CreateStack, UpdateStack, DeleteStack and ExecuteChangeSet validate the template
synchronously, return at once with the stack *_IN_PROGRESS, and a worker thread creates, updates
or deletes resources one by one in dependency order with the events AWS emits, rolling back (really
deleting what it created) when a resource fails. ListStackResources and DescribeStackResource(s)
show each resource's own status. CreateChangeSet computes the same change plan UpdateStack then
executes (``changes.py``): Modify for every resource a changed parameter reaches (Ref, Fn::Sub,
Fn::If through conditions), with Replacement, Scope and Details as CloudFormation writes them, and
resources whose replacing property changes are replaced. ``SANDBOX_CFN_RESOURCE_DELAY_MS`` (or ``{"slipway":
{"cfn_resource_delay_ms": N}}`` posted to /moto-api/config) slows each resource step down so that a
UI can show progress.
"""

from __future__ import annotations

from . import patches


def apply() -> None:
    patches.install()
