import 'server-only';
import { AppError, isAppError } from '@/server/errors';
import { getCurrentTarget } from '@/server/targets/current';
import { getTargetForActor, listTargetsForActor, resolveTargetRef } from '@/server/targets/queries';
import { describeStateMachine, listStateMachineTags } from '@/server/aws/sfn';
import { requireResourceAccess, resolveOwners, type OwnedAccess } from '@/server/tenancy/resources';
import { parseSfnArn, stateMachineArnOfExecution } from '@/lib/sfn/arn';
import type { Actor } from '@/server/auth/actor';
import type { AwsTargetRef } from '@/server/aws/clients';
import type { TargetDto } from '@/lib/schemas/targets';
import type { TargetSummaryDto } from '@/lib/sfn/dto';

// Which target a dashboard request reads: the one named, the switcher's, or the one an ARN lives in.
// Listing needs a target the actor's teams may use (every listed target is one); reading a state
// machine's executions and starting or stopping them follow its owner (server/tenancy).

export interface SfnTarget {
  target: TargetDto;
  region: string;
  ref: AwsTargetRef;
  summary: TargetSummaryDto;
}

async function toSfnTarget(target: TargetDto, region: string): Promise<SfnTarget> {
  const ref = await resolveTargetRef(target, region);
  return { target, region, ref, summary: { id: target.id, name: target.name, accountId: target.accountId, region, isSandbox: target.isSandbox } };
}

/** The target and region the dashboard reads: the one named (id or name), else the switcher's current one. */
export async function resolveSfnTarget(actor: Actor, choice: { target?: string; region?: string } = {}): Promise<SfnTarget> {
  const current = await getCurrentTarget(actor);
  if (choice.target) {
    const target = await getTargetForActor(actor, choice.target);
    const region = choice.region ?? (current?.target.id === target.id ? current.region : target.regions[0]);
    if (!region) throw new AppError('VALIDATION', `Target ${target.name} has no regions.`, { fields: { region: ['is required'] } });
    return toSfnTarget(target, region);
  }
  if (!current) throw new AppError('FORBIDDEN', 'No AWS target is available to your teams. Ask a platform admin to register one for your team.');
  return toSfnTarget(current.target, choice.region ?? current.region);
}

/**
 * The target a state machine or execution ARN lives in: a target the actor may use whose account is
 * the ARN's and whose regions include the ARN's region (the switcher's current target first).
 */
async function resolveTargetForArn(actor: Actor, arn: string): Promise<SfnTarget> {
  const parts = parseSfnArn(arn);
  if (!parts) throw new AppError('VALIDATION', 'Not a Step Functions state machine or execution ARN.', { fields: { arn: ['must be a Step Functions ARN'] } });
  const covering = (await listTargetsForActor(actor)).filter((t) => t.accountId === parts.accountId && t.regions.includes(parts.region));
  // Only when several targets cover the account is the switcher's choice (a cookie, so a request) needed.
  const current = covering.length > 1 ? await getCurrentTarget(actor) : null;
  const target = covering.find((t) => t.id === current?.target.id) ?? covering[0];
  if (!target) {
    throw new AppError('NOT_FOUND', `No AWS target your teams may use covers account ${parts.accountId} in ${parts.region}.`);
  }
  return toSfnTarget(target, parts.region);
}

export type SfnResourceAccess = SfnTarget & OwnedAccess & { stateMachineArn: string };

/**
 * The target of a state machine or execution ARN, the machine's owner and what the actor may do;
 * FORBIDDEN (naming the owner) unless the actor may `need` it.
 */
export async function requireSfnAccess(actor: Actor, arn: string, need: 'read' | 'operate' | 'list', what: string): Promise<SfnResourceAccess> {
  const sfnTarget = await resolveTargetForArn(actor, arn);
  const stateMachineArn = parseSfnArn(arn)?.kind === 'stateMachine' ? arn : stateMachineArnOfExecution(arn)!;
  const readTags = (a: string) => listStateMachineTags(sfnTarget.ref, a);
  try {
    const owned = await requireResourceAccess(actor, sfnTarget.target, sfnTarget.region, stateMachineArn, need, what, readTags);
    return { ...sfnTarget, ...owned, stateMachineArn };
  } catch (err) {
    // What nobody owns may simply not exist: say so (every team of the target may list its machines,
    // so this reveals nothing). What a team owns is that team's to answer about.
    const owner = isAppError(err) && (err.details?.owner as { kind?: string } | undefined);
    if (owner && owner.kind === 'unowned') await describeStateMachine(sfnTarget.ref, stateMachineArn);
    throw err;
  }
}

/** Owners of the state machines of one target and region (tags read only when a tag rule needs them). */
export function resolveStateMachineOwners(sfnTarget: SfnTarget, stateMachineArns: readonly string[]) {
  return resolveOwners(sfnTarget.target, sfnTarget.region, stateMachineArns, (a) => listStateMachineTags(sfnTarget.ref, a));
}
