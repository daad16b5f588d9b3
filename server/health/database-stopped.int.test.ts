// PostgreSQL stopped mid-run and started again, with the portal's process and its connection pool
// left running: while it is down, data functions fail with one UNAVAILABLE AppError naming the
// database (the API's 503 with that message, a page problem; not Prisma's text with the host, nor a
// 500), the health check says the database is down and the rest up; once it is back the same pool
// serves queries again by itself. The test runs its own throwaway cluster (Debian's PostgreSQL,
// scripts/lib/postgres.mjs) and is skipped where those binaries are not installed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPostgresBin, startScratchPostgres, type ScratchPostgres } from '@/scripts/lib/postgres.mjs';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-db-stopped-'));
const saved = { ...process.env };
let pg: ScratchPostgres | undefined;

describe.skipIf(!findPostgresBin())('PostgreSQL stopped mid-run', () => {
  beforeAll(async () => {
    // Not under dataDir: the server runs as the postgres user, which cannot enter a private temp folder.
    pg = await startScratchPostgres({ dir: path.join(os.tmpdir(), `slipway-db-stopped-pg-${process.pid}`) });
    const migrated = spawnSync(process.execPath, ['scripts/db.mjs', 'migrate'], { env: { ...process.env, DATABASE_URL: pg.url }, encoding: 'utf8' });
    if (migrated.status !== 0) throw new Error(migrated.stderr + migrated.stdout);
    Object.assign(process.env, { DATABASE_URL: pg.url, SLIPWAY_DATA_DIR: dataDir });
    const { resetEnvForTests } = await import('@/server/env');
    resetEnvForTests();
  }, 120_000);

  afterAll(async () => {
    const { disconnectDatabase } = await import('@/server/db');
    await disconnectDatabase();
    pg?.stop();
    process.env = saved;
    const { resetEnvForTests } = await import('@/server/env');
    resetEnvForTests();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers UNAVAILABLE naming the database while it is down, and serves queries again once it is back', async () => {
    const { seedDemoData } = await import('@/server/seed');
    const { loadActor } = await import('@/server/auth/queries');
    const { listLaunches } = await import('@/server/launches/read');
    const { checkHealth } = await import('@/server/health/check');
    const { loadForPage } = await import('@/server/page-load');
    const { errorResponse } = await import('@/server/http');
    const { launchListSchema } = await import('@/lib/schemas/launches');

    await seedDemoData(() => undefined);
    const actor = (await loadActor({ email: 'falcon-dev@example.com' }, 'session'))!;
    const launches = () => listLaunches(actor, launchListSchema.parse({}));
    const databaseHealth = async () => (await checkHealth()).dependencies.find((d) => d.name === 'database');
    expect(await launches()).toEqual({ launches: [], nextCursor: null });
    expect(await databaseHealth()).toMatchObject({ status: 'up' });

    pg!.pause();

    const unavailable = {
      code: 'UNAVAILABLE',
      message: expect.stringMatching(/^The database is not answering/),
      details: { dependency: 'database' },
    };
    // The pool's open connections are terminated by the shutdown (57P01), then new ones are refused:
    // both read the same, however many connections the pool held.
    for (let i = 0; i < 12; i++) await expect(launches()).rejects.toMatchObject(unavailable);
    await expect(loadActor({ email: 'falcon-dev@example.com' }, 'session')).rejects.toMatchObject(unavailable);
    const failure = await launches().catch((error: unknown) => error);
    const response = errorResponse(failure);
    expect(response.status).toBe(503);
    const body = JSON.stringify(await response.json());
    expect(body).toContain('The database is not answering');
    // Nothing about where the database lives reaches the caller.
    expect(body).not.toContain('127.0.0.1');
    expect(body).not.toContain(new URL(pg!.url).port);
    expect(await loadForPage(launches)).toEqual({
      ok: false,
      problem: { code: 'UNAVAILABLE', message: expect.stringMatching(/^The database is not answering/), dependency: 'database' },
    });
    expect(await databaseHealth()).toMatchObject({ status: 'down', message: expect.stringContaining('DATABASE_URL') });

    pg!.resume();

    expect(await launches()).toEqual({ launches: [], nextCursor: null });
    expect(await loadActor({ email: 'falcon-dev@example.com' }, 'session')).toMatchObject({ email: 'falcon-dev@example.com' });
    expect(await databaseHealth()).toMatchObject({ status: 'up' });
  }, 120_000);
});
