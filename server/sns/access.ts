import 'server-only';
import { AppError, isAppError } from '@/server/errors';
import { getCurrentTarget } from '@/server/targets/current';
import { listTargetsForActor, resolveTargetRef } from '@/server/targets/queries';
import { listTopicTags } from '@/server/aws/sns';
import { requireResourceAccess, resolveOwners, type OwnedAccess } from '@/server/tenancy/resources';
import type { SfnTarget } from '@/server/sfn/access';
import type { Actor } from '@/server/auth/actor';

// Who may read a topic's policy and findings: the topic's owner (docs/TENANCY.md) — the team whose
// launch created it, else the teams an admin assigned it to, else platform admins only. Findings
// name callers and show where sensitive data sat in messages, so they are the owner's data.

export interface TopicArnParts {
  partition: string;
  region: string;
  accountId: string;
  name: string;
}

const TOPIC_ARN = /^arn:(aws[a-z-]*):sns:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_-]{1,256}(?:\.fifo)?)$/;

/** The parts of an SNS topic ARN, or null when it is not one. */
export function parseTopicArn(arn: string): TopicArnParts | null {
  const m = TOPIC_ARN.exec(arn);
  return m ? { partition: m[1]!, region: m[2]!, accountId: m[3]!, name: m[4]! } : null;
}

/** The target a topic ARN lives in: one the actor's teams may use covering its account and region. */
async function resolveTargetForTopic(actor: Actor, arn: string): Promise<SfnTarget> {
  const parts = parseTopicArn(arn);
  if (!parts) throw new AppError('VALIDATION', 'Not an SNS topic ARN.', { fields: { arn: ['must be an SNS topic ARN'] } });
  const covering = (await listTargetsForActor(actor)).filter((t) => t.accountId === parts.accountId && t.regions.includes(parts.region));
  const current = covering.length > 1 ? await getCurrentTarget(actor) : null;
  const target = covering.find((t) => t.id === current?.target.id) ?? covering[0];
  if (!target) throw new AppError('NOT_FOUND', `No AWS target your teams may use covers account ${parts.accountId} in ${parts.region}.`);
  const ref = await resolveTargetRef(target, parts.region);
  return {
    target,
    region: parts.region,
    ref,
    summary: { id: target.id, name: target.name, accountId: target.accountId, region: parts.region, isSandbox: target.isSandbox },
  };
}

export type TopicAccess = SfnTarget & OwnedAccess & { topicArn: string; topicName: string };

/** The target, owner and access of a topic; FORBIDDEN (naming the owner) unless the actor may read it. */
export async function requireTopicRead(actor: Actor, arn: string, what: string): Promise<TopicAccess> {
  const target = await resolveTargetForTopic(actor, arn);
  try {
    const owned = await requireResourceAccess(actor, target.target, target.region, arn, 'read', what, (a) => listTopicTags(target.ref, a));
    return { ...target, ...owned, topicArn: arn, topicName: parseTopicArn(arn)!.name };
  } catch (err) {
    // What nobody owns may not exist at all: say so rather than refuse (every team of the target may list topics).
    const owner = isAppError(err) && (err.details?.owner as { kind?: string } | undefined);
    if (owner && owner.kind === 'unowned') await listTopicTags(target.ref, arn);
    throw err;
  }
}

/** Owners of topics on one target and region (tags read only when a tag rule needs them). */
export function resolveTopicOwners(target: SfnTarget, arns: readonly string[]) {
  return resolveOwners(target.target, target.region, arns, (a) => listTopicTags(target.ref, a));
}

/** The topic ARN of a `[arn]` route segment (URL-encoded), decoded and checked (422 naming `arn` otherwise). */
export function topicArnParam(params: Record<string, string>): string {
  const raw = params.arn ?? '';
  let arn = raw;
  try {
    arn = decodeURIComponent(raw);
  } catch {
    // Left as sent; the check below names it.
  }
  if (!parseTopicArn(arn))
    throw new AppError('VALIDATION', 'The path must end in a URL-encoded SNS topic ARN.', { fields: { arn: ['must be an SNS topic ARN'] } });
  return arn;
}
