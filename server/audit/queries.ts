import 'server-only';
import { db } from '@/server/db';
import { redact } from '@/server/log';
import { isSecretChange, type SecretChange } from '@/server/audit/changes';
import type { Actor } from '@/server/auth/actor';
import type { AuditEntryDto, AuditFieldChange, AuditOutcome } from '@/lib/audit/dto';

export type { AuditEntryDto, AuditOutcome } from '@/lib/audit/dto';

/**
 * Appends to the audit log; details are redacted again here as a last line of defence. `changes`
 * (old → new per field, from `describeChanges`) lands in `details.changes`: a secret's change is
 * kept only in the words `describeSecretChange` writes, anything else under a secret-looking field
 * name is masked like the rest of the details.
 */
export async function recordAudit(entry: {
  actor: Pick<Actor, 'userId' | 'email'> | null;
  action: string;
  resourceType: string;
  resourceId?: string | null;
  teamId?: string | null;
  outcome: AuditOutcome;
  details?: Record<string, unknown>;
  changes?: Record<string, AuditFieldChange | SecretChange>;
}): Promise<void> {
  const details = redact(entry.details ?? {}) as Record<string, unknown>;
  if (entry.changes) {
    details.changes = Object.fromEntries(
      Object.entries(entry.changes).map(([field, change]) => [
        field,
        isSecretChange(change) ? change : (redact({ [field]: change }) as Record<string, unknown>)[field],
      ]),
    );
  }
  await db.auditLog.create({
    data: {
      actorId: entry.actor?.userId ?? null,
      actorEmail: entry.actor?.email ?? 'system',
      action: entry.action,
      resourceType: entry.resourceType,
      resourceId: entry.resourceId ?? null,
      teamId: entry.teamId ?? null,
      outcome: entry.outcome,
      details: JSON.stringify(details),
    },
  });
}

/** Which entries a reader may see and asked for; `teamIds` null means every team and none. */
export type AuditSelection = {
  teamIds: string[] | null;
  actor?: string;
  action?: string;
  resourceType?: string;
  teamId?: string;
  outcome?: AuditOutcome;
  from?: Date;
  to?: Date;
};

type Cursor = { at: Date; id: string };

function whereOf(selection: AuditSelection, cursor?: Cursor) {
  const { teamIds, actor, action, resourceType, teamId, outcome, from, to } = selection;
  const and: object[] = [];
  if (teamIds) and.push({ teamId: { in: teamIds } });
  if (teamId) and.push({ teamId });
  if (actor) and.push({ actorEmail: actor });
  if (action) and.push(action.endsWith('*') ? { action: { startsWith: action.slice(0, -1) } } : { action });
  if (resourceType) and.push({ resourceType });
  if (outcome) and.push({ outcome });
  if (from) and.push({ at: { gte: from } });
  if (to) and.push({ at: { lt: to } });
  // Newest first by (at, id): the next page starts strictly after the last entry of the one before.
  if (cursor) and.push({ OR: [{ at: { lt: cursor.at } }, { at: cursor.at, id: { lt: cursor.id } }] });
  return and.length ? { AND: and } : undefined;
}

type AuditRow = Awaited<ReturnType<typeof db.auditLog.findMany>>[number];

function toDto(r: AuditRow): AuditEntryDto {
  return {
    id: r.id,
    at: r.at.toISOString(),
    actorEmail: r.actorEmail,
    teamId: r.teamId,
    action: r.action,
    resourceType: r.resourceType,
    resourceId: r.resourceId,
    outcome: r.outcome as AuditOutcome,
    details: JSON.parse(r.details) as Record<string, unknown>,
  };
}

/** One page of matching entries, newest first, and the cursor of the next page (null at the end). */
export async function listAuditPage(
  selection: AuditSelection,
  page: { limit: number; cursor?: Cursor },
): Promise<{ entries: AuditEntryDto[]; next: Cursor | null }> {
  const rows = await db.auditLog.findMany({ where: whereOf(selection, page.cursor), orderBy: [{ at: 'desc' }, { id: 'desc' }], take: page.limit + 1 });
  const entries = rows.slice(0, page.limit);
  const last = entries.at(-1);
  return { entries: entries.map(toDto), next: rows.length > page.limit && last ? { at: last.at, id: last.id } : null };
}

/** Every matching entry, newest first, read a page at a time so an export never holds the whole log. */
export async function* iterateAudit(selection: AuditSelection, pageSize = 500): AsyncGenerator<AuditEntryDto> {
  let cursor: Cursor | undefined;
  for (;;) {
    const page = await listAuditPage(selection, { limit: pageSize, cursor });
    yield* page.entries;
    if (!page.next) return;
    cursor = page.next;
  }
}

/** Recent audit entries, optionally limited to some teams (null = all). */
export async function listAudit({ teamIds, take = 100 }: { teamIds: string[] | null; take?: number }): Promise<AuditEntryDto[]> {
  return (await listAuditPage({ teamIds }, { limit: take })).entries;
}

/**
 * Deletes up to `batchSize` of the oldest entries written before `cutoff` (read through the `at`
 * index, then deleted by id); returns how many went. Small batches keep each statement short, so a
 * first prune of a large log never holds SQLite's write lock for long.
 */
export async function deleteAuditBatchBefore(cutoff: Date, batchSize: number): Promise<number> {
  const rows = await db.auditLog.findMany({ where: { at: { lt: cutoff } }, orderBy: { at: 'asc' }, take: batchSize, select: { id: true } });
  if (!rows.length) return 0;
  return (await db.auditLog.deleteMany({ where: { id: { in: rows.map((r) => r.id) }, at: { lt: cutoff } } })).count;
}
