import 'server-only';
import { z } from 'zod';
import { db, isUniqueViolation } from '@/server/db';
import type { FunctionBuildProgressDto, ResourceChangeDto, StackEventDto, StackOutputDto } from '@/lib/launches/dto';

const recordSchema = z.record(z.string(), z.string());
const outputsSchema = z.array(z.object({ key: z.string(), value: z.string(), description: z.string().nullable() }));

export type LaunchRow = NonNullable<Awaited<ReturnType<typeof findLaunch>>>;

export const parseRecord = (json: string) => recordSchema.parse(JSON.parse(json));
export const parseOutputs = (json: string): StackOutputDto[] => outputsSchema.parse(JSON.parse(json));
export const parseChanges = (json: string | null): ResourceChangeDto[] | null => (json ? (JSON.parse(json) as ResourceChangeDto[]) : null);

/** One launch with its team, target and creator. */
export function findLaunch(id: string) {
  return db.launch.findUnique({ where: { id } }).then(async (launch) => {
    if (!launch) return null;
    const [team, target, creator] = await Promise.all([
      db.team.findUnique({ where: { id: launch.teamId } }),
      db.awsTarget.findUnique({ where: { id: launch.targetId } }),
      db.user.findUnique({ where: { id: launch.createdById }, select: { email: true } }),
    ]);
    return { ...launch, team, target, creatorEmail: creator?.email ?? 'unknown' };
  });
}

export type NewLaunch = {
  teamId: string;
  createdById: string;
  targetId: string;
  region: string;
  stackName: string;
  blueprintSlug: string;
  blueprintVersion: string;
  status: string;
  operation: string | null;
  parameters: Record<string, string>;
  tags: Record<string, string>;
  requestHash: string;
  clientRequestToken: string;
};

/** Inserts a launch that claims its stack name; null when another launch holds the name. */
export async function insertLaunch(data: NewLaunch) {
  try {
    return await db.launch.create({
      data: {
        ...data,
        parameters: JSON.stringify(data.parameters),
        tags: JSON.stringify(data.tags),
        activeKey: activeKeyOf(data.targetId, data.region, data.stackName),
      },
    });
  } catch (err) {
    if (isUniqueViolation(err)) return null;
    throw err;
  }
}

const activeKeyOf = (targetId: string, region: string, stackName: string) => `${targetId}|${region}|${stackName}`;

export function findActiveLaunch(targetId: string, region: string, stackName: string) {
  return db.launch.findUnique({ where: { activeKey: activeKeyOf(targetId, region, stackName) } });
}

/** The newest launch one person started for a stack name in a target and region, claimed or not. */
export function findLatestLaunchOfStack(targetId: string, region: string, stackName: string, createdById: string) {
  return db.launch.findFirst({ where: { targetId, region, stackName, createdById }, orderBy: { createdAt: 'desc' } });
}

/** The function builds stored on a launch. */
export function parseBuilds(json: string | null): FunctionBuildProgressDto[] {
  if (!json) return [];
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? (value as FunctionBuildProgressDto[]) : [];
  } catch {
    return [];
  }
}

export type LaunchPatch = Partial<{
  status: string;
  statusReason: string | null;
  operation: string | null;
  stackId: string;
  changeSetId: string | null;
  pendingChanges: ResourceChangeDto[] | null;
  outputs: StackOutputDto[];
  parameters: Record<string, string>;
  tags: Record<string, string>;
  templateBody: string;
  blueprintVersion: string;
  clientRequestToken: string;
  requestHash: string;
  settledAt: Date | null;
  deletedAt: Date | null;
  releaseName: boolean;
  builds: FunctionBuildProgressDto[];
}>;

function toData(patch: LaunchPatch) {
  const { pendingChanges, outputs, parameters, tags, releaseName, builds, ...rest } = patch;
  return {
    ...rest,
    ...(builds ? { builds: JSON.stringify(builds) } : {}),
    ...(pendingChanges !== undefined ? { pendingChanges: pendingChanges ? JSON.stringify(pendingChanges) : null } : {}),
    ...(outputs ? { outputs: JSON.stringify(outputs) } : {}),
    ...(parameters ? { parameters: JSON.stringify(parameters) } : {}),
    ...(tags ? { tags: JSON.stringify(tags) } : {}),
    ...(releaseName ? { activeKey: null } : {}),
  };
}

export function updateLaunch(id: string, patch: LaunchPatch) {
  return db.launch.update({ where: { id }, data: toData(patch) });
}

/** Applies a patch only while the launch is in one of `fromStatuses`; false when another request got there first. */
export async function transitionLaunch(id: string, fromStatuses: string[], patch: LaunchPatch): Promise<boolean> {
  const res = await db.launch.updateMany({ where: { id, status: { in: fromStatuses } }, data: toData(patch) });
  return res.count === 1;
}

/** Appends stack events, ignoring ones already stored (the worker and a page may sync at once). */
export async function appendEvents(launchId: string, events: StackEventDto[]): Promise<void> {
  for (const e of events) {
    try {
      await db.launchEvent.create({
        data: {
          launchId,
          eventId: e.eventId,
          timestamp: new Date(e.timestamp),
          logicalId: e.logicalId,
          physicalId: e.physicalId,
          resourceType: e.resourceType,
          status: e.status,
          reason: e.reason,
        },
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }
}

export async function listEvents(launchId: string): Promise<StackEventDto[]> {
  const rows = await db.launchEvent.findMany({ where: { launchId }, orderBy: [{ timestamp: 'asc' }, { id: 'asc' }] });
  return rows.map((r) => ({
    eventId: r.eventId,
    timestamp: r.timestamp.toISOString(),
    logicalId: r.logicalId,
    physicalId: r.physicalId,
    resourceType: r.resourceType,
    status: r.status,
    reason: r.reason,
  }));
}

export async function knownEventIds(launchId: string): Promise<Set<string>> {
  const rows = await db.launchEvent.findMany({ where: { launchId }, select: { eventId: true } });
  return new Set(rows.map((r) => r.eventId));
}

/** Launches on the Sandbox target that have (or had) a stack and are not settled as gone. */
export async function listLiveSandboxLaunches() {
  const sandboxTargets = await db.awsTarget.findMany({ where: { isSandbox: true }, select: { id: true } });
  return db.launch.findMany({
    where: {
      targetId: { in: sandboxTargets.map((t) => t.id) },
      status: { notIn: ['DELETED', 'DISCARDED', 'FAILED_TO_START'] },
      stackId: { not: null },
    },
  });
}

/** Launches CloudFormation is still working on (or that never got going): what the poller watches. */
export function listLaunchesInFlight() {
  return db.launch.findMany({
    where: { OR: [{ operation: { in: ['create', 'update', 'delete'] } }, { status: 'PENDING' }] },
    orderBy: { updatedAt: 'asc' },
    take: 200,
  });
}

/**
 * Previews nobody confirmed since `before`: launches parked in REVIEW_IN_PROGRESS, and update change
 * sets waiting on settled launches (oldest first).
 */
export function listAbandonedPreviews(before: Date) {
  return db.launch.findMany({
    where: {
      updatedAt: { lt: before },
      // A deleted stack took its change sets with it.
      OR: [
        { status: 'REVIEW_IN_PROGRESS' },
        { status: { notIn: ['DELETED', 'DISCARDED', 'FAILED_TO_START'] }, operation: null, changeSetId: { not: null }, pendingChanges: { not: null } },
      ],
    },
    select: { id: true, status: true, teamId: true, stackName: true, targetId: true, region: true, changeSetId: true, updatedAt: true },
    orderBy: { updatedAt: 'asc' },
    take: 100,
  });
}

/** Forgets an update preview's change set, unless a newer preview replaced it meanwhile; false then. */
export async function clearPendingChangeSet(id: string, changeSetId: string): Promise<boolean> {
  const res = await db.launch.updateMany({ where: { id, changeSetId, operation: null }, data: { changeSetId: null, pendingChanges: null } });
  return res.count === 1;
}

export type LaunchFilter = {
  teamIds: string[] | null;
  createdById?: string;
  blueprintSlug?: string;
  status?: string;
  targetId?: string;
  includeDeleted?: boolean;
};

/** Position after the last launch of a page: newest first by (createdAt, id). */
export type LaunchCursor = { createdAt: Date; id: string };

function launchWhere(f: LaunchFilter, cursor?: LaunchCursor) {
  const and: object[] = [];
  if (f.teamIds) and.push({ teamId: { in: f.teamIds } });
  if (f.createdById) and.push({ createdById: f.createdById });
  if (f.blueprintSlug) and.push({ blueprintSlug: f.blueprintSlug });
  if (f.targetId) and.push({ targetId: f.targetId });
  // Discarded previews only when asked for by status; deleted launches too, or with includeDeleted.
  and.push(f.status ? { status: f.status } : { status: { notIn: f.includeDeleted ? ['DISCARDED'] : ['DELETED', 'DISCARDED'] } });
  if (cursor) and.push({ OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] });
  return { AND: and };
}

const summarySelect = {
  id: true,
  stackName: true,
  status: true,
  statusReason: true,
  operation: true,
  blueprintSlug: true,
  blueprintVersion: true,
  region: true,
  createdAt: true,
  updatedAt: true,
  deletedAt: true,
  teamId: true,
  targetId: true,
  createdById: true,
} as const;

/** Launch rows with their team, target and creator's e-mail, read in one query each for all the rows. */
async function withTeamTargetCreator<R extends { teamId: string; targetId: string; createdById: string }>(rows: R[]) {
  const [teams, targets, users] = await Promise.all([
    db.team.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.teamId))] } } }),
    db.awsTarget.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.targetId))] } } }),
    db.user.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.createdById))] } }, select: { id: true, email: true } }),
  ]);
  return rows.map((r) => ({
    ...r,
    team: teams.find((t) => t.id === r.teamId) ?? null,
    target: targets.find((t) => t.id === r.targetId) ?? null,
    creatorEmail: users.find((u) => u.id === r.createdById)?.email ?? 'unknown',
  }));
}

/** Up to 500 whole launch rows (outputs included) matching the filter, newest first: for the server's own lookups. */
export async function listLaunchRows(f: LaunchFilter) {
  const rows = await db.launch.findMany({
    where: {
      ...(f.teamIds ? { teamId: { in: f.teamIds } } : {}),
      ...(f.createdById ? { createdById: f.createdById } : {}),
      ...(f.blueprintSlug ? { blueprintSlug: f.blueprintSlug } : {}),
      ...(f.targetId ? { targetId: f.targetId } : {}),
      ...(f.status ? { status: f.status } : f.includeDeleted ? {} : { status: { notIn: ['DELETED', 'DISCARDED'] } }),
    },
    orderBy: { createdAt: 'desc' },
    take: 500,
  });
  return withTeamTargetCreator(rows);
}

/**
 * One page of launches matching the filter, newest first (ties by id), with their team, target and
 * creator, and where the next page starts (null at the end): the launches list.
 */
export async function listLaunchPage(f: LaunchFilter, page: { limit: number; cursor?: LaunchCursor }) {
  const found = await db.launch.findMany({
    where: launchWhere(f, page.cursor),
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: page.limit + 1,
    select: summarySelect,
  });
  const rows = found.slice(0, page.limit);
  const last = rows.at(-1);
  const next: LaunchCursor | null = found.length > page.limit && last ? { createdAt: last.createdAt, id: last.id } : null;
  return { rows: await withTeamTargetCreator(rows), next };
}

/**
 * The blueprints, statuses and targets among every launch the filter matches (not only one page):
 * what the list's filters offer. Distinct values from the database, never the launches themselves.
 */
export async function listLaunchFilterValues(f: LaunchFilter) {
  const where = launchWhere(f);
  // GROUP BY in the database (findMany's `distinct` would read every row and dedupe in the client).
  const [blueprints, statuses, targetIds] = await Promise.all([
    db.launch.groupBy({ by: ['blueprintSlug'], where }),
    db.launch.groupBy({ by: ['status'], where }),
    db.launch.groupBy({ by: ['targetId'], where }),
  ]);
  const targets = await db.awsTarget.findMany({ where: { id: { in: targetIds.map((t) => t.targetId) } }, select: { id: true, name: true } });
  return {
    blueprints: blueprints.map((b) => b.blueprintSlug),
    statuses: statuses.map((s) => s.status),
    targets: targetIds.map((t) => ({ id: t.targetId, name: targets.find((x) => x.id === t.targetId)?.name ?? 'deleted target' })),
  };
}
