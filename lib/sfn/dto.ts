import type { AslEdgeKind, AslGraphNode } from './asl-graph';
import type { ExecutionErrorBanner, StateStatus, StateVisit, TimelineRow } from './history-types';
import type { LayoutPoint } from './layout-types';
import type { EXECUTION_STATUSES } from '@/lib/schemas/sfn';
import type { ResourceAccessDto, ResourceOwnerDto } from '@/lib/tenancy/dto';

// What the executions dashboard's server functions return and its API answers: plain JSON, dates as
// ISO 8601 text. Pages hand these to client leaves; the leaves poll routes returning the same types.

export type ExecutionStatusName = (typeof EXECUTION_STATUSES)[number];
export type StateMachineType = 'STANDARD' | 'EXPRESS';

export interface TargetSummaryDto {
  id: string;
  name: string;
  accountId: string;
  region: string;
  isSandbox: boolean;
}

export interface ExecutionSummaryDto {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatusName;
  startedAt: string;
  stoppedAt: string | null;
  /** Finished executions only. */
  durationMs: number | null;
}

export interface RecentActivityDto {
  /** How many of the newest executions were counted (ListExecutions' newest page). */
  sampled: number;
  /** True when there are more executions than were sampled. */
  hasMore: boolean;
  counts: Partial<Record<ExecutionStatusName, number>>;
  lastFailure: ExecutionSummaryDto | null;
}

export interface StateMachineSummaryDto {
  arn: string;
  name: string;
  type: StateMachineType;
  createdAt: string;
  /** Null for Express machines (they keep no execution history), when the count could not be read, or when the caller may not read its executions. */
  recent: RecentActivityDto | null;
  owner: ResourceOwnerDto;
  access: ResourceAccessDto;
  /** Why `recent` is missing, when it is not simply an Express machine. */
  recentError?: string;
}

export interface StateMachineListDto {
  target: TargetSummaryDto;
  stateMachines: StateMachineSummaryDto[];
  /** With `?launch=`: the launch whose outputs chose these machines, and ARNs it names that no longer exist. */
  launch?: { id: string; stackName: string; missingArns: string[] };
}

export interface LoggingDto {
  level: 'ALL' | 'ERROR' | 'FATAL' | 'OFF';
  includeExecutionData: boolean;
  logGroupArn: string | null;
}

/** A state machine as DescribeStateMachine tells it. */
export interface StateMachineDescription {
  arn: string;
  name: string;
  type: StateMachineType;
  status: string;
  createdAt: string;
  definition: string;
  roleArn: string;
  logging: LoggingDto;
}

export interface StateMachineDetailDto extends StateMachineDescription {
  target: TargetSummaryDto;
  owner: ResourceOwnerDto;
}

export interface ExecutionListDto {
  executions: ExecutionSummaryDto[];
  /** Opaque cursor for the next page (null: no more). */
  nextToken: string | null;
  /** Executions read from AWS to fill this page (name/time filters are applied by us). */
  scanned: number;
  /** The scan stopped at its budget before filling the page: the next page continues it. */
  scanLimited: boolean;
}

export interface RecentInputDto {
  input: string;
  usedAt: string;
}

/** A state visit as the API returns it: the event ids are summarised as a range. */
export type ExecutionVisitDto = Omit<StateVisit, 'eventIds'> & { firstEventId: number; lastEventId: number };

export interface ExecutionStateDto {
  nodeId: string;
  name: string;
  type: string;
  status: StateStatus;
  visits: ExecutionVisitDto[];
}

export type GraphNodeKind = 'state' | 'container' | 'marker';

export interface ExecutionGraphNodeDto {
  id: string;
  kind: GraphNodeKind;
  /** ASL type (`Task` ...), `Unknown`, or `Start`/`End` for markers. */
  type: string;
  name: string;
  parentId?: string;
  /** Relative to the parent (absolute at top level), as @xyflow/react positions sub-flow nodes. */
  position: LayoutPoint;
  width: number;
  height: number;
  status: StateStatus;
  visitCount: number;
  isStart: boolean;
  isEnd: boolean;
  resource?: string;
  comment?: string;
  mapMode?: AslGraphNode['mapMode'];
}

export interface ExecutionGraphEdgeDto {
  id: string;
  source: string;
  target: string;
  kind: AslEdgeKind;
  label?: string;
  /** Absolute route (start, bends, end); empty for Catch edges left to be drawn as overlays. */
  points: LayoutPoint[];
  labelPosition?: LayoutPoint;
  /** This execution went along this edge. */
  taken: boolean;
}

export interface ExecutionGraphDto {
  nodes: ExecutionGraphNodeDto[];
  edges: ExecutionGraphEdgeDto[];
  width: number;
  height: number;
  /** Definition problems (transitions to missing states, unknown types) the graph drew around. */
  problems: string[];
}

export interface ExecutionDetailDto {
  executionArn: string;
  name: string;
  stateMachineArn: string;
  stateMachineName: string;
  status: ExecutionStatusName;
  input: string | null;
  output: string | null;
  error: string | null;
  cause: string | null;
  startDate: string;
  stopDate: string | null;
  durationMs: number | null;
  /** The definition that ran (DescribeStateMachineForExecution), for the step panel's data-flow trace. */
  definition: string;
  roleArn: string | null;
  states: ExecutionStateDto[];
  graph: ExecutionGraphDto;
  banner: ExecutionErrorBanner | null;
  timeline: TimelineRow[];
  eventCount: number;
  /** The history had more events than the portal reads (25,000, Step Functions' own limit). */
  historyTruncated: boolean;
  target: TargetSummaryDto;
  /** Who owns its state machine (server/tenancy). */
  owner: ResourceOwnerDto;
  /** The caller may stop it (developer in an owning team or platform admin, and it is running). */
  canStop: boolean;
}

export interface HistoryEventRowDto {
  id: number;
  previousEventId: number | null;
  timestamp: string;
  /** Milliseconds since the execution started. */
  elapsedMs: number | null;
  type: string;
  stateName: string | null;
  nodeId: string | null;
  /** The event's details as JSON text (its `...EventDetails` field), or null when it has none. */
  details: string | null;
}

export interface HistoryPageDto {
  events: HistoryEventRowDto[];
  page: number;
  pageSize: number;
  /** Events matching the filters. */
  total: number;
  /** Every event type and state name in the history, for the filter menus. */
  types: string[];
  states: string[];
}

export interface ExpressLogEventDto {
  timestamp: string;
  logStreamName: string | null;
  /** Parsed from the JSON message when it is a Step Functions log record. */
  type: string | null;
  executionArn: string | null;
  /** The record's event id within its execution (orders events logged in the same millisecond). */
  eventId: number | null;
  message: string;
}

export interface ExpressLogsDto {
  logGroupName: string | null;
  level: LoggingDto['level'];
  events: ExpressLogEventDto[];
  nextToken: string | null;
  /** Why there is nothing to show (logging off, no log group). */
  note: string | null;
}
