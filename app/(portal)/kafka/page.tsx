import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { requirePageActor } from '@/server/auth/session';
import { getCurrentTarget } from '@/server/targets/current';
import { listTeamsForActor } from '@/server/teams/queries';
import { env } from '@/server/env';
import { canRegisterClusters, findClusterByArn, listClustersForActor } from '@/server/kafka/clusters';
import { groupLagHref, listKafkaEventSourceMappings } from '@/server/kafka/event-source-mappings';
import { hasTeamRole } from '@/server/auth/authz';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { ClustersPanel } from './_components/clusters-panel';
import { EventSourceMappings } from './_components/event-source-mappings';
import { RegisterClusterForm } from './_components/register-cluster-form';
import { listRefreshMs } from '@/server/kafka/page-refresh';

export const metadata: Metadata = { title: 'Kafka consumer lag' };

type SearchParams = Promise<{ clusterArn?: string | string[]; group?: string | string[] }>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function KafkaPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePageActor();
  const query = await searchParams;
  const clusterArn = first(query.clusterArn)?.trim();
  const group = first(query.group)?.trim();

  // A launch's dashboard link names the MSK cluster by ARN: go straight to it when it is registered.
  if (clusterArn) {
    const cluster = await findClusterByArn(actor, clusterArn);
    if (cluster) redirect(group ? groupLagHref(cluster.id, group) : `/kafka/${cluster.id}`);
  }

  const [clusters, current, teams] = await Promise.all([listClustersForActor(actor), getCurrentTarget(actor), listTeamsForActor(actor)]);
  const mappings = current ? await listKafkaEventSourceMappings(actor, current.target, current.region) : null;
  const canRegister = canRegisterClusters(actor);
  const registrableTeams = teams.filter((t) => hasTeamRole(actor, t.id, 'admin')).map((t) => ({ id: t.id, name: t.name }));

  return (
    <>
      <PageHeader
        title="Kafka consumer lag"
        description={`Consumer groups, their lag, time lag and status on your registered clusters. The worker samples every cluster every ${Math.round(env().KAFKA_LAG_SAMPLE_INTERVAL_MS / 1000)} s.`}
      />
      <div className="space-y-6">
        {clusterArn && (
          <Alert tone="warn" title="That MSK cluster is not registered">
            No cluster you can see is registered with ARN <span className="break-all font-mono text-xs">{clusterArn}</span>
            {group ? (
              <>
                , so the lag of consumer group <span className="font-mono text-xs">{group}</span> cannot be shown yet.
              </>
            ) : (
              '.'
            )}{' '}
            {canRegister ? 'Register it below (the ARN is filled in).' : 'Ask an admin of your team to register it.'}
          </Alert>
        )}
        <Card title="Clusters">
          <ClustersPanel initial={clusters} refreshMs={listRefreshMs()} />
        </Card>
        {canRegister && (
          <Card title="Register a cluster">
            <RegisterClusterForm
              teams={registrableTeams}
              canRegisterForEveryTeam={actor.isPlatformAdmin}
              targets={(current?.targets ?? []).map((t) => ({ id: t.id, name: t.name, regions: t.regions, teamIds: t.teamIds, isSandbox: t.isSandbox }))}
              initialArn={clusterArn}
            />
          </Card>
        )}
        <Card title="Lambda event source mappings reading from Kafka">
          {mappings ? (
            <EventSourceMappings list={mappings} highlightGroup={group} />
          ) : (
            <p className="text-sm text-slate-500">No AWS target is available to your teams.</p>
          )}
        </Card>
      </div>
    </>
  );
}
