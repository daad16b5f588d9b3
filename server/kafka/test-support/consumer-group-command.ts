import 'server-only';

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { kafkaLibsDir, SMALL_JVM } from './local-kafka';

/**
 * Kafka's own `kafka-consumer-groups.sh --describe` (ConsumerGroupCommand), the reference the
 * portal's lag numbers are checked against.
 */

const run = promisify(execFile);

export interface ConsumerGroupCommandRow {
  group: string;
  topic: string;
  partition: number;
  /** null where the tool prints "-" (no commit) */
  currentOffset: string | null;
  logEndOffset: string | null;
  lag: string | null;
  consumerId: string | null;
  host: string | null;
  clientId: string | null;
}

/** Runs `ConsumerGroupCommand --describe` for the groups (or all groups) and parses its tables. */
export async function describeGroupsWithKafkaTool(bootstrapServers: string, groups: readonly string[] | 'all'): Promise<ConsumerGroupCommandRow[]> {
  const selection = groups === 'all' ? ['--all-groups'] : groups.flatMap((g) => ['--group', g]);
  const { stdout } = await run(
    'java',
    [
      ...SMALL_JVM,
      '-cp',
      `${kafkaLibsDir()}/*`,
      'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand',
      '--bootstrap-server',
      bootstrapServers,
      '--describe',
      ...selection,
    ],
    { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
  );
  return parseConsumerGroupTable(stdout);
}

const COLUMNS = ['GROUP', 'TOPIC', 'PARTITION', 'CURRENT-OFFSET', 'LOG-END-OFFSET', 'LAG', 'CONSUMER-ID', 'HOST', 'CLIENT-ID'];

/** Parses the whitespace-aligned tables (one per group, each with a header line). */
export function parseConsumerGroupTable(stdout: string): ConsumerGroupCommandRow[] {
  const rows: ConsumerGroupCommandRow[] = [];
  let inTable = false;
  for (const line of stdout.split('\n')) {
    const cells = line.trim().split(/\s+/);
    if (cells[0] === 'GROUP') {
      if (COLUMNS.some((c, i) => cells[i] !== c)) throw new Error(`Unexpected ConsumerGroupCommand header: ${line}`);
      inTable = true;
      continue;
    }
    if (!inTable || cells.length < COLUMNS.length) {
      inTable = inTable && line.trim() !== '';
      continue;
    }
    const dash = (value: string | undefined) => (value === undefined || value === '-' ? null : value);
    rows.push({
      group: cells[0]!,
      topic: cells[1]!,
      partition: Number(cells[2]),
      currentOffset: dash(cells[3]),
      logEndOffset: dash(cells[4]),
      lag: dash(cells[5]),
      consumerId: dash(cells[6]),
      host: dash(cells[7]),
      clientId: dash(cells.slice(8).join(' ')),
    });
  }
  return rows;
}
