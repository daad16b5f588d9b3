#!/usr/bin/env node
// `npm run bench [-- name …] [--node <path>]`: runs every benchmark listed in BENCHES, each in its own
// process (so one cannot warm the JIT for another), and prints one table. A benchmark is a command that prints its
// results as lines `BENCH {"engine":…,"runs":…,"meanMs":…,"medianMs":…,"p95Ms":…,"targetMs":…}`;
// anything else it prints is passed through. Over-target results are reported, not failed: machines vary.
// `--node <path>` runs the benchmarks on another node binary (the runner itself stays on the project's
// Node), to compare Node releases: e.g. `npm run bench -- --node /usr/bin/node`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from './lib/defaults.mjs';
import { ensureProjectNode } from './lib/node-runtime.mjs';

const TSX = 'node_modules/.bin/tsx';

/** Add a feature's benchmark here: a name, what it measures, and the command that runs it. */
export const BENCHES = [
  {
    name: 'cost-grid',
    measures: 'cost page full grid recompute: 15 batch sizes × 11 volumes × 2 architectures',
    command: [process.execPath, 'scripts/bench/cost-grid.mjs'],
  },
  {
    name: 'abac-matrix',
    measures:
      'ABAC matrix: 100 principals × 1,000 functions × 10 Lambda actions decided by server/abac, next to @cloud-copilot/iam-simulate on every 10th cell (answers compared)',
    command: [TSX, '--conditions=react-server', 'scripts/bench/abac-matrix.ts'],
  },
  {
    name: 'kafka-lag',
    measures: 'Kafka lag snapshot of 200 groups over 2,000 partitions on a throwaway local broker, next to kafka-consumer-groups --describe --all-groups',
    command: [TSX, '--conditions=react-server', 'scripts/bench/kafka-lag.ts'],
  },
  {
    name: 'kafka-lag-store',
    measures:
      'Kafka lag at scale: 30 days of history for 10,000 partitions, 5,000 groups: groups list, group page, 30-day chart, database size, sampler round, next to kafka-consumer-groups --describe --all-groups',
    command: [TSX, '--conditions=react-server', 'scripts/bench/kafka-lag-store.ts'],
  },
  {
    name: 'sfn-layout',
    measures: 'Step Functions graph: ELK layout of a 200-state definition: first in a bare process, first after the start-up warm-up, and later ones',
    command: [TSX, '--conditions=react-server', 'scripts/bench/sfn-dashboard.ts', 'layout'],
  },
  {
    name: 'sfn-render',
    measures: 'Step Functions graph in Chromium: the execution page component drawing 200 laid-out states in a fresh page, and first server layout + render',
    command: [TSX, '--conditions=react-server', 'scripts/bench/sfn-render.ts'],
  },
  {
    name: 'sfn-page',
    measures: 'Step Functions execution page once the layout is cached: cache lookup and graph DTO for 200 states',
    command: [TSX, '--conditions=react-server', 'scripts/bench/sfn-dashboard.ts', 'page'],
  },
  {
    name: 'sfn-history',
    measures: 'Step Functions history: per-state visits, statuses, banner, timeline and event-table rows from 25,000 events',
    command: [TSX, '--conditions=react-server', 'scripts/bench/sfn-dashboard.ts', 'history'],
  },
  {
    name: 'catalog',
    measures:
      'catalog at 500 blueprints: the first request of a fresh process (no parse cache, an empty one, a filled one), then the catalog page data and a search, warm',
    command: [TSX, '--conditions=react-server', 'scripts/bench/catalog.ts'],
  },
  {
    name: 'load',
    measures:
      'load: 50 signed-in users on catalog, launches, an execution, a Kafka group and the estimator for 2 minutes, on SQLite and PostgreSQL (p50/p95/p99, requests/s, web RSS)',
    command: [process.execPath, 'scripts/bench/load.mjs'],
  },
  {
    name: 'sns-scan',
    measures: 'SNS data protection: 100,000 messages of 1 KB scanned under the clinic policy, and 100,000 audit records parsed and aggregated',
    command: [TSX, '--conditions=react-server', 'scripts/bench/sns-scan.ts'],
  },
];

const RESULT_PREFIX = 'BENCH ';

/** The command on another node binary: node itself is swapped, tsx runs through it (tsx starts its child on the same node). */
function onNode(command, node) {
  if (!node) return command;
  const [cmd, ...args] = command;
  if (cmd === process.execPath) return [node, ...args];
  if (cmd === TSX) return [node, path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs'), ...args];
  throw new Error(`cannot run ${cmd} on another node`);
}

function runBench(bench, node) {
  const [cmd, ...args] = onNode(bench.command, node);
  const started = Date.now();
  const res = spawnSync(cmd, args, { cwd: repoRoot, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, env: { ...process.env, NODE_ENV: 'production' } });
  const rows = [];
  for (const line of (res.stdout ?? '').split('\n')) {
    if (line.startsWith(RESULT_PREFIX)) rows.push({ bench: bench.name, ...JSON.parse(line.slice(RESULT_PREFIX.length)) });
    else if (line.trim()) console.log(`  [${bench.name}] ${line}`);
  }
  if (res.status !== 0 || rows.length === 0) {
    const why = res.error?.message ?? (res.stderr || '').trim().split('\n').slice(-5).join('\n') ?? 'no output';
    return { ok: false, rows: [{ bench: bench.name, engine: 'FAILED', note: why }], seconds: (Date.now() - started) / 1000 };
  }
  return { ok: true, rows, seconds: (Date.now() - started) / 1000 };
}

const ms = (value) => (typeof value === 'number' ? value.toFixed(3) : '');

function printTable(rows) {
  const header = ['bench', 'engine', 'runs', 'mean ms', 'median ms', 'p95 ms', 'min ms', 'max ms', 'target ms', 'verdict'];
  const lines = rows.map((row) => [
    row.bench,
    row.engine ?? '',
    row.runs === undefined ? '' : String(row.runs),
    ms(row.meanMs),
    ms(row.medianMs),
    ms(row.p95Ms),
    ms(row.minMs),
    ms(row.maxMs),
    row.targetMs === undefined ? '' : String(row.targetMs),
    row.engine === 'FAILED'
      ? 'did not run'
      : row.targetMs === undefined
        ? ''
        : row.p95Ms <= row.targetMs
          ? 'p95 under target'
          : row.meanMs <= row.targetMs
            ? 'mean under, p95 over'
            : 'OVER target',
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)));
  const format = (cells) => cells.map((cell, column) => (column <= 1 || column === 9 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  console.log(format(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const line of lines) console.log(format(line));
  for (const row of rows.filter((candidate) => candidate.note)) console.log(`\n${row.bench} (${row.engine}): ${row.note}`);
}

async function main() {
  const { values, positionals: wanted } = parseArgs({ options: { node: { type: 'string' } }, allowPositionals: true });
  const node = values.node && path.resolve(values.node);
  const unknown = wanted.filter((name) => !BENCHES.some((bench) => bench.name === name));
  if (unknown.length) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')}; choose from ${BENCHES.map((bench) => bench.name).join(', ')}`);
    process.exit(2);
  }
  const selected = wanted.length ? BENCHES.filter((bench) => wanted.includes(bench.name)) : BENCHES;
  const rows = [];
  let failed = false;
  for (const bench of selected) {
    console.log(`running ${bench.name}: ${bench.measures}…`);
    const result = runBench(bench, node);
    failed ||= !result.ok;
    rows.push(...result.rows);
  }
  console.log('');
  printTable(rows);
  if (failed) process.exitCode = 1;
}

// Only when run as a script: tooling may import BENCHES.
if (import.meta.url === `file://${process.argv[1]}`) {
  await ensureProjectNode();
  await main();
}
