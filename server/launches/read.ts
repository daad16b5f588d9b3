import 'server-only';
import { AppError } from '@/server/errors';
import { decodePageCursor, encodePageCursor } from '@/server/page-cursor';
import { readableTeamIds, roleInTeam } from '@/server/auth/authz';
import { loadBlueprintLibrary } from '@/server/blueprints/load';
import { versionsBehind } from '@/server/launches/context';
import {
  findLatestLaunchOfStack,
  findLaunch,
  listEvents,
  listLaunchFilterValues,
  listLaunchPage,
  type LaunchFilter,
  parseBuilds,
  parseChanges,
  parseOutputs,
  parseRecord,
  type LaunchRow,
} from '@/server/launches/queries';
import { getTargetForActor } from '@/server/targets/queries';
import { summariseEvents } from '@/server/launches/progress';
import { consoleUrl, deletionFix } from '@/server/launches/console-links';
import { kafkaDashboardQuery } from '@/server/launches/dashboard-links';
import { MASKED } from '@/lib/launches/parameters';
import { dashboardHref, dashboardLabels } from '@/lib/blueprints/labels';
import type { Actor } from '@/server/auth/actor';
import type {
  LaunchBuildProgressDto,
  LaunchDetailDto,
  LaunchFilterOptionsDto,
  LaunchPageDto,
  LaunchSummaryDto,
  StackEventDto,
  StackOutputDto,
} from '@/lib/launches/dto';
import type { LaunchBuildProgressQuery, LaunchListQuery } from '@/lib/schemas/launches';
import type { BlueprintFiles } from '@/server/blueprints/read-blueprint';

type Row = Pick<
  LaunchRow,
  | 'id'
  | 'stackName'
  | 'status'
  | 'statusReason'
  | 'operation'
  | 'blueprintSlug'
  | 'blueprintVersion'
  | 'region'
  | 'createdAt'
  | 'updatedAt'
  | 'deletedAt'
  | 'teamId'
  | 'targetId'
> & {
  team: { id: string; slug: string; name: string } | null;
  target: { id: string; name: string; accountId: string; isSandbox: boolean } | null;
  creatorEmail: string;
};

function toSummary(row: Row, blueprint: BlueprintFiles | undefined): LaunchSummaryDto {
  return {
    id: row.id,
    stackName: row.stackName,
    status: row.status,
    statusReason: row.statusReason,
    operation: row.operation,
    blueprint: {
      slug: row.blueprintSlug,
      version: row.blueprintVersion,
      title: blueprint?.metadata.title ?? row.blueprintSlug,
      latestVersion: blueprint?.metadata.version ?? null,
      versionsBehind: blueprint ? versionsBehind(blueprint, row.blueprintVersion) : 0,
    },
    team: row.team ? { id: row.team.id, slug: row.team.slug, name: row.team.name } : { id: row.teamId, slug: '?', name: 'deleted team' },
    target: row.target
      ? { id: row.target.id, name: row.target.name, accountId: row.target.accountId, isSandbox: row.target.isSandbox }
      : { id: row.targetId, name: 'deleted target', accountId: '', isSandbox: false },
    region: row.region,
    createdBy: row.creatorEmail,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    deletedAt: row.deletedAt?.toISOString() ?? null,
  };
}

/** Who may list what: the actor's own, their teams', or (platform admins) every team's launches. */
function launchFilterFor(actor: Actor, query: Pick<LaunchListQuery, 'scope' | 'blueprint' | 'status' | 'target' | 'includeDeleted'>): LaunchFilter {
  if (query.scope === 'all' && !actor.isPlatformAdmin)
    throw new AppError('FORBIDDEN', 'Only platform admins can list every launch.', { fields: { scope: ['all is for platform admins'] } });
  return {
    teamIds: query.scope === 'all' ? null : (readableTeamIds(actor) ?? actor.teams.map((t) => t.id)),
    createdById: query.scope === 'mine' ? actor.userId : undefined,
    blueprintSlug: query.blueprint,
    status: query.status,
    targetId: query.target,
    includeDeleted: query.includeDeleted,
  };
}

/**
 * One page of the launches the actor may see (their own, their teams', or for platform admins all),
 * newest first; `nextCursor` continues it, null at the end.
 */
export async function listLaunches(actor: Actor, query: LaunchListQuery): Promise<LaunchPageDto> {
  const filter = launchFilterFor(actor, query);
  const cursor = query.cursor ? decodePageCursor(query.cursor) : undefined;
  const [library, page] = await Promise.all([
    loadBlueprintLibrary(),
    listLaunchPage(filter, { limit: query.limit, cursor: cursor && { createdAt: cursor.at, id: cursor.id } }),
  ]);
  return {
    launches: page.rows.map((r) => toSummary(r, library.blueprints.get(r.blueprintSlug))),
    nextCursor: page.next ? encodePageCursor(page.next.createdAt, page.next.id) : null,
  };
}

/** What the list's filters offer in this scope: every blueprint, status and target among those launches. */
export async function listLaunchFilterOptions(actor: Actor, query: Pick<LaunchListQuery, 'scope' | 'includeDeleted'>): Promise<LaunchFilterOptionsDto> {
  const values = await listLaunchFilterValues(launchFilterFor(actor, { scope: query.scope, includeDeleted: query.includeDeleted }));
  return {
    blueprints: [...values.blueprints].sort(),
    statuses: [...values.statuses].sort(),
    targets: values.targets.map((t): [string, string] => [t.id, t.name]),
  };
}

/** Loads a launch the actor may read (any role in its team); FORBIDDEN across teams. */
export async function requireReadableLaunch(actor: Actor, id: string): Promise<LaunchRow> {
  const row = await findLaunch(id);
  if (!row) throw new AppError('NOT_FOUND', 'No such launch.');
  if (!roleInTeam(actor, row.teamId)) throw new AppError('FORBIDDEN', `This launch belongs to team ${row.team?.slug ?? 'another team'}.`);
  return row;
}

function dashboardsFor(blueprint: BlueprintFiles | undefined, outputs: StackOutputDto[], parameters: Record<string, string>, launchId: string) {
  if (!blueprint) return [];
  const out = (key: string) => outputs.find((o) => o.key === key)?.value;
  return blueprint.metadata.dashboards.map((d) => {
    let query = '';
    if (d.kind === 'stepfunctions' && out(d.stateMachineArnOutput)) query = `?stateMachineArn=${encodeURIComponent(out(d.stateMachineArnOutput)!)}`;
    if (d.kind === 'sns-audit' && out(d.topicArnOutput)) query = `?topicArn=${encodeURIComponent(out(d.topicArnOutput)!)}`;
    if (d.kind === 'kafka')
      query = kafkaDashboardQuery(parameters[d.clusterArnParameter], d.consumerGroupIdParameter && parameters[d.consumerGroupIdParameter]);
    if (d.kind === 'abac' || d.kind === 'cost') query = `?launch=${launchId}${d.kind === 'cost' ? `&blueprint=${blueprint.metadata.slug}` : ''}`;
    return { kind: d.kind, label: dashboardLabels[d.kind], href: `${dashboardHref[d.kind]}${query}` };
  });
}

/** Resources as the latest event about each says (no AWS call: works while the target is unreachable). */
function resourcesFrom(events: StackEventDto[], stackName: string, region: string, stackId: string | null, isSandbox: boolean) {
  const latest = new Map<string, StackEventDto>();
  for (const e of events) if (e.logicalId !== stackName) latest.set(e.logicalId, e);
  return [...latest.values()].map((e) => ({
    logicalId: e.logicalId,
    physicalId: e.physicalId,
    resourceType: e.resourceType,
    status: e.status,
    reason: e.reason,
    consoleUrl: isSandbox ? null : consoleUrl(e.resourceType, e.physicalId, region, stackId),
  }));
}

/** One launch with events, outputs, progress, resources, dashboards, what blocks a delete and what a delete kept. */
export async function getLaunchDetail(actor: Actor, id: string): Promise<LaunchDetailDto> {
  const row = await requireReadableLaunch(actor, id);
  const library = await loadBlueprintLibrary();
  const blueprint = library.blueprints.get(row.blueprintSlug);
  const events = await listEvents(row.id);
  const parameters = parseRecord(row.parameters);
  const outputs = parseOutputs(row.outputs);
  const expected = row.operation === 'create' && blueprint ? blueprint.model.resources.length : 0;
  const summary = summariseEvents(events, row.stackName, expected);
  const isSandbox = row.target?.isSandbox ?? false;
  const resources = resourcesFrom(events, row.stackName, row.region, row.stackId, isSandbox);
  const blockers =
    row.status === 'DELETE_FAILED'
      ? resources
          .filter((r) => r.status === 'DELETE_FAILED')
          .map((r) => ({
            logicalId: r.logicalId,
            resourceType: r.resourceType,
            reason: r.reason ?? 'unknown',
            fix: deletionFix(r.resourceType, r.physicalId, r.reason ?? ''),
          }))
      : [];
  const retained = resources
    .filter((r) => r.status === 'DELETE_SKIPPED')
    .map((r) => ({
      logicalId: r.logicalId,
      resourceType: r.resourceType,
      physicalId: r.physicalId,
      consoleUrl: r.consoleUrl,
      fix: deletionFix(r.resourceType, r.physicalId, 'DELETE_SKIPPED'),
    }));
  return {
    ...toSummary(row, blueprint),
    stackId: row.stackId,
    parameters,
    secretParameters: blueprint
      ? blueprint.model.parameters.filter((p) => p.noEcho).map((p) => p.name)
      : Object.entries(parameters)
          .filter(([, v]) => v === MASKED)
          .map(([k]) => k),
    tags: parseRecord(row.tags),
    outputs,
    events,
    builds: parseBuilds(row.builds),
    progress: { done: summary.done, total: summary.total, failed: summary.failed },
    firstFailure: summary.firstFailure,
    resources,
    dashboards: dashboardsFor(blueprint, outputs, parameters, row.id),
    pendingChanges: parseChanges(row.pendingChanges),
    blockers,
    retained,
  };
}

/**
 * The function builds of the caller's newest launch of a stack name, as a preview runs them: the
 * launch form polls this while its preview request is still building (it has no launch id yet).
 */
export async function getLaunchBuildProgress(actor: Actor, query: LaunchBuildProgressQuery): Promise<LaunchBuildProgressDto> {
  const target = await getTargetForActor(actor, query.target).catch(() => null);
  const row = target ? await findLatestLaunchOfStack(target.id, query.region, query.stackName, actor.userId) : null;
  if (!row || !roleInTeam(actor, row.teamId)) return { launchId: null, status: null, builds: [] };
  return { launchId: row.id, status: row.status, builds: parseBuilds(row.builds) };
}
