import 'server-only';
import type { AslGraph } from '@/lib/sfn/asl-graph';
import type { ExecutionStatus, SfnHistoryEvent, StateVisit } from '@/lib/sfn/history-types';
import { toEpochMs, toIsoString } from './history-time';
import { StateNodeResolver } from './state-node-resolver';

// How events are attributed to visits (the console does the same): every event names the event it
// follows in `previousEventId`. A `...StateEntered` that follows `ParallelStateStarted` opens a branch,
// one that follows `MapIterationStarted` opens an iteration, and one that follows anything else is the
// next state in the scope of the visit that event belongs to. Every other event belongs to the nearest
// still-open visit up that chain. Parallel branches and Map iterations interleave freely in the event
// list, but their chains never cross, so each visit ends up in the right branch/iteration.

export interface RecordedFailure {
  error?: string;
  cause?: string;
  at: string;
}

/** A visit while the history is read: the DTO plus the bookkeeping that decides its final status. */
export interface VisitRecord {
  dto: StateVisit;
  parent: VisitRecord | undefined;
  depth: number;
  open: boolean;
  enteredMs: number;
  exitedMs?: number;
  /** The last failure not followed by a retry: caught if the visit exits, final otherwise. */
  pendingFailure?: RecordedFailure;
  cancelled: boolean;
  /** Its branch/iteration failed because of it: the enclosing Parallel/Map gave up on it. */
  failedUncaught: boolean;
  /** Parallel: branches already started (several may share a StartAt name). */
  startedBranches?: Set<number>;
  /** Parallel/Map: the last output of each branch/iteration, to rebuild the container's raw result. */
  childOutputs?: Map<number, string>;
}

export interface ExecutionFacts {
  status: ExecutionStatus;
  startedAt?: string;
  startedMs: number;
  stoppedAt?: string;
  stoppedMs: number;
  input?: string;
  output?: string;
  error: { error?: string; cause?: string };
  /** Where ExecutionFailed's chain points: the visit the execution failed in. */
  failedAtVisit?: VisitRecord;
}

export interface AttributedHistory {
  /** In entry order, so parents always come before their children. */
  visits: VisitRecord[];
  execution: ExecutionFacts;
}

const ENTERED_SUFFIX = 'StateEntered';
const EXITED_SUFFIX = 'StateExited';
const ABORTED_SUFFIX = 'StateAborted';

const SCHEDULED_EVENTS = new Set(['TaskScheduled', 'LambdaFunctionScheduled', 'ActivityScheduled']);
const TASK_RESULT_FIELD = {
  TaskSucceeded: 'taskSucceededEventDetails',
  LambdaFunctionSucceeded: 'lambdaFunctionSucceededEventDetails',
  ActivitySucceeded: 'activitySucceededEventDetails',
} as const satisfies Record<string, keyof SfnHistoryEvent>;
const FAILURE_FIELD: Record<string, keyof SfnHistoryEvent> = {
  TaskFailed: 'taskFailedEventDetails',
  TaskTimedOut: 'taskTimedOutEventDetails',
  TaskStartFailed: 'taskStartFailedEventDetails',
  TaskSubmitFailed: 'taskSubmitFailedEventDetails',
  LambdaFunctionFailed: 'lambdaFunctionFailedEventDetails',
  LambdaFunctionTimedOut: 'lambdaFunctionTimedOutEventDetails',
  LambdaFunctionStartFailed: 'lambdaFunctionStartFailedEventDetails',
  LambdaFunctionScheduleFailed: 'lambdaFunctionScheduleFailedEventDetails',
  ActivityFailed: 'activityFailedEventDetails',
  ActivityTimedOut: 'activityTimedOutEventDetails',
  ActivityScheduleFailed: 'activityScheduleFailedEventDetails',
  MapRunFailed: 'mapRunFailedEventDetails',
  EvaluationFailed: 'evaluationFailedEventDetails',
};
const CONTAINER_EVENTS: Record<string, 'Parallel' | 'Map'> = {
  ParallelStateStarted: 'Parallel',
  ParallelStateSucceeded: 'Parallel',
  ParallelStateFailed: 'Parallel',
  MapStateStarted: 'Map',
  MapStateSucceeded: 'Map',
  MapStateFailed: 'Map',
};
const MAP_ITERATION_FIELD: Record<string, keyof SfnHistoryEvent> = {
  MapIterationStarted: 'mapIterationStartedEventDetails',
  MapIterationSucceeded: 'mapIterationSucceededEventDetails',
  MapIterationFailed: 'mapIterationFailedEventDetails',
  MapIterationAborted: 'mapIterationAbortedEventDetails',
};
const EXECUTION_END: Record<string, [ExecutionStatus, keyof SfnHistoryEvent]> = {
  ExecutionSucceeded: ['SUCCEEDED', 'executionSucceededEventDetails'],
  ExecutionFailed: ['FAILED', 'executionFailedEventDetails'],
  ExecutionAborted: ['ABORTED', 'executionAbortedEventDetails'],
  ExecutionTimedOut: ['TIMED_OUT', 'executionTimedOutEventDetails'],
};

function nearestOpen(visit: VisitRecord | undefined, matches: (v: VisitRecord) => boolean = () => true): VisitRecord | undefined {
  let current = visit;
  while (current && !(current.open && matches(current))) current = current.parent;
  return current;
}

function errorDetailsOf(event: SfnHistoryEvent, field: keyof SfnHistoryEvent): { error?: string; cause?: string } {
  const details = event[field] as { error?: string; cause?: string } | undefined;
  // moto reports an empty error/cause on aborts; treat empty text as absent.
  return { error: details?.error || undefined, cause: details?.cause || undefined };
}

function sortedById(events: readonly SfnHistoryEvent[]): readonly SfnHistoryEvent[] {
  for (let i = 1; i < events.length; i++) {
    if ((events[i]!.id ?? 0) < (events[i - 1]!.id ?? 0)) return [...events].sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
  }
  return events;
}

/** Context of the event being read. */
interface Step {
  event: SfnHistoryEvent;
  id: number;
  type: string;
  prevId: number;
  prevVisit: VisitRecord | undefined;
  ms: number;
  at: string;
}

class HistoryReader {
  readonly visits: VisitRecord[] = [];
  readonly execution: ExecutionFacts = { status: 'RUNNING', startedMs: Number.NaN, stoppedMs: Number.NaN, error: {} };
  private readonly openVisits = new Set<VisitRecord>();
  private lastFailure: RecordedFailure | undefined;
  // Dense arrays indexed by event id (ids run 1..n): this is the hot path for 25k-event histories.
  private readonly visitOfEvent: (VisitRecord | undefined)[];
  private readonly typeOfEvent: (string | undefined)[];
  private readonly iterationOfEvent: (number | undefined)[];

  constructor(
    private readonly resolver: StateNodeResolver,
    maxEventId: number,
  ) {
    this.visitOfEvent = new Array(maxEventId + 1);
    this.typeOfEvent = new Array(maxEventId + 1);
    this.iterationOfEvent = new Array(maxEventId + 1);
  }

  read(event: SfnHistoryEvent): void {
    const id = event.id ?? 0;
    const type = event.type ?? '';
    const prevId = event.previousEventId ?? 0;
    const ms = toEpochMs(event.timestamp);
    const step: Step = {
      event,
      id,
      type,
      prevId,
      prevVisit: this.visitOfEvent[prevId],
      ms,
      at: toIsoString(event.timestamp, ms),
    };
    this.typeOfEvent[id] = type;
    const owner = this.ownerOf(step);
    this.visitOfEvent[id] = owner;
    owner?.dto.eventIds.push(id);
  }

  /** Apply the event and return the visit it belongs to (undefined: execution-level). */
  private ownerOf(step: Step): VisitRecord | undefined {
    const { type } = step;
    if (type.endsWith(ENTERED_SUFFIX)) return this.enter(step);
    if (type.endsWith(EXITED_SUFFIX)) return this.exit(step);
    if (type.endsWith(ABORTED_SUFFIX)) return this.abort(step);
    if (SCHEDULED_EVENTS.has(type)) return this.schedule(step);
    if (type in TASK_RESULT_FIELD) return this.taskResult(step);
    if (type in FAILURE_FIELD) return this.fail(step);
    if (type in CONTAINER_EVENTS) return this.containerEvent(step);
    if (type in MAP_ITERATION_FIELD) return this.mapIteration(step);
    if (type in EXECUTION_END) return this.endExecution(step);
    if (type === 'ExecutionStarted') return this.startExecution(step);
    if (type === 'ExecutionRedriven') return this.redrive();
    // TaskStarted, TaskSubmitted, LambdaFunctionStarted, MapRun*: they stay with the chain's visit.
    return nearestOpen(step.prevVisit) ?? step.prevVisit;
  }

  private enter({ event, id, type, prevId, prevVisit, ms, at }: Step): VisitRecord {
    const name = event.stateEnteredEventDetails?.name ?? '';
    const prevType = this.typeOfEvent[prevId];
    let parent: VisitRecord | undefined;
    let branchIndex: number | undefined;
    let iterationIndex: number | undefined;
    if (prevVisit && prevType === 'ParallelStateStarted') {
      parent = prevVisit;
      branchIndex = this.resolver.branchIndex(prevVisit.dto.nodeId, (prevVisit.startedBranches ??= new Set()), name);
      iterationIndex = prevVisit.dto.iterationIndex;
    } else if (prevVisit && (prevType === 'MapIterationStarted' || prevType === 'MapStateStarted')) {
      parent = prevVisit;
      iterationIndex = this.iterationOfEvent[prevId];
    } else if (prevVisit) {
      // The next state in the same scope as the one before it.
      parent = prevVisit.parent;
      branchIndex = prevVisit.dto.branchIndex;
      iterationIndex = prevVisit.dto.iterationIndex;
    }
    const inParallel = parent?.dto.type === 'Parallel';
    const dto: StateVisit = {
      id,
      nodeId: this.resolver.nodeId(parent?.dto.nodeId, inParallel ? branchIndex : undefined, name),
      name,
      type: type.slice(0, -ENTERED_SUFFIX.length),
      status: 'inProgress',
      enteredAt: at,
      retries: [],
      eventIds: [],
    };
    if (parent) dto.parentVisitId = parent.dto.id;
    if (branchIndex !== undefined) dto.branchIndex = branchIndex;
    if (iterationIndex !== undefined) dto.iterationIndex = iterationIndex;
    if (event.stateEnteredEventDetails?.input !== undefined) dto.input = event.stateEnteredEventDetails.input;
    if (event.stateEnteredEventDetails?.inputDetails?.truncated) dto.inputTruncated = true;

    const visit: VisitRecord = {
      dto,
      parent,
      depth: parent ? parent.depth + 1 : 0,
      open: true,
      enteredMs: ms,
      cancelled: false,
      failedUncaught: false,
    };
    this.visits.push(visit);
    this.openVisits.add(visit);
    if (dto.type === 'Fail') {
      // FailStateEntered carries no error: it is in the definition (and in ExecutionFailed, if it gets that far).
      const failNode = this.resolver.node(dto.nodeId);
      this.lastFailure = { error: failNode?.error, cause: failNode?.cause, at };
      visit.pendingFailure = this.lastFailure;
    }
    return visit;
  }

  private exit({ event, prevVisit, ms, at }: Step): VisitRecord | undefined {
    const name = event.stateExitedEventDetails?.name;
    const visit = nearestOpen(prevVisit, (v) => v.dto.name === name) ?? [...this.openVisits].reverse().find((v) => v.dto.name === name);
    if (!visit) return undefined;
    const output = event.stateExitedEventDetails?.output;
    if (output !== undefined) visit.dto.output = output;
    if (event.stateExitedEventDetails?.outputDetails?.truncated) visit.dto.outputTruncated = true;
    this.close(visit, ms, at);
    return visit;
  }

  private abort({ type, prevVisit, ms, at }: Step): VisitRecord | undefined {
    const stateType = type.slice(0, -ABORTED_SUFFIX.length);
    const visit = nearestOpen(prevVisit, (v) => v.dto.type === stateType) ?? nearestOpen(prevVisit);
    if (visit) {
      visit.cancelled = true;
      this.close(visit, ms, at);
    }
    return visit;
  }

  private schedule({ event, prevVisit, at }: Step): VisitRecord | undefined {
    const visit = nearestOpen(prevVisit);
    if (!visit) return undefined;
    const pending = visit.pendingFailure;
    if (pending) {
      // A new attempt after a failure: that failure was retried, not final.
      visit.dto.retries.push({ error: pending.error, cause: pending.cause, at: pending.at, retriedAt: at });
      visit.pendingFailure = undefined;
    }
    const scheduled = event.taskScheduledEventDetails;
    const legacy = event.lambdaFunctionScheduledEventDetails ?? event.activityScheduledEventDetails;
    if (scheduled) {
      visit.dto.resource = [scheduled.resourceType, scheduled.resource].filter(Boolean).join(':');
      if (scheduled.parameters !== undefined) visit.dto.parameters = scheduled.parameters;
    } else if (legacy) {
      if (legacy.resource !== undefined) visit.dto.resource = legacy.resource;
      if (legacy.input !== undefined) visit.dto.parameters = legacy.input;
    }
    return visit;
  }

  private taskResult({ event, type, prevVisit }: Step): VisitRecord | undefined {
    const visit = nearestOpen(prevVisit);
    const result = event[TASK_RESULT_FIELD[type as keyof typeof TASK_RESULT_FIELD]]?.output;
    if (visit && result !== undefined) visit.dto.taskResult = result;
    return visit;
  }

  private fail({ event, type, prevVisit, at }: Step): VisitRecord | undefined {
    const visit = nearestOpen(prevVisit);
    this.lastFailure = { ...errorDetailsOf(event, FAILURE_FIELD[type]!), at };
    if (visit) visit.pendingFailure = this.lastFailure;
    return visit;
  }

  private containerEvent({ event, type, prevVisit, ms, at }: Step): VisitRecord | undefined {
    const containerType = CONTAINER_EVENTS[type]!;
    const visit = nearestOpen(prevVisit, (v) => v.dto.type === containerType) ?? nearestOpen(prevVisit);
    if (!visit) return undefined;
    const length = event.mapStateStartedEventDetails?.length;
    if (type === 'MapStateStarted' && length !== undefined) visit.dto.itemCount = length;
    if (type.endsWith('Failed')) {
      // The container fails with the error its branch/iteration raised (a Fail state leaves no event of its own).
      visit.pendingFailure = { ...this.lastFailure, at };
      this.settleChain(prevVisit, visit, 'failed', ms, at);
    }
    return visit;
  }

  private mapIteration({ event, type, id, prevVisit, ms, at }: Step): VisitRecord | undefined {
    const details = event[MAP_ITERATION_FIELD[type]!] as { name?: string; index?: number } | undefined;
    const visit = nearestOpen(prevVisit, (v) => v.dto.name === details?.name) ?? nearestOpen(prevVisit, (v) => v.dto.type === 'Map');
    if (type === 'MapIterationStarted') this.iterationOfEvent[id] = details?.index;
    if (visit && type === 'MapIterationFailed') this.settleChain(prevVisit, visit, 'failed', ms, at);
    if (visit && type === 'MapIterationAborted') this.settleChain(prevVisit, visit, 'cancelled', ms, at);
    return visit;
  }

  private startExecution({ event, ms, at }: Step): undefined {
    this.execution.startedAt = at;
    this.execution.startedMs = ms;
    const input = event.executionStartedEventDetails?.input;
    if (input !== undefined) this.execution.input = input;
    return undefined;
  }

  private endExecution({ event, type, prevVisit, ms, at }: Step): undefined {
    const [status, detailsField] = EXECUTION_END[type]!;
    Object.assign(this.execution, { status, stoppedAt: at, stoppedMs: ms });
    if (status === 'SUCCEEDED') {
      const output = event.executionSucceededEventDetails?.output;
      if (output !== undefined) this.execution.output = output;
    } else {
      this.execution.error = errorDetailsOf(event, detailsField);
    }
    if (status === 'FAILED') this.execution.failedAtVisit = nearestOpen(prevVisit) ?? prevVisit;
    return undefined;
  }

  private redrive(): undefined {
    this.execution.status = 'RUNNING';
    this.execution.stoppedMs = Number.NaN;
    delete this.execution.stoppedAt;
    return undefined;
  }

  private close(visit: VisitRecord, ms: number, at: string): void {
    visit.open = false;
    visit.exitedMs = ms;
    visit.dto.exitedAt = at;
    visit.dto.durationMs = Math.max(0, ms - visit.enteredMs);
    this.openVisits.delete(visit);
    const parent = visit.parent;
    if (parent && visit.dto.output !== undefined) {
      const key = parent.dto.type === 'Parallel' ? visit.dto.branchIndex : visit.dto.iterationIndex;
      if (key !== undefined) (parent.childOutputs ??= new Map()).set(key, visit.dto.output);
    }
  }

  /** A branch/iteration ended early: settle the visits still open on its chain below the container. */
  private settleChain(from: VisitRecord | undefined, container: VisitRecord, outcome: 'failed' | 'cancelled', ms: number, at: string) {
    for (let v = from; v && v !== container; v = v.parent) {
      if (!v.open) continue;
      if (outcome === 'failed') {
        v.failedUncaught = true;
      } else {
        v.cancelled = true;
        this.close(v, ms, at);
      }
    }
  }
}

/** Read a history in id order and attribute every event to the state visit it belongs to. */
export function attributeEvents(events: readonly SfnHistoryEvent[], graph?: AslGraph): AttributedHistory {
  const ordered = sortedById(events);
  const maxId = ordered.length ? (ordered[ordered.length - 1]!.id ?? 0) : 0;
  const reader = new HistoryReader(new StateNodeResolver(graph), maxId);
  for (const event of ordered) reader.read(event);
  if (!Number.isFinite(reader.execution.startedMs) && reader.visits.length) {
    reader.execution.startedMs = reader.visits[0]!.enteredMs;
  }
  return { visits: reader.visits, execution: reader.execution };
}
