// Step Functions ARNs carry the account, region and state machine name: the portal routes by them
// (which target to call), links by them (pages keyed by ARN) and checks them (an ARN from another
// account is refused before any AWS call).

export interface SfnArnParts {
  partition: string;
  region: string;
  accountId: string;
  kind: 'stateMachine' | 'execution' | 'express';
  stateMachineName: string;
  /** Executions only (for Express executions: the name, without the trailing id). */
  executionName?: string;
}

const SFN_ARN = /^arn:(aws[a-z-]*):states:([a-z0-9-]+):(\d{12}):(stateMachine|execution|express):(.+)$/;

/** Split a state machine or execution ARN into its parts; null when it is not one. */
export function parseSfnArn(arn: string): SfnArnParts | null {
  const match = SFN_ARN.exec(arn);
  if (!match) return null;
  const [, partition, region, accountId, kind, rest] = match as unknown as [string, string, string, string, SfnArnParts['kind'], string];
  const segments = rest.split(':');
  const stateMachineName = segments[0] ?? '';
  if (!stateMachineName) return null;
  const parts: SfnArnParts = { partition, region, accountId, kind, stateMachineName };
  if (kind !== 'stateMachine') {
    // execution:<machine>:<name> (or <machine>:<version|alias>:<name>); express:<machine>:<name>:<id>
    const name = kind === 'express' ? segments[1] : segments.at(-1);
    if (!name || segments.length < 2) return null;
    parts.executionName = name;
  }
  return parts;
}

/** The state machine an execution belongs to (`...:execution:machine:name` -> `...:stateMachine:machine`). */
export function stateMachineArnOfExecution(executionArn: string): string | null {
  const parts = parseSfnArn(executionArn);
  if (!parts || parts.kind === 'stateMachine') return null;
  return `arn:${parts.partition}:states:${parts.region}:${parts.accountId}:stateMachine:${parts.stateMachineName}`;
}

/** True for Express execution ARNs, which have no DescribeExecution or history. */
export function isExpressExecutionArn(arn: string): boolean {
  return parseSfnArn(arn)?.kind === 'express';
}

/**
 * Route params arrive percent-encoded or already decoded depending on who built the URL; ARNs never
 * contain `%`, so decoding only when one is present is safe and idempotent.
 */
export function decodeArnParam(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Page of one state machine: its executions, the start form (Express: its logs). */
export function stateMachineHref(stateMachineArn: string): string {
  return `/executions/state-machines/${encodeURIComponent(stateMachineArn)}`;
}

/** Page of one execution: graph, step panel, timeline, events. */
export function executionHref(executionArn: string): string {
  return `/executions/${encodeURIComponent(executionArn)}`;
}

/** Side-by-side comparison of two executions of one state machine. */
export function compareHref(executionArnA: string, executionArnB: string): string {
  return `/executions/compare?a=${encodeURIComponent(executionArnA)}&b=${encodeURIComponent(executionArnB)}`;
}

/** The API path of an execution (the ARN is one encoded path segment). */
export function executionApiPath(executionArn: string, suffix = ''): string {
  return `/api/v1/stepfunctions/executions/${encodeURIComponent(executionArn)}${suffix}`;
}

/** `arn:aws:logs:us-east-1:123:log-group:/aws/vendedlogs/states/x:*` -> `/aws/vendedlogs/states/x`. */
export function logGroupNameFromArn(logGroupArn: string): string | null {
  const match = /^arn:aws[a-z-]*:logs:[a-z0-9-]+:\d{12}:log-group:(.+?)(?::\*)?$/.exec(logGroupArn);
  return match?.[1] ?? null;
}
