// Kafka lag at scale (issue 14): 30 days of lag history for 10,000 partitions sampled every 30 s, written
// into a scratch SQLite database as retention leaves it (raw group points for 2 h, 5-minute buckets to
// 2 days, hourly to 30 days; per-partition 5-minute samples for 6 h, hourly to 2 days), on a throwaway
// broker holding the same groups. Measures the groups list (5,000 groups; the server function behind
// GET /api/v1/kafka/clusters/{id}/groups, and its stored part alone), a group page, the 30-day chart,
// the database size, the sampler round for 10,000 partitions (judge + store, synthetic snapshot) and
// `kafka-consumer-groups.sh --describe --all-groups` on the same broker. Prints `BENCH {json}` lines.
//   npx tsx --conditions=react-server scripts/bench/kafka-lag-store.ts [--runs 10] [--brokers host:port] [--skip-tool]
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { Kafka, logLevel } from 'kafkajs';
import { ensureBenchTopics } from './kafka-topics';
import { summarise } from './summary';

const HISTORY_GROUPS = 1_000; // × 10 partitions = the 10,000 partitions with 30 days of history
const PARTITIONS_PER_TOPIC = 10;
const LIST_ONLY_GROUPS = 4_000; // 2 partitions each: 5,000 groups in the list
const DAYS = 30;
const SAMPLE_MS = 30_000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '10' }, brokers: { type: 'string' }, 'skip-tool': { type: 'boolean', default: false } },
});
const runs = Number(values.runs);

const dir = mkdtempSync(path.join(tmpdir(), 'slipway-lag-store-'));
const dbFile = path.join(dir, 'bench.db');
process.env.DATABASE_URL = `file:${dbFile}`;
process.env.SLIPWAY_DATA_DIR = dir;
process.env.SLIPWAY_KAFKA_ALLOW_PRIVATE_NETWORKS = 'true';
process.env.SLIPWAY_LOG_LEVEL = 'warn';

const topicOf = (t: number) => `bench-store-${String(t).padStart(4, '0')}`;
const historyGroup = (g: number) => `bench-hist-${String(g).padStart(4, '0')}`;
const listGroup = (g: number) => `bench-list-${String(g).padStart(4, '0')}`;

async function timed<T>(fn: () => Promise<T>, n = runs): Promise<{ samples: number[]; last: T }> {
  let last = await fn(); // warm: connections, prepared statements, JIT
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    last = await fn();
    samples.push(performance.now() - t0);
  }
  return { samples, last };
}

function dbBytes(): number {
  return readdirSync(dir)
    .filter((f) => f.startsWith('bench.db'))
    .reduce((sum, f) => sum + statSync(path.join(dir, f)).size, 0);
}

async function prepareBroker(brokers: string[]) {
  const kafka = new Kafka({ clientId: 'slipway-bench-setup', brokers, logLevel: logLevel.NOTHING, retry: { retries: 10 } });
  const admin = kafka.admin();
  await admin.connect();
  const topics = Array.from({ length: HISTORY_GROUPS }, (_, t) => topicOf(t));
  const missing = await ensureBenchTopics(admin, topics, PARTITIONS_PER_TOPIC);
  if (missing.length > 0) {
    const producer = kafka.producer();
    await producer.connect();
    for (let i = 0; i < missing.length; i += 100) {
      await producer.sendBatch({
        topicMessages: missing.slice(i, i + 100).map((topic) => ({
          topic,
          messages: Array.from({ length: PARTITIONS_PER_TOPIC * 5 }, (_, r) => ({ partition: r % PARTITIONS_PER_TOPIC, value: `r${r}` })),
        })),
      });
    }
    await producer.disconnect();
  }
  // History groups commit all 10 partitions of their topic; list-only groups 2 partitions of one.
  const commits = [
    ...Array.from({ length: HISTORY_GROUPS }, (_, g) => ({
      groupId: historyGroup(g),
      topic: topicOf(g),
      partitions: Array.from({ length: PARTITIONS_PER_TOPIC }, (_, partition) => ({ partition, offset: String((g + partition) % 5) })),
    })),
    ...Array.from({ length: LIST_ONLY_GROUPS }, (_, g) => ({
      groupId: listGroup(g),
      topic: topicOf(g % HISTORY_GROUPS),
      partitions: [0, 1].map((p) => ({ partition: (2 * Math.floor(g / HISTORY_GROUPS) + p) % PARTITIONS_PER_TOPIC, offset: String(g % 5) })),
    })),
  ];
  const known = new Set((await admin.listGroups()).groups.map((g) => g.groupId));
  const todo = commits.filter((c) => !known.has(c.groupId));
  for (let i = 0; i < todo.length; i += 100) await Promise.all(todo.slice(i, i + 100).map((c) => admin.setOffsets(c)));
  await admin.disconnect();
}

async function main() {
  const started = Date.now();
  const { migrateDatabase } = await import('../db.mjs');
  await migrateDatabase({ url: process.env.DATABASE_URL!, log: () => undefined });
  const { startSaslBroker } = await import('@/server/kafka/test-support/local-kafka');
  const { describeGroupsWithKafkaTool } = await import('@/server/kafka/test-support/consumer-group-command');
  const { insertCluster, prismaLagSampleStore } = await import('@/server/kafka/queries');
  const { createLagMonitor } = await import('@/server/kafka/lag-monitor');
  const { readLagSnapshot, withClusterAdmin, closeAllClusterAdmins } = await import('@/server/kafka/admin');
  const { clusterConfigBuilder } = await import('@/server/kafka/cluster-config');
  const { getConsumerGroupDetail, getConsumerGroupHistory, listConsumerGroups } = await import('@/server/kafka/consumer-groups');
  const { consumerGroupListQuerySchema } = await import('@/lib/schemas/kafka');
  type Snapshot = import('@/server/kafka/admin').LagSnapshot;

  const broker = values.brokers ? null : await startSaslBroker();
  const bootstrap = values.brokers ?? broker!.plaintextBrokers;
  const brokers = bootstrap.split(',');
  try {
    await prepareBroker(brokers);
    console.log(
      `broker ready: ${HISTORY_GROUPS + LIST_ONLY_GROUPS} groups over ${HISTORY_GROUPS * PARTITIONS_PER_TOPIC} partitions in ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
    const cluster = await insertCluster({ name: 'bench', settings: { kind: 'plaintext', brokers }, secrets: {}, targetId: null, teamId: null });
    const actor = { userId: 'bench', email: 'bench@example.com', name: 'Bench', isPlatformAdmin: true, via: 'session' as const, teams: [] };

    // --- 30 days of history as retention leaves it ---------------------------------------------------
    const now = Date.now();
    const t0 = performance.now();
    const groupTimes: number[] = [];
    for (let at = now - DAYS * DAY; at < now - 2 * DAY; at += HOUR) groupTimes.push(at);
    for (let at = now - 2 * DAY; at < now - 2 * HOUR; at += 5 * MINUTE) groupTimes.push(at);
    for (let at = now - 2 * HOUR; at < now; at += SAMPLE_MS) groupTimes.push(at);
    const partitionTimes: number[] = [];
    for (let at = now - 2 * DAY; at < now - 6 * HOUR; at += HOUR) partitionTimes.push(at);
    for (let at = now - 6 * HOUR; at < now; at += 5 * MINUTE) partitionTimes.push(at);
    const resolutionAt = (at: number, cut: number[], res: number[]) => res[cut.findIndex((c) => at < c)] ?? 0;
    // Written straight into the scratch file with prepared statements (Prisma's createMany manages
    // about 2,000 rows/s on a busy machine; this is the data the worker's rounds and compaction leave).
    const sqlite = new Database(dbFile);
    const iso = (at: number) => new Date(at).toISOString().replace('Z', '+00:00');
    const insertPoint = sqlite.prepare(
      'INSERT INTO KafkaGroupLagPoint (id, clusterId, groupId, at, totalLag, peakTotalLag, maxPartitionLag, partitionCount, unknownLagPartitionCount, dataLostPartitionCount, resolutionMs, status, timeLagSeconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?)',
    );
    const insertSample = sqlite.prepare(
      'INSERT INTO KafkaLagSample (id, clusterId, groupId, topic, partition, at, logStartOffset, logEndOffset, committedOffset, lag, maxLag, resolutionMs, hasActiveOwner) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, 100, 120, ?, 1)',
    );
    let rowId = 0;
    const writeGroup = sqlite.transaction((g: number) => {
      const groupId = historyGroup(g);
      groupTimes.forEach((at, i) => {
        const lag = 1000 + ((i * 37 + g) % 500);
        const res = resolutionAt(at, [now - 2 * DAY, now - 2 * HOUR], [HOUR, 5 * MINUTE]);
        insertPoint.run(`bench${rowId++}`, cluster.id, groupId, iso(at), lag, lag + 10, Math.floor(lag / 10), PARTITIONS_PER_TOPIC, res, 'OK', 12.5);
      });
      partitionTimes.forEach((at, i) => {
        const res = resolutionAt(at, [now - 6 * HOUR], [HOUR, 5 * MINUTE]);
        for (let partition = 0; partition < PARTITIONS_PER_TOPIC; partition++) {
          insertSample.run(`bench${rowId++}`, cluster.id, groupId, topicOf(g), partition, iso(at), 1_000_000 + i * 100, 999_900 + i * 100, res);
        }
      });
    });
    for (let g = 0; g < HISTORY_GROUPS; g++) writeGroup(g);
    sqlite.close();
    // The same rows through the app's store for one group, to prove the format matches what Prisma writes.
    const [check] = await prismaLagSampleStore.listGroupPoints(cluster.id, historyGroup(0), { since: 0 });
    if (!check || check.totalLag !== 1000n || check.status !== 'OK') throw new Error('generated rows do not read back as the store writes them');
    const generatedMs = performance.now() - t0;

    // --- the worker's rounds on the real broker: states for every group -----------------------------
    const monitor = createLagMonitor(prismaLagSampleStore);
    const config = clusterConfigBuilder(cluster, 'sampler');
    let realRound = { computeMs: 0, storeMs: 0, groups: 0, partitions: 0 };
    for (let i = 0; i < 3; i++) {
      const snapshot = await withClusterAdmin(cluster.id, config, (client) => readLagSnapshot(client));
      const recorded = await monitor.recordSnapshot(cluster.id, snapshot);
      realRound = {
        computeMs: recorded.computeMs,
        storeMs: recorded.storeMs,
        groups: recorded.states.length,
        partitions: recorded.states.reduce((n, s) => n + s.partitionCount, 0),
      };
    }
    const bytes = dbBytes();
    const days = DAYS;
    const partitions = HISTORY_GROUPS * PARTITIONS_PER_TOPIC;

    // --- reads ----------------------------------------------------------------------------------------
    const liveSnapshot = await timed(() => withClusterAdmin(cluster.id, config, (client) => readLagSnapshot(client)), Math.min(runs, 5));
    const query = (q: Record<string, string>) => consumerGroupListQuerySchema.parse(q);
    const list = await timed(() => listConsumerGroups(actor, cluster.id, query({ sort: 'totalLag' })));
    const listByStatus = await timed(() => listConsumerGroups(actor, cluster.id, query({ sort: 'status', q: 'bench-list' })));
    if (list.last.source !== 'worker') throw new Error(`the list answered from ${list.last.source}, not the worker's round the bench stored`);
    const detail = await timed(() => getConsumerGroupDetail(actor, cluster.id, historyGroup(7)));
    const chart = await timed(() =>
      getConsumerGroupHistory(actor, cluster.id, historyGroup(7), { from: new Date(now - DAYS * DAY).toISOString(), to: new Date(now).toISOString() }),
    );
    // The stored part of a list request alone (what the redesign changed): the newest round's states.
    const storedPart = await timed(async () => {
      const states = await prismaLagSampleStore.listGroupStates(cluster.id);
      return states.length;
    });

    // --- the sampler round for 10,000 partitions, synthetic snapshot ---------------------------------
    const synthetic = await insertCluster({
      name: 'bench-synthetic',
      settings: { kind: 'plaintext', brokers: ['127.0.0.1:9'] },
      secrets: {},
      targetId: null,
      teamId: null,
    });
    const syntheticMonitor = createLagMonitor(prismaLagSampleStore);
    const snapshotAt = (at: number, round: number): Snapshot => ({
      takenAt: at,
      durationMs: 0,
      offsetsMethod: 'batched',
      groups: Array.from({ length: HISTORY_GROUPS }, (_, g) => ({
        groupId: historyGroup(g),
        state: 'Stable',
        protocolType: 'consumer',
        members: [
          { memberId: `m-${g}`, clientId: `c-${g}`, host: '/10.0.0.1', assignments: [{ topic: topicOf(g), partitions: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] }] },
        ],
        missingTopics: [],
        lagInput: {
          groupId: historyGroup(g),
          partitions: Array.from({ length: PARTITIONS_PER_TOPIC }, (_, partition) => ({
            topic: topicOf(g),
            partition,
            logStartOffset: 0n,
            logEndOffset: BigInt(1_000_000 + round * 300 + partition),
            committedOffset: BigInt(1_000_000 + round * 290),
          })),
        },
      })),
    });
    const roundMs: number[] = [];
    let firstRoundMs = 0;
    const roundStart = now + MINUTE;
    for (let i = 0; i < 30; i++) {
      const recorded = await syntheticMonitor.recordSnapshot(synthetic.id, snapshotAt(roundStart + i * SAMPLE_MS, i));
      const ms = recorded.computeMs + recorded.storeMs;
      if (i >= 5) roundMs.push(ms); // the first rounds fill the windows
      if (i === 0) firstRoundMs = ms; // writes every window and every partition's first sample
    }

    const toolTimings: number[] = [];
    let toolRows = 0;
    if (!values['skip-tool']) {
      for (let i = 0; i < 2; i++) {
        const t = performance.now();
        toolRows = (await describeGroupsWithKafkaTool(bootstrap, 'all')).length;
        toolTimings.push(performance.now() - t);
      }
    }

    const bench = (engine: string, samples: number[], targetMs: number | undefined, note: string) =>
      console.log(`BENCH ${JSON.stringify({ engine, ...summarise(samples), ...(targetMs ? { targetMs } : {}), note })}`);
    const median = (xs: number[]) => summarise(xs).medianMs;
    bench(
      "groups list, 5,000 groups (listConsumerGroups: the worker's latest round + sparklines)",
      list.samples,
      200,
      `${list.last.total} groups, page of ${list.last.groups.length}; by status filtered to ${listByStatus.last.total}: median ${median(listByStatus.samples).toFixed(0)} ms; ` +
        `a live snapshot of the cluster (what the list read before) median ${median(liveSnapshot.samples).toFixed(0)} ms; stored states alone median ${median(storedPart.samples).toFixed(1)} ms` +
        (toolTimings.length ? `; ${(median(toolTimings) / median(list.samples)).toFixed(1)}× faster than ConsumerGroupCommand` : ''),
    );
    bench(
      '…its stored part: every group state of the newest round (what the list judges and sorts by)',
      storedPart.samples,
      undefined,
      `${storedPart.last} states`,
    );
    bench(
      'group page (getConsumerGroupDetail: live offsets of one group + its stored state)',
      detail.samples,
      100,
      `${detail.last.partitions.length} partitions`,
    );
    bench(
      '30-day chart (getConsumerGroupHistory)',
      chart.samples,
      300,
      `${chart.last.total.length} total points, ${chart.last.partitions.length} partition series, bucket ${chart.last.bucketMs / MINUTE} min`,
    );
    bench(
      'sampler round, 10,000 partitions (judge + store, synthetic snapshot)',
      roundMs,
      2_000,
      `rounds 6–30 (groups staggered: each writes a share of the 5-minute partition samples and windows); the first round (every window and sample) ${firstRoundMs.toFixed(0)} ms; real broker round of ${realRound.groups} groups / ${realRound.partitions} group-partitions: judge ${realRound.computeMs.toFixed(0)} ms + store ${realRound.storeMs.toFixed(0)} ms`,
    );
    if (toolTimings.length) {
      bench('ConsumerGroupCommand --describe --all-groups (JVM, incl. start-up)', toolTimings, undefined, `${toolRows} rows`);
    }
    console.log(
      `BENCH ${JSON.stringify({
        engine: `database size: ${days} days of ${partitions.toLocaleString('en')} partitions + states of ${realRound.groups} groups (SQLite file)`,
        runs: 1,
        meanMs: 0,
        medianMs: 0,
        p95Ms: 0,
        minMs: 0,
        maxMs: 0,
        note: `${(bytes / 1e6).toFixed(0)} MB (target ≤ 1,000 MB); ${Math.round(bytes / partitions / days)} bytes per partition per day; generated in ${(generatedMs / 1000).toFixed(0)} s`,
      })}`,
    );
    await closeAllClusterAdmins();
  } finally {
    await broker?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
