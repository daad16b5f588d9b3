import 'server-only';
import { AppError } from '@/server/errors';
import { decodePageCursor, encodePageCursor } from '@/server/page-cursor';
import { findTeamRefByIdOrSlug } from '@/server/teams/queries';
import { iterateAudit, listAuditPage, type AuditSelection } from '@/server/audit/queries';
import type { Actor } from '@/server/auth/actor';
import type { AuditFilter, AuditListQuery } from '@/lib/schemas/audit';
import type { AuditEntryDto, AuditPageDto } from '@/lib/audit/dto';

/**
 * What the actor may read of the audit log with these filters: platform admins everything, team
 * admins their teams' entries, anyone else nothing (403). A team filter outside the reader's teams
 * is refused rather than answered with an empty page, so the refusal says why.
 */
export async function auditSelectionFor(actor: Actor, filter: AuditFilter): Promise<AuditSelection> {
  const adminTeams = actor.isPlatformAdmin ? null : actor.teams.filter((t) => t.role === 'admin').map((t) => t.id);
  if (adminTeams && !adminTeams.length) throw new AppError('FORBIDDEN', 'Only team admins and platform admins can read the audit log.');
  let teamId: string | undefined;
  if (filter.team) {
    const team = await findTeamRefByIdOrSlug(filter.team);
    if (!team && !adminTeams) throw new AppError('VALIDATION', `No team "${filter.team}".`, { fields: { team: ['must be a team slug or id'] } });
    if (!team || (adminTeams && !adminTeams.includes(team.id))) {
      throw new AppError('FORBIDDEN', `You are not an admin of team ${filter.team}, so you cannot read its audit entries.`);
    }
    teamId = team.id;
  }
  return {
    teamIds: adminTeams,
    teamId,
    actor: filter.actor,
    action: filter.action,
    resourceType: filter.resourceType,
    outcome: filter.outcome,
    from: filter.from ? new Date(filter.from) : undefined,
    to: filter.to ? new Date(filter.to) : undefined,
  };
}

/** One page of the audit log the actor may read, with the filters applied on the server. */
export async function readAuditPage(actor: Actor, query: AuditListQuery): Promise<AuditPageDto> {
  const { limit, cursor, ...filter } = query;
  const selection = await auditSelectionFor(actor, filter);
  const page = await listAuditPage(selection, { limit, cursor: cursor ? decodePageCursor(cursor) : undefined });
  return { entries: page.entries, nextCursor: page.next ? encodePageCursor(page.next.at, page.next.id) : null };
}

/**
 * The matching entries as JSON lines (one entry per line, newest first), streamed a page at a time.
 * Access is decided before the first byte, so a refusal is still an ordinary error answer.
 */
export async function exportAuditJsonLines(actor: Actor, filter: AuditFilter): Promise<ReadableStream<Uint8Array>> {
  const selection = await auditSelectionFor(actor, filter);
  const entries: AsyncGenerator<AuditEntryDto> = iterateAudit(selection);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    // A chunk of up to 100 lines per pull: one write per entry would cost more than the entry.
    async pull(controller) {
      let chunk = '';
      for (let i = 0; i < 100; i++) {
        const next = await entries.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += `${JSON.stringify(next.value)}\n`;
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await entries.return(undefined);
    },
  });
}
