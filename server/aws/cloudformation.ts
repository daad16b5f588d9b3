import 'server-only';
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackDriftDetectionStatusCommand,
  DescribeStackEventsCommand,
  DescribeStackResourceDriftsCommand,
  DescribeStacksCommand,
  DetectStackDriftCommand,
  ExecuteChangeSetCommand,
  type Capability,
  type ResourceChange,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import { createAwsClient, type AwsTargetRef } from '@/server/aws/clients';
import type { ResourceChangeDto, StackEventDto, StackOutputDto } from '@/lib/launches/dto';

const cfn = (target: AwsTargetRef) => createAwsClient(CloudFormationClient, target);

export type TemplateSource = { templateBody: string } | { templateUrl: string };

export type ChangeSetRequest = {
  stackName: string;
  changeSetName: string;
  type: 'CREATE' | 'UPDATE';
  template: TemplateSource;
  parameters: { key: string; value?: string; usePreviousValue?: boolean }[];
  tags: Record<string, string>;
  capabilities: string[];
  clientToken: string;
  description?: string;
};

/** Creates a change set; returns its id and the stack's id. */
export async function createChangeSet(target: AwsTargetRef, req: ChangeSetRequest): Promise<{ changeSetId: string; stackId: string }> {
  const out = await cfn(target).send(
    new CreateChangeSetCommand({
      StackName: req.stackName,
      ChangeSetName: req.changeSetName,
      ChangeSetType: req.type,
      ...('templateBody' in req.template ? { TemplateBody: req.template.templateBody } : { TemplateURL: req.template.templateUrl }),
      Parameters: req.parameters.map((p) =>
        p.usePreviousValue ? { ParameterKey: p.key, UsePreviousValue: true } : { ParameterKey: p.key, ParameterValue: p.value },
      ),
      Tags: Object.entries(req.tags).map(([Key, Value]) => ({ Key, Value })),
      Capabilities: req.capabilities as Capability[],
      ClientToken: req.clientToken,
      Description: req.description,
      ...(target.serviceRoleArn ? { RoleARN: target.serviceRoleArn } : {}),
      IncludeNestedStacks: true,
    }),
  );
  return { changeSetId: out.Id!, stackId: out.StackId! };
}

export type ChangeSetState = { status: string; reason: string | null; changes: ResourceChangeDto[]; capabilities: string[] };

/** Reads a change set and its changes (all pages). */
async function describeChangeSet(target: AwsTargetRef, changeSetId: string): Promise<ChangeSetState> {
  const changes: ResourceChangeDto[] = [];
  let status = '';
  let reason: string | null = null;
  let capabilities: string[] = [];
  let token: string | undefined;
  do {
    const out = await cfn(target).send(new DescribeChangeSetCommand({ ChangeSetName: changeSetId, NextToken: token }));
    status = out.Status ?? '';
    reason = out.StatusReason ?? null;
    capabilities = out.Capabilities ?? [];
    for (const c of out.Changes ?? []) if (c.ResourceChange) changes.push(toResourceChangeDto(c.ResourceChange));
    token = out.NextToken;
  } while (token);
  return { status, reason, changes, capabilities };
}

const REPLACEMENTS = new Set(['True', 'False', 'Conditional']);

/**
 * One change of a change set. `replacement` is only meaningful for a Modify; `Conditional` ("may be
 * replaced") comes from a property AWS documents as conditionally replacing, or a replacing one whose
 * new value is only known at deploy time, so `replacingProperties` names the properties behind it.
 */
export function toResourceChangeDto(rc: ResourceChange): ResourceChangeDto {
  const details = rc.Details ?? [];
  const replacement =
    rc.Action === 'Modify' && rc.Replacement && REPLACEMENTS.has(rc.Replacement) ? (rc.Replacement as ResourceChangeDto['replacement']) : null;
  const names = (keep: (requiresRecreation: string | undefined) => boolean) => [
    ...new Set(
      details
        .filter((d) => keep(d.Target?.RequiresRecreation))
        .map((d) => d.Target?.Name)
        .filter((n): n is string => Boolean(n)),
    ),
  ];
  return {
    action: rc.Action ?? 'Modify',
    logicalId: rc.LogicalResourceId ?? '',
    physicalId: rc.PhysicalResourceId ?? null,
    resourceType: rc.ResourceType ?? '',
    replacement,
    scope: rc.Scope ?? [],
    properties: names(() => true),
    replacingProperties: replacement && replacement !== 'False' ? names((r) => r === 'Always' || r === 'Conditionally') : [],
  };
}

/** Polls a change set until CloudFormation has computed it (or failed to). */
export async function waitForChangeSet(target: AwsTargetRef, changeSetId: string, timeoutMs = 120_000): Promise<ChangeSetState> {
  const deadline = Date.now() + timeoutMs;
  let delay = 250;
  for (;;) {
    const state = await describeChangeSet(target, changeSetId);
    if (!['CREATE_PENDING', 'CREATE_IN_PROGRESS'].includes(state.status)) return state;
    if (Date.now() > deadline) throw new Error(`change set still ${state.status} after ${timeoutMs / 1000}s`);
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 3000);
  }
}

export async function executeChangeSet(target: AwsTargetRef, changeSetId: string, clientRequestToken: string): Promise<void> {
  await cfn(target).send(new ExecuteChangeSetCommand({ ChangeSetName: changeSetId, ClientRequestToken: clientRequestToken }));
}

export async function deleteChangeSet(target: AwsTargetRef, changeSetId: string): Promise<void> {
  await cfn(target).send(new DeleteChangeSetCommand({ ChangeSetName: changeSetId }));
}

export type StackState = { stackId: string; status: string; reason: string | null; outputs: StackOutputDto[] };

/** The stack's status and outputs, or null when no such stack exists (or it is deleted). */
export async function describeStack(target: AwsTargetRef, stackNameOrId: string): Promise<StackState | null> {
  try {
    const out = await cfn(target).send(new DescribeStacksCommand({ StackName: stackNameOrId }));
    const s = out.Stacks?.[0];
    if (!s) return null;
    return {
      stackId: s.StackId!,
      status: s.StackStatus ?? 'UNKNOWN',
      reason: s.StackStatusReason ?? null,
      outputs: (s.Outputs ?? []).map((o) => ({ key: o.OutputKey ?? '', value: o.OutputValue ?? '', description: o.Description ?? null })),
    };
  } catch (err) {
    if (/does not exist/i.test((err as Error).message)) return null;
    throw err;
  }
}

function toEventDto(e: StackEvent): StackEventDto {
  return {
    eventId: e.EventId!,
    timestamp: (e.Timestamp ?? new Date()).toISOString(),
    logicalId: e.LogicalResourceId ?? '',
    physicalId: e.PhysicalResourceId ?? null,
    resourceType: e.ResourceType ?? '',
    status: e.ResourceStatus ?? '',
    reason: e.ResourceStatusReason ?? null,
  };
}

/**
 * Stack events newer than `knownEventIds`, oldest first. CloudFormation lists newest first, so
 * paging stops at the first page that reaches an event we already have.
 */
export async function listNewStackEvents(target: AwsTargetRef, stackId: string, knownEventIds: ReadonlySet<string>): Promise<StackEventDto[]> {
  const fresh: StackEventDto[] = [];
  let token: string | undefined;
  do {
    const out = await cfn(target).send(new DescribeStackEventsCommand({ StackName: stackId, NextToken: token }));
    let reachedKnown = false;
    for (const e of out.StackEvents ?? []) {
      if (knownEventIds.has(e.EventId!)) {
        reachedKnown = true;
        continue;
      }
      fresh.push(toEventDto(e));
    }
    token = reachedKnown ? undefined : out.NextToken;
  } while (token);
  return fresh.sort((a, b) => a.timestamp.localeCompare(b.timestamp));
}

export async function deleteStack(target: AwsTargetRef, stackId: string, clientRequestToken: string, retainResources?: string[]): Promise<void> {
  await cfn(target).send(
    new DeleteStackCommand({
      StackName: stackId,
      ClientRequestToken: clientRequestToken,
      RetainResources: retainResources,
      ...(target.serviceRoleArn ? { RoleARN: target.serviceRoleArn } : {}),
    }),
  );
}

export type DriftReport = {
  status: 'IN_SYNC' | 'DRIFTED' | 'UNKNOWN' | 'NOT_CHECKED';
  checkedAt: string;
  resources: { logicalId: string; resourceType: string; status: string; differences: string[] }[];
};

/** Runs drift detection and waits for the result. */
export async function detectDrift(target: AwsTargetRef, stackId: string, timeoutMs = 120_000): Promise<DriftReport> {
  const client = cfn(target);
  const { StackDriftDetectionId } = await client.send(new DetectStackDriftCommand({ StackName: stackId }));
  const deadline = Date.now() + timeoutMs;
  let status = await client.send(new DescribeStackDriftDetectionStatusCommand({ StackDriftDetectionId }));
  while (status.DetectionStatus === 'DETECTION_IN_PROGRESS' && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1000));
    status = await client.send(new DescribeStackDriftDetectionStatusCommand({ StackDriftDetectionId }));
  }
  const drifts = await client.send(new DescribeStackResourceDriftsCommand({ StackName: stackId }));
  return {
    status: (status.StackDriftStatus as DriftReport['status']) ?? 'UNKNOWN',
    checkedAt: new Date().toISOString(),
    resources: (drifts.StackResourceDrifts ?? []).map((d) => ({
      logicalId: d.LogicalResourceId ?? '',
      resourceType: d.ResourceType ?? '',
      status: d.StackResourceDriftStatus ?? '',
      differences: (d.PropertyDifferences ?? []).map((p) => `${p.PropertyPath}: expected ${p.ExpectedValue}, actual ${p.ActualValue}`),
    })),
  };
}
