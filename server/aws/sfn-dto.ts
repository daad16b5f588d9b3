import 'server-only';
import type {
  DescribeExecutionOutput,
  DescribeStateMachineForExecutionOutput,
  DescribeStateMachineOutput,
  ExecutionListItem,
  HistoryEvent,
  LoggingConfiguration,
  StateMachineListItem,
} from '@aws-sdk/client-sfn';
import { EXECUTION_STATUSES } from '@/lib/schemas/sfn';
import type { ExecutionStatusName, ExecutionSummaryDto, LoggingDto, StateMachineDescription, StateMachineType } from '@/lib/sfn/dto';
import type { SfnHistoryEvent } from '@/lib/sfn/history-types';
import { durationBetween } from '@/lib/sfn/format';

// SDK shapes in, plain JSON DTOs out: dates become ISO text, unknown enum values a safe default, and
// nothing the SDK adds ($metadata, undefined members) leaks into API answers.

/** An execution as DescribeExecution tells it (server-side; the page gets it inside ExecutionDetailDto). */
export interface ExecutionDescription {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatusName;
  startDate: string;
  stopDate: string | null;
  input: string | null;
  output: string | null;
  error: string | null;
  cause: string | null;
}

/** The definition an execution ran (DescribeStateMachineForExecution). */
export interface ExecutionDefinition {
  stateMachineArn: string;
  name: string;
  definition: string;
  roleArn: string | null;
  revisionId: string | null;
}

export type { StateMachineDescription };

const iso = (date: Date | undefined): string | null => (date ? date.toISOString() : null);

/** Unknown statuses (a newer API) read as RUNNING, so the page keeps refreshing rather than claiming an end. */
export function toExecutionStatus(status: string | undefined): ExecutionStatusName {
  return (EXECUTION_STATUSES as readonly string[]).includes(status ?? '') ? (status as ExecutionStatusName) : 'RUNNING';
}

function toStateMachineType(type: string | undefined): StateMachineType {
  return type === 'EXPRESS' ? 'EXPRESS' : 'STANDARD';
}

/** ListExecutions item -> list row. */
export function toExecutionSummary(item: ExecutionListItem, stateMachineArn: string): ExecutionSummaryDto {
  const startedAt = iso(item.startDate) ?? new Date(0).toISOString();
  const stoppedAt = iso(item.stopDate);
  return {
    executionArn: item.executionArn ?? '',
    stateMachineArn: item.stateMachineArn ?? stateMachineArn,
    name: item.name ?? '',
    status: toExecutionStatus(item.status),
    startedAt,
    stoppedAt,
    durationMs: durationBetween(startedAt, stoppedAt),
  };
}

/** ListStateMachines item -> the fields the list needs. */
export function toStateMachineListItem(item: StateMachineListItem): { arn: string; name: string; type: StateMachineType; createdAt: string } {
  return {
    arn: item.stateMachineArn ?? '',
    name: item.name ?? '',
    type: toStateMachineType(item.type),
    createdAt: iso(item.creationDate) ?? new Date(0).toISOString(),
  };
}

/** The log group ExpressWorkflow logs go to, and how much they record. */
export function toLoggingDto(config: LoggingConfiguration | undefined): LoggingDto {
  const level = config?.level;
  return {
    level: level === 'ALL' || level === 'ERROR' || level === 'FATAL' ? level : 'OFF',
    includeExecutionData: config?.includeExecutionData ?? false,
    logGroupArn: config?.destinations?.find((d) => d.cloudWatchLogsLogGroup?.logGroupArn)?.cloudWatchLogsLogGroup?.logGroupArn ?? null,
  };
}

export function toExecutionDescription(out: DescribeExecutionOutput): ExecutionDescription {
  return {
    executionArn: out.executionArn ?? '',
    stateMachineArn: out.stateMachineArn ?? '',
    name: out.name ?? '',
    status: toExecutionStatus(out.status),
    startDate: iso(out.startDate) ?? new Date(0).toISOString(),
    stopDate: iso(out.stopDate),
    input: out.input ?? null,
    output: out.output ?? null,
    error: out.error || null,
    cause: out.cause || null,
  };
}

export function toExecutionDefinition(out: DescribeStateMachineForExecutionOutput): ExecutionDefinition {
  return {
    stateMachineArn: out.stateMachineArn ?? '',
    name: out.name ?? '',
    definition: out.definition ?? '{}',
    roleArn: out.roleArn ?? null,
    revisionId: out.revisionId ?? null,
  };
}

export function toStateMachineDescription(out: DescribeStateMachineOutput): StateMachineDescription {
  return {
    arn: out.stateMachineArn ?? '',
    name: out.name ?? '',
    type: toStateMachineType(out.type),
    status: out.status ?? 'ACTIVE',
    createdAt: iso(out.creationDate) ?? new Date(0).toISOString(),
    definition: out.definition ?? '{}',
    roleArn: out.roleArn ?? '',
    logging: toLoggingDto(out.loggingConfiguration),
  };
}

/** A history event as plain JSON: ISO timestamp, undefined members dropped (25,000 of these get cached). */
export function toHistoryEvent(event: HistoryEvent): SfnHistoryEvent {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) {
    if (value === undefined) continue;
    out[key] = value instanceof Date ? value.toISOString() : value;
  }
  return out as unknown as SfnHistoryEvent;
}
