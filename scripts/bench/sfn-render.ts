// The Step Functions graph in the browser: the execution page's own ExecutionGraph component (React Flow)
// drawing a laid-out 200-state definition, timed in headless Debian Chromium from render() to the first
// frame with every state and edge in the page. Each run is a fresh page, as a reader's page load is.
// Also prints "layout + render": the server's cold ELK layout (first in a fresh process) plus this.
//   npx tsx scripts/bench/sfn-render.ts [--runs 10]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { buildAslGraph } from '../../lib/sfn/asl-graph';
import { buildExecutionGraph } from '../../lib/sfn/execution-graph';
import { deriveExecutionView } from '../../lib/sfn/history';
import { layoutAslGraph } from '../../lib/sfn/layout';
import { generateLargeDefinition } from '../../lib/sfn/synthetic/large-definition';
import { withBenchChromium } from './chromium.mjs';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const TARGET_MS = 500;
const STATES = 200;
const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' } } });
const runs = Number(values.runs);

const entry = `
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { ExecutionGraph } from '@/app/(portal)/executions/_components/execution-graph';

// Resolves with the milliseconds from render() to the first frame after every node is visible
// (React Flow hides nodes until it has measured them) and every edge is drawn.
globalThis.__renderGraph = (graph) =>
  new Promise((resolve) => {
    const host = document.getElementById('root');
    const started = performance.now();
    createRoot(host).render(createElement(ExecutionGraph, { graph, selectedNodeId: null, height: 700, exportName: 'bench' }));
    const check = () => {
      const nodes = host.querySelectorAll('.react-flow__node');
      const edges = host.querySelectorAll('.react-flow__edge');
      const shown = nodes.length === graph.nodes.length && [...nodes].every((n) => n.style.visibility !== 'hidden');
      if (shown && edges.length === graph.edges.length) {
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - started), 0));
      } else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
`;

async function bundle(): Promise<{ js: string; css: string }> {
  const result = await build({
    stdin: { contents: entry, resolveDir: repoRoot, sourcefile: 'sfn-render-bench-entry.tsx', loader: 'tsx' },
    absWorkingDir: repoRoot,
    tsconfig: 'tsconfig.json',
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    outdir: 'bench-out',
    write: false,
    logLevel: 'silent',
  });
  const file = (ext: string) => result.outputFiles.find((f) => f.path.endsWith(ext))?.text ?? '';
  return { js: file('.js'), css: file('.css') };
}

/** A 200-state execution graph as the page receives it (laid out; statuses from an empty history). */
async function graphDto() {
  const graph = buildAslGraph(JSON.stringify(generateLargeDefinition(STATES)));
  const layout = await layoutAslGraph(graph);
  return buildExecutionGraph(graph, layout, deriveExecutionView([], { graph, now: 0 }));
}

function coldLayoutMs(): number {
  const child = spawnSync(process.execPath, [...process.execArgv, 'scripts/bench/sfn-dashboard.ts', 'cold-layout-once'], { cwd: repoRoot, encoding: 'utf8' });
  const line = child.stdout.split('\n').find((l) => l.startsWith('COLD '));
  if (!line) throw new Error(`cold layout run failed: ${child.stderr}`);
  return Number(line.split(' ')[1]);
}

function summarise(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return {
    runs: times.length,
    meanMs: times.reduce((s, t) => s + t, 0) / times.length,
    medianMs: at(0.5),
    p95Ms: at(0.95),
    minMs: sorted[0]!,
    maxMs: sorted.at(-1)!,
  };
}

const [{ js, css }, graph] = await Promise.all([bundle(), graphDto()]);
if (graph.nodes.filter((n) => n.kind !== 'marker').length < STATES) throw new Error('the synthetic definition is smaller than expected');
console.log(`bundle: ${(js.length / 1024).toFixed(0)} KB; graph: ${graph.nodes.length} nodes, ${graph.edges.length} edges`);

const { version, renders } = await withBenchChromium(async (browser) => {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.setContent(`<!doctype html><title>sfn render bench</title><style>${css}</style><div id="root" style="width:1100px"></div>`);
    await page.addScriptTag({ content: js });
    times.push(await page.evaluate((g: unknown) => (globalThis as unknown as { __renderGraph: (g: unknown) => Promise<number> }).__renderGraph(g), graph));
    await page.close();
  }
  return { version: browser.version(), renders: times };
});
const engine = `chromium ${version}`;
console.log(`BENCH ${JSON.stringify({ engine: `${engine} · render ${STATES} states, fresh page`, ...summarise(renders), targetMs: TARGET_MS })}`);

const combined: number[] = [];
const sortedRenders = [...renders].sort((a, b) => a - b);
for (let i = 0; i < 5; i++) combined.push(coldLayoutMs() + sortedRenders[Math.floor(sortedRenders.length / 2)]!);
console.log(`BENCH ${JSON.stringify({ engine: `${engine} · cold server layout + median render`, ...summarise(combined), targetMs: TARGET_MS })}`);
