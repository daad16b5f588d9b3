// The input (GetExecutionHistory events) and output (per-state visits, banner, timeline) of history.ts.
//
// `SfnHistoryEvent` is structural so both the AWS SDK v3 `HistoryEvent` (timestamp: Date) and the JSON
// fixtures / API payloads (timestamp: ISO string) fit without conversion.

type Maybe<T> = T | undefined;

interface ErrorDetails {
  error?: Maybe<string>;
  cause?: Maybe<string>;
}
interface Truncation {
  truncated?: Maybe<boolean>;
}
interface OutputDetails {
  output?: Maybe<string>;
}

export interface SfnHistoryEvent {
  id: Maybe<number>;
  previousEventId?: Maybe<number>;
  timestamp: Maybe<Date | string | number>;
  type: Maybe<string>;
  executionStartedEventDetails?: Maybe<{ input?: Maybe<string> }>;
  executionSucceededEventDetails?: Maybe<OutputDetails>;
  executionFailedEventDetails?: Maybe<ErrorDetails>;
  executionAbortedEventDetails?: Maybe<ErrorDetails>;
  executionTimedOutEventDetails?: Maybe<ErrorDetails>;
  stateEnteredEventDetails?: Maybe<{ name: Maybe<string>; input?: Maybe<string>; inputDetails?: Maybe<Truncation> }>;
  stateExitedEventDetails?: Maybe<{ name: Maybe<string>; output?: Maybe<string>; outputDetails?: Maybe<Truncation> }>;
  taskScheduledEventDetails?: Maybe<{
    resourceType?: Maybe<string>;
    resource?: Maybe<string>;
    parameters?: Maybe<string>;
  }>;
  taskSucceededEventDetails?: Maybe<OutputDetails>;
  taskFailedEventDetails?: Maybe<ErrorDetails>;
  taskTimedOutEventDetails?: Maybe<ErrorDetails>;
  taskStartFailedEventDetails?: Maybe<ErrorDetails>;
  taskSubmitFailedEventDetails?: Maybe<ErrorDetails>;
  lambdaFunctionScheduledEventDetails?: Maybe<{ resource?: Maybe<string>; input?: Maybe<string> }>;
  lambdaFunctionSucceededEventDetails?: Maybe<OutputDetails>;
  lambdaFunctionFailedEventDetails?: Maybe<ErrorDetails>;
  lambdaFunctionTimedOutEventDetails?: Maybe<ErrorDetails>;
  lambdaFunctionStartFailedEventDetails?: Maybe<ErrorDetails>;
  lambdaFunctionScheduleFailedEventDetails?: Maybe<ErrorDetails>;
  activityScheduledEventDetails?: Maybe<{ resource?: Maybe<string>; input?: Maybe<string> }>;
  activitySucceededEventDetails?: Maybe<OutputDetails>;
  activityFailedEventDetails?: Maybe<ErrorDetails>;
  activityTimedOutEventDetails?: Maybe<ErrorDetails>;
  activityScheduleFailedEventDetails?: Maybe<ErrorDetails>;
  mapStateStartedEventDetails?: Maybe<{ length?: Maybe<number> }>;
  mapIterationStartedEventDetails?: Maybe<{ name?: Maybe<string>; index?: Maybe<number> }>;
  mapIterationSucceededEventDetails?: Maybe<{ name?: Maybe<string>; index?: Maybe<number> }>;
  mapIterationFailedEventDetails?: Maybe<{ name?: Maybe<string>; index?: Maybe<number> }>;
  mapIterationAbortedEventDetails?: Maybe<{ name?: Maybe<string>; index?: Maybe<number> }>;
  mapRunStartedEventDetails?: Maybe<{ mapRunArn?: Maybe<string> }>;
  mapRunFailedEventDetails?: Maybe<ErrorDetails>;
  evaluationFailedEventDetails?: Maybe<ErrorDetails & { state?: Maybe<string> }>;
}

/** Colour of a state in the graph, as in the console legend. */
export type StateStatus = 'notRun' | 'inProgress' | 'succeeded' | 'failed' | 'caughtError' | 'cancelled';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface RetryAttempt {
  error?: string;
  cause?: string;
  /** When the failed attempt ended (ISO 8601). */
  at: string;
  /** When the next attempt was scheduled, i.e. the end of the back-off wait. */
  retriedAt?: string;
}

export interface StateVisit {
  /** Id of the `...StateEntered` event: unique per visit, stable across polls. */
  id: number;
  nodeId: string;
  name: string;
  /** `Task`, `Pass` ... from the event type (`TaskStateEntered` -> `Task`). */
  type: string;
  status: Exclude<StateStatus, 'notRun'>;
  /** Visit of the Parallel/Map this one ran inside. */
  parentVisitId?: number;
  branchIndex?: number;
  /** Map iteration index (of the nearest enclosing Map). */
  iterationIndex?: number;
  enteredAt: string;
  exitedAt?: string;
  durationMs?: number;
  /** Raw JSON text as the history carries it (parse lazily: large payloads are common). */
  input?: string;
  output?: string;
  /** Step Functions cut the payload in the history (too large): the text is not valid JSON. */
  inputTruncated?: true;
  outputTruncated?: true;
  /** Task/Lambda/Activity parameters as sent, and the raw result before ResultSelector/ResultPath. */
  parameters?: string;
  taskResult?: string;
  resource?: string;
  error?: string;
  cause?: string;
  retries: RetryAttempt[];
  /** Map only: how many items the Map started with. */
  itemCount?: number;
  /** Ids of every event attributed to this visit, for linking the table/event views. */
  eventIds: number[];
}

export interface StateSummary {
  nodeId: string;
  name: string;
  status: StateStatus;
  visits: StateVisit[];
}

export interface ExecutionErrorBanner {
  status: Extract<ExecutionStatus, 'FAILED' | 'TIMED_OUT' | 'ABORTED'>;
  /** The state that failed (deepest one when the failure bubbled out of a Parallel/Map). */
  stateName?: string;
  nodeId?: string;
  visitId?: number;
  error?: string;
  cause?: string;
}

export interface TimelineMark {
  kind: 'retry' | 'retryWait' | 'wait';
  /** Milliseconds from execution start. */
  startMs: number;
  endMs: number;
  label?: string;
}

export interface TimelineRow {
  visitId: number;
  nodeId: string;
  name: string;
  type: string;
  /** Nesting depth (0 = top level) for indenting rows inside Parallel/Map. */
  depth: number;
  iterationIndex?: number;
  branchIndex?: number;
  status: StateVisit['status'];
  /** Milliseconds from execution start; `endMs` is "now" (or the stop time) for unfinished visits. */
  startMs: number;
  endMs: number;
  isOpenEnded: boolean;
  marks: TimelineMark[];
}

export interface ExecutionView {
  status: ExecutionStatus;
  startedAt?: string;
  stoppedAt?: string;
  input?: string;
  output?: string;
  /** Keyed by graph node id; states that never ran are present with status `notRun` when a graph is given. */
  states: Record<string, StateSummary>;
  /** Every visit in entry order. */
  visits: StateVisit[];
  error?: ExecutionErrorBanner;
  timeline: TimelineRow[];
}
