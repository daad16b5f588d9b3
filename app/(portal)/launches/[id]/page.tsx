import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requirePageActor } from '@/server/auth/session';
import { getLaunchDetail } from '@/server/launches/read';
import { hasTeamRole } from '@/server/auth/authz';
import { getBlueprint } from '@/server/blueprints/load';
import { isAppError } from '@/server/errors';
import { Alert } from '@/components/ui/alert';
import { LaunchView } from './_components/launch-view';

export const metadata: Metadata = { title: 'Launch' };

export default async function LaunchPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor();
  const launch = await getLaunchDetail(actor, (await params).id).catch((err: unknown) => {
    if (isAppError(err) && err.code === 'NOT_FOUND') notFound();
    if (isAppError(err) && err.code === 'FORBIDDEN') return err;
    throw err;
  });
  if (isAppError(launch)) {
    return (
      <Alert tone="error" title="You may not see this launch">
        {launch.message}
      </Alert>
    );
  }
  const blueprint = await getBlueprint(launch.blueprint.slug);
  return (
    <LaunchView
      initial={launch}
      canManage={hasTeamRole(actor, launch.team.id, 'developer')}
      form={blueprint ? { parameters: blueprint.model.parameters, groups: blueprint.model.parameterGroups, latestVersion: blueprint.metadata.version } : null}
    />
  );
}
