#!/usr/bin/env node
// Bundles the worker and the migration runner for the portal's image (see Dockerfile): one file each
// in dist/, run by the image's Node next to Next's standalone server, whose traced node_modules
// supply the native packages left out here. Usage: node scripts/build-image-bundles.mjs [--outdir dir]
import path from 'node:path';
import { parseArgs } from 'node:util';

import { build } from 'esbuild';

import { repoRoot } from './lib/defaults.mjs';

// Native or loaded by path at run time, so they cannot be inlined: better-sqlite3 and esbuild come
// from the standalone output (next.config.js serverExternalPackages), the wasm schema engine is
// copied into the image beside them.
const EXTERNAL = ['better-sqlite3', 'esbuild', '@prisma/schema-engine-wasm', '@prisma/schema-engine-wasm/*'];

const ENTRIES = {
  worker: 'server/jobs/worker.ts',
  migrate: 'scripts/image/migrate.mjs',
};

/** Writes dist/worker.mjs and dist/migrate.mjs (or into `outdir`); returns their paths. */
export async function buildImageBundles({ outdir = path.join(repoRoot, 'dist') } = {}) {
  await build({
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, path.join(repoRoot, file)])),
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    // server/ modules start with `import 'server-only'`, which only the react-server condition allows.
    conditions: ['react-server'],
    external: EXTERNAL,
    // Bundled CommonJS packages still call require() for Node's own modules.
    banner: { js: "import { createRequire as __slipwayCreateRequire } from 'node:module'; const require = __slipwayCreateRequire(import.meta.url);" },
    sourcemap: 'linked',
    minify: true,
    legalComments: 'linked',
    logLevel: 'warning',
    absWorkingDir: repoRoot,
  });
  return Object.keys(ENTRIES).map((name) => path.join(outdir, `${name}.mjs`));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
  const files = await buildImageBundles({ outdir: values.outdir ? path.resolve(values.outdir) : undefined });
  console.log(`Bundled ${files.map((file) => path.relative(process.cwd(), file)).join(', ')}`);
}
