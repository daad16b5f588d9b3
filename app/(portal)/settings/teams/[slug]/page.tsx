import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePageActor } from '@/server/auth/session';
import { listTeamMembers } from '@/server/teams/admin';
import { loadForPage } from '@/server/page-load';
import { PageHeader } from '@/components/ui/page-header';
import { PageProblem } from '@/components/ui/page-problem';
import { Alert } from '@/components/ui/alert';
import { TeamSettings } from '../_components/team-settings';

export const metadata: Metadata = { title: 'Team settings' };

/** One team's administration: name and archiving (platform admins), members and required launch tags (its admins too). */
export default async function TeamSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const actor = await requirePageActor();
  const { slug } = await params;
  const loaded = await loadForPage(() => listTeamMembers(actor, slug));
  if (!loaded.ok) return <PageProblem problem={loaded.problem} back={{ href: '/settings/teams', label: 'Teams' }} />;
  const { team, members } = loaded.data;
  return (
    <>
      <PageHeader
        title={`${team.name} settings`}
        description={
          <>
            Team <code>{team.slug}</code>: who is in it, and the tags every launch of it carries.{' '}
            <Link href={`/teams/${team.slug}`} className="text-sky-700 hover:underline">
              The team page
            </Link>{' '}
            shows what its launched roles reach.
          </>
        }
      />
      {team.archivedAt && (
        <Alert tone="warn" title="Archived" className="mb-4">
          This team was archived on {team.archivedAt.slice(0, 10)}: it is no longer offered anywhere and cannot launch. Its launches and audit entries stay.
        </Alert>
      )}
      <TeamSettings team={team} initialMembers={members} isPlatformAdmin={actor.isPlatformAdmin} />
    </>
  );
}
