import 'server-only';
import { env } from '@/server/env';
import { deleteAuditBatchBefore, recordAudit } from '@/server/audit/queries';

const DAY_MS = 86_400_000;

export type AuditPruneResult = { removed: number; cutoff: Date; batches: number };

/**
 * Deletes audit entries older than the retention (SLIPWAY_AUDIT_RETENTION_DAYS, default 400) in
 * batches, oldest first, and records the prune itself as one system entry (`audit.prune`) naming how
 * many went and the cut-off. A run that finds nothing to delete writes nothing. An aborted run stops
 * between batches and still records what it removed.
 */
export async function pruneAuditLog({
  now = new Date(),
  retentionDays = env().SLIPWAY_AUDIT_RETENTION_DAYS,
  batchSize = 1_000,
  signal,
}: { now?: Date; retentionDays?: number; batchSize?: number; signal?: AbortSignal } = {}): Promise<AuditPruneResult> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  let removed = 0;
  let batches = 0;
  for (;;) {
    if (signal?.aborted) break;
    const deleted = await deleteAuditBatchBefore(cutoff, batchSize);
    if (deleted) batches++;
    removed += deleted;
    if (deleted < batchSize) break;
  }
  if (removed) {
    await recordAudit({
      actor: null,
      action: 'audit.prune',
      resourceType: 'audit-log',
      outcome: 'success',
      details: { removed, cutoff: cutoff.toISOString(), retentionDays, batches },
    });
  }
  return { removed, cutoff, batches };
}
