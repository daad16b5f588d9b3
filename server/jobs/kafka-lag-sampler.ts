import 'server-only';
import { env } from '@/server/env';
import { log } from '@/server/log';
import { clusterConfigBuilder, clusterSecretValues } from '@/server/kafka/cluster-config';
import { createClusterHealthTracker } from '@/server/kafka/cluster-health';
import { createLagSampler, type LagSampler } from '@/server/kafka/lag-sampler';
import { prismaClusterHealthStore, listClusters, prismaLagSampleStore, type StoredKafkaCluster } from '@/server/kafka/queries';
import type { Job } from '@/server/jobs/types';

/** The sampler over every registered cluster, on the portal's database. */
export function createKafkaLagSampler(): LagSampler {
  return createLagSampler<StoredKafkaCluster>({
    listClusters: () => listClusters({ teamIds: null }),
    buildConfig: (cluster) => clusterConfigBuilder(cluster, 'sampler'),
    secretsOf: (cluster) => clusterSecretValues(cluster),
    store: prismaLagSampleStore,
    health: createClusterHealthTracker(prismaClusterHealthStore),
    // A read must finish before the next round is due, or rounds would queue up behind a dead cluster.
    readTimeoutMs: Math.max(5_000, Math.min(25_000, env().KAFKA_LAG_SAMPLE_INTERVAL_MS - 1_000)),
    log: (level, message, fields) => log[level](message, fields),
  });
}

let sampler: LagSampler | null = null;

/** Samples consumer lag on every Kafka cluster every KAFKA_LAG_SAMPLE_INTERVAL_MS (default 30 s). */
export const kafkaLagSamplerJob: Job = {
  name: 'kafka-lag-sampler',
  get intervalMs() {
    return env().KAFKA_LAG_SAMPLE_INTERVAL_MS;
  },
  run: async () => {
    sampler ??= createKafkaLagSampler();
    await sampler.runRound();
  },
  stop: async () => {
    await sampler?.close();
    sampler = null;
  },
};
