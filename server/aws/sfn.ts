import 'server-only';
import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  DescribeStateMachineForExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  ListTagsForResourceCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
  type ExecutionStatus,
} from '@aws-sdk/client-sfn';
import { createAwsClient, usesSandbox, type AwsTargetRef } from '@/server/aws/clients';
import { toSfnError } from '@/server/aws/sfn-errors';
import {
  toExecutionDefinition,
  toExecutionDescription,
  toExecutionSummary,
  toHistoryEvent,
  toStateMachineDescription,
  toStateMachineListItem,
  type ExecutionDefinition,
  type ExecutionDescription,
  type StateMachineDescription,
} from '@/server/aws/sfn-dto';
import type { ExecutionStatusName, StateMachineType } from '@/lib/sfn/dto';
import type { AwsExecutionsPage } from '@/server/sfn/execution-filters';
import type { SfnHistoryEvent } from '@/lib/sfn/history-types';

// Step Functions calls for one target and region: SDK in, DTOs out, errors as AppErrors that say what
// to do (the sandbox not running, a missing permission ...).

/** Step Functions keeps at most 25,000 events per execution; reading stops there. */
export const MAX_HISTORY_EVENTS = 25_000;
const HISTORY_PAGE_SIZE = 1_000;

function client(ref: AwsTargetRef): SFNClient {
  return createAwsClient(SFNClient, ref);
}

async function call<T>(ref: AwsTargetRef, action: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw toSfnError(err, { action, targetName: ref.name, isSandbox: usesSandbox(ref) });
  }
}

/** Every state machine in the target's region (all ListStateMachines pages). */
export async function listStateMachines(ref: AwsTargetRef): Promise<{ arn: string; name: string; type: StateMachineType; createdAt: string }[]> {
  return call(ref, 'list state machines', async () => {
    const out: { arn: string; name: string; type: StateMachineType; createdAt: string }[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client(ref).send(new ListStateMachinesCommand({ maxResults: 1000, nextToken }));
      out.push(...(page.stateMachines ?? []).map(toStateMachineListItem));
      nextToken = page.nextToken;
    } while (nextToken);
    return out;
  });
}

/** The tags of a state machine (ownership rules may assign it by tag). */
export async function listStateMachineTags(ref: AwsTargetRef, stateMachineArn: string): Promise<Record<string, string>> {
  return call(ref, 'read the state machine tags', async () => {
    const out = await client(ref).send(new ListTagsForResourceCommand({ resourceArn: stateMachineArn }));
    const tags: Record<string, string> = Object.create(null);
    for (const tag of out.tags ?? []) if (tag.key !== undefined) tags[tag.key] = tag.value ?? '';
    return tags;
  });
}

/** One ListExecutions page, newest first, optionally of one status. */
export async function listExecutionsPage(
  ref: AwsTargetRef,
  request: { stateMachineArn: string; status?: ExecutionStatusName; maxResults: number; nextToken?: string | null },
): Promise<AwsExecutionsPage> {
  return call(ref, 'list executions', async () => {
    const page = await client(ref).send(
      new ListExecutionsCommand({
        stateMachineArn: request.stateMachineArn,
        maxResults: Math.min(1000, Math.max(1, request.maxResults)),
        ...(request.status ? { statusFilter: request.status as ExecutionStatus } : {}),
        ...(request.nextToken ? { nextToken: request.nextToken } : {}),
      }),
    );
    return { executions: (page.executions ?? []).map((e) => toExecutionSummary(e, request.stateMachineArn)), nextToken: page.nextToken ?? null };
  });
}

/** DescribeStateMachine: type, definition, role and logging configuration. */
export async function describeStateMachine(ref: AwsTargetRef, stateMachineArn: string): Promise<StateMachineDescription> {
  return call(ref, 'describe the state machine', async () =>
    toStateMachineDescription(await client(ref).send(new DescribeStateMachineCommand({ stateMachineArn }))),
  );
}

/** DescribeExecution: status, input, output, error and cause. */
export async function describeExecution(ref: AwsTargetRef, executionArn: string): Promise<ExecutionDescription> {
  return call(ref, 'describe the execution', async () => toExecutionDescription(await client(ref).send(new DescribeExecutionCommand({ executionArn }))));
}

/** The definition the execution ran (the state machine may have been updated since). */
export async function describeStateMachineForExecution(ref: AwsTargetRef, executionArn: string): Promise<ExecutionDefinition> {
  return call(ref, 'read the definition the execution ran', async () =>
    toExecutionDefinition(await client(ref).send(new DescribeStateMachineForExecutionCommand({ executionArn }))),
  );
}

/** Every history event (all pages, oldest first) up to MAX_HISTORY_EVENTS. */
export async function getExecutionHistory(ref: AwsTargetRef, executionArn: string): Promise<{ events: SfnHistoryEvent[]; truncated: boolean }> {
  return call(ref, 'read the execution history', async () => {
    const events: SfnHistoryEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client(ref).send(
        new GetExecutionHistoryCommand({ executionArn, maxResults: HISTORY_PAGE_SIZE, includeExecutionData: true, ...(nextToken ? { nextToken } : {}) }),
      );
      for (const event of page.events ?? []) events.push(toHistoryEvent(event));
      nextToken = page.nextToken;
    } while (nextToken && events.length < MAX_HISTORY_EVENTS);
    return { events: events.slice(0, MAX_HISTORY_EVENTS), truncated: Boolean(nextToken) || events.length > MAX_HISTORY_EVENTS };
  });
}

/**
 * Events after `afterId`, oldest first: pages are asked for newest first and reading stops at the page
 * holding an event already known, so following a running execution costs a page per refresh, not the
 * whole history. (The sandbox answers in one ascending page whatever the order asked; that works too.)
 */
export async function getExecutionHistorySince(ref: AwsTargetRef, executionArn: string, afterId: number): Promise<SfnHistoryEvent[]> {
  return call(ref, 'read the execution history', async () => {
    const newer: SfnHistoryEvent[] = [];
    let nextToken: string | undefined;
    let sawKnown = false;
    do {
      const page = await client(ref).send(
        new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 200, includeExecutionData: true, ...(nextToken ? { nextToken } : {}) }),
      );
      for (const event of page.events ?? []) {
        if ((event.id ?? 0) > afterId) newer.push(toHistoryEvent(event));
        else sawKnown = true;
      }
      nextToken = page.nextToken;
    } while (nextToken && !sawKnown && newer.length < MAX_HISTORY_EVENTS);
    return newer.sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
  });
}

/** StartExecution with an explicit name (the sandbox names unnamed executions `None`). */
export async function startExecution(
  ref: AwsTargetRef,
  request: { stateMachineArn: string; name: string; input: string },
): Promise<{ executionArn: string; startDate: string }> {
  return call(ref, 'start the execution', async () => {
    const out = await client(ref).send(new StartExecutionCommand(request));
    return { executionArn: out.executionArn ?? '', startDate: (out.startDate ?? new Date()).toISOString() };
  });
}

/** StopExecution (the execution ends ABORTED with the given error and cause). */
export async function stopExecution(ref: AwsTargetRef, request: { executionArn: string; error?: string; cause?: string }): Promise<{ stopDate: string }> {
  return call(ref, 'stop the execution', async () => {
    const out = await client(ref).send(new StopExecutionCommand(request));
    return { stopDate: (out.stopDate ?? new Date()).toISOString() };
  });
}
