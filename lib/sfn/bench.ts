import { buildAslGraph } from './asl-graph';
import { deriveExecutionView } from './history';
import { layoutAslGraph } from './layout';
import { generateLargeDefinition } from './synthetic/large-definition';
import { generateLargeHistory } from './synthetic/large-history';

// Benchmarks as plain functions (no timed assertions in tests: CI machines vary). Run them with
// `npx tsx scripts/bench/sfn-bench.ts`.

export interface BenchResult {
  /** First run in a fresh process: includes JIT warm-up, what a user's first page load pays. */
  firstRunMs: number;
  /** Median of the following runs. */
  medianMs: number;
  minMs: number;
  /** Median process CPU time per run (Node only): less sensitive than wall time to a busy machine. */
  medianCpuMs?: number;
  runs: number;
  size: Record<string, number>;
}

function cpuMs(): number | undefined {
  const usage = typeof process !== 'undefined' ? process.cpuUsage?.() : undefined;
  return usage ? (usage.user + usage.system) / 1000 : undefined;
}

function median(values: number[]): number | undefined {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function measure(runs: number, once: () => unknown | Promise<unknown>): Promise<Omit<BenchResult, 'size'>> {
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const started = performance.now();
    const cpuStarted = cpuMs();
    await once();
    times.push(performance.now() - started);
    const cpuEnded = cpuMs();
    if (i > 0 && cpuStarted !== undefined && cpuEnded !== undefined) cpuTimes.push(cpuEnded - cpuStarted);
  }
  const [firstRunMs, ...rest] = times as [number, ...number[]];
  const result: Omit<BenchResult, 'size'> = {
    firstRunMs: round(firstRunMs),
    medianMs: round(median(rest) ?? firstRunMs),
    minMs: round(Math.min(...rest, firstRunMs)),
    runs,
  };
  const cpu = median(cpuTimes);
  if (cpu !== undefined) result.medianCpuMs = round(cpu);
  return result;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** Time ELK layout of a generated 200-state definition (graph building excluded), default options unless given. */
export async function benchLayout200(runs = 10, options: { routeCatchEdges?: boolean } = {}): Promise<BenchResult> {
  const graph = buildAslGraph(generateLargeDefinition(200));
  const timing = await measure(runs, () => layoutAslGraph(graph, options));
  return { ...timing, size: { states: graph.nodes.length, edges: graph.edges.length } };
}

/** Time deriving the execution view (visits, statuses, banner, timeline) from a 25,000-event history. */
export async function benchHistory25k(runs = 10): Promise<BenchResult> {
  const { definition, events } = generateLargeHistory(25_000);
  const graph = buildAslGraph(definition);
  let visits = 0;
  const timing = await measure(runs, () => {
    visits = deriveExecutionView(events, { graph, now: 0 }).visits.length;
  });
  return { ...timing, size: { events: events.length, visits } };
}
