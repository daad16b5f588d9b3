import { Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { connectClusterAdmin, readLagSnapshot, type ClusterAdmin } from './admin';
import { computeGroupLag } from './lag';
import { createLagMonitor } from './lag-monitor';
import { createInMemoryLagSampleStore } from './sample-store';
import { createPublicApiTopicOffsetsReader } from './topic-offsets';
import { evaluateGroupStatus } from './status';
import { describeGroupsWithKafkaTool } from './test-support/consumer-group-command';
import { produceRecords, requireSandboxBrokers, sandboxKafkaConfig, uniqueName, waitUntil } from './test-support/sandbox-kafka';

/**
 * The lag semantics of issue 14 against the real broker, each checked against Kafka's own
 * kafka-consumer-groups where it prints the figure: a commit ahead of the log end, an open
 * transaction, and stopped, lagging groups' time lag.
 */

const brokers = requireSandboxBrokers();
const kafka = new Kafka(sandboxKafkaConfig('slipway-semantics-int-test'));
let client: ClusterAdmin;

beforeAll(async () => {
  client = await connectClusterAdmin(sandboxKafkaConfig('slipway-semantics-portal'));
});

afterAll(async () => {
  await client?.close();
});

async function createTopic(topic: string, numPartitions: number) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions }] });
  } finally {
    await admin.disconnect();
  }
}

async function setOffsets(groupId: string, topic: string, offsets: Record<number, string>) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.setOffsets({ groupId, topic, partitions: Object.entries(offsets).map(([partition, offset]) => ({ partition: Number(partition), offset })) });
  } finally {
    await admin.disconnect();
  }
}

describe('a commit ahead of the log end', () => {
  it('is a negative lag exactly as kafka-consumer-groups prints it, left out of the totals, with status AHEAD', async () => {
    const topic = uniqueName('recreated');
    const group = uniqueName('ahead');
    await createTopic(topic, 2);
    await produceRecords(kafka, topic, [0, 1], 10);
    // Partition 0 as if the topic had been recreated under a group that had read 50 records.
    await setOffsets(group, topic, { 0: '50', 1: '4' });

    const [snapshot, reference] = await Promise.all([readLagSnapshot(client, { groupIds: [group] }), describeGroupsWithKafkaTool(brokers, [group])]);
    const lag = computeGroupLag(snapshot.groups[0]!.lagInput);
    expect(reference.sort((a, b) => a.partition - b.partition).map((r) => [r.partition, r.currentOffset, r.logEndOffset, r.lag])).toEqual([
      [0, '50', '10', '-40'],
      [1, '4', '10', '6'],
    ]);
    for (const row of reference) {
      const ours = lag.partitions.find((p) => p.partition === row.partition)!;
      expect([ours.committedOffset?.toString(), ours.logEndOffset.toString(), ours.lag?.toString()]).toEqual([row.currentOffset, row.logEndOffset, row.lag]);
    }
    expect(lag).toMatchObject({ totalLag: 6n, maxPartitionLag: 6n, aheadPartitionCount: 1 });

    const at = snapshot.takenAt;
    const samples = lag.partitions.map((p) => ({
      at,
      topic,
      partition: p.partition,
      committedOffset: p.committedOffset,
      logStartOffset: p.logStartOffset,
      logEndOffset: p.logEndOffset,
    }));
    const status = evaluateGroupStatus(group, samples, at + 1000);
    expect(status).toMatchObject({ status: 'AHEAD', severity: 'error' });
    expect(status.reason).toMatch(/past the log end 10: the topic was likely deleted and recreated/);
  });
});

describe('time lag of stopped groups that are behind', () => {
  it('interpolates between stored points, gives a flagged lower bound before the history, and stays null (not 0) while a partition behind is unknown', async () => {
    const topic = uniqueName('stopped');
    const quiet = uniqueName('quiet');
    const group = uniqueName('stopped-billing');
    const behind = uniqueName('far-behind');
    await createTopic(topic, 1);
    await createTopic(quiet, 2);
    await produceRecords(kafka, topic, [0], 20);
    await produceRecords(kafka, quiet, [0, 1], 10);
    await setOffsets(behind, topic, { 0: '5' });
    // quiet-1 is never committed while 10 records wait there: its time lag is unknown.
    await setOffsets(group, quiet, { 0: '10' });
    // Samples are per group: it must commit the topic from the first round for its history to hold it.
    await setOffsets(group, topic, { 0: '0' });

    const store = createInMemoryLagSampleStore();
    const monitor = createLagMonitor(store);
    const rounds: number[] = [];
    for (let i = 0; i < 3; i++) {
      if (i > 0) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        await produceRecords(kafka, topic, [0], 10);
      }
      // Record 25 was produced between the first two rounds (ends 20 and 30).
      if (i === 2) await setOffsets(group, topic, { 0: '25' });
      const snapshot = await readLagSnapshot(client, { groupIds: [group, behind] });
      await monitor.recordSnapshot('c', snapshot);
      rounds.push(snapshot.takenAt);
    }
    const [t1, t2] = rounds as [number, number];
    // The worker judges at its round: time lag is as of the last round.
    const now = rounds.at(-1)!;
    const stateOf = async (groupId: string) => (await store.listGroupStates('c', { groupIds: [groupId], withPartitions: true }))[0]!;

    const stopped = await stateOf(group);
    const byPartition = new Map(stopped.partitions.map((p) => [`${p.topic}-${p.partition}`, p]));
    expect(byPartition.get(`${topic}-0`)).toMatchObject({
      topic,
      partition: 0,
      timeLagSeconds: expect.closeTo((now - (t1 + t2) / 2) / 1000, 0),
      timeLagEstimated: false,
    });
    expect(byPartition.get(`${quiet}-0`)?.timeLagSeconds).toBe(0);
    expect(byPartition.get(`${quiet}-1`)?.timeLagSeconds).toBeNull();
    expect(stopped).toMatchObject({ timeLagSeconds: null, timeLagUnknownPartitionCount: 1 });

    // Offset 5 was written before the first round: not extrapolated, at least the first round's age.
    const far = await stateOf(behind);
    expect(far).toMatchObject({ timeLagSeconds: expect.closeTo((now - t1) / 1000, 1), timeLagEstimated: true, timeLagUnknownPartitionCount: 0 });
  });
});

describe('a transactional topic with an open transaction', () => {
  it('counts markers and the open transaction in lag as Kafka’s tool does; both readers agree on the last stable offset and read_committed lag', async () => {
    const topic = uniqueName('payments-tx');
    const group = uniqueName('payments-reader');
    await createTopic(topic, 1);
    const producer = kafka.producer({ transactionalId: uniqueName('tx'), idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    try {
      const committed = await producer.transaction();
      await committed.send({ topic, messages: Array.from({ length: 10 }, (_, i) => ({ partition: 0, value: `paid-${i}` })) });
      await committed.commit(); // 10 records and a commit marker: offsets 0–10
      const open = await producer.transaction();
      await open.send({ topic, messages: Array.from({ length: 5 }, (_, i) => ({ partition: 0, value: `pending-${i}` })) }); // offsets 11–15, open
      await setOffsets(group, topic, { 0: '4' });

      const [snapshot, reference] = await Promise.all([readLagSnapshot(client, { groupIds: [group] }), describeGroupsWithKafkaTool(brokers, [group])]);
      const [ours] = computeGroupLag(snapshot.groups[0]!.lagInput).partitions;
      expect(reference.map((r) => [r.currentOffset, r.logEndOffset, r.lag])).toEqual([['4', '16', '12']]);
      expect(ours).toMatchObject({ committedOffset: 4n, logEndOffset: 16n, lag: 12n, lastStableOffset: 11n, readCommittedLag: 7n });

      const fallback = (await createPublicApiTopicOffsetsReader(client.admin).read([topic])).offsets.get(`${topic}\u00000`)!;
      const batched = (await client.topicOffsets.read([topic])).offsets.get(`${topic}\u00000`)!;
      expect(batched).toMatchObject({ logEndOffset: '16', lastStableOffset: '11' });
      // kafkajs's public admin lists READ_COMMITTED: it sees the stable offset, and agrees on it.
      expect(fallback).toMatchObject({ lastStableOffset: '11', logStartOffset: batched.logStartOffset });
      const viaFallback = computeGroupLag({ groupId: group, partitions: [{ ...fallback, committedOffset: '4' }] }).partitions[0]!;
      expect(viaFallback.readCommittedLag).toBe(ours!.readCommittedLag);

      await open.commit();
      // The coordinator writes the markers after EndTxn answers.
      const readAfter = async () => (await client.topicOffsets.read([topic])).offsets.get(`${topic}\u00000`)!;
      await waitUntil(async () => (await readAfter()).lastStableOffset === '17', 'the commit marker');
      const after = await readAfter();
      const afterFallback = (await createPublicApiTopicOffsetsReader(client.admin).read([topic])).offsets.get(`${topic}\u00000`)!;
      // Closed: the stable offset reaches the log end (a second marker: 17) and the readers agree entirely.
      expect(after).toMatchObject({ logEndOffset: '17', lastStableOffset: '17' });
      expect(afterFallback).toEqual(after);
    } finally {
      await producer.disconnect();
    }
  });
});
