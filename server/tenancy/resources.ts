import 'server-only';
import { AppError } from '@/server/errors';
import { accessFor, decideOwner, needsTags, refusalMessage } from '@/server/tenancy/ownership';
import { findLaunchOwners, listAssignments } from '@/server/tenancy/queries';
import type { Actor } from '@/server/auth/actor';
import type { ResourceAccessDto, ResourceOwnerDto } from '@/lib/tenancy/dto';

// Owners of AWS resources on one target and region, for the pages that show them (state machines
// and executions today): one query for the launches that created them, one for the target's rules,
// and tags read only for resources that a tag rule could decide.

/** Reads a resource's tags (an AWS call); only asked when a tag rule exists and no launch owns it. */
export type ReadTags = (arn: string) => Promise<Record<string, string>>;

/** Tag reads in flight at once for a long list. */
const TAG_CONCURRENCY = 6;

async function readTagsFor(arns: readonly string[], readTags: ReadTags): Promise<Map<string, Record<string, string>>> {
  const out = new Map<string, Record<string, string>>();
  let next = 0;
  const worker = async () => {
    while (next < arns.length) {
      const arn = arns[next++]!;
      // A resource whose tags cannot be read is judged by its ARN alone: it may stay unowned, never wrongly owned.
      out.set(arn, await readTags(arn).catch(() => ({})));
    }
  };
  await Promise.all(Array.from({ length: Math.min(TAG_CONCURRENCY, arns.length) }, worker));
  return out;
}

/** The owner of each resource (by ARN) on a target and region. */
export async function resolveOwners(
  target: { id: string },
  region: string,
  arns: readonly string[],
  readTags?: ReadTags,
): Promise<Map<string, ResourceOwnerDto>> {
  const [launchOwners, rules] = await Promise.all([findLaunchOwners(target.id, region, arns), listAssignments([target.id])]);
  // Tags are read only when a tag rule exists, and only for what no launch owns.
  const tagsWanted = readTags && needsTags(rules) ? arns.filter((arn) => !launchOwners.has(arn)) : [];
  const tags = readTags && tagsWanted.length ? await readTagsFor(tagsWanted, readTags) : new Map<string, Record<string, string>>();
  return new Map(arns.map((arn) => [arn, decideOwner({ arn, tags: tags.get(arn) }, launchOwners.get(arn) ?? null, rules)]));
}

export interface OwnedAccess {
  owner: ResourceOwnerDto;
  access: ResourceAccessDto;
}

/** The owner of one resource and what the actor may do with it; FORBIDDEN when `need` is not met. */
export async function requireResourceAccess(
  actor: Actor,
  target: { id: string },
  region: string,
  arn: string,
  need: 'read' | 'operate' | 'list',
  what: string,
  readTags?: ReadTags,
): Promise<OwnedAccess> {
  const owner = (await resolveOwners(target, region, [arn], readTags)).get(arn)!;
  const access = accessFor(actor, owner);
  if ((need === 'read' && !access.canRead) || (need === 'operate' && !access.canOperate)) {
    throw new AppError('FORBIDDEN', refusalMessage(owner, need, what), { details: { owner } });
  }
  return { owner, access };
}
