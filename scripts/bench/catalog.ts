// The catalog at 500 blueprints (the repository's own, copied under new slugs into a scratch folder,
// each copy's YAML made distinct by a comment so no two share a parse-cache entry): the first catalog
// request of a fresh process (which loads and validates every blueprint) without the parse cache, with
// an empty one (a new deployment) and with a filled one (a restart); then, warm, the catalog page's
// server data (every summary, as the page asks for it, serialised as it is sent) and a search.
// Prints `BENCH {json}` lines for scripts/bench.mjs.
//   npx tsx --conditions=react-server scripts/bench/catalog.ts [--blueprints 500] [--runs 200] [--restarts 3]
// A fresh process is this script again with `--first <root> --cache <dir|none>`: it times its first
// catalog request and prints `FIRST {json}`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { writeBlueprintCopies } from './blueprint-copies.mjs';
import { summarise } from './summary';

const { values } = parseArgs({
  options: {
    blueprints: { type: 'string', default: '500' },
    runs: { type: 'string', default: '200' },
    restarts: { type: 'string', default: '3' },
    first: { type: 'string' },
    cache: { type: 'string' },
  },
});

if (values.first) await firstRequest(values.first, values.cache === 'none' ? null : values.cache!);
else await main();

/** In a fresh process: the catalog page's first request, which pays for loading the library. */
async function firstRequest(rootDir: string, parseCacheDir: string | null) {
  const { searchBlueprints } = await import('@/server/blueprints/load');
  const started = performance.now();
  const cpu = process.cpuUsage();
  const all = await searchBlueprints({}, { rootDir, parseCacheDir });
  JSON.stringify(all);
  const firstMs = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
  console.log(`FIRST ${JSON.stringify({ firstMs, cpuMs: (user + system) / 1000, blueprints: all.length })}`);
}

function inFreshProcess(rootDir: string, cache: string): { firstMs: number; cpuMs: number } {
  const tsx = path.join(process.cwd(), 'node_modules/tsx/dist/cli.mjs');
  const res = spawnSync(process.execPath, [tsx, '--conditions=react-server', 'scripts/bench/catalog.ts', '--first', rootDir, '--cache', cache], {
    encoding: 'utf8',
    env: process.env,
  });
  const line = (res.stdout ?? '').split('\n').find((candidate) => candidate.startsWith('FIRST '));
  if (res.status !== 0 || !line) throw new Error(`the fresh process failed: ${res.stderr}`);
  return JSON.parse(line.slice('FIRST '.length)) as { firstMs: number; cpuMs: number };
}

function folderBytes(dir: string): { files: number; bytes: number } {
  const names = readdirSync(dir);
  return { files: names.length, bytes: names.reduce((sum, name) => sum + statSync(path.join(dir, name)).size, 0) };
}

async function main() {
  const COUNT = Number(values.blueprints);
  const RUNS = Number(values.runs);
  const RESTARTS = Number(values.restarts);
  const source = path.join(process.cwd(), 'blueprints');
  const rootDir = mkdtempSync(path.join(os.tmpdir(), 'slipway-catalog-'));
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'slipway-catalog-cache-'));

  try {
    writeBlueprintCopies(source, rootDir, COUNT);

    const first = (name: string, cache: string, runs: number) => {
      const samples = Array.from({ length: runs }, () => inFreshProcess(rootDir, cache));
      // CPU time (every thread of the process) scatters less than wall time on a shared machine.
      const cpu = summarise(samples.map((sample) => sample.cpuMs));
      console.log(`${name}: CPU median ${cpu.medianMs.toFixed(0)} ms (min ${cpu.minMs.toFixed(0)}, max ${cpu.maxMs.toFixed(0)})`);
      const wall = summarise(samples.map((sample) => sample.firstMs));
      console.log(`BENCH ${JSON.stringify({ engine: `first catalog request, fresh process: ${name}`, ...wall, targetMs: 1000 })}`);
    };
    first('no parse cache (as before)', 'none', RESTARTS);
    first('empty parse cache (a new deployment; fills it)', cacheDir, 1);
    const { files, bytes } = folderBytes(cacheDir);
    console.log(`parse cache: ${files} entries, ${(bytes / 1024 / 1024).toFixed(1)} MB`);
    first('filled parse cache (a restart)', cacheDir, RESTARTS);

    const { browseCatalog, searchBlueprints } = await import('@/server/blueprints/load');
    const { CATALOG_PAGE_SIZE } = await import('@/lib/blueprints/catalog-url');
    const page: number[] = [];
    const search: number[] = [];
    let bytesSent = 0;
    let loaded = 0;
    await searchBlueprints({}, { rootDir, parseCacheDir: cacheDir });
    for (let run = 0; run < RUNS; run++) {
      let started = performance.now();
      // What the catalog page asks for: the first page, the count of matches and the services.
      const first = await browseCatalog({}, { limit: CATALOG_PAGE_SIZE, offset: 0 }, { rootDir, parseCacheDir: cacheDir });
      bytesSent = JSON.stringify(first).length;
      loaded = first.catalogSize;
      page.push(performance.now() - started);
      started = performance.now();
      const hits = await searchBlueprints({ q: run % 2 ? 'kafka' : 'step functions' }, { rootDir, parseCacheDir: cacheDir });
      if (hits.length === 0) throw new Error('the search found nothing');
      search.push(performance.now() - started);
    }
    if (loaded !== COUNT) throw new Error(`the catalog lists ${loaded} of ${COUNT} blueprints`);
    console.log(
      `BENCH ${JSON.stringify({ engine: `catalog page data, warm: first ${CATALOG_PAGE_SIZE} of ${COUNT}, ${Math.round(bytesSent / 1024)} KB`, ...summarise(page), targetMs: 100 })}`,
    );
    console.log(`BENCH ${JSON.stringify({ engine: `search among ${COUNT}, warm`, ...summarise(search), targetMs: 50 })}`);
  } finally {
    rmSync(rootDir, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  }
}
