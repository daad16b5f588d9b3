#!/usr/bin/env node
// The cost page recomputes its whole chart grid (15 batch sizes × 11 volumes × 2 architectures) on
// every input change, in the browser; the target is 5 ms. This bundles lib/cost with esbuild into an
// IIFE, times it in headless Debian Chromium on a blank page (no server), and times the same bundle
// in Node for comparison. Prints `BENCH {json}` lines for scripts/bench.mjs.
//   node scripts/bench/cost-grid.mjs [--runs 500] [--warm-up 50]
import { parseArgs } from 'node:util';
import { bundleForBrowser, withBenchChromium } from './browser.mjs';

const TARGET_MS = 5;
const { values } = parseArgs({ options: { runs: { type: 'string', default: '500' }, 'warm-up': { type: 'string', default: '50' } } });
const runs = Number(values.runs);
const warmUp = Number(values['warm-up']);

// The same functions the page calls, exposed on globalThis so both engines run identical code.
const entry = `
import { FULL_COST_GRID_INPUT, sampleCostGridTimings, summariseTimings } from './lib/cost/bench';
globalThis.__costGridBench = (runs, warmUp) => summariseTimings(sampleCostGridTimings(runs, FULL_COST_GRID_INPUT, warmUp));
`;

async function inChromium(code) {
  return withBenchChromium(async (browser) => {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><title>cost grid bench</title>');
    await page.addScriptTag({ content: code });
    const summary = await page.evaluate(([n, w]) => globalThis.__costGridBench(n, w), [runs, warmUp]);
    return { engine: `chromium ${browser.version()}`, ...summary };
  });
}

function inNode(code) {
  new Function(code)();
  return { engine: `node ${process.version}`, ...globalThis.__costGridBench(runs, warmUp) };
}

const { js: code } = await bundleForBrowser({ contents: entry, sourcefile: 'cost-grid-bench-entry.ts', loader: 'ts' });
console.log(`bundle: ${(code.length / 1024).toFixed(1)} KB, ${runs} timed runs after ${warmUp} warm-up runs`);
for (const result of [await inChromium(code), inNode(code)]) {
  console.log(`BENCH ${JSON.stringify({ ...result, targetMs: TARGET_MS })}`);
}
