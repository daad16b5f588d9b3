// The catalog at 500 blueprints (the repository's own, copied under new slugs into a scratch folder):
// loading and validating them all once (a process's first catalog request), the catalog page's server
// data (every summary, as the page asks for it, serialised as it is sent), and a search.
// Prints `BENCH {json}` lines for scripts/bench.mjs.
//   npx tsx --conditions=react-server scripts/bench/catalog.ts [--blueprints 500] [--runs 200]
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { loadBlueprintLibrary, searchBlueprints } from '@/server/blueprints/load';
import { summarise } from './summary';

const { values } = parseArgs({ options: { blueprints: { type: 'string', default: '500' }, runs: { type: 'string', default: '200' } } });
const COUNT = Number(values.blueprints);
const RUNS = Number(values.runs);

const source = path.join(process.cwd(), 'blueprints');
const originals = readdirSync(source, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const rootDir = mkdtempSync(path.join(os.tmpdir(), 'slipway-catalog-'));

try {
  for (let i = 0; i < COUNT; i++) {
    const original = originals[i % originals.length]!;
    const slug = `${original}-${String(i).padStart(3, '0')}`.slice(0, 60);
    const dir = path.join(rootDir, slug);
    cpSync(path.join(source, original), dir, { recursive: true });
    const file = path.join(dir, 'blueprint.yaml');
    const text = readFileSync(file, 'utf8')
      .replace(/^slug: .*$/m, `slug: ${slug}`)
      .replace(/^title: (.*)$/m, (_, title: string) => `title: ${title} (${i})`);
    writeFileSync(file, text);
  }

  let started = performance.now();
  const library = await loadBlueprintLibrary({ rootDir });
  const loadMs = performance.now() - started;
  if (library.blueprints.size !== COUNT)
    throw new Error(`loaded ${library.blueprints.size} of ${COUNT} blueprints: ${JSON.stringify(library.issues.slice(0, 3))}`);
  console.log(
    `BENCH ${JSON.stringify({ engine: `load and validate ${COUNT} blueprints (once per process)`, runs: 1, meanMs: loadMs, medianMs: loadMs, p95Ms: loadMs })}`,
  );

  const page: number[] = [];
  const search: number[] = [];
  let bytes = 0;
  for (let run = 0; run < RUNS; run++) {
    started = performance.now();
    const all = await searchBlueprints({}, { rootDir });
    bytes = JSON.stringify(all).length;
    page.push(performance.now() - started);
    started = performance.now();
    const hits = await searchBlueprints({ q: run % 2 ? 'kafka' : 'step functions' }, { rootDir });
    if (hits.length === 0) throw new Error('the search found nothing');
    search.push(performance.now() - started);
  }
  console.log(
    `BENCH ${JSON.stringify({ engine: `catalog page data: ${COUNT} summaries, ${Math.round(bytes / 1024)} KB`, ...summarise(page), targetMs: 100 })}`,
  );
  console.log(`BENCH ${JSON.stringify({ engine: `search among ${COUNT}`, ...summarise(search), targetMs: 50 })}`);
} finally {
  rmSync(rootDir, { recursive: true, force: true });
}
