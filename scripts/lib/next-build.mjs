// `next build` only when the sources changed since the last build (a second demo start is quick).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './defaults.mjs';

const INPUTS = [
  'app',
  'components',
  'lib',
  'server',
  'blueprints',
  'public',
  'proxy.ts',
  'instrumentation.ts',
  'next.config.js',
  'tsconfig.json',
  'postcss.config.mjs',
  'package-lock.json',
  'prisma/schema.prisma',
];
const SKIP = new Set(['node_modules', '.next', 'generated', '__fixtures__']);

function walk(p, acc) {
  if (!existsSync(p)) return;
  const st = statSync(p);
  if (st.isDirectory()) {
    for (const name of readdirSync(p).sort()) if (!SKIP.has(name)) walk(path.join(p, name), acc);
  } else if (!/\.(test|int\.test|spec)\.tsx?$/.test(p)) {
    acc.update(`${path.relative(repoRoot, p)}:${st.size}:${st.mtimeMs}\n`);
  }
}

export function sourceHash() {
  const h = createHash('sha256');
  for (const input of INPUTS) walk(path.join(repoRoot, input), h);
  return h.digest('hex');
}

/** Builds the portal unless .next already holds a build of these sources. */
export function ensureNextBuild({ log = console.log, force = false } = {}) {
  const stamp = path.join(repoRoot, '.next/.slipway-build-hash');
  const hash = sourceHash();
  if (!force && existsSync(stamp) && existsSync(path.join(repoRoot, '.next/BUILD_ID')) && readFileSync(stamp, 'utf8') === hash) {
    log('Portal build is up to date.');
    return;
  }
  log('Building the portal (next build)…');
  const res = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules/next/dist/bin/next'), 'build'], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (res.status !== 0) throw new Error('next build failed (see above).');
  writeFileSync(stamp, hash);
}
