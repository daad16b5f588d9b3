import 'server-only';
import { log } from '@/server/log';
import { pruneAuditLog } from '@/server/audit/retention';
import type { Job } from '@/server/jobs/types';

/** Deletes audit entries older than SLIPWAY_AUDIT_RETENTION_DAYS (default 400), in batches; the prune is audited. */
export const auditPrunerJob: Job = {
  name: 'audit-pruner',
  intervalMs: 60 * 60_000,
  run: async (signal) => {
    const pruned = await pruneAuditLog({ signal });
    if (pruned.removed) log.info('pruned the audit log', { removed: pruned.removed, cutoff: pruned.cutoff.toISOString(), batches: pruned.batches });
  },
};
