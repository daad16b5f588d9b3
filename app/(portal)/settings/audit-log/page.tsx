import type { Metadata } from 'next';
import { requirePageActor } from '@/server/auth/session';
import { readAuditPage } from '@/server/audit/read';
import { loadForPage } from '@/server/page-load';
import { listTeamsForActor } from '@/server/teams/queries';
import { hasTeamRole } from '@/server/auth/authz';
import { PageHeader } from '@/components/ui/page-header';
import { PageProblem } from '@/components/ui/page-problem';
import { AuditLogBrowser } from './_components/audit-log-browser';

export const metadata: Metadata = { title: 'Audit log' };

export default async function AuditLogPage() {
  const actor = await requirePageActor();
  const loaded = await loadForPage(() => readAuditPage(actor, { limit: 50 }));
  const teams = (await listTeamsForActor(actor)).filter((t) => hasTeamRole(actor, t.id, 'admin')).map((t) => ({ slug: t.slug, name: t.name }));
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every admin change with its old and new values, every launch action and every refusal. Platform admins see all of it, team admins their teams' entries."
      />
      {loaded.ok ? (
        <AuditLogBrowser initial={loaded.data} teams={teams} />
      ) : (
        <PageProblem problem={loaded.problem} back={{ href: '/settings', label: 'Back to settings' }} />
      )}
    </>
  );
}
