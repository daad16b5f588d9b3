import 'server-only';

import { randomBytes } from 'node:crypto';

import { type Consumer, Kafka, type KafkaConfig, logLevel } from 'kafkajs';

/** `SANDBOX_KAFKA_BROKERS`, which the test runner always sets; failing loudly beats skipping silently. */
export function requireSandboxBrokers(): string {
  const brokers = process.env.SANDBOX_KAFKA_BROKERS;
  if (!brokers) {
    throw new Error(
      'SANDBOX_KAFKA_BROKERS is not set: run integration tests through `npm test` (which starts the sandbox) or point it at a running broker, e.g. SANDBOX_KAFKA_BROKERS=127.0.0.1:9192',
    );
  }
  return brokers;
}

/** A topic or group name no other test run uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/** Plain kafkajs config for the sandbox broker, quiet unless something is wrong. */
export function sandboxKafkaConfig(clientId: string): KafkaConfig {
  return { clientId, brokers: requireSandboxBrokers().split(','), logLevel: logLevel.ERROR, retry: { retries: 3 } };
}

/** Produces `count` records to each listed partition, values `<label>-<partition>-<i>`, optional record timestamp. */
export async function produceRecords(
  kafka: Kafka,
  topic: string,
  partitions: readonly number[],
  count: number,
  options: { label?: string; timestamp?: number } = {},
): Promise<void> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({
      topic,
      acks: -1,
      messages: partitions.flatMap((partition) =>
        Array.from({ length: count }, (_, i) => ({
          partition,
          value: `${options.label ?? 'record'}-${partition}-${i}`,
          ...(options.timestamp === undefined ? {} : { timestamp: String(options.timestamp) }),
        })),
      ),
    });
  } finally {
    await producer.disconnect();
  }
}

/** Resolves once `predicate` holds, polling; rejects with `what` after the timeout. */
export async function waitUntil(predicate: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await predicate()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/** Starts a consumer in `groupId` and waits until it has joined and received an assignment. */
export async function startConsumer(
  kafka: Kafka,
  groupId: string,
  topic: string,
  onMessage: (value: string, partition: number, offset: string) => void = () => undefined,
  options: { autoCommit?: boolean; fromBeginning?: boolean } = {},
): Promise<Consumer> {
  const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 500, maxWaitTimeInMs: 100 });
  let joined = false;
  consumer.on(consumer.events.GROUP_JOIN, () => {
    joined = true;
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: options.fromBeginning ?? true });
  await consumer.run({
    autoCommit: options.autoCommit ?? false,
    eachMessage: async ({ message, partition }) => onMessage(message.value?.toString() ?? '', partition, message.offset),
  });
  await waitUntil(() => joined, `consumer in ${groupId} to join`);
  return consumer;
}
