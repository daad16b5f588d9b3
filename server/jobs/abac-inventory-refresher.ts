import 'server-only';
import { readAbacInventoryById } from '@/server/abac/inventory';
import { listStaleAbacSnapshots, saveAbacSnapshot } from '@/server/abac/queries';
import { log } from '@/server/log';
import type { Job } from '@/server/jobs/types';

const INTERVAL_MS = 15 * 60_000;

/**
 * Reads again every stored ABAC inventory older than `maxAgeMs` (the targets and regions someone has
 * looked at), one at a time, so the pages answer from a recent read; a target that fails is logged and
 * tried next round.
 */
export async function refreshAbacInventories(
  signal: AbortSignal,
  { maxAgeMs = INTERVAL_MS, now = new Date(), read = readAbacInventoryById } = {},
): Promise<{ refreshed: number; failed: number }> {
  const due = await listStaleAbacSnapshots(new Date(now.getTime() - maxAgeMs));
  let refreshed = 0;
  let failed = 0;
  for (const snapshot of due) {
    if (signal.aborted) break;
    try {
      const inventory = await read({ id: snapshot.targetId, name: snapshot.targetName }, snapshot.region);
      await saveAbacSnapshot({ targetId: snapshot.targetId, ...inventory });
      refreshed++;
    } catch (err) {
      failed++;
      log.warn('abac inventory refresh failed', {
        target: snapshot.targetName,
        region: snapshot.region,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
  return { refreshed, failed };
}

/** Keeps the stored ABAC inventories no older than about one interval. */
export const abacInventoryRefresherJob: Job = {
  name: 'abac-inventory-refresher',
  intervalMs: INTERVAL_MS,
  run: async (signal) => {
    const result = await refreshAbacInventories(signal);
    if (result.refreshed || result.failed) log.info('abac inventories refreshed', result);
  },
};
