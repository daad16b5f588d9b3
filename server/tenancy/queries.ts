import 'server-only';
import { db, isUniqueViolation, withPrismaErrors } from '@/server/db';
import { AppError } from '@/server/errors';
import { parseOutputs } from '@/server/launches/queries';
import type { AssignmentRule, LaunchOwner } from '@/server/tenancy/ownership';
import type { TeamRefDto } from '@/lib/tenancy/dto';

// Reads and writes of the ownership model: which launch created a resource, the assignment rules of
// a target, the group-id prefixes of a Kafka cluster.

const teamRef = (t: { id: string; slug: string; name: string }): TeamRefDto => ({ id: t.id, slug: t.slug, name: t.name });

/** Settled states whose stack (and so its resources) no longer exists. */
const GONE = ['DELETED', 'DISCARDED', 'FAILED_TO_START'];

/**
 * The launches that created these resources on a target and region: by the physical ids of their
 * stack events, or (nested stacks, exported ARNs) by their outputs. The newest live launch wins.
 */
export async function findLaunchOwners(targetId: string, region: string, arns: readonly string[]): Promise<Map<string, LaunchOwner>> {
  const owners = new Map<string, LaunchOwner & { createdAt: number; live: boolean }>();
  if (!arns.length) return new Map();
  const wanted = new Set(arns);
  const [events, withOutputs] = await Promise.all([
    db.launchEvent.findMany({
      where: { physicalId: { in: [...wanted] }, launch: { targetId, region } },
      select: { physicalId: true, launchId: true },
      distinct: ['launchId', 'physicalId'],
    }),
    db.launch.findMany({ where: { targetId, region, status: { notIn: GONE }, outputs: { not: '[]' } }, select: { id: true, outputs: true } }),
  ]);
  const claims: { arn: string; launchId: string }[] = events.map((e) => ({ arn: e.physicalId!, launchId: e.launchId }));
  for (const launch of withOutputs) {
    for (const output of parseOutputs(launch.outputs)) if (wanted.has(output.value)) claims.push({ arn: output.value, launchId: launch.id });
  }
  if (!claims.length) return new Map();
  const launches = await db.launch.findMany({
    where: { id: { in: [...new Set(claims.map((c) => c.launchId))] } },
    select: { id: true, stackName: true, status: true, createdAt: true, teamId: true },
  });
  const teams = await db.team.findMany({ where: { id: { in: [...new Set(launches.map((l) => l.teamId))] } }, select: { id: true, slug: true, name: true } });
  const launchById = new Map(launches.map((l) => [l.id, l]));
  const teamById = new Map(teams.map((t) => [t.id, teamRef(t)]));
  for (const claim of claims) {
    const launch = launchById.get(claim.launchId);
    if (!launch) continue;
    const team = teamById.get(launch.teamId) ?? { id: launch.teamId, slug: '?', name: 'deleted team' };
    const candidate = {
      team,
      launch: { id: launch.id, stackName: launch.stackName },
      createdAt: launch.createdAt.getTime(),
      live: !GONE.includes(launch.status),
    };
    const current = owners.get(claim.arn);
    // A live launch beats a deleted one (a retained resource stays its team's until a new stack claims it).
    if (!current || Number(candidate.live) - Number(current.live) > 0 || (candidate.live === current.live && candidate.createdAt > current.createdAt)) {
      owners.set(claim.arn, candidate);
    }
  }
  return new Map([...owners].map(([arn, { team, launch }]) => [arn, { team, launch }]));
}

type AssignmentRow = {
  id: string;
  targetId: string;
  kind: string;
  pattern: string;
  tagValue: string;
  createdAt: Date;
  team: { id: string; slug: string; name: string };
};

export type StoredAssignment = AssignmentRule & { targetId: string; createdAt: Date };

function toRule(row: AssignmentRow): StoredAssignment {
  const base = { id: row.id, team: teamRef(row.team), targetId: row.targetId, createdAt: row.createdAt };
  return row.kind === 'tag' ? { ...base, kind: 'tag', key: row.pattern, value: row.tagValue } : { ...base, kind: 'arn-pattern', pattern: row.pattern };
}

const assignmentSelect = {
  id: true,
  targetId: true,
  kind: true,
  pattern: true,
  tagValue: true,
  createdAt: true,
  team: { select: { id: true, slug: true, name: true } },
};

/** Assignment rules of these targets, oldest first. */
export async function listAssignments(targetIds: readonly string[]): Promise<StoredAssignment[]> {
  const rows = await db.resourceAssignment.findMany({
    where: { targetId: { in: [...targetIds] } },
    select: assignmentSelect,
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return rows.map(toRule);
}

export async function findAssignment(id: string): Promise<StoredAssignment | null> {
  const row = await db.resourceAssignment.findUnique({ where: { id }, select: assignmentSelect });
  return row ? toRule(row) : null;
}

/** Stores a rule; null when the target already has the same rule. */
export async function insertAssignment(data: {
  targetId: string;
  teamId: string;
  kind: 'arn-pattern' | 'tag';
  pattern: string;
  tagValue: string;
  createdById: string;
}): Promise<StoredAssignment | null> {
  try {
    return toRule(await db.resourceAssignment.create({ data, select: assignmentSelect }));
  } catch (err) {
    if (isUniqueViolation(err)) return null;
    throw err;
  }
}

export async function deleteAssignment(id: string): Promise<void> {
  await withPrismaErrors(db.resourceAssignment.delete({ where: { id } }), { notFound: 'No such assignment on this target.' });
}

export type StoredGroupPrefix = { id: string; clusterId: string; team: TeamRefDto; prefix: string; createdAt: Date };

/** Group-id prefixes of a Kafka cluster with their teams. */
export async function listGroupPrefixes(clusterIds: readonly string[]): Promise<StoredGroupPrefix[]> {
  const rows = await db.kafkaGroupPrefix.findMany({ where: { clusterId: { in: [...clusterIds] } }, orderBy: { prefix: 'asc' } });
  const teams = await db.team.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.teamId))] } }, select: { id: true, slug: true, name: true } });
  const teamById = new Map(teams.map((t) => [t.id, teamRef(t)]));
  return rows.map((r) => ({
    id: r.id,
    clusterId: r.clusterId,
    team: teamById.get(r.teamId) ?? { id: r.teamId, slug: '?', name: 'deleted team' },
    prefix: r.prefix,
    createdAt: r.createdAt,
  }));
}

/** Stores a prefix; a prefix the cluster already has is a CONFLICT. */
export async function insertGroupPrefix(data: { clusterId: string; teamId: string; prefix: string; createdById: string | null }): Promise<string> {
  const taken = new AppError('CONFLICT', `Prefix "${data.prefix}" is already assigned on this cluster.`, { fields: { prefix: ['is already assigned'] } });
  return (await withPrismaErrors(db.kafkaGroupPrefix.create({ data, select: { id: true } }), { conflict: taken })).id;
}

export async function deleteGroupPrefix(id: string): Promise<void> {
  await withPrismaErrors(db.kafkaGroupPrefix.delete({ where: { id } }), { notFound: 'No such prefix on this cluster.' });
}

export async function findTeamRef(id: string): Promise<TeamRefDto | null> {
  const team = await db.team.findUnique({ where: { id }, select: { id: true, slug: true, name: true } });
  return team ? teamRef(team) : null;
}

/** Seeds a prefix for a team (by slug) idempotently; false when the team does not exist. */
export async function ensureGroupPrefix(clusterId: string, teamSlug: string, prefix: string): Promise<boolean> {
  const team = await db.team.findUnique({ where: { slug: teamSlug }, select: { id: true } });
  if (!team) return false;
  await db.kafkaGroupPrefix.upsert({ where: { clusterId_prefix: { clusterId, prefix } }, update: {}, create: { clusterId, teamId: team.id, prefix } });
  return true;
}
