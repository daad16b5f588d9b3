import 'server-only';
import { env } from '@/server/env';
import { log } from '@/server/log';
import { clusterConfigBuilder, clusterSecretValues } from '@/server/kafka/cluster-config';
import { createClusterHealthTracker } from '@/server/kafka/cluster-health';
import { buildLagRetentionPolicies } from '@/server/kafka/history';
import { createLagSampler, type LagSampler } from '@/server/kafka/lag-sampler';
import { prismaClusterHealthStore, listClusters, prismaLagSampleStore, type StoredKafkaCluster } from '@/server/kafka/queries';
import type { Job } from '@/server/jobs/types';

/** The sampler over every registered cluster, on the portal's database. */
export function createKafkaLagSampler(): LagSampler {
  const settings = env();
  return createLagSampler<StoredKafkaCluster>({
    listClusters: () => listClusters({ teamIds: null }),
    buildConfig: (cluster) => clusterConfigBuilder(cluster, 'sampler'),
    secretsOf: (cluster) => clusterSecretValues(cluster),
    store: prismaLagSampleStore,
    health: createClusterHealthTracker(prismaClusterHealthStore),
    // A read must finish before the next round is due, or rounds would queue up behind a dead cluster.
    readTimeoutMs: Math.max(5_000, Math.min(25_000, settings.KAFKA_LAG_SAMPLE_INTERVAL_MS - 1_000)),
    monitor: { windowPersistEveryMs: settings.KAFKA_LAG_WINDOW_PERSIST_MS },
    retention: buildLagRetentionPolicies({
      groupRawHours: settings.KAFKA_LAG_GROUP_RAW_HOURS,
      group5MinDays: settings.KAFKA_LAG_GROUP_5MIN_DAYS,
      groupHourlyDays: settings.KAFKA_LAG_GROUP_HOURLY_DAYS,
      partition5MinHours: settings.KAFKA_LAG_PARTITION_5MIN_HOURS,
      partitionHourlyDays: settings.KAFKA_LAG_PARTITION_HOURLY_DAYS,
    }),
    groupExpiryMs: settings.KAFKA_LAG_GROUP_EXPIRY_HOURS * 60 * 60_000,
    log: (level, message, fields) => log[level](message, fields),
  });
}

let sampler: LagSampler | null = null;

/**
 * Samples consumer lag on every Kafka cluster every KAFKA_LAG_SAMPLE_INTERVAL_MS (default 30 s). Each
 * tick starts the clusters' rounds without waiting for them, so a cluster that hangs until its read
 * timeout only skips its own next ticks.
 */
export const kafkaLagSamplerJob: Job = {
  name: 'kafka-lag-sampler',
  get intervalMs() {
    return env().KAFKA_LAG_SAMPLE_INTERVAL_MS;
  },
  run: async () => {
    sampler ??= createKafkaLagSampler();
    await sampler.tick();
  },
  stop: async () => {
    await sampler?.close();
    sampler = null;
  },
};
