// The lag sampler's snapshot for 200 consumer groups over 2,000 partitions, against Kafka's own
// `kafka-consumer-groups.sh --describe --all-groups` (ConsumerGroupCommand) on the same broker: time per
// snapshot and the Kafka requests one costs. Starts a throwaway single-node broker (Kafka 3.9 jars from
// the sandbox install) unless --brokers names one. Prints `BENCH {json}` lines for scripts/bench.mjs.
//   npx tsx --conditions=react-server scripts/bench/kafka-lag.ts [--runs 5] [--tool-runs 2] [--brokers host:port]
import { parseArgs } from 'node:util';
import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import { connectClusterAdmin, readLagSnapshot } from '@/server/kafka/admin';
import { computeGroupLag } from '@/server/kafka/lag';
import { describeGroupsWithKafkaTool } from '@/server/kafka/test-support/consumer-group-command';
import { startSaslBroker, type LocalBroker } from '@/server/kafka/test-support/local-kafka';
import { ensureBenchTopics } from './kafka-topics';
import { summarise } from './summary';

const GROUPS = 200;
const PARTITIONS_PER_TOPIC = 10; // one topic per group: 200 × 10 = 2,000 partitions
const RECORDS_PER_PARTITION = 5;
const TARGET_MS = 2_000;

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, 'tool-runs': { type: 'string', default: '2' }, brokers: { type: 'string' } },
});
const runs = Number(values.runs);
const toolRuns = Number(values['tool-runs']);

/** Kafka requests by API name, read from kafkajs's debug log ("Request ListOffsets(key: 2, ...)"). */
const requests = new Map<string, number>();
let counting = false;
const countingLogger =
  () =>
  ({ log }: LogEntry) => {
    const match = counting ? /^Request (\w+)\(/.exec(String(log.message)) : null;
    if (match) requests.set(match[1]!, (requests.get(match[1]!) ?? 0) + 1);
  };

async function prepare(brokers: string[]) {
  const kafka = new Kafka({ clientId: 'slipway-bench-setup', brokers, logLevel: logLevel.NOTHING, retry: { retries: 10 } });
  const admin = kafka.admin();
  await admin.connect();
  const topics = Array.from({ length: GROUPS }, (_, i) => `bench-lag-${String(i).padStart(3, '0')}`);
  const missing = await ensureBenchTopics(admin, topics, PARTITIONS_PER_TOPIC, 60_000);
  const producer = kafka.producer();
  await producer.connect();
  await producer.sendBatch({
    topicMessages: missing.map((topic) => ({
      topic,
      messages: Array.from({ length: PARTITIONS_PER_TOPIC * RECORDS_PER_PARTITION }, (_, i) => ({ partition: i % PARTITIONS_PER_TOPIC, value: `r${i}` })),
    })),
  });
  await producer.disconnect();
  // Each group committed part of its topic: lag 1..5 per partition, one partition left uncommitted.
  await Promise.all(
    topics.map((topic, g) =>
      admin.setOffsets({
        groupId: `bench-group-${String(g).padStart(3, '0')}`,
        topic,
        partitions: Array.from({ length: PARTITIONS_PER_TOPIC - 1 }, (_, partition) => ({
          partition,
          offset: String((g + partition) % RECORDS_PER_PARTITION),
        })),
      }),
    ),
  );
  await admin.disconnect();
}

async function main() {
  let broker: LocalBroker | null = null;
  const started = Date.now();
  if (!values.brokers) broker = await startSaslBroker();
  const bootstrap = values.brokers ?? broker!.plaintextBrokers;
  const brokers = bootstrap.split(',');
  try {
    await prepare(brokers);
    console.log(
      `broker ready and ${GROUPS} groups over ${GROUPS * PARTITIONS_PER_TOPIC} partitions prepared in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );

    const client = await connectClusterAdmin({ clientId: 'slipway-bench', brokers, logLevel: logLevel.DEBUG, logCreator: countingLogger });
    try {
      const snapshot = async () => {
        const t0 = performance.now();
        const result = await readLagSnapshot(client);
        const lags = result.groups.map((g) => computeGroupLag(g.lagInput));
        return { ms: performance.now() - t0, groups: result.groups.length, partitions: lags.reduce((n, l) => n + l.partitionCount, 0), lags };
      };
      const cold = await snapshot(); // connects to the coordinator and leaders; the sampler keeps them open
      const timings: number[] = [];
      let last = cold;
      for (let i = 0; i < runs; i++) {
        requests.clear();
        counting = true;
        last = await snapshot();
        counting = false;
        timings.push(last.ms);
      }
      const perSnapshot = [...requests].sort(([a], [b]) => a.localeCompare(b)).map(([api, n]) => `${api} ${n}`);
      const total = [...requests.values()].reduce((s, n) => s + n, 0);

      const toolTimings: number[] = [];
      let toolRows: Awaited<ReturnType<typeof describeGroupsWithKafkaTool>> = [];
      for (let i = 0; i < toolRuns; i++) {
        const t0 = performance.now();
        toolRows = await describeGroupsWithKafkaTool(bootstrap, 'all');
        toolTimings.push(performance.now() - t0);
      }
      // The numbers must agree with Kafka's own tool, or the speed is worth nothing.
      const toolLag = new Map<string, bigint>();
      for (const row of toolRows)
        if (row.group.startsWith('bench-group-') && row.lag !== null) toolLag.set(row.group, (toolLag.get(row.group) ?? 0n) + BigInt(row.lag));
      const mismatches = last.lags.filter((l) => l.groupId.startsWith('bench-group-') && toolLag.get(l.groupId) !== l.totalLag).length;

      console.log(
        `BENCH ${JSON.stringify({ engine: 'readLagSnapshot + computeGroupLag (kafkajs, batched)', ...summarise(timings), targetMs: TARGET_MS, note: `${last.groups} groups, ${last.partitions} partitions; ${total} Kafka requests per snapshot (${perSnapshot.join(', ')}); first snapshot with connects ${cold.ms.toFixed(0)} ms; totals differing from ConsumerGroupCommand: ${mismatches}` })}`,
      );
      console.log(
        `BENCH ${JSON.stringify({ engine: 'ConsumerGroupCommand --describe --all-groups (JVM, incl. start-up)', ...summarise(toolTimings), note: `${toolRows.length} rows, wall time of kafka-consumer-groups.sh as an operator runs it` })}`,
      );
      if (mismatches > 0) process.exitCode = 1;
    } finally {
      await client.close();
    }
  } finally {
    await broker?.stop();
  }
}

await main();
