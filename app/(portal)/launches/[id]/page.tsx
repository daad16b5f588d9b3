import type { Metadata } from 'next';
import { requirePageActor } from '@/server/auth/session';
import { getLaunchDetail } from '@/server/launches/read';
import { hasTeamRole } from '@/server/auth/authz';
import { getBlueprint } from '@/server/blueprints/load';
import { loadForPage } from '@/server/page-load';
import { PageProblem } from '@/components/ui/page-problem';
import { LaunchView } from './_components/launch-view';

export const metadata: Metadata = { title: 'Launch' };

export default async function LaunchPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor();
  const { id } = await params;
  const loaded = await loadForPage(() => getLaunchDetail(actor, id));
  if (!loaded.ok) return <PageProblem problem={loaded.problem} back={{ href: '/launches', label: 'Launches you can see' }} />;
  const launch = loaded.data;
  const blueprint = await getBlueprint(launch.blueprint.slug);
  return (
    <LaunchView
      initial={launch}
      canManage={hasTeamRole(actor, launch.team.id, 'developer')}
      form={blueprint ? { parameters: blueprint.model.parameters, groups: blueprint.model.parameterGroups, latestVersion: blueprint.metadata.version } : null}
    />
  );
}
