#!/usr/bin/env node
// The PostgreSQL pass: starts a throwaway PostgreSQL on 127.0.0.1 and runs the database-facing
// tests and the API specs against it, then two web instances and two workers on it, one of them
// killed mid-launch (`node scripts/test.mjs --suite db,api,instances` with DATABASE_URL).
// `--suite instances` runs a subset and `--spec <file>` narrows the Playwright runs, as in scripts/test.mjs.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from './lib/defaults.mjs';
import { ensureProjectNode } from './lib/node-runtime.mjs';
import { startScratchPostgres } from './lib/postgres.mjs';

await ensureProjectNode();
const { values } = parseArgs({ options: { suite: { type: 'string', default: 'db,api,instances' }, spec: { type: 'string', multiple: true, default: [] } } });

const pg = await startScratchPostgres();
console.log(`[test] PostgreSQL pass against a scratch cluster (${pg.url.replace(/\/\/[^@]*@/, '//')})`);
let status = 1;
try {
  const check = spawnSync(process.execPath, [path.join(repoRoot, 'scripts/db.mjs'), 'check'], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, SLIPWAY_SCRATCH_POSTGRES_URL: pg.url },
  });
  if (check.status !== 0) throw new Error('PostgreSQL migrations are behind prisma/schema.prisma');
  const res = spawnSync(process.execPath, [path.join(repoRoot, 'scripts/test.mjs'), '--suite', values.suite, ...values.spec.flatMap((s) => ['--spec', s])], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: pg.url },
  });
  status = res.status ?? 1;
} finally {
  pg.stop();
}
process.exit(status);
