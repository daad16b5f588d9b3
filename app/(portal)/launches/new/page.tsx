import { randomBytes } from 'node:crypto';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import Link from 'next/link';
import { requirePageActor } from '@/server/auth/session';
import { getBlueprint } from '@/server/blueprints/load';
import { resolveSandboxParameters } from '@/server/blueprints/sandbox-parameters';
import { listTeamsForActor } from '@/server/teams/queries';
import { hasTeamRole } from '@/server/auth/authz';
import { getCurrentTarget } from '@/server/targets/current';
import { PageHeader } from '@/components/ui/page-header';
import { Alert } from '@/components/ui/alert';
import { LaunchForm } from './_components/launch-form';

export const metadata: Metadata = { title: 'Launch' };

/** A suggested stack name: the blueprint's slug and a short random suffix (chosen on the server, so it renders once). */
function defaultStackName(slug: string): string {
  return `${slug.slice(0, 40).replace(/-+$/, '')}-${randomBytes(3).toString('hex')}`;
}

export default async function NewLaunchPage({ searchParams }: { searchParams: Promise<{ blueprint?: string }> }) {
  const actor = await requirePageActor();
  const slug = (await searchParams).blueprint;
  const blueprint = slug ? await getBlueprint(slug) : undefined;
  if (!blueprint) notFound();
  const [teams, current] = await Promise.all([listTeamsForActor(actor), getCurrentTarget(actor)]);
  const launchTeams = teams.filter((t) => hasTeamRole(actor, t.id, 'developer'));
  const { metadata: m, model } = blueprint;
  return (
    <>
      <PageHeader
        title={`Launch ${m.title}`}
        description={
          <>
            Version {m.version} ·{' '}
            <Link href={`/catalog/${m.slug}`} className="underline">
              about this blueprint
            </Link>
          </>
        }
      />
      {launchTeams.length === 0 ? (
        <Alert tone="warn" title="You cannot launch">
          Launching needs the developer role in a team. Ask a team admin.
        </Alert>
      ) : !current ? (
        <Alert tone="warn" title="No AWS target">
          None of your teams may use an AWS target yet. A platform admin registers targets in Settings.
        </Alert>
      ) : (
        <>
          {!m.sandbox.deployable && (
            <Alert tone="warn" title="This blueprint does not deploy in the local sandbox" className="mb-4">
              {m.sandbox.reason} Pick a real AWS target.
            </Alert>
          )}
          <LaunchForm
            blueprint={{ slug: m.slug, version: m.version, title: m.title, capabilities: model.capabilities }}
            parameters={model.parameters}
            groups={model.parameterGroups}
            targets={current.targets.map((t) => ({
              id: t.id,
              name: t.name,
              accountId: t.accountId,
              regions: t.regions,
              isSandbox: t.isSandbox,
              teamIds: t.teamIds,
            }))}
            teams={launchTeams.map((t) => ({ id: t.id, slug: t.slug, name: t.name, requiredTags: t.requiredTags }))}
            defaults={{
              targetId: current.target.id,
              region: current.region,
              owner: actor.email,
              stackName: defaultStackName(m.slug),
              sandboxParameters: resolveSandboxParameters(m.sandboxParameters),
            }}
          />
        </>
      )}
    </>
  );
}
