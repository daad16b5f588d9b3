// GET /api/v1/audit-log — audit entries (team admins: their teams; platform admins: all)
import { apiRoute } from '@/server/http';
import { listAudit } from '@/server/audit/queries';
import { AppError } from '@/server/errors';

export const GET = apiRoute({}, async ({ actor }) => {
  if (actor.isPlatformAdmin) return { entries: await listAudit({ teamIds: null }) };
  const adminTeams = actor.teams.filter((t) => t.role === 'admin').map((t) => t.id);
  if (!adminTeams.length) throw new AppError('FORBIDDEN', 'Only team admins and platform admins can read the audit log.');
  return { entries: await listAudit({ teamIds: adminTeams }) };
});
