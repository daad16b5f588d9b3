import 'server-only';
import type { Actor } from '@/server/auth/actor';
import { listAbacFindings } from '@/server/abac/findings';
import { computeAbacGrid, explainAbacCell, listCellActions } from '@/server/abac/grid';
import { readAbacInventory, type AbacInventory } from '@/server/abac/inventory';
import { getAbacSnapshot, saveAbacSnapshot } from '@/server/abac/queries';
import { computeTeamReach } from '@/server/abac/team-reach';
import { listLaunchRows } from '@/server/launches/queries';
import { findLaunchOwners } from '@/server/tenancy/queries';
import { getTeamForActor } from '@/server/teams/queries';
import { computeAbacMatrix } from '@/server/abac/matrix';
import { computeTagMappings } from '@/server/abac/mappings';
import { computeWhatIf } from '@/server/abac/what-if';
import { compareCellWithAws, planCellSimulation } from '@/server/abac/verify';
import { simulatePrincipalPolicy } from '@/server/aws/iam';
import { getTargetForActor, resolveTargetRef } from '@/server/targets/queries';
import { AppError } from '@/server/errors';
import type { AbacExplanation, AbacFinding, AbacVerification, TeamReach, AbacGrid, AbacWhatIf, InventoryStamp, TagMappings } from '@/lib/abac/types';
import type { AbacExplainQuery, AbacGridQuery, AbacInventoryQuery, AbacVerifyBody, AbacWhatIfBody } from '@/lib/schemas/abac-views';
import { processWide } from '@/server/process-wide';

// The ABAC pages read one inventory (every IAM role and user, every function of a region) and ask
// several questions of it: a matrix page, a cell's explanation, findings, mappings, what-if. Reading
// it takes many IAM calls, so the latest read is stored per target and region (server/abac/queries.ts),
// kept fresh by the worker (server/jobs/abac-inventory-refresher.ts) and held a few minutes in this
// process; `refresh` reads it again, and every answer carries `readAt`. The caller's access to the
// target is checked on every request before either store is looked at.

const TTL_MS = 5 * 60_000;
/** A stored read older than this is read again (the worker refreshes stored ones every 15 minutes). */
export const STORED_MAX_AGE_MS = 60 * 60_000;
const MAX_ENTRIES = 20;
type Cached = AbacInventory & InventoryStamp;
const cache = processWide('abac.inventories', () => new Map<string, { at: number; value: Promise<Cached> }>());

async function readAndStore(actor: Actor, query: { target: string; region?: string }): Promise<Cached> {
  const inventory = await readAbacInventory(actor, query);
  await saveAbacSnapshot({ targetId: inventory.target.id, ...inventory });
  return inventory;
}

async function loadInventory(actor: Actor, query: { target: string; region?: string; refresh?: '0' | '1' }): Promise<Cached> {
  const target = await getTargetForActor(actor, query.target);
  const region = query.region ?? target.regions[0] ?? '';
  const key = `${target.id}|${region}`;
  const hit = cache.get(key);
  if (hit && query.refresh !== '1' && Date.now() - hit.at < TTL_MS) return hit.value;
  const value = (async (): Promise<Cached> => {
    if (query.refresh !== '1' && target.regions.includes(region)) {
      const stored = await getAbacSnapshot(target.id, region);
      if (stored && Date.now() - Date.parse(stored.readAt) < STORED_MAX_AGE_MS) {
        return { target: { id: target.id, name: target.name }, region, readAt: stored.readAt, principals: stored.principals, functions: stored.functions };
      }
    }
    return readAndStore(actor, { target: target.id, region: query.region });
  })();
  cache.set(key, { at: Date.now(), value });
  // A failed read is not kept: the next request tries again.
  value.catch(() => cache.get(key)?.value === value && cache.delete(key));
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  return value;
}

const stamp = (inventory: Cached): InventoryStamp => ({ target: inventory.target, region: inventory.region, readAt: inventory.readAt });

/** The findings of a target and region's ABAC set-up. */
export async function getAbacFindings(actor: Actor, query: AbacInventoryQuery): Promise<InventoryStamp & { findings: AbacFinding[] }> {
  const inventory = await loadInventory(actor, query);
  return { ...stamp(inventory), findings: listAbacFindings(inventory.principals, inventory.functions) };
}

/** Which principal tag keys gate which resource tag keys in a target's policies. */
export async function getAbacMappings(actor: Actor, query: AbacInventoryQuery): Promise<InventoryStamp & TagMappings> {
  const inventory = await loadInventory(actor, query);
  return { ...stamp(inventory), ...computeTagMappings(inventory.principals) };
}

/** One filtered page of the principals × functions matrix. */
export async function getAbacGrid(actor: Actor, query: AbacGridQuery): Promise<AbacGrid> {
  const inventory = await loadInventory(actor, query);
  // The problems (unreadable policies) come from the matrix, which compiles each policy once.
  const { problems } = computeAbacMatrix(inventory.principals, [], query.action === 'all' ? 'lambda:GetFunction' : query.action);
  return { ...stamp(inventory), ...computeAbacGrid(inventory.principals, inventory.functions, query), problems };
}

function findCell(inventory: Cached, query: { principal: string; function: string }) {
  const principal = inventory.principals.find((p) => p.arn === query.principal);
  const fn = inventory.functions.find((f) => f.arn === query.function);
  if (!principal) throw new AppError('NOT_FOUND', `No principal ${query.principal} in the inventory of ${inventory.target.name} (refresh it if it is new).`);
  if (!fn)
    throw new AppError('NOT_FOUND', `No function ${query.function} in ${inventory.region} of ${inventory.target.name} (refresh the inventory if it is new).`);
  return { principal, fn };
}

/** One cell's decisions with their deciding statements and resolved conditions. */
export async function explainAbacDecision(actor: Actor, query: AbacExplainQuery): Promise<AbacExplanation> {
  const inventory = await loadInventory(actor, query);
  const { principal, fn } = findCell(inventory, query);
  return {
    ...stamp(inventory),
    principal: { arn: principal.arn, name: principal.name, tags: principal.tags },
    function: { arn: fn.arn, name: fn.name, tags: fn.tags },
    decisions: explainAbacCell(principal, fn, query.action),
  };
}

/** The matrix with edited tags or policies, compared with the inventory as read; nothing is applied to AWS. */
export async function runAbacWhatIf(actor: Actor, body: AbacWhatIfBody): Promise<AbacWhatIf> {
  const inventory = await loadInventory(actor, body);
  return { ...stamp(inventory), ...computeWhatIf(inventory.principals, inventory.functions, body, inventory.region) };
}

/** One cell checked against IAM's SimulatePrincipalPolicy in the target's account: the portal's answer next to IAM's, action by action. */
export async function verifyAbacDecision(actor: Actor, body: AbacVerifyBody): Promise<AbacVerification> {
  const inventory = await loadInventory(actor, body);
  const { principal, fn } = findCell(inventory, body);
  const target = await getTargetForActor(actor, inventory.target.id);
  const ref = await resolveTargetRef(target, inventory.region);
  const actions = listCellActions(body.action);
  const answers = await Promise.all(
    planCellSimulation(principal, fn, actions).map((request) =>
      simulatePrincipalPolicy(ref, { principalArn: principal.arn, actions: request.actions, resourceArns: [fn.arn], context: request.context }),
    ),
  ).catch((err: unknown) => {
    if (err instanceof AppError) throw err;
    const name = err instanceof Error ? err.name : 'Error';
    throw new AppError(
      'UPSTREAM',
      `IAM SimulatePrincipalPolicy failed for ${principal.name} in ${inventory.target.name}: ${name}: ${err instanceof Error ? err.message : String(err)}`,
      {
        cause: err,
      },
    );
  });
  const results = compareCellWithAws(principal, fn, actions, answers.flat());
  return {
    ...stamp(inventory),
    principal: { arn: principal.arn, name: principal.name },
    function: { arn: fn.arn, name: fn.name },
    agrees: results.every((r) => r.agrees),
    results,
  };
}

/** Launch states whose stack may still hold resources. */
const GONE = new Set(['DELETED', 'DISCARDED', 'FAILED_TO_START', 'PENDING']);

/**
 * For a team's page: on each target and region where the team has live launches, which functions its
 * launches created are reached by the roles its launches created, with the actions allowed. A target
 * that cannot be read is reported with why, the others still answer.
 */
export async function getTeamFunctionReach(actor: Actor, teamIdOrSlug: string): Promise<TeamReach[]> {
  const team = await getTeamForActor(actor, teamIdOrSlug);
  const launches = (await listLaunchRows({ teamIds: [team.id] })).filter((l) => !GONE.has(l.status));
  const places = new Map<string, { targetId: string; targetName: string; region: string }>();
  for (const l of launches) places.set(`${l.targetId}|${l.region}`, { targetId: l.targetId, targetName: l.target?.name ?? l.targetId, region: l.region });
  return Promise.all(
    [...places.values()].map(async ({ targetId, targetName, region }): Promise<TeamReach> => {
      try {
        const inventory = await loadInventory(actor, { target: targetId, region });
        // CloudFormation names a role and a function by name in its events, and blueprints output ARNs: ask for both.
        const byName = new Map<string, string>();
        for (const x of [...inventory.principals, ...inventory.functions]) byName.set(x.name, x.arn);
        const owners = await findLaunchOwners(targetId, region, [...byName.values(), ...byName.keys()]);
        const ours = new Set<string>();
        for (const [id, owner] of owners) if (owner.team.id === team.id) ours.add(byName.get(id) ?? id);
        const rows = computeTeamReach(inventory.principals, inventory.functions, { roles: ours, functions: ours });
        return { target: inventory.target, region, readAt: inventory.readAt, rows, error: null };
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        return { target: { id: targetId, name: targetName }, region, readAt: null, rows: [], error: err.message };
      }
    }),
  );
}
