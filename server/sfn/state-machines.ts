import 'server-only';
import { AppError, isAppError } from '@/server/errors';
import { describeStateMachine, listExecutionsPage, listStateMachines } from '@/server/aws/sfn';
import { getLaunchDetail } from '@/server/launches/read';
import { requireSfnAccess, resolveSfnTarget, resolveStateMachineOwners } from '@/server/sfn/access';
import { accessFor } from '@/server/tenancy/ownership';
import { listRecentInputs } from '@/server/sfn/queries';
import { getDefinitionLayout } from '@/server/sfn/layout';
import { parseSfnArn } from '@/lib/sfn/arn';
import { stateMachineArnsOfLaunch } from '@/server/launches/state-machine-arns';
import { summariseRecentExecutions } from '@/server/sfn/recent-activity';
import type { RecentInputDto, StateMachineDetailDto, StateMachineListDto, StateMachineSummaryDto } from '@/lib/sfn/dto';
import type { StateMachinesQuery } from '@/lib/schemas/sfn';
import type { Actor } from '@/server/auth/actor';
import type { AwsTargetRef } from '@/server/aws/clients';
import { mapWithConcurrency } from '@/server/concurrency';

// The dashboard's first page: the state machines of a target and region (or of one launch), each with
// what its newest executions did.

/** Executions counted per machine: ListExecutions' newest page. */
const RECENT_SAMPLE = 100;
/** ListExecutions calls in flight at once when the list has many machines. */
const CONCURRENCY = 6;

async function withRecentActivity(ref: AwsTargetRef, machine: Omit<StateMachineSummaryDto, 'recent'>): Promise<StateMachineSummaryDto> {
  // Express machines have no ListExecutions history to count; other teams' executions are not ours to count.
  if (machine.type === 'EXPRESS' || !machine.access.canRead) return { ...machine, recent: null };
  try {
    const page = await listExecutionsPage(ref, { stateMachineArn: machine.arn, maxResults: RECENT_SAMPLE });
    return { ...machine, recent: summariseRecentExecutions(page.executions, page.nextToken !== null) };
  } catch (err) {
    // One machine that cannot be read should not hide the others; an unreachable AWS hides them all.
    if (isAppError(err) && err.code === 'UNAVAILABLE') throw err;
    return { ...machine, recent: null, recentError: err instanceof Error ? err.message : String(err) };
  }
}

/** State machines of a target and region with their recent executions; with `launch`, only that launch's. */
export async function listStateMachinesWithActivity(actor: Actor, query: StateMachinesQuery): Promise<StateMachineListDto> {
  let wanted: Set<string> | null = null;
  let launch: StateMachineListDto['launch'];
  let sfnTarget;
  if (query.launch) {
    const detail = await getLaunchDetail(actor, query.launch);
    wanted = stateMachineArnsOfLaunch(detail);
    sfnTarget = await resolveSfnTarget(actor, { target: detail.target.id, region: detail.region });
    launch = { id: detail.id, stackName: detail.stackName, missingArns: [] };
  } else {
    sfnTarget = await resolveSfnTarget(actor, query);
  }
  const all = await listStateMachines(sfnTarget.ref);
  const chosen = wanted ? all.filter((m) => wanted.has(m.arn)) : all;
  if (launch && wanted) launch.missingArns = [...wanted].filter((arn) => !all.some((m) => m.arn === arn));
  chosen.sort((a, b) => a.name.localeCompare(b.name));
  const owners = await resolveStateMachineOwners(
    sfnTarget,
    chosen.map((m) => m.arn),
  );
  const stateMachines = await mapWithConcurrency(chosen, CONCURRENCY, (m) => {
    const owner = owners.get(m.arn)!;
    return withRecentActivity(sfnTarget.ref, { ...m, owner, access: accessFor(actor, owner) });
  });
  return { target: sfnTarget.summary, stateMachines, ...(launch ? { launch } : {}) };
}

export interface StateMachinePageDto {
  stateMachine: StateMachineDetailDto;
  canStart: boolean;
  recentInputs: RecentInputDto[];
}

/** One state machine (type, definition, logging, owner), whether the actor may start it, and their last inputs. */
export async function getStateMachinePage(actor: Actor, stateMachineArn: string): Promise<StateMachinePageDto> {
  if (parseSfnArn(stateMachineArn)?.kind !== 'stateMachine')
    throw new AppError('VALIDATION', 'Not a state machine ARN.', { fields: { stateMachineArn: ['must be a state machine ARN'] } });
  const sfnTarget = await requireSfnAccess(actor, stateMachineArn, 'read', 'open it');
  const [description, recentInputs] = await Promise.all([
    describeStateMachine(sfnTarget.ref, stateMachineArn),
    listRecentInputs(actor.userId, stateMachineArn),
  ]);
  // Lay the definition out now, in the background: the next execution page of this revision then finds
  // it cached instead of paying for ELK's first layout (about half a second for 200 states).
  void getDefinitionLayout(description.definition).catch(() => undefined);
  return {
    stateMachine: { ...description, target: sfnTarget.summary, owner: sfnTarget.owner },
    canStart: sfnTarget.access.canOperate,
    recentInputs,
  };
}
