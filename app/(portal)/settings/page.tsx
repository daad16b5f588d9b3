import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePageActor } from '@/server/auth/session';
import { listApiTokens } from '@/server/tokens/queries';
import { listTargetsForActor } from '@/server/targets/queries';
import { listTeamsForActor } from '@/server/teams/queries';
import { PageHeader } from '@/components/ui/page-header';
import { Card } from '@/components/ui/card';
import { Badge } from '@/components/ui/badge';
import { TokensPanel } from './_components/tokens-panel';
import { TargetsPanel } from './_components/targets-panel';
import { ClusterGroupPrefixes, TargetAssignments } from './_components/ownership-rules';
import { hasTeamRole } from '@/server/auth/authz';
import { listTargetAssignments } from '@/server/tenancy/assignments';
import { listClustersForActor } from '@/server/kafka/clusters';
import { listClusterGroupPrefixes } from '@/server/kafka/group-ownership';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const actor = await requirePageActor();
  const [tokens, targets, teams, clusters] = await Promise.all([
    listApiTokens(actor.userId),
    listTargetsForActor(actor),
    listTeamsForActor(actor),
    listClustersForActor(actor),
  ]);
  const [assignments, prefixes] = await Promise.all([
    Promise.all(targets.map((t) => listTargetAssignments(actor, t.id))),
    Promise.all(clusters.map((c) => listClusterGroupPrefixes(actor, c.id))),
  ]);
  // The teams whose rules the actor may edit: platform admins every team, team admins their own.
  const adminTeams = teams.filter((t) => hasTeamRole(actor, t.id, 'admin')).map((t) => ({ id: t.id, slug: t.slug, name: t.name }));
  return (
    <>
      <PageHeader title="Settings" description="Your teams, API tokens and the AWS targets your teams launch into." />
      <div className="grid gap-6 xl:grid-cols-2">
        <Card title="You">
          <dl className="grid grid-cols-[8rem_1fr] gap-y-2 text-sm">
            <dt className="text-slate-500">Name</dt>
            <dd>{actor.name}</dd>
            <dt className="text-slate-500">Email</dt>
            <dd>{actor.email}</dd>
            <dt className="text-slate-500">Teams</dt>
            <dd className="flex flex-wrap gap-1">
              {actor.isPlatformAdmin && <Badge tone="info">platform admin</Badge>}
              {actor.teams.map((t) => (
                <Link key={t.id} href={`/teams/${t.slug}`} className="hover:underline">
                  <Badge>
                    {t.name}: {t.role}
                  </Badge>
                </Link>
              ))}
              {!actor.isPlatformAdmin && actor.teams.length === 0 && <span className="text-slate-500">None yet — ask an admin to add you.</span>}
            </dd>
            {(actor.isPlatformAdmin || adminTeams.length > 0) && (
              <>
                <dt className="text-slate-500">Administration</dt>
                <dd>
                  <Link href="/settings/teams" className="text-sky-700 hover:underline">
                    {actor.isPlatformAdmin ? 'Teams, members and required tags' : 'Your teams’ members and required tags'}
                  </Link>
                </dd>
              </>
            )}
          </dl>
        </Card>
        {adminTeams.length > 0 && (
          <Card title="Audit log">
            <p className="text-sm text-slate-600">
              Every admin change with its old and new values, launch actions and refusals
              {actor.isPlatformAdmin ? '' : ' of the teams you administer'}: filter it, or export it as JSON lines for a SIEM.
            </p>
            <Link href="/settings/audit-log" className="mt-2 inline-block text-sm font-medium text-brand-700 hover:underline">
              Open the audit log
            </Link>
          </Card>
        )}
        <Card title="API tokens">
          <TokensPanel initial={tokens} />
        </Card>
        <Card title="AWS targets" className="xl:col-span-2">
          <TargetsPanel initial={targets} teams={teams.map((t) => ({ id: t.id, name: t.name }))} canManage={actor.isPlatformAdmin} />
        </Card>
        <Card title="Resource ownership" className="xl:col-span-2">
          <p className="mb-4 text-sm text-slate-600">
            What a launch creates belongs to the launch&apos;s team. For everything else, these rules say which team owns it: members read its data, developers
            start, stop or reset it. Resources nobody owns are listed, but only platform admins open them.
          </p>
          <div className="grid gap-8 lg:grid-cols-2">
            <div className="space-y-6">
              <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500">AWS resources by target</h2>
              {targets.map((t, i) => (
                <TargetAssignments
                  key={t.id}
                  target={{ id: t.id, name: t.name, accountId: t.accountId }}
                  initial={assignments[i] ?? []}
                  adminTeams={adminTeams.filter((team) => t.isSandbox || t.teamIds.includes(team.id))}
                />
              ))}
            </div>
            <div className="space-y-6">
              <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500">Kafka consumer groups by prefix</h2>
              {clusters.length === 0 && <p className="text-sm text-slate-500">No Kafka clusters your teams may read.</p>}
              {clusters.map((c, i) => (
                <ClusterGroupPrefixes
                  key={c.id}
                  cluster={{ id: c.id, name: c.name }}
                  initial={prefixes[i] ?? []}
                  adminTeams={adminTeams.filter((team) => !c.team || c.team.id === team.id)}
                />
              ))}
            </div>
          </div>
        </Card>
      </div>
    </>
  );
}
