import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { closeAllClusterAdmins, closeClusterAdmin, connectClusterAdmin, getClusterAdmin, readLagSnapshot, testConnection, type ClusterAdmin } from './admin';
import { computeGroupLag } from './lag';
import { createPublicApiTopicOffsetsReader } from './topic-offsets';
import { describeGroupsWithKafkaTool } from './test-support/consumer-group-command';
import { produceRecords, requireSandboxBrokers, sandboxKafkaConfig, startConsumer, uniqueName, waitUntil } from './test-support/sandbox-kafka';

/**
 * Lag read from the real broker must equal what Kafka's own kafka-consumer-groups reports; unknown and
 * data-lost partitions must be recognised.
 */

const brokers = requireSandboxBrokers();
const kafka = new Kafka(sandboxKafkaConfig('slipway-admin-int-test'));
const topic = uniqueName('orders');
const lostTopic = uniqueName('audit');
const group = uniqueName('billing');
const lostGroup = uniqueName('auditors');
let client: ClusterAdmin;

/** Consumes everything, then commits exactly `offsets` (partition → next offset) and leaves the group. */
async function commitAs(groupId: string, topicName: string, offsets: Record<number, string>, expectMessages: number) {
  let received = 0;
  const consumer = await startConsumer(kafka, groupId, topicName, () => {
    received += 1;
  });
  await waitUntil(() => received >= expectMessages, `${expectMessages} records in ${groupId}`);
  await consumer.commitOffsets(Object.entries(offsets).map(([partition, offset]) => ({ topic: topicName, partition: Number(partition), offset })));
  await consumer.disconnect();
}

beforeAll(async () => {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: [
      { topic, numPartitions: 3 },
      { topic: lostTopic, numPartitions: 1 },
    ],
  });
  await admin.disconnect();

  await produceRecords(kafka, topic, [0, 1, 2], 10);
  await produceRecords(kafka, lostTopic, [0], 20);
  // partition 2 is consumed but never committed
  await commitAs(group, topic, { 0: '4', 1: '7' }, 30);
  await commitAs(lostGroup, lostTopic, { 0: '5' }, 20);

  // Retention (simulated by deleting records) removes records the group never read.
  const admin2 = kafka.admin();
  await admin2.connect();
  await admin2.fetchTopicMetadata({ topics: [lostTopic] }); // kafkajs's deleteTopicRecords needs the topic's metadata loaded
  await admin2.deleteTopicRecords({ topic: lostTopic, partitions: [{ partition: 0, offset: '12' }] });
  await admin2.disconnect();

  client = await connectClusterAdmin(sandboxKafkaConfig('slipway-portal-int-test'));
});

afterAll(async () => {
  await client?.close();
  await closeAllClusterAdmins();
});

describe('readLagSnapshot against the sandbox broker', () => {
  it('matches kafka-consumer-groups per partition, shows the uncommitted partition as unknown, flags data loss', async () => {
    const [snapshot, reference] = await Promise.all([
      readLagSnapshot(client, { groupIds: [group, lostGroup] }),
      describeGroupsWithKafkaTool(brokers, [group, lostGroup]),
    ]);
    expect(snapshot.offsetsMethod).toBe('batched');

    const lags = new Map(snapshot.groups.map((g) => [g.groupId, computeGroupLag(g.lagInput)]));
    const billing = lags.get(group)!;
    const auditors = lags.get(lostGroup)!;

    // Every row Kafka prints agrees with ours.
    expect(reference.length).toBe(3);
    for (const row of reference) {
      const ours = lags.get(row.group)!.partitions.find((p) => p.topic === row.topic && p.partition === row.partition);
      expect(ours, `${row.group} ${row.topic}-${row.partition}`).toBeDefined();
      expect({
        current: ours!.committedOffset?.toString() ?? null,
        end: ours!.logEndOffset.toString(),
        lag: ours!.lag?.toString() ?? null,
      }).toEqual({ current: row.currentOffset, end: row.logEndOffset, lag: row.lag });
    }

    expect(billing.partitions.map((p) => [p.partition, p.committedOffset, p.lag])).toEqual([
      [0, 4n, 6n],
      [1, 7n, 3n],
      [2, null, null], // consumed topic, never committed: unknown, not 0
    ]);
    expect(billing).toMatchObject({ totalLag: 9n, unknownLagPartitionCount: 1, dataLostPartitionCount: 0 });

    expect(auditors.partitions[0]).toMatchObject({
      logStartOffset: 12n,
      logEndOffset: 20n,
      committedOffset: 5n,
      lag: 15n,
      dataLostToRetention: true,
      lostRecords: 7n,
    });
    expect(snapshot.groups.find((g) => g.groupId === group)).toMatchObject({ state: 'Empty', members: [], missingTopics: [] });
  });

  it('lists every consumer group when none are named', async () => {
    const snapshot = await readLagSnapshot(client);
    const ids = snapshot.groups.map((g) => g.groupId);
    expect(ids).toEqual(expect.arrayContaining([group, lostGroup]));
  });

  it('shows live members with client id, host and assignment, like the reference tool', async () => {
    const liveGroup = uniqueName('live');
    const consumer = await startConsumer(kafka, liveGroup, topic);
    try {
      const [snapshot, reference] = await Promise.all([readLagSnapshot(client, { groupIds: [liveGroup] }), describeGroupsWithKafkaTool(brokers, [liveGroup])]);
      const [live] = snapshot.groups;
      expect(live).toMatchObject({ state: 'Stable' });
      expect(live!.members).toHaveLength(1);
      const member = live!.members[0]!;
      expect(member.assignments).toEqual([{ topic, partitions: [0, 1, 2] }]);
      const rows = [...reference].sort((a, b) => a.partition - b.partition);
      expect(rows.map((r) => [r.partition, r.consumerId, r.host, r.clientId])).toEqual(
        [0, 1, 2].map((p) => [p, member.memberId, member.host, member.clientId]),
      );
      // nothing committed yet: Kafka prints "-", we say unknown
      expect(computeGroupLag(live!.lagInput).partitions.map((p) => p.lag)).toEqual([null, null, null]);
    } finally {
      await consumer.disconnect();
    }
  });

  it('reads the same log offsets batched as through the public per-topic API', async () => {
    const batched = await client.topicOffsets.read([topic, lostTopic, 'no-such-topic']);
    const publicApi = await createPublicApiTopicOffsetsReader(client.admin).read([topic, lostTopic, 'no-such-topic']);
    expect(batched.method).toBe('batched');
    expect([...batched.offsets.values()].sort(byKey)).toEqual([...publicApi.offsets.values()].sort(byKey));
    expect(batched.missingTopics).toEqual(['no-such-topic']);
    expect(publicApi.missingTopics).toEqual(['no-such-topic']);
  });

  it('keeps working after a topic it read is deleted', async () => {
    const doomed = uniqueName('doomed');
    const admin = client.admin;
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic: doomed, numPartitions: 1 }] });
    expect((await client.topicOffsets.read([doomed, topic])).missingTopics).toEqual([]);
    await admin.deleteTopics({ topics: [doomed] });
    await waitUntil(async () => !(await admin.listTopics()).includes(doomed), `${doomed} to be deleted`);
    const after = await client.topicOffsets.read([doomed, topic]);
    expect(after.missingTopics).toEqual([doomed]);
    expect(after.partitionsByTopic.get(topic)).toEqual([0, 1, 2]);
  });
});

describe('memoised cluster admin', () => {
  it('connects once per cluster and reconnects after being closed', async () => {
    let builds = 0;
    const build = async () => {
      builds += 1;
      return sandboxKafkaConfig('slipway-memo-test');
    };
    const [a, b] = await Promise.all([getClusterAdmin('sandbox', build), getClusterAdmin('sandbox', build)]);
    expect(a).toBe(b);
    expect(builds).toBe(1);
    await closeClusterAdmin('sandbox');
    const c = await getClusterAdmin('sandbox', build);
    expect(c).not.toBe(a);
    expect(await c.admin.listTopics()).toContain(topic);
  });

  it('does not memoise a failed connection', async () => {
    const bad = async () => ({
      ...sandboxKafkaConfig('x'),
      brokers: ['127.0.0.1:1'],
      retry: { retries: 0 },
      connectionTimeout: 500,
      logLevel: logLevel.NOTHING,
    });
    await expect(getClusterAdmin('broken', bad)).rejects.toThrow();
    await expect(getClusterAdmin('broken', async () => sandboxKafkaConfig('y'))).resolves.toBeDefined();
  });
});

describe('testConnection', () => {
  it('reports brokers, controller and version', async () => {
    const report = await testConnection(sandboxKafkaConfig('slipway-test-connection'));
    expect(report).toMatchObject({ ok: true, controllerId: 1, versionSource: 'inter.broker.protocol.version' });
    if (!report.ok) throw new Error(report.message);
    expect(report.kafkaVersion).toMatch(/^3\.9/);
    expect(report.brokers).toEqual([{ nodeId: 1, host: '127.0.0.1', port: Number(brokers.split(':')[1]) }]);
  });

  it('says "unreachable" for a port nobody listens on', async () => {
    const report = await testConnection({
      ...sandboxKafkaConfig('x'),
      brokers: ['127.0.0.1:1'],
      connectionTimeout: 500,
      retry: { retries: 0 },
      logLevel: logLevel.NOTHING,
    });
    expect(report).toMatchObject({ ok: false, reason: 'unreachable' });
  });
});

function byKey(a: { topic: string; partition: number }, b: { topic: string; partition: number }) {
  return a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1;
}
