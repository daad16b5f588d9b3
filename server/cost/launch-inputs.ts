import 'server-only';
import type { Actor } from '@/server/auth/actor';
import { AppError } from '@/server/errors';
import { requireReadableLaunch } from '@/server/launches/read';
import { parseRecord } from '@/server/launches/queries';
import type { LaunchCostInputs } from '@/server/cost/prefill';

/** The launch's blueprint, region and parameter values, or undefined when it does not exist or `actor` may not read it. */
export async function findLaunchCostInputs(actor: Actor, id: string): Promise<LaunchCostInputs | undefined> {
  try {
    const row = await requireReadableLaunch(actor, id);
    return { id: row.id, stackName: row.stackName, blueprintSlug: row.blueprintSlug, region: row.region, parameters: parseRecord(row.parameters) };
  } catch (error) {
    // Another team's launch reads like a missing one: the estimator must not confirm that it exists.
    if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')) return undefined;
    throw error;
  }
}
