import type { Metadata } from 'next';
import { requirePageActor } from '@/server/auth/session';
import { listApiTokens } from '@/server/tokens/queries';
import { listTargetsForActor } from '@/server/targets/queries';
import { listTeamsForActor } from '@/server/teams/queries';
import { PageHeader } from '@/components/ui/page-header';
import { Card } from '@/components/ui/card';
import { Badge } from '@/components/ui/badge';
import { TokensPanel } from './_components/tokens-panel';
import { TargetsPanel } from './_components/targets-panel';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const actor = await requirePageActor();
  const [tokens, targets, teams] = await Promise.all([listApiTokens(actor.userId), listTargetsForActor(actor), listTeamsForActor(actor)]);
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
                <Badge key={t.id}>
                  {t.name}: {t.role}
                </Badge>
              ))}
              {!actor.isPlatformAdmin && actor.teams.length === 0 && <span className="text-slate-500">None yet — ask an admin to add you.</span>}
            </dd>
          </dl>
        </Card>
        <Card title="API tokens">
          <TokensPanel initial={tokens} />
        </Card>
        <Card title="AWS targets" className="xl:col-span-2">
          <TargetsPanel initial={targets} teams={teams.map((t) => ({ id: t.id, name: t.name }))} canManage={actor.isPlatformAdmin} />
        </Card>
      </div>
    </>
  );
}
