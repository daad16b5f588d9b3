import { Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { AppError } from '@/server/errors';

import { type ClusterAdmin, connectClusterAdmin, readLagSnapshot } from './admin';
import { computeGroupLag } from './lag';
import { resetGroupOffsets } from './reset';
import { produceRecords, sandboxKafkaConfig, startConsumer, uniqueName, waitUntil } from './test-support/sandbox-kafka';

/**
 * Offset resets on the real broker: a reset to a time between two batches makes the group consume only
 * the later batch, and a group with a live consumer is refused with the member named.
 */

const kafka = new Kafka(sandboxKafkaConfig('slipway-reset-int-test'));
const topic = uniqueName('payments');
const group = uniqueName('ledger');
// Explicit record timestamps (CreateTime) put the batches a minute apart without sleeping.
const firstBatchAt = Date.now() - 120_000;
const secondBatchAt = firstBatchAt + 60_000;
const between = new Date(firstBatchAt + 30_000).toISOString();
let client: ClusterAdmin;

beforeAll(async () => {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 2 }] });
  await admin.disconnect();
  await produceRecords(kafka, topic, [0, 1], 5, { label: 'early', timestamp: firstBatchAt });
  await produceRecords(kafka, topic, [0, 1], 3, { label: 'late', timestamp: secondBatchAt });

  // The group reads everything and commits, then stops: Empty, caught up.
  let received = 0;
  const consumer = await startConsumer(kafka, group, topic, () => (received += 1));
  await waitUntil(() => received === 16, 'the group to read both batches');
  await consumer.commitOffsets([0, 1].map((partition) => ({ topic, partition, offset: '8' })));
  await consumer.disconnect();

  client = await connectClusterAdmin(sandboxKafkaConfig('slipway-portal-reset-test'));
});

afterAll(async () => {
  await client?.close();
});

describe('resetGroupOffsets to a datetime', () => {
  const request = { groupId: group, topics: [{ topic }], strategy: { kind: 'to-datetime' as const, at: between } };

  it('dry-run: shows current → new offsets and the resulting lag, changing nothing', async () => {
    const plan = await resetGroupOffsets(client, { ...request, dryRun: true });
    expect(plan).toMatchObject({ groupId: group, groupState: 'Empty', executed: false, totalLagAfterReset: '6', strategy: `to-datetime ${between}` });
    expect(plan.partitions.map((p) => [p.partition, p.currentOffset, p.newOffset, p.lagAfterReset])).toEqual([
      [0, '8', '5', '3'],
      [1, '8', '5', '3'],
    ]);
    const [snapshot] = (await readLagSnapshot(client, { groupIds: [group] })).groups;
    expect(computeGroupLag(snapshot!.lagInput).totalLag).toBe(0n);
  });

  it('refuses while a consumer is active, naming member id, client id and host', async () => {
    const consumer = await startConsumer(kafka, group, topic, undefined, { fromBeginning: false });
    try {
      const [live] = (await readLagSnapshot(client, { groupIds: [group] })).groups;
      const member = live!.members[0]!;
      const attempt = resetGroupOffsets(client, { ...request, dryRun: false });
      await expect(attempt).rejects.toBeInstanceOf(AppError);
      await expect(attempt).rejects.toMatchObject({
        code: 'CONFLICT',
        message: expect.stringContaining(`${member.memberId} (client slipway-reset-int-test on ${member.host})`),
      });
    } finally {
      await consumer.disconnect();
    }
  });

  it('executes on the Empty group; the group then consumes only the later batch', async () => {
    const result = await resetGroupOffsets(client, { ...request, dryRun: false });
    expect(result).toMatchObject({ executed: true, totalLagAfterReset: '6' });

    const committed = await client.admin.fetchOffsets({ groupId: group, topics: [topic] });
    expect(committed[0]!.partitions.map((p) => [p.partition, p.offset]).sort()).toEqual([
      [0, '5'],
      [1, '5'],
    ]);

    const values: string[] = [];
    const lastOffset = new Map<number, number>();
    const consumer = await startConsumer(kafka, group, topic, (value, partition, offset) => {
      values.push(value);
      lastOffset.set(partition, Number(offset));
    });
    try {
      // Everything the group was going to receive has arrived once it has read up to each log end.
      const logEnds = await client.admin.fetchTopicOffsets(topic);
      await waitUntil(() => logEnds.every((p) => lastOffset.get(p.partition) === Number(p.high) - 1), 'the group to reach the log end');
      expect(values.sort()).toEqual(['late-0-0', 'late-0-1', 'late-0-2', 'late-1-0', 'late-1-1', 'late-1-2']);
    } finally {
      await consumer.disconnect();
    }
  });

  it('creates offsets for a group that does not exist yet (the Lambda custom consumer group case)', async () => {
    const fresh = uniqueName('lambda-esm');
    const result = await resetGroupOffsets(client, { ...request, groupId: fresh, dryRun: false });
    expect(result).toMatchObject({ groupState: 'Dead', executed: true });
    const [snapshot] = (await readLagSnapshot(client, { groupIds: [fresh] })).groups;
    expect(computeGroupLag(snapshot!.lagInput).partitions.map((p) => p.committedOffset)).toEqual([5n, 5n]);
  });

  it('plans shift-by and specific offsets on chosen partitions only', async () => {
    const shift = await resetGroupOffsets(client, {
      groupId: group,
      topics: [{ topic, partitions: [1] }],
      strategy: { kind: 'shift-by', by: '-10' },
      dryRun: true,
    });
    expect(shift.partitions.map((p) => [p.partition, p.newOffset, p.note])).toEqual([[1, '0', 'clamped to the log start (0); -5 is no longer in the log']]);
    await expect(
      resetGroupOffsets(client, { groupId: group, topics: [{ topic, partitions: [7] }], strategy: { kind: 'earliest' }, dryRun: true }),
    ).rejects.toThrow(/has no partition 7/);
  });
});
