import type { KafkaClusterHealthDto } from '@/lib/kafka/dto';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { TimeAgo } from './time-ago';

/** One-line health for the clusters table. */
export function ClusterHealthSummary({ health }: { health: KafkaClusterHealthDto }) {
  if (health.state === 'unreachable') {
    return (
      <div className="space-y-0.5">
        <Badge tone="bad">unreachable</Badge>
        <p className="text-xs text-slate-600">since {health.since ? <TimeAgo iso={health.since} /> : 'unknown'}</p>
        {health.lastError && (
          <p className="max-w-xs truncate text-xs text-red-700" title={health.lastError}>
            {health.lastError}
          </p>
        )}
      </div>
    );
  }
  if (health.state === 'reachable') {
    return (
      <div className="space-y-0.5">
        <Badge tone="good">reachable</Badge>
        <p className="text-xs text-slate-600">
          {health.lastSampledAt ? (
            <>
              last sample <TimeAgo iso={health.lastSampledAt} />
            </>
          ) : (
            'no consumer groups sampled yet'
          )}
        </p>
      </div>
    );
  }
  return (
    <div className="space-y-0.5">
      <Badge>not sampled yet</Badge>
      <p className="text-xs text-slate-500">The worker samples every cluster on an interval.</p>
    </div>
  );
}

/** The banner a cluster's pages show when live reads fail: since when, why, and what is shown instead. */
export function UnreachableBanner({
  clusterName,
  health,
  liveError,
  asOf,
}: {
  clusterName: string;
  health: KafkaClusterHealthDto;
  liveError: string;
  asOf: string | null;
}) {
  return (
    <Alert tone="error" title={`Cluster ${clusterName} is unreachable`}>
      <p>
        {health.state === 'unreachable' && health.since ? (
          <>
            Unreachable since <TimeAgo iso={health.since} />.{' '}
          </>
        ) : null}
        The portal could not read it just now: <span className="font-mono text-xs">{liveError}</span>
      </p>
      <p className="mt-1">
        {asOf ? (
          <>
            Showing the last stored sample, from <TimeAgo iso={asOf} />. Lag history below is still available.
          </>
        ) : (
          'No samples were stored before it became unreachable.'
        )}
      </p>
    </Alert>
  );
}
