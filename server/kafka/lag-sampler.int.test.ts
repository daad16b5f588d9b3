import { Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { db } from '@/server/db';
import { resetEnvForTests } from '@/server/env';
import { createKafkaLagSampler } from '@/server/jobs/kafka-lag-sampler';
import { loadActor } from '@/server/auth/queries';
import { seedDemoData } from '@/server/seed';
import type { Actor } from '@/server/auth/actor';
import { getConsumerGroupDetail, getConsumerGroupHistory, listConsumerGroups } from './consumer-groups';
import { closeClusterAdmin } from './admin';
import { clusterConfigBuilder } from './cluster-config';
import { createClusterHealthTracker } from './cluster-health';
import { createLagSampler } from './lag-sampler';
import { prismaClusterHealthStore, deleteClusterWithHistory, findCluster, insertCluster, prismaLagSampleStore, type StoredKafkaCluster } from './queries';
import { freePort } from './test-support/local-kafka';
import { produceRecords, requireSandboxBrokers, sandboxKafkaConfig, uniqueName } from './test-support/sandbox-kafka';

/**
 * The worker's lag sampler against the real broker and database: a round stores what Kafka reports for
 * a lagging group; a cluster that cannot be reached stores nothing and is recorded as unreachable with
 * the error, while the group page answers from history; once it is back the next round records again
 * and the cluster is reachable.
 */

// The cluster under test is registered at the sandbox broker's loopback address, as a stand-in for a
// remote one: this portal allows private networks (outbound.int.test.ts covers the default).
process.env.SLIPWAY_KAFKA_ALLOW_PRIVATE_NETWORKS = 'true';
resetEnvForTests();

const brokers = requireSandboxBrokers().split(',');
const kafka = new Kafka(sandboxKafkaConfig('slipway-sampler-int-test'));
const topic = uniqueName('sampler-orders');
const group = uniqueName('sampler-billing');
let cluster: StoredKafkaCluster;
const sampler = createKafkaLagSampler();
let viewer: Actor;

async function pointAt(brokerList: string[]) {
  await db.kafkaCluster.update({ where: { id: cluster.id }, data: { settings: JSON.stringify({ kind: 'plaintext', brokers: brokerList }) } });
  // A settings change drops the shared admin, as the portal does when a cluster is edited.
  await closeClusterAdmin(cluster.id);
}

const mine = <T extends { clusterId: string }>(results: T[]) => results.find((r) => r.clusterId === cluster.id)!;

beforeAll(async () => {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 2 }] });
  await produceRecords(kafka, topic, [0, 1], 20);
  // An Empty group that has read 5 records of each partition: lag 15 + 15.
  await admin.setOffsets({
    groupId: group,
    topic,
    partitions: [
      { partition: 0, offset: '5' },
      { partition: 1, offset: '5' },
    ],
  });
  await admin.disconnect();
  await seedDemoData(() => undefined);
  viewer = (await loadActor({ email: 'falcon-viewer@example.com' }, 'session'))!;
  cluster = await insertCluster({ name: uniqueName('sampler-int'), settings: { kind: 'plaintext', brokers }, secrets: {}, targetId: null, teamId: null });
});

afterAll(async () => {
  await sampler.close();
  if (cluster) {
    await deleteClusterWithHistory(cluster.id);
  }
});

describe('the Kafka lag sampler job', () => {
  it('records one round for a group with lag, and marks the cluster reachable', async () => {
    const result = mine(await sampler.runRound());
    expect(result).toMatchObject({ ok: true });

    const points = await prismaLagSampleStore.listGroupPoints(cluster.id, group, { since: 0 });
    expect(points).toHaveLength(1);
    expect(points[0]).toMatchObject({ totalLag: 30n, maxPartitionLag: 15n, partitionCount: 2, unknownLagPartitionCount: 0 });
    const samples = await prismaLagSampleStore.listGroupSamples(cluster.id, group, { since: 0 });
    expect(samples.map((s) => [s.topic, s.partition, s.committedOffset, s.logEndOffset, s.lag, s.hasActiveOwner])).toEqual([
      [topic, 0, 5n, 20n, 15n, false],
      [topic, 1, 5n, 20n, 15n, false],
    ]);
    expect((await prismaClusterHealthStore.read([cluster.id])).get(cluster.id)).toMatchObject({ state: 'reachable', lastError: null });
  });

  it('records nothing while the broker cannot be reached, remembers the error, and recovers by itself', async () => {
    const deadPort = await freePort();
    await pointAt([`127.0.0.1:${deadPort}`]);
    const before = await db.kafkaGroupLagPoint.count({ where: { clusterId: cluster.id } });
    const startedAt = Date.now();

    const failed = mine(await sampler.runRound());
    expect(failed.ok).toBe(false);
    expect(failed).toMatchObject({ error: expect.stringMatching(/ECONNREFUSED|Connection|connect/i) });
    expect(await db.kafkaGroupLagPoint.count({ where: { clusterId: cluster.id } })).toBe(before);
    const down = (await prismaClusterHealthStore.read([cluster.id])).get(cluster.id)!;
    expect(down.state).toBe('unreachable');
    expect(down.since).toBeGreaterThanOrEqual(startedAt - 1000);
    expect(down.lastError).toContain(String(deadPort));

    // The group page keeps answering from the stored samples, says so, and says why.
    const detail = await getConsumerGroupDetail(viewer, cluster.id, group);
    expect(detail).toMatchObject({ source: 'history', state: 'Unknown', totalLag: '30', health: { state: 'unreachable' } });
    expect(detail.liveError).toMatch(/ECONNREFUSED|Connection|connect/i);
    const history = await getConsumerGroupHistory(viewer, cluster.id, group, {});
    expect(history.total.length).toBeGreaterThan(0);

    // A second failing round neither stores samples nor moves "unreachable since".
    expect(mine(await sampler.runRound()).ok).toBe(false);
    expect((await prismaClusterHealthStore.read([cluster.id])).get(cluster.id)?.since).toBe(down.since);

    await pointAt(brokers);
    expect(mine(await sampler.runRound())).toMatchObject({ ok: true });
    expect(await db.kafkaGroupLagPoint.count({ where: { clusterId: cluster.id, groupId: group } })).toBe(2);
    const up = (await prismaClusterHealthStore.read([cluster.id])).get(cluster.id)!;
    expect(up).toMatchObject({ state: 'reachable', lastError: null });
    expect(up.since).toBeGreaterThan(down.since);
    expect(await db.kafkaClusterHealth.count({ where: { clusterId: cluster.id } })).toBe(1);
  });

  it('judges status and time lag in the round, and lets a deleted group age out of the stored state', async () => {
    const doomed = uniqueName('sampler-doomed');
    const admin = kafka.admin();
    await admin.connect();
    await admin.setOffsets({ groupId: doomed, topic, partitions: [{ partition: 0, offset: '20' }] });
    // Expiry after 1 s and compaction every round, so the test need not wait a day.
    const expiring = createLagSampler<StoredKafkaCluster>({
      listClusters: async () => [(await findCluster(cluster.id))!],
      buildConfig: (c) => clusterConfigBuilder(c, 'sampler'),
      store: prismaLagSampleStore,
      health: createClusterHealthTracker(prismaClusterHealthStore),
      compactEveryMs: 0,
      groupExpiryMs: 1_000,
    });
    try {
      expect((await expiring.runRound())[0]).toMatchObject({ ok: true });
      const [seen] = await prismaLagSampleStore.listGroupStates(cluster.id, { groupIds: [doomed], withPartitions: true });
      // Judged by the worker: one commit, caught up on partition 0, nothing committed on partition 1 (20 waiting).
      expect(seen).toMatchObject({ groupId: doomed, state: 'Empty', memberCount: 0, totalLag: 0n, unknownLagPartitionCount: 1, status: 'UNKNOWN' });
      expect(seen!.partitions.map((p) => [p.partition, p.committedOffset, p.status, p.timeLagSeconds])).toEqual([
        [0, 20n, 'OK', 0],
        [1, null, 'UNKNOWN', null],
      ]);
      // The list reads the stored judgement (the worker's row), not history evaluated per request.
      const listed = await listConsumerGroups(viewer, cluster.id, { q: doomed, sort: 'status', page: 1, pageSize: 50 });
      expect(listed.groups).toEqual([expect.objectContaining({ groupId: doomed, status: 'UNKNOWN', statusReason: seen!.statusReason })]);
      // Proof that nothing is judged per request: a verdict written into the row is what the list and the page show.
      const verdict = { status: 'WARN' as const, severity: 'warning' as const, statusReason: 'the stored verdict', timeLagSeconds: 42.5 };
      await prismaLagSampleStore.appendRound(cluster.id, { states: [{ ...seen!, ...verdict }], points: [], samples: [] });
      const relisted = await listConsumerGroups(viewer, cluster.id, { q: doomed, sort: 'timeLag', page: 1, pageSize: 50 });
      expect(relisted.groups).toEqual([expect.objectContaining({ groupId: doomed, ...verdict })]);
      expect(await getConsumerGroupDetail(viewer, cluster.id, doomed)).toMatchObject({ source: 'live', ...verdict });

      await admin.deleteGroups([doomed]);
      // Rounds go on until the group has been unseen for longer than the expiry (1 s): the round that
      // finds it so expires it.
      const giveUpAt = Date.now() + 10_000;
      let next = (await expiring.runRound())[0]!;
      while (!(next.ok && next.compacted?.expiredGroups.includes(doomed)) && Date.now() < giveUpAt) next = (await expiring.runRound())[0]!;
      expect(next).toMatchObject({ ok: true, compacted: { expiredGroups: [doomed] } });
      expect(await prismaLagSampleStore.listGroupStates(cluster.id, { groupIds: [doomed] })).toEqual([]);
      // The group that still exists was seen by this round and stays.
      expect((await prismaLagSampleStore.listGroupStates(cluster.id, { groupIds: [group] })).map((s) => s.groupId)).toEqual([group]);
      expect((await listConsumerGroups(viewer, cluster.id, { q: doomed, sort: 'groupId', page: 1, pageSize: 50 })).total).toBe(0);
    } finally {
      await admin.disconnect();
      await expiring.close();
    }
  });
});
