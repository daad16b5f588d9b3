// The Step Functions dashboard's benchmarks, as `BENCH {json}` lines for scripts/bench.mjs
// (`npx tsx --conditions=react-server scripts/bench/sfn-dashboard.ts <mode>`: the modules are server-only):
//   layout    ELK layout of a 200-state definition: cold (the first layout in a fresh process, sampled
//             over several processes) and warm
//   page      what an execution page load pays once the server has laid the definition out: the cache
//             lookup, and graph + statuses for 200 states
//   history   deriving the view (visits, statuses, banner, timeline) and the event-table rows from a
//             25,000-event history
// Targets: layout under 500 ms, history under 200 ms. Over-target results are reported, not failed.
import { buildAslGraph } from '../../lib/sfn/asl-graph';
import { buildEventRows, eventOwners } from '../../server/sfn/event-rows';
import { buildExecutionGraph } from '../../lib/sfn/execution-graph';
import { deriveExecutionView } from '../../server/sfn/history';
import { layoutAslGraph } from '../../server/sfn/asl-layout';
import { DefinitionLayoutCache } from '../../server/sfn/layout-cache';
import { warmUpLayoutEngine } from '../../server/sfn/layout-warm-up';
import { generateLargeDefinition } from '../../server/sfn/synthetic/large-definition';
import { generateLargeHistory } from '../../server/sfn/synthetic/large-history';
import { firstLayoutsInFreshProcesses } from './first-layout';
import { summarise } from './summary';

const LAYOUT_TARGET_MS = 500;
const HISTORY_TARGET_MS = 200;
const COLD_PROCESSES = 5;
const engine = `node ${process.version}`;

function report(label: string, times: number[], targetMs?: number, extra: Record<string, unknown> = {}) {
  console.log(`BENCH ${JSON.stringify({ engine: `${engine} · ${label}`, ...summarise(times), ...(targetMs !== undefined ? { targetMs } : {}), ...extra })}`);
}

/** CPU milliseconds of the last timed run: steadier than wall time on a busy machine. */
let lastCpuMs = 0;

async function time(work: () => unknown | Promise<unknown>): Promise<number> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work();
  const spent = process.cpuUsage(cpu);
  lastCpuMs = (spent.user + spent.system) / 1000;
  return performance.now() - started;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const definition = JSON.stringify(generateLargeDefinition(200));

async function coldLayoutOnce(afterWarmUp: boolean): Promise<void> {
  if (afterWarmUp) await warmUpLayoutEngine();
  const graph = buildAslGraph(definition);
  const wall = await time(() => layoutAslGraph(graph));
  console.log(`COLD ${wall} ${lastCpuMs}`);
}

async function layoutBench(): Promise<void> {
  // The first layout in a process pays ELK's JIT warm-up: measure it in fresh processes, bare and
  // after the warm-up the portal runs at start (instrumentation.ts).
  const cold = firstLayoutsInFreshProcesses(COLD_PROCESSES, false);
  report('cold: first layout in a bare process', cold.wall, LAYOUT_TARGET_MS, { states: 200, medianCpuMs: median(cold.cpu) });
  const warmed = firstLayoutsInFreshProcesses(COLD_PROCESSES, true);
  report("first layout after the server's start-up warm-up", warmed.wall, LAYOUT_TARGET_MS, { states: 200, medianCpuMs: median(warmed.cpu) });
  const graph = buildAslGraph(definition);
  await layoutAslGraph(graph);
  const warm: number[] = [];
  const warmCpu: number[] = [];
  for (let i = 0; i < 20; i++) {
    warm.push(await time(() => layoutAslGraph(graph)));
    warmCpu.push(lastCpuMs);
  }
  report('warm: later layouts', warm, LAYOUT_TARGET_MS, { states: 200, medianCpuMs: median(warmCpu) });
}

async function pageBench(): Promise<void> {
  const cache = new DefinitionLayoutCache();
  const first = await time(() => cache.get(definition));
  const lookups: number[] = [];
  for (let i = 0; i < 200; i++) lookups.push(await time(() => cache.get(definition)));
  report('cached layout lookup (200 states)', lookups, LAYOUT_TARGET_MS, { firstComputeMs: Math.round(first) });
  // With the layout cached, a page load derives statuses and merges them into the graph.
  const { graph, layout } = await cache.get(definition);
  const view = deriveExecutionView([], { graph, now: 0 });
  const merges: number[] = [];
  for (let i = 0; i < 50; i++) merges.push(await time(() => buildExecutionGraph(graph, layout, view)));
  report('graph DTO from cached layout (200 states)', merges, LAYOUT_TARGET_MS);
}

async function historyBench(): Promise<void> {
  const { definition: large, events } = generateLargeHistory(25_000);
  const graph = buildAslGraph(large);
  const derive: number[] = [];
  let visits = 0;
  for (let i = 0; i < 15; i++) derive.push(await time(() => (visits = deriveExecutionView(events, { graph, now: 0 }).visits.length)));
  report('deriveExecutionView, 25,000 events (first run included)', derive, HISTORY_TARGET_MS, { events: events.length, visits });
  const view = deriveExecutionView(events, { graph, now: 0 });
  const rows: number[] = [];
  for (let i = 0; i < 10; i++) rows.push(await time(() => buildEventRows(events, eventOwners(view.visits), view.startedAt)));
  report('event-table rows, 25,000 events', rows, HISTORY_TARGET_MS);
}

const which = process.argv[2];
if (which === 'cold-layout-once' || which === 'warmed-layout-once') await coldLayoutOnce(which === 'warmed-layout-once');
else if (which === 'layout') await layoutBench();
else if (which === 'page') await pageBench();
else if (which === 'history') await historyBench();
else {
  console.error('usage: npx tsx --conditions=react-server scripts/bench/sfn-dashboard.ts <layout|page|history>');
  process.exit(2);
}
