import type { Metadata } from 'next';
import { requirePageActor } from '@/server/auth/session';
import { hasTeamRole } from '@/server/auth/authz';
import { listTeamsForActor } from '@/server/teams/queries';
import { PageHeader } from '@/components/ui/page-header';
import { Card } from '@/components/ui/card';
import { TeamsList } from './_components/teams-list';

export const metadata: Metadata = { title: 'Teams' };

/** Teams the actor administers (every team, archived ones too, for platform admins), and for platform admins a form to create one. */
export default async function TeamsAdminPage() {
  const actor = await requirePageActor();
  const teams = (await listTeamsForActor(actor, { includeArchived: actor.isPlatformAdmin })).filter((t) => hasTeamRole(actor, t.id, 'admin'));
  return (
    <>
      <PageHeader
        title="Teams"
        description={
          actor.isPlatformAdmin
            ? 'Every team: create, rename and archive teams, and manage each one’s members and required launch tags.'
            : 'The teams you administer: their members and required launch tags.'
        }
      />
      <Card>
        <TeamsList initial={teams} canCreate={actor.isPlatformAdmin} />
      </Card>
    </>
  );
}
