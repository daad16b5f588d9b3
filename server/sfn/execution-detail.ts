import 'server-only';
import { AppError } from '@/server/errors';
import { describeExecution, describeStateMachineForExecution, getExecutionHistory, getExecutionHistorySince, MAX_HISTORY_EVENTS } from '@/server/aws/sfn';
import { requireSfnAccess, type SfnTarget } from '@/server/sfn/access';
import { cacheExecution, getCachedExecution, getFollowedExecution, type FollowedExecution, type LoadedExecution } from '@/server/sfn/execution-cache';
import { getDefinitionLayout } from '@/server/sfn/layout';
import { isExpressExecutionArn, stateMachineArnOfExecution } from '@/lib/sfn/arn';
import { buildEventRows, eventOwners, pageOfEvents } from '@/server/sfn/event-rows';
import { buildExecutionGraph } from '@/lib/sfn/execution-graph';
import { durationBetween } from '@/lib/sfn/format';
import { deriveExecutionView } from '@/server/sfn/history';
import type { ExecutionDetailDto, ExecutionStateDto, ExecutionVisitDto, HistoryPageDto } from '@/lib/sfn/dto';
import type { StateVisit } from '@/lib/sfn/history-types';
import type { ExecutionHistoryQuery } from '@/lib/schemas/sfn';
import type { Actor } from '@/server/auth/actor';
import type { ResourceOwnerDto } from '@/lib/tenancy/dto';

// The execution page's model: DescribeExecution + the definition that ran + the whole history, turned
// into per-state visits, the coloured graph (with the cached layout), the error banner and the timeline.

function refuseExpress(executionArn: string): void {
  if (isExpressExecutionArn(executionArn)) {
    throw new AppError('BAD_REQUEST', 'Express executions keep no execution history in Step Functions; open the state machine to read its CloudWatch Logs.');
  }
}

/** The definition and the whole history, or (for a running execution read before) only the newer events. */
async function readHistory(sfnTarget: SfnTarget, executionArn: string, followed: FollowedExecution | undefined): Promise<FollowedExecution> {
  const { ref } = sfnTarget;
  if (followed) {
    const lastId = followed.events.at(-1)?.id ?? 0;
    const newer = await getExecutionHistorySince(ref, executionArn, lastId);
    const events = [...followed.events, ...newer];
    return {
      definition: followed.definition,
      events: events.slice(0, MAX_HISTORY_EVENTS),
      historyTruncated: followed.historyTruncated || events.length > MAX_HISTORY_EVENTS,
    };
  }
  const [definition, history] = await Promise.all([describeStateMachineForExecution(ref, executionArn), getExecutionHistory(ref, executionArn)]);
  return { definition, events: history.events, historyTruncated: history.truncated };
}

/** Read (or reuse) everything about one execution. */
async function loadExecution(sfnTarget: SfnTarget, executionArn: string): Promise<LoadedExecution> {
  const cached = getCachedExecution(sfnTarget.target.id, executionArn);
  if (cached) return cached;
  const followed = getFollowedExecution(sfnTarget.target.id, executionArn);
  const [description, history] = await Promise.all([describeExecution(sfnTarget.ref, executionArn), readHistory(sfnTarget, executionArn, followed)]);
  const laidOut = await getDefinitionLayout(history.definition.definition);
  const view = deriveExecutionView(history.events, { graph: laidOut.graph });
  const loaded: LoadedExecution = { description, ...history, laidOut, view };
  cacheExecution(sfnTarget.target.id, loaded);
  return loaded;
}

function toVisitDto(visit: StateVisit): ExecutionVisitDto {
  const { eventIds, ...rest } = visit;
  return { ...rest, firstEventId: eventIds[0] ?? visit.id, lastEventId: eventIds.at(-1) ?? visit.id };
}

/** The API/page DTO of a loaded execution. */
function toExecutionDetail(loaded: LoadedExecution, sfnTarget: SfnTarget, owner: ResourceOwnerDto, canStop: boolean): ExecutionDetailDto {
  const { description, definition, view, laidOut } = loaded;
  const typeOf = new Map(laidOut.graph.nodes.map((n) => [n.id, n.type as string]));
  const states: ExecutionStateDto[] = Object.values(view.states).map((s) => ({
    nodeId: s.nodeId,
    name: s.name,
    type: typeOf.get(s.nodeId) ?? s.visits[0]?.type ?? 'Unknown',
    status: s.status,
    visits: s.visits.map(toVisitDto),
  }));
  return {
    executionArn: description.executionArn,
    name: description.name,
    stateMachineArn: definition.stateMachineArn || description.stateMachineArn,
    stateMachineName: definition.name,
    status: description.status,
    input: description.input,
    output: description.output,
    error: description.error,
    cause: description.cause,
    startDate: description.startDate,
    stopDate: description.stopDate,
    durationMs: durationBetween(description.startDate, description.stopDate),
    definition: definition.definition,
    roleArn: definition.roleArn,
    states,
    graph: buildExecutionGraph(laidOut.graph, laidOut.layout, view),
    banner: view.error ?? null,
    timeline: view.timeline,
    eventCount: loaded.events.length,
    historyTruncated: loaded.historyTruncated,
    target: sfnTarget.summary,
    owner,
    canStop: canStop && description.status === 'RUNNING',
  };
}

/** One execution: graph with statuses and the path taken, per-state visits, error banner, timeline. */
export async function getExecutionDetail(actor: Actor, executionArn: string): Promise<ExecutionDetailDto> {
  refuseExpress(executionArn);
  const sfnAccess = await requireSfnAccess(actor, executionArn, 'read', 'read its executions');
  const loaded = await loadExecution(sfnAccess, executionArn);
  return toExecutionDetail(loaded, sfnAccess, sfnAccess.owner, sfnAccess.access.canOperate);
}

/** One page of an execution's history events, filtered by event type and state name. */
export async function getExecutionHistoryPage(actor: Actor, executionArn: string, query: ExecutionHistoryQuery): Promise<HistoryPageDto> {
  refuseExpress(executionArn);
  const sfnTarget = await requireSfnAccess(actor, executionArn, 'read', 'read its executions');
  const loaded = await loadExecution(sfnTarget, executionArn);
  loaded.rows ??= buildEventRows(loaded.events, eventOwners(loaded.view.visits), loaded.view.startedAt ?? loaded.description.startDate);
  return pageOfEvents(loaded.rows, query);
}

/** Two executions of one state machine, for the compare page. */
export async function getExecutionPair(actor: Actor, executionArnA: string, executionArnB: string): Promise<[ExecutionDetailDto, ExecutionDetailDto]> {
  const machineA = stateMachineArnOfExecution(executionArnA);
  if (!machineA || machineA !== stateMachineArnOfExecution(executionArnB)) {
    throw new AppError('VALIDATION', 'Only executions of the same state machine can be compared.', {
      fields: { b: ['must be an execution of the same state machine as a'] },
    });
  }
  return Promise.all([getExecutionDetail(actor, executionArnA), getExecutionDetail(actor, executionArnB)]);
}
