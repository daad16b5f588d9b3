import 'server-only';
import { recordAudit } from '@/server/audit/queries';
import { deleteChangeSet } from '@/server/aws/cloudformation';
import { log } from '@/server/log';
import { resolveTargetRefById } from '@/server/targets/queries';
import { discardPreview } from '@/server/launches/create';
import { clearPendingChangeSet, listAbandonedPreviews } from '@/server/launches/queries';

/**
 * Deletes the change sets of previews nobody confirmed within `ttlMinutes`: a launch preview becomes
 * DISCARDED (its review stack and name claim go too), an update preview leaves the launch as it was.
 * Returns how many of each it expired.
 */
export async function expireAbandonedPreviews(ttlMinutes: number, now = new Date()): Promise<{ discarded: number; updatesDropped: number }> {
  const rows = await listAbandonedPreviews(new Date(now.getTime() - ttlMinutes * 60_000));
  let discarded = 0;
  let updatesDropped = 0;
  for (const row of rows) {
    try {
      if (row.status === 'REVIEW_IN_PROGRESS') {
        const reason = `Not launched within ${ttlMinutes} minutes of the preview: its change set was deleted.`;
        if (!(await discardPreview(row.id, reason))) continue;
        discarded += 1;
        await recordAudit({
          actor: null,
          action: 'launch.preview.expired',
          resourceType: 'launch',
          resourceId: row.id,
          teamId: row.teamId,
          outcome: 'success',
          details: { stackName: row.stackName, ttlMinutes },
        });
      } else if (row.changeSetId && (await clearPendingChangeSet(row.id, row.changeSetId))) {
        updatesDropped += 1;
        const target = await resolveTargetRefById(row.targetId, row.region);
        await deleteChangeSet(target, row.changeSetId).catch((err: unknown) =>
          log.warn('could not delete an expired update change set', { launchId: row.id, error: (err as Error).message }),
        );
      }
    } catch (err) {
      log.warn('could not expire a preview', { launchId: row.id, error: (err as Error).message });
    }
  }
  return { discarded, updatesDropped };
}
