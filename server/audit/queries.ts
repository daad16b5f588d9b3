import 'server-only';
import { db } from '@/server/db';
import { redact } from '@/server/log';
import type { Actor } from '@/server/auth/actor';

export type AuditOutcome = 'success' | 'failure' | 'refused';

export type AuditEntryDto = {
  id: string;
  at: string;
  actorEmail: string;
  teamId: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  outcome: AuditOutcome;
  details: Record<string, unknown>;
};

/** Appends to the audit log; details are redacted again here as a last line of defence. */
export async function recordAudit(entry: {
  actor: Pick<Actor, 'userId' | 'email'> | null;
  action: string;
  resourceType: string;
  resourceId?: string | null;
  teamId?: string | null;
  outcome: AuditOutcome;
  details?: Record<string, unknown>;
}): Promise<void> {
  await db.auditLog.create({
    data: {
      actorId: entry.actor?.userId ?? null,
      actorEmail: entry.actor?.email ?? 'system',
      action: entry.action,
      resourceType: entry.resourceType,
      resourceId: entry.resourceId ?? null,
      teamId: entry.teamId ?? null,
      outcome: entry.outcome,
      details: JSON.stringify(redact(entry.details ?? {})),
    },
  });
}

/** Recent audit entries, optionally limited to some teams (null = all). */
export async function listAudit({ teamIds, take = 100 }: { teamIds: string[] | null; take?: number }): Promise<AuditEntryDto[]> {
  const rows = await db.auditLog.findMany({
    where: teamIds ? { OR: [{ teamId: { in: teamIds } }] } : undefined,
    orderBy: { at: 'desc' },
    take,
  });
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actorEmail: r.actorEmail,
    teamId: r.teamId,
    action: r.action,
    resourceType: r.resourceType,
    resourceId: r.resourceId,
    outcome: r.outcome as AuditOutcome,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
}
