// The image's worker and migration commands, as the Dockerfile runs them: bundled by
// scripts/build-image-bundles.mjs, started with plain `node` (no tsx, no checkout scripts).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildImageBundles } from './build-image-bundles.mjs';
import { repoRoot } from './lib/defaults.mjs';

// Inside the checkout, so the bundles resolve the packages they leave out (better-sqlite3, the wasm
// schema engine) from node_modules as the image resolves them from the standalone output's.
const outdir = path.join(repoRoot, 'node_modules/.cache', `slipway-image-bundles-${process.pid}`);
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'slipway-image-'));
const databaseUrl = `file:${path.join(dataDir, 'slipway.db')}`;
// Nothing answers here: the worker must start and stop without reaching AWS or Kafka.
const offlineEnv: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: 'production',
  DATABASE_URL: databaseUrl,
  SLIPWAY_DATA_DIR: dataDir,
  SLIPWAY_AWS_MODE: 'sandbox',
  SANDBOX_AWS_ENDPOINT: 'http://127.0.0.1:9',
  SANDBOX_KAFKA_BROKERS: '127.0.0.1:9',
  // The test reads the worker's start and stop lines, which are info-level.
  SLIPWAY_LOG_LEVEL: 'info',
};

beforeAll(async () => {
  await buildImageBundles({ outdir });
}, 120_000);
afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

const migrate = () => spawnSync(process.execPath, [path.join(outdir, 'migrate.mjs')], { cwd: repoRoot, env: offlineEnv, encoding: 'utf8' });

describe('the image bundles', () => {
  it('migrate.mjs applies every migration once, then finds nothing to do', () => {
    const first = migrate();
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const migrations = readdirSync(path.join(repoRoot, 'prisma/migrations'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(first.stdout.trim()).toBe(`Applied migrations: ${migrations.join(', ')}`);

    const sqlite = new Database(path.join(dataDir, 'slipway.db'), { readonly: true });
    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    sqlite.close();
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['User', 'Team', 'Launch', 'AuditLog', '_prisma_migrations']));

    const second = migrate();
    expect(second.status).toBe(0);
    expect(second.stdout.trim()).toBe('The database is up to date.');
  });

  it('worker.mjs starts its jobs and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [path.join(outdir, 'worker.mjs')], { cwd: repoRoot, env: offlineEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const started = new Promise<void>((resolve) =>
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        if (stdout.includes('"worker started"')) resolve();
      }),
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await Promise.race([started, exited]);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { message: string; jobs?: { name: string }[] });
    expect(lines[0]?.jobs?.map((job) => job.name)).toEqual(expect.arrayContaining(['launch-poller', 'kafka-lag-sampler']));
    expect(lines.at(-1)?.message).toBe('worker stopped');
    expect(stderr).toBe('');
  }, 60_000);
});
