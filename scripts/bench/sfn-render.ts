// The Step Functions graph in the browser: the execution page's own ExecutionGraph component (React Flow)
// drawing a laid-out 200-state definition, timed in headless Debian Chromium from render() to the first
// frame in which the states in view are drawn (large graphs draw only those). Each run is a fresh page,
// as a reader's page load is.
// Also prints "layout + render": the first ELK layout in a fresh server process (after the warm-up the
// portal runs at start) plus this.
//   npx tsx --conditions=react-server scripts/bench/sfn-render.ts [--runs 10]
import { parseArgs } from 'node:util';
import { buildAslGraph } from '../../lib/sfn/asl-graph';
import { buildExecutionGraph } from '../../lib/sfn/execution-graph';
import { deriveExecutionView } from '../../server/sfn/history';
import { layoutAslGraph } from '../../server/sfn/asl-layout';
import { generateLargeDefinition } from '../../server/sfn/synthetic/large-definition';
import { bundleForBrowser, withBenchChromium } from './browser.mjs';
import { firstLayoutsInFreshProcesses } from './first-layout';
import { summarise } from './summary';

const TARGET_MS = 500;
const STATES = 200;
const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' } } });
const runs = Number(values.runs);

const entry = `
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { ExecutionGraph } from '@/app/(portal)/executions/_components/execution-graph';

// Resolves with the milliseconds from render() to the first frame in which the states React Flow
// draws are all visible (it hides nodes until it has measured them) and the set has stopped changing.
// Large graphs draw only what is in view, so that is not every state.
globalThis.__renderGraph = (graph) =>
  new Promise((resolve) => {
    const host = document.getElementById('root');
    const started = performance.now();
    createRoot(host).render(createElement(ExecutionGraph, { graph, selectedNodeId: null, height: 700, exportName: 'bench' }));
    let lastCount = -1;
    let doneAt = 0;
    const check = () => {
      const nodes = [...host.querySelectorAll('.react-flow__node')];
      const shown = nodes.length > 0 && nodes.every((n) => n.style.visibility !== 'hidden') && host.querySelector('.react-flow__edge');
      if (shown && nodes.length === lastCount) {
        globalThis.__drawn = { nodes: nodes.length, edges: host.querySelectorAll('.react-flow__edge').length };
        resolve(doneAt - started);
        return;
      }
      lastCount = shown ? nodes.length : -1;
      doneAt = performance.now();
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
`;

/** A 200-state execution graph as the page receives it (laid out; statuses from an empty history). */
async function graphDto() {
  const graph = buildAslGraph(JSON.stringify(generateLargeDefinition(STATES)));
  const layout = await layoutAslGraph(graph);
  return buildExecutionGraph(graph, layout, deriveExecutionView([], { graph, now: 0 }));
}

const [{ js, css }, graph] = await Promise.all([bundleForBrowser({ contents: entry, sourcefile: 'sfn-render-bench-entry.tsx', loader: 'tsx' }), graphDto()]);
if (graph.nodes.filter((n) => n.kind !== 'marker').length < STATES) throw new Error('the synthetic definition is smaller than expected');
console.log(`bundle: ${(js.length / 1024).toFixed(0)} KB; graph: ${graph.nodes.length} nodes, ${graph.edges.length} edges`);

const { version, renders } = await withBenchChromium(async (browser) => {
  const times: number[] = [];
  let drawn = { nodes: 0, edges: 0 };
  for (let i = 0; i < runs; i++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.setContent(`<!doctype html><title>sfn render bench</title><style>${css}</style><div id="root" style="width:1100px"></div>`);
    await page.addScriptTag({ content: js });
    times.push(await page.evaluate((g: unknown) => (globalThis as unknown as { __renderGraph: (g: unknown) => Promise<number> }).__renderGraph(g), graph));
    if (i === 0) drawn = await page.evaluate(() => (globalThis as unknown as { __drawn: { nodes: number; edges: number } }).__drawn);
    await page.close();
  }
  console.log(`drawn in the first frame: ${drawn.nodes} nodes, ${drawn.edges} edges (the rest are off screen)`);
  return { version: browser.version(), renders: times };
});
const engine = `chromium ${version}`;
console.log(`BENCH ${JSON.stringify({ engine: `${engine} · render ${STATES} states, fresh page`, ...summarise(renders), targetMs: TARGET_MS })}`);

// What the first reader of a machine waits for on the server, after the portal's start-up warm-up
// (instrumentation.ts), plus the median render.
const medianRender = [...renders].sort((a, b) => a - b)[Math.floor(renders.length / 2)]!;
const combined = firstLayoutsInFreshProcesses(5, true).wall.map((layout) => layout + medianRender);
console.log(`BENCH ${JSON.stringify({ engine: `${engine} · first layout after warm-up + median render`, ...summarise(combined), targetMs: TARGET_MS })}`);
