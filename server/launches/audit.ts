import 'server-only';
import { recordAudit } from '@/server/audit/queries';
import { isAppError } from '@/server/errors';
import type { Actor } from '@/server/auth/actor';

export type LaunchAuditAction = 'launch.create' | 'launch.preview' | 'launch.update' | 'launch.update.preview' | 'launch.delete' | 'launch.drift';

/**
 * Runs one launch action; when it is refused (403) or fails (AWS, a conflict, a fault) the attempt is
 * audited before the error goes on. Bad input (422) and unknown launches (404) are not: nothing was tried.
 * `details` must hold no secret values (no parameters: NoEcho ones would land in the log).
 */
export async function auditedLaunchAction<T>(
  actor: Actor,
  action: LaunchAuditAction,
  launchId: string | null,
  details: Record<string, unknown>,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const code = isAppError(err) ? err.code : 'INTERNAL';
    if (code !== 'VALIDATION' && code !== 'NOT_FOUND' && code !== 'BAD_REQUEST') {
      await recordAudit({
        actor,
        action,
        resourceType: 'launch',
        resourceId: launchId,
        outcome: code === 'FORBIDDEN' ? 'refused' : 'failure',
        details: { ...details, error: (err as Error).message },
      }).catch(() => undefined);
    }
    throw err;
  }
}
