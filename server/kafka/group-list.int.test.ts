import { Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { db } from '@/server/db';
import { resetEnvForTests } from '@/server/env';
import { loadActor } from '@/server/auth/queries';
import { seedDemoData } from '@/server/seed';
import type { Actor } from '@/server/auth/actor';
import { consumerGroupListQuerySchema } from '@/lib/schemas/kafka';
import { closeClusterAdmin } from './admin';
import { clusterConfigBuilder } from './cluster-config';
import { createClusterHealthTracker } from './cluster-health';
import { listConsumerGroups } from './consumer-groups';
import { createLagSampler } from './lag-sampler';
import { deleteClusterWithHistory, findCluster, insertCluster, prismaClusterHealthStore, prismaLagSampleStore, type StoredKafkaCluster } from './queries';
import { freePort } from './test-support/local-kafka';
import { produceRecords, requireSandboxBrokers, sandboxKafkaConfig, uniqueName } from './test-support/sandbox-kafka';

/**
 * Where the group list's rows come from, against the real broker: the worker's latest round while it is
 * recent (a stored row per group, nothing read live for them), kept in step with the cluster's groups
 * by ListGroups (a new group is read live at once, a deleted one leaves at once); a live read when no
 * recent round exists; the round alone when the cluster does not answer.
 */

process.env.SLIPWAY_KAFKA_ALLOW_PRIVATE_NETWORKS = 'true';
resetEnvForTests();

const MINUTE = 60_000;
const brokers = requireSandboxBrokers().split(',');
const kafka = new Kafka(sandboxKafkaConfig('slipway-group-list-int-test'));
const prefix = uniqueName('list-src');
const topic = `${prefix}-orders`;
const kept = `${prefix}-kept`;
const doomed = `${prefix}-doomed`;
const admin = kafka.admin();
let cluster: StoredKafkaCluster;
let viewer: Actor;

const sampler = createLagSampler<StoredKafkaCluster>({
  listClusters: async () => [(await findCluster(cluster.id))!],
  buildConfig: (c) => clusterConfigBuilder(c, 'sampler'),
  store: prismaLagSampleStore,
  health: createClusterHealthTracker(prismaClusterHealthStore),
});

const list = (now?: number) => listConsumerGroups(viewer, cluster.id, consumerGroupListQuerySchema.parse({ q: prefix, sort: 'groupId' }), now);
const rows = async (now?: number) => (await list(now)).groups.map((g) => [g.groupId, g.totalLag, g.status]);

async function pointAt(brokerList: string[]) {
  await db.kafkaCluster.update({ where: { id: cluster.id }, data: { settings: JSON.stringify({ kind: 'plaintext', brokers: brokerList }) } });
  await closeClusterAdmin(cluster.id);
}

beforeAll(async () => {
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 2 }] });
  await produceRecords(kafka, topic, [0, 1], 20);
  await admin.setOffsets({ groupId: kept, topic, partitions: [0, 1].map((partition) => ({ partition, offset: '5' })) }); // lag 30
  await admin.setOffsets({ groupId: doomed, topic, partitions: [{ partition: 0, offset: '10' }] }); // lag 10 + 20 unknown
  await seedDemoData(() => undefined);
  viewer = (await loadActor({ email: 'falcon-viewer@example.com' }, 'session'))!;
  cluster = await insertCluster({ name: uniqueName('list-src'), settings: { kind: 'plaintext', brokers }, secrets: {}, targetId: null, teamId: null });
});

afterAll(async () => {
  await admin.disconnect();
  await sampler.close();
  if (cluster) await deleteClusterWithHistory(cluster.id);
});

describe('the consumer group list', () => {
  it("answers from the worker's latest round, and shows a group created or deleted since at once", async () => {
    expect((await sampler.runRound())[0]).toMatchObject({ ok: true });
    const round = await prismaLagSampleStore.listGroupStates(cluster.id, { groupIds: [kept] });
    // A total written into the stored row is what the list shows: rows of known groups are not read live.
    await prismaLagSampleStore.appendRound(cluster.id, { states: [{ ...round[0]!, totalLag: 999n }], points: [], samples: [] });
    const first = await list();
    expect(first).toMatchObject({ source: 'worker', liveError: null, total: 2, asOf: new Date(round[0]!.sampledAt).toISOString() });
    expect(await rows()).toEqual([
      [doomed, '10', expect.any(String)],
      [kept, '999', expect.any(String)],
    ]);

    // Created after the round: read live (its own offsets), not judged yet.
    const created = `${prefix}-created`;
    await admin.setOffsets({ groupId: created, topic, partitions: [{ partition: 1, offset: '18' }] });
    // Deleted after the round: gone from the list before the next round.
    await admin.deleteGroups([doomed]);
    expect(await rows()).toEqual([
      [created, '2', 'UNKNOWN'],
      [kept, '999', expect.any(String)],
    ]);
    expect((await list()).groups[0]).toMatchObject({
      state: 'Empty',
      memberCount: 0,
      topics: [topic],
      statusReason: expect.stringContaining('no recent samples'),
    });
  });

  it('reads the cluster live when the worker has not sampled it lately', async () => {
    const later = Date.now() + 30 * MINUTE;
    const stale = await list(later);
    expect(stale).toMatchObject({ source: 'live', liveError: null });
    // The live offsets, not the 999 written into the stored row.
    expect(stale.groups.find((g) => g.groupId === kept)).toMatchObject({ totalLag: '30' });
  });

  it('keeps answering from a recent round while the cluster does not answer, and from the newest one when it is old', async () => {
    await pointAt([`127.0.0.1:${await freePort()}`]);
    try {
      const recent = await list();
      expect(recent).toMatchObject({ source: 'worker', liveError: null });
      expect(recent.groups.map((g) => g.groupId)).toContain(kept);

      const old = await list(Date.now() + 30 * MINUTE);
      expect(old).toMatchObject({ source: 'history', liveError: expect.stringMatching(/ECONNREFUSED|Connection|connect/i) });
      expect(old.groups.find((g) => g.groupId === kept)).toMatchObject({ totalLag: '999' });
    } finally {
      await pointAt(brokers);
    }
  });
});
