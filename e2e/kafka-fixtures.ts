import { randomBytes } from 'node:crypto';
import { type Consumer, Kafka, logLevel } from 'kafkajs';

/**
 * Consumer groups with known lag on the sandbox broker, made by the specs themselves with kafkajs
 * (`scripts/test.mjs` passes SANDBOX_KAFKA_BROKERS to Playwright).
 */

export function sandboxKafka(clientId = 'slipway-e2e'): Kafka {
  const brokers = process.env.SANDBOX_KAFKA_BROKERS;
  if (!brokers) throw new Error('SANDBOX_KAFKA_BROKERS is not set: run through `npm test`, or export it for a running broker');
  return new Kafka({ clientId, brokers: brokers.split(','), logLevel: logLevel.NOTHING, retry: { retries: 5 } });
}

export const uniqueName = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;

/**
 * A topic with `records` records in each of `partitions` partitions and an Empty group that committed
 * `committed[p]` on partition p (partitions without an entry have no commit: their lag is unknown).
 */
export async function createLaggingGroup(options: {
  prefix: string;
  partitions: number;
  records: number;
  committed: Record<number, number>;
}): Promise<{ topic: string; groupId: string }> {
  const kafka = sandboxKafka();
  const topic = uniqueName(`${options.prefix}-topic`);
  const groupId = uniqueName(`${options.prefix}-group`);
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: options.partitions }] });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      acks: -1,
      messages: Array.from({ length: options.partitions }, (_, partition) =>
        Array.from({ length: options.records }, (__, i) => ({ partition, value: `record-${partition}-${i}` })),
      ).flat(),
    });
    await producer.disconnect();
    await admin.setOffsets({
      groupId,
      topic,
      partitions: Object.entries(options.committed).map(([partition, offset]) => ({ partition: Number(partition), offset: String(offset) })),
    });
  } finally {
    await admin.disconnect();
  }
  return { topic, groupId };
}

/** A consumer that joins `groupId` under `clientId` and stays until `disconnect()`. */
export async function startActiveConsumer(groupId: string, topic: string, clientId: string): Promise<Consumer> {
  const consumer = sandboxKafka(clientId).consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 500 });
  let joined = false;
  consumer.on(consumer.events.GROUP_JOIN, () => {
    joined = true;
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: false });
  await consumer.run({ autoCommit: false, eachMessage: async () => undefined });
  const deadline = Date.now() + 30_000;
  while (!joined) {
    if (Date.now() > deadline) throw new Error(`consumer ${clientId} did not join ${groupId}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return consumer;
}

/**
 * `count` Empty groups named `<prefix>-00`, `<prefix>-01`, ... on one new single-partition topic of
 * `count` records, group i having committed offset i: lags count, count − 1, ... 1, all different.
 */
export async function createGroupsOnOneTopic(prefix: string, count: number): Promise<{ topic: string; groupIds: string[] }> {
  const kafka = sandboxKafka();
  const topic = uniqueName(`${prefix}-topic`);
  const groupIds = Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(2, '0')}`);
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1 }] });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: Array.from({ length: count }, (_, i) => ({ value: `record-${i}` })) });
    await producer.disconnect();
    // Each setOffsets joins its group as a consumer and waits out the broker's initial rebalance delay
    // (3 s): side by side, the groups take that wait once rather than once each.
    await Promise.all(groupIds.map((groupId, i) => admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: String(i) }] })));
  } finally {
    await admin.disconnect();
  }
  return { topic, groupIds };
}
