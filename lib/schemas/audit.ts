import { z } from 'zod';

export const AUDIT_OUTCOMES = ['success', 'failure', 'refused'] as const;
export const AUDIT_PAGE_SIZE_MAX = 500;

/**
 * The audit log's filters, shared by the list and the JSON lines export. `action` is one action, or
 * a family when it ends in `*` (`target.*`); `team` is a team's slug or id; `from` is inclusive and
 * `to` exclusive.
 */
export const auditFilterShape = {
  actor: z.string().trim().min(1).max(320, 'actor must be at most 320 characters').optional(),
  action: z
    .string()
    .trim()
    .max(100, 'action must be at most 100 characters')
    .regex(/^[a-z0-9][a-z0-9.-]*\*?$/i, 'action must be an action such as target.update, or a family such as target.*')
    .optional(),
  resourceType: z
    .string()
    .trim()
    .max(100, 'resourceType must be at most 100 characters')
    .regex(/^[a-z0-9][a-z0-9.-]*$/i, 'resourceType must be a resource type such as aws-target')
    .optional(),
  team: z.string().trim().min(1).max(64, 'team must be at most 64 characters').optional(),
  outcome: z.enum(AUDIT_OUTCOMES, { error: `outcome must be one of ${AUDIT_OUTCOMES.join(', ')}` }).optional(),
  from: z.iso.datetime({ offset: true, error: 'from must be an ISO date-time such as 2026-12-06T00:00:00Z' }).optional(),
  to: z.iso.datetime({ offset: true, error: 'to must be an ISO date-time such as 2026-12-06T00:00:00Z' }).optional(),
};

const rangeInOrder = ({ from, to }: { from?: string; to?: string }, ctx: z.RefinementCtx) => {
  if (from && to && Date.parse(to) <= Date.parse(from)) ctx.addIssue({ code: 'custom', path: ['from'], message: 'from must be before to' });
};

/** `GET /api/v1/audit-log`: the filters, and a page (newest first) continued with `cursor`. */
export const auditListQuerySchema = z
  .strictObject({
    ...auditFilterShape,
    limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_SIZE_MAX, `limit must be at most ${AUDIT_PAGE_SIZE_MAX}`).default(100),
    cursor: z
      .string()
      .max(200)
      .regex(/^[A-Za-z0-9_-]+$/, 'cursor must be the nextCursor of an earlier page')
      .optional(),
  })
  .superRefine(rangeInOrder);
export type AuditListQuery = z.infer<typeof auditListQuerySchema>;

/** `GET /api/v1/audit-log/export`: the same filters, every matching entry. */
export const auditExportQuerySchema = z.strictObject(auditFilterShape).superRefine(rangeInOrder);
export type AuditFilter = z.infer<typeof auditExportQuerySchema>;
