'use client';

import Link from 'next/link';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { fetchJson } from '@/lib/api/fetch-json';
import type { KafkaClusterDto, KafkaConnectionTestDto } from '@/lib/kafka/dto';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ClusterHealthSummary } from './cluster-health';
import { connectionLabel, connectionTarget } from './connection-label';
import { TableHead } from '@/components/ui/table-head';

export const CLUSTERS_QUERY_KEY = ['kafka-clusters'] as const;

/** Registered clusters with the sampler's health; admins of a cluster can test or remove it. */
export function ClustersPanel({ initial, refreshMs }: { initial: KafkaClusterDto[]; refreshMs: number }) {
  const { data, error } = useQuery({
    queryKey: CLUSTERS_QUERY_KEY,
    queryFn: () => fetchJson<{ clusters: KafkaClusterDto[] }>('/api/v1/kafka/clusters'),
    initialData: { clusters: initial },
    refetchInterval: refreshMs,
  });
  return (
    <div className="space-y-3">
      {error && <Alert tone="warn">Could not refresh the list: {error.message}</Alert>}
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Registered Kafka clusters</caption>
          <TableHead
            density="roomy"
            columns={[{ label: 'Cluster' }, { label: 'Connection' }, { label: 'Owner' }, { label: 'Status' }, { label: 'Actions', srOnly: true }]}
          />
          <tbody>
            {data.clusters.map((cluster) => (
              <ClusterRow key={cluster.id} cluster={cluster} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function ClusterRow({ cluster }: { cluster: KafkaClusterDto }) {
  const qc = useQueryClient();
  const [confirmingRemove, setConfirmingRemove] = useState(false);
  const test = useMutation({ mutationFn: () => fetchJson<KafkaConnectionTestDto>(`/api/v1/kafka/clusters/${cluster.id}/test`, { method: 'POST' }) });
  const remove = useMutation({
    mutationFn: () => fetchJson(`/api/v1/kafka/clusters/${cluster.id}`, { method: 'DELETE' }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: CLUSTERS_QUERY_KEY }),
  });
  return (
    <>
      <tr className="border-t border-slate-100 align-top">
        <td className="py-3 pr-4">
          <Link href={`/kafka/${cluster.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
            {cluster.name}
          </Link>
          {cluster.isSandbox && (
            <Badge tone="warn" className="ml-2">
              local sandbox
            </Badge>
          )}
        </td>
        <td className="py-3 pr-4">
          <p>{connectionLabel(cluster.connection)}</p>
          <p className="max-w-sm break-all font-mono text-xs text-slate-500">{connectionTarget(cluster.connection)}</p>
          {cluster.target && <p className="text-xs text-slate-500">signs with target {cluster.target.name}</p>}
        </td>
        <td className="py-3 pr-4">{cluster.team?.name ?? 'every team'}</td>
        <td className="py-3 pr-4">
          <ClusterHealthSummary health={cluster.health} />
        </td>
        <td className="whitespace-nowrap py-3 pl-2 pr-1 text-right">
          {cluster.permissions.canManage && (
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => test.mutate()} disabled={test.isPending} aria-label={`Test the connection to ${cluster.name}`}>
                {test.isPending ? 'Testing…' : 'Test connection'}
              </Button>
              {!cluster.isSandbox &&
                (confirmingRemove ? (
                  <>
                    <Button variant="danger" onClick={() => remove.mutate()} disabled={remove.isPending}>
                      {remove.isPending ? 'Removing…' : `Remove ${cluster.name} and its history`}
                    </Button>
                    <Button variant="ghost" onClick={() => setConfirmingRemove(false)}>
                      Keep
                    </Button>
                  </>
                ) : (
                  <Button variant="ghost" onClick={() => setConfirmingRemove(true)} aria-label={`Remove ${cluster.name}`}>
                    Remove
                  </Button>
                ))}
            </div>
          )}
        </td>
      </tr>
      {(test.data || test.error || remove.error) && (
        <tr>
          <td colSpan={5} className="pb-3">
            <div aria-live="polite">
              {test.data && <ConnectionTestResult result={test.data} />}
              {test.error && <Alert tone="error">The test could not run: {test.error.message}</Alert>}
              {remove.error && <Alert tone="error">{remove.error.message}</Alert>}
            </div>
          </td>
        </tr>
      )}
    </>
  );
}

/** What a connection test found, or why it failed, in words. */
export function ConnectionTestResult({ result }: { result: KafkaConnectionTestDto }) {
  if (!result.ok) {
    const why = {
      unreachable: 'No broker answered',
      authentication: 'The brokers refused the credentials',
      timeout: 'The brokers did not answer in time',
      error: 'The connection failed',
    }[result.reason];
    return (
      <Alert tone="error" title={why}>
        <span className="font-mono text-xs">{result.message}</span>
      </Alert>
    );
  }
  return (
    <Alert tone="success" title={`Connected in ${result.latencyMs} ms`}>
      <dl className="grid grid-cols-[9rem_1fr] gap-y-1 text-sm">
        <dt>Cluster id</dt>
        <dd className="font-mono text-xs">{result.clusterId}</dd>
        <dt>Kafka version</dt>
        <dd>
          {result.kafkaVersion
            ? `${result.kafkaVersion} (${result.versionSource === 'msk' ? 'from MSK' : 'broker protocol version'})`
            : 'not readable with these permissions'}
        </dd>
        <dt>Controller</dt>
        <dd>{result.controllerId === null ? 'unknown' : `broker ${result.controllerId}`}</dd>
        <dt>Brokers</dt>
        <dd className="font-mono text-xs">{result.brokers.map((b) => `${b.nodeId}: ${b.host}:${b.port}`).join(', ')}</dd>
        <dt>Topics</dt>
        <dd>{result.topicCount}</dd>
      </dl>
    </Alert>
  );
}
