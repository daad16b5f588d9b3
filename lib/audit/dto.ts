export type AuditOutcome = 'success' | 'failure' | 'refused';

/** One field's change in an admin action's `details.changes`; secrets say only `set`, `replaced` or `cleared`. */
export type AuditFieldChange = { from: unknown; to: unknown };

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

/** A page of the audit log, newest first; `nextCursor` asks for the next (older) page, null at the end. */
export type AuditPageDto = { entries: AuditEntryDto[]; nextCursor: string | null };
