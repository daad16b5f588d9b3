import 'server-only';

import type { GroupTimeLagDto } from '@/lib/kafka/dto';
import { readableTeamIds } from '@/server/auth/authz';
import type { Actor } from '@/server/auth/actor';

import { loadGroupOwnership } from './group-ownership';
import { computeGroupLag, type GroupLag } from './lag';
import { partitionKey } from './offset';
import { findLatestRoundAt, listClusters, prismaLagSampleStore } from './queries';
import type { GroupState } from './sample-store';

/**
 * `GET /metrics`: consumer lag in the Prometheus text exposition format (0.0.4) under
 * kafka-lag-exporter's metric names and labels, so its dashboards and alerts work unchanged. Served
 * from the worker's newest stored round of each cluster: a scrape never calls a broker.
 *
 * Differences from kafka-lag-exporter, on purpose: a partition without a commit has no lag series
 * (unknown is not 0); a commit ahead of the log end is a negative `group_lag` and is left out of
 * `sum_lag` and `max_lag` (as the portal's totals); the member labels (`member_host`, `consumer_id`,
 * `client_id`, `is_simple_consumer`) are absent because a stored round does not keep membership.
 */

export interface GroupLagMetrics {
  lag: GroupLag;
  timeLag: GroupTimeLagDto;
}

export interface ClusterLagMetrics {
  clusterName: string;
  /** epoch ms of the round the figures come from */
  sampledAt: number;
  groups: GroupLagMetrics[];
}

/** The actor's view of every readable cluster's newest round: groups of other teams only for platform admins. */
export async function collectLagMetrics(actor: Actor): Promise<ClusterLagMetrics[]> {
  const clusters = await listClusters({ teamIds: readableTeamIds(actor) });
  const result: ClusterLagMetrics[] = [];
  for (const cluster of clusters) {
    const sampledAt = await findLatestRoundAt(cluster.id);
    if (sampledAt === null) continue;
    const [states, ownerOf] = await Promise.all([
      prismaLagSampleStore.listGroupStates(cluster.id, { sampledAt, withPartitions: true }),
      loadGroupOwnership(actor, cluster),
    ]);
    // A shared cluster is readable by everyone, its groups' figures only by their owning team (TENANCY.md).
    const groups = states.filter((state) => ownerOf(state.groupId).access.canRead).map(toGroupLagMetrics);
    if (groups.length === 0) continue;
    result.push({ clusterName: cluster.name, sampledAt, groups });
  }
  return result;
}

/** A stored group state as the figures /metrics writes: offsets and the worker's time lag. */
export function toGroupLagMetrics(state: GroupState): GroupLagMetrics {
  return {
    lag: computeGroupLag({ groupId: state.groupId, partitions: state.partitions }),
    timeLag: {
      groupId: state.groupId,
      maxSecondsBehind: state.timeLagSeconds,
      isLowerBound: state.timeLagEstimated,
      unknownPartitionCount: state.timeLagUnknownPartitionCount,
      partitions: state.partitions.map((p) => ({ topic: p.topic, partition: p.partition, secondsBehind: p.timeLagSeconds, isLowerBound: p.timeLagEstimated })),
    },
  };
}

type Labels = Record<string, string | number>;

interface Family {
  name: string;
  help: string;
  samples: { labels: Labels; value: string }[];
}

/** Renders clusters' figures in the text format; bigints are written in full, never rounded. */
export function formatLagMetrics(clusters: readonly ClusterLagMetrics[]): string {
  const family = (name: string, help: string): Family => ({ name, help, samples: [] });
  const f = {
    offset: family('kafka_consumergroup_group_offset', 'The committed offset of this group for this partition.'),
    lag: family(
      'kafka_consumergroup_group_lag',
      'Log end offset minus committed offset, as kafka-consumer-groups prints it (negative when the commit is ahead of the log end; no series without a commit).',
    ),
    lagSeconds: family('kafka_consumergroup_group_lag_seconds', 'Estimated seconds the next unread record of this partition has waited.'),
    maxLag: family('kafka_consumergroup_group_max_lag', 'The largest non-negative partition lag of this group.'),
    maxLagSeconds: family(
      'kafka_consumergroup_group_max_lag_seconds',
      'The largest partition time lag of this group (absent while a partition that may be behind has no estimate).',
    ),
    sumLag: family('kafka_consumergroup_group_sum_lag', 'The sum of the non-negative partition lags of this group.'),
    topicSumLag: family('kafka_consumergroup_group_topic_sum_lag', 'The sum of the non-negative partition lags of this group in this topic.'),
    latest: family('kafka_partition_latest_offset', 'The log end offset (high watermark) of this partition.'),
    earliest: family('kafka_partition_earliest_offset', 'The log start offset of this partition.'),
    sampledAt: family('slipway_kafka_lag_sampled_at_seconds', 'When the round these figures come from was read (Unix seconds).'),
  };

  for (const { clusterName, sampledAt, groups } of clusters) {
    const cluster_name = clusterName;
    f.sampledAt.samples.push({ labels: { cluster_name }, value: String(sampledAt / 1000) });
    const seenPartitions = new Set<string>();
    for (const { lag, timeLag } of groups) {
      const group = lag.groupId;
      const secondsOf = new Map(timeLag.partitions.map((p) => [partitionKey(p.topic, p.partition), p.secondsBehind]));
      for (const p of lag.partitions) {
        const labels = { cluster_name, group, topic: p.topic, partition: p.partition };
        if (p.committedOffset !== null) f.offset.samples.push({ labels, value: p.committedOffset.toString() });
        if (p.lag !== null) f.lag.samples.push({ labels, value: p.lag.toString() });
        const seconds = secondsOf.get(partitionKey(p.topic, p.partition));
        if (seconds !== null && seconds !== undefined) f.lagSeconds.samples.push({ labels, value: String(seconds) });
        const key = partitionKey(p.topic, p.partition);
        if (!seenPartitions.has(key)) {
          seenPartitions.add(key);
          const partitionLabels = { cluster_name, topic: p.topic, partition: p.partition };
          f.latest.samples.push({ labels: partitionLabels, value: p.logEndOffset.toString() });
          f.earliest.samples.push({ labels: partitionLabels, value: p.logStartOffset.toString() });
        }
      }
      if (lag.maxPartitionLag !== null) f.maxLag.samples.push({ labels: { cluster_name, group }, value: lag.maxPartitionLag.toString() });
      if (timeLag.maxSecondsBehind !== null) f.maxLagSeconds.samples.push({ labels: { cluster_name, group }, value: String(timeLag.maxSecondsBehind) });
      f.sumLag.samples.push({ labels: { cluster_name, group }, value: lag.totalLag.toString() });
      for (const topic of lag.topics) f.topicSumLag.samples.push({ labels: { cluster_name, group, topic: topic.topic }, value: topic.totalLag.toString() });
    }
  }

  const lines: string[] = [];
  for (const { name, help, samples } of Object.values(f)) {
    lines.push(`# HELP ${name} ${escapeHelp(help)}`, `# TYPE ${name} gauge`);
    for (const { labels, value } of samples) lines.push(`${name}{${formatLabels(labels)}} ${value}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The actor's metrics page. */
export async function renderLagMetrics(actor: Actor): Promise<string> {
  return formatLagMetrics(await collectLagMetrics(actor));
}

function formatLabels(labels: Labels): string {
  return Object.entries(labels)
    .map(([name, value]) => `${name}="${escapeLabelValue(String(value))}"`)
    .join(',');
}

// The exposition format escapes backslash, double quote and line feed in label values, and backslash
// and line feed in HELP text; group ids and topic names may hold any of them.
function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}
