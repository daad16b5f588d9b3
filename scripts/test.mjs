#!/usr/bin/env node
// `npm test`: the whole suite on a fresh machine. Installs what is missing (the pinned Node.js, npm
// packages, the sandbox venv and Kafka jars, Debian's Chromium), then runs, in order:
//   lint · unit · db (database-facing, against DATABASE_URL or a fresh SQLite file) ·
//   sandbox (the launcher's pytest suite) · int (against a fresh sandbox account and broker) ·
//   e2e (a production build in Debian's Chromium, plus the API specs)
// `npm test -- --suite unit,db` runs a subset. Every server binds 127.0.0.1 and is stopped at the end.
// `--suite instances` (not in the default run; CI's PostgreSQL pass adds it, scripts/test-postgres.mjs):
// two web instances and two workers on one PostgreSQL (e2e/instances/), after the suite's own worker stops.
import { spawnSync } from 'node:child_process';
import { rmSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isPostgresUrl, repoRoot } from './lib/defaults.mjs';
import { ensureChromium, ensureNodeModules, SetupError } from './lib/bootstrap.mjs';
import { ensureProjectNode } from './lib/node-runtime.mjs';
import { httpReady, startService, stopAllServices } from './lib/services.mjs';

await ensureProjectNode();

const ALL = ['lint', 'unit', 'db', 'sandbox', 'int', 'e2e'];
// `--spec e2e/kafka.spec.ts` (repeatable) narrows the browser and API run to those files (setup still runs).
const { values } = parseArgs({ options: { suite: { type: 'string' }, spec: { type: 'string', multiple: true } } });
const suites = new Set(
  (values.suite ?? process.env.SLIPWAY_TEST_SUITES ?? ALL.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);
for (const s of suites) if (![...ALL, 'api', 'instances'].includes(s)) throw new Error(`unknown suite ${s}; choose from ${ALL.join(', ')}, api, instances`);

const PORT = Number(process.env.SLIPWAY_TEST_PORT ?? 3100);
const testDataDir = path.join(repoRoot, '.data/test');
const say = (line) => console.log(`\n[test] ${line}`);
const results = [];
const bin = (name) => path.join(repoRoot, 'node_modules/.bin', name);

function step(name, cmd, args, env = process.env) {
  say(`${name}: ${[path.basename(cmd), ...args].join(' ')}`);
  const started = Date.now();
  const res = spawnSync(cmd, args, { cwd: repoRoot, env, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  results.push({ name, ok: res.status === 0, seconds });
  if (res.status !== 0) throw new Error(`${name} failed`);
}

async function main() {
  const t0 = Date.now();
  ensureNodeModules({ log: say });
  const { generateClients, migrateDatabase } = await import('./db.mjs');
  generateClients({ log: say });
  // The sandbox creates change sets asynchronously, as AWS does (a second by default); a fifth of
  // that keeps every launch's wait loop looping once without slowing the suites down.
  process.env.SANDBOX_CFN_CHANGE_SET_DELAY_MS ??= '200';
  const baseEnv = {
    ...process.env,
    NODE_ENV: 'test',
    NEXT_TELEMETRY_DISABLED: '1',
    SLIPWAY_AWS_MODE: 'sandbox',
    SLIPWAY_DATA_DIR: testDataDir,
    SLIPWAY_LOG_LEVEL: 'warn',
  };
  // Fixture blueprints (a failing template, a secret parameter) join the catalog for integration and e2e runs.
  const withFixtures = { SLIPWAY_BLUEPRINT_DIRS: 'e2e/fixtures/blueprints' };
  const givenDb = process.env.DATABASE_URL;
  if (suites.has('instances') && !isPostgresUrl(givenDb ?? '')) {
    say('instances: skipped, it needs DATABASE_URL of a PostgreSQL database (on SQLite the product runs one worker)');
    suites.delete('instances');
  }
  const needsSandbox = ['sandbox', 'int', 'e2e', 'api', 'instances'].some((s) => suites.has(s));
  const sandboxMod = needsSandbox ? await import('../sandbox/sandbox.mjs') : null;
  if (sandboxMod) await sandboxMod.ensureSandboxTools({ log: say });
  if (['e2e', 'api', 'instances'].some((s) => suites.has(s))) ensureChromium({ log: say });

  rmSync(testDataDir, { recursive: true, force: true });
  mkdirSync(testDataDir, { recursive: true });

  if (suites.has('lint')) {
    step('lint', bin('eslint'), ['--max-warnings=0', '.']);
    step('format', bin('prettier'), [
      '--check',
      '--log-level=warn',
      'app/**/*.{ts,tsx}',
      'components/**/*.{ts,tsx}',
      'lib/**/*.ts',
      'server/**/*.ts',
      'scripts/**/*.{mjs,ts}',
      'sandbox/**/*.{mjs,ts}',
      'e2e/**/*.ts',
      '*.{ts,mjs,js}',
    ]);
    step('migrations in step with the schema', process.execPath, ['scripts/db.mjs', 'check', 'sqlite']);
  }
  if (suites.has('unit')) step('unit', bin('vitest'), ['run', '--project', 'unit'], baseEnv);

  if (suites.has('db')) {
    const url = givenDb ?? `file:${path.join(testDataDir, 'db-tests.db')}`;
    await resetDatabase(url);
    await migrateDatabase({ url, log: say });
    step(`db (${isPostgresUrl(url) ? 'PostgreSQL' : 'SQLite'})`, bin('vitest'), ['run', '--project', 'db'], { ...baseEnv, DATABASE_URL: url });
  }

  if (suites.has('sandbox')) {
    const { pytestCommand } = sandboxMod;
    const [cmd, ...args] = pytestCommand();
    step('sandbox launcher (pytest)', cmd, args, baseEnv);
  }

  let sandbox = null;
  if (['int', 'e2e', 'api', 'instances'].some((s) => suites.has(s))) {
    say('starting a fresh sandbox account and Kafka broker on test ports…');
    sandbox = await sandboxMod.startSandbox({
      dataDir: testDataDir,
      awsPort: Number(process.env.SANDBOX_AWS_PORT ?? 4576),
      kafkaPort: Number(process.env.SANDBOX_KAFKA_PORT ?? 9192),
      kafkaControllerPort: Number(process.env.SANDBOX_KAFKA_CONTROLLER_PORT ?? 9193),
      fresh: true,
      log: say,
    });
    process.once('exit', () => void sandbox.stop());
    Object.assign(baseEnv, { SANDBOX_AWS_ENDPOINT: sandbox.awsEndpoint, SANDBOX_KAFKA_BROKERS: sandbox.kafkaBrokers });
  }
  try {
    if (suites.has('int')) {
      const url = `file:${path.join(testDataDir, 'int-tests.db')}`;
      await migrateDatabase({ url, log: say });
      step('integration', bin('vitest'), ['run', '--project', 'integration'], { ...baseEnv, ...withFixtures, DATABASE_URL: url });
    }
    if (['e2e', 'api', 'instances'].some((s) => suites.has(s))) await runEndToEnd({ ...baseEnv, ...withFixtures }, givenDb, migrateDatabase);
  } finally {
    await stopAllServices();
    await sandbox?.stop();
  }

  const total = ((Date.now() - t0) / 1000).toFixed(0);
  say(`passed: ${results.map((r) => `${r.name} (${r.seconds}s)`).join(', ')} — ${total}s in all`);
}

async function resetDatabase(url) {
  if (!isPostgresUrl(url)) {
    rmSync(url.replace(/^file:/, ''), { force: true });
    return;
  }
  // A PostgreSQL database given by DATABASE_URL is emptied first so every run starts clean.
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
  await client.end();
}

async function runEndToEnd(baseEnv, givenDb, migrateDatabase) {
  const url = givenDb ?? `file:${path.join(testDataDir, 'e2e.db')}`;
  if (givenDb) await resetDatabase(url);
  // info-level logs: the secret-handling specs read them to prove secrets never get there.
  // A short Kafka lag sampling interval gives the lag pages history (status, charts) within seconds;
  // the portal reads it too, to poll at the same pace.
  const env = {
    ...baseEnv,
    DATABASE_URL: url,
    NEXTAUTH_URL: `http://localhost:${PORT}`,
    PORT: String(PORT),
    SLIPWAY_LOG_LEVEL: 'info',
    KAFKA_LAG_SAMPLE_INTERVAL_MS: '2000',
  };
  await migrateDatabase({ url, log: say });
  step('seed demo data', bin('tsx'), ['--conditions=react-server', 'scripts/seed.ts'], env);
  const { ensureNextBuild } = await import('./lib/next-build.mjs');
  const started = Date.now();
  ensureNextBuild({ log: say });
  results.push({ name: 'build', ok: true, seconds: ((Date.now() - started) / 1000).toFixed(1) });
  const logs = path.join(testDataDir, 'logs');
  await startService({
    name: 'portal',
    command: process.execPath,
    args: [path.join(repoRoot, 'node_modules/next/dist/bin/next'), 'start', '-H', '127.0.0.1', '-p', String(PORT)],
    cwd: repoRoot,
    env: { ...env, NODE_ENV: 'production' },
    logFile: path.join(logs, 'portal.log'),
    ready: httpReady(`http://127.0.0.1:${PORT}/api/v1/health`),
    port: PORT,
  });
  // `--spec` files under e2e/instances/ go to the instances run, the others to the browser and API run.
  const isInstancesSpec = (spec) => /(^|\/)e2e\/instances\//.test(spec);
  const specs = values.spec ?? [];
  const playwrightEnv = { ...env, SLIPWAY_E2E_BASE_URL: `http://localhost:${PORT}` };
  if (suites.has('e2e') || suites.has('api')) {
    const worker = await startService({
      name: 'worker',
      command: bin('tsx'),
      args: ['--conditions=react-server', 'server/jobs/worker.ts'],
      cwd: repoRoot,
      env,
      logFile: path.join(logs, 'worker.log'),
      ready: async () => true,
    });
    const oidc = suites.has('e2e') ? await startOidcPortal(env, migrateDatabase, logs) : null;
    const projects = suites.has('e2e') ? ['--project=setup', '--project=api', '--project=browser', '--project=oidc'] : ['--project=setup', '--project=api'];
    const ours = specs.filter((s) => !isInstancesSpec(s));
    if (!specs.length || ours.length)
      step(suites.has('e2e') ? 'e2e (Chromium + API)' : 'api', bin('playwright'), ['test', ...projects, ...ours], {
        ...playwrightEnv,
        ...(oidc ? { SLIPWAY_E2E_OIDC_URL: oidc.url, SLIPWAY_E2E_OIDC_GROUPS_FILE: oidc.groupsFile } : {}),
      });
    // The instances spec starts its own two workers: this one stops first (SIGTERM hands its jobs back).
    await worker.stop();
  }
  if (suites.has('instances')) {
    const ours = specs.filter(isInstancesSpec);
    if (!specs.length || ours.length)
      step('instances (PostgreSQL)', bin('playwright'), ['test', '--project=setup', '--project=instances', ...ours], playwrightEnv);
  }
}

/**
 * A second portal configured for single sign-on against a real OpenID Connect provider on
 * 127.0.0.1 (its own database, so the two portals never share a SQLite file).
 */
async function startOidcPortal(env, migrateDatabase, logs) {
  const issuerPort = PORT + 2;
  const portalPort = PORT + 1;
  const clientSecret = `oidc-test-${Date.now()}`;
  // Its own process: this one blocks in spawnSync while Playwright runs, so it could not answer.
  const issuerUrl = `http://127.0.0.1:${issuerPort}`;
  // The specs write people's IdP groups here (e2e/oidc.spec.ts); the issuer reads it at each sign-in.
  const groupsFile = path.join(testDataDir, 'oidc-groups.json');
  writeFileSync(groupsFile, '{}');
  await startService({
    name: 'OIDC issuer',
    command: process.execPath,
    args: ['e2e/support/oidc-issuer.mjs', String(issuerPort), 'slipway', clientSecret, `http://localhost:${portalPort}/api/auth/callback/oidc`, groupsFile],
    cwd: repoRoot,
    env: { ...process.env, NODE_ENV: 'test' },
    logFile: path.join(logs, 'oidc-issuer.log'),
    ready: httpReady(`${issuerUrl}/.well-known/openid-configuration`),
    port: issuerPort,
  });
  const url = `file:${path.join(testDataDir, 'oidc.db')}`;
  const oidcEnv = {
    ...env,
    DATABASE_URL: url,
    PORT: String(portalPort),
    NEXTAUTH_URL: `http://localhost:${portalPort}`,
    OIDC_ISSUER: issuerUrl,
    OIDC_CLIENT_ID: 'slipway',
    OIDC_CLIENT_SECRET: clientSecret,
    OIDC_NAME: 'Test IdP',
    SLIPWAY_OIDC_GROUP_RULES: 'slipway-{team}-{role}s',
    SLIPWAY_PLATFORM_ADMIN_GROUPS: 'slipway-platform-admins',
  };
  await migrateDatabase({ url, log: say });
  step('seed the single-sign-on portal', bin('tsx'), ['--conditions=react-server', 'scripts/seed.ts'], oidcEnv);
  await startService({
    name: 'portal (single sign-on)',
    command: process.execPath,
    args: [path.join(repoRoot, 'node_modules/next/dist/bin/next'), 'start', '-H', '127.0.0.1', '-p', String(portalPort)],
    cwd: repoRoot,
    env: { ...oidcEnv, NODE_ENV: 'production' },
    logFile: path.join(logs, 'portal-oidc.log'),
    ready: httpReady(`http://127.0.0.1:${portalPort}/api/v1/health`),
    port: portalPort,
  });
  return { url: `http://localhost:${portalPort}`, groupsFile };
}

main().catch(async (err) => {
  await stopAllServices();
  const failed = results.filter((r) => !r.ok).map((r) => r.name);
  console.error(`\n[test] ${err instanceof SetupError ? err.message : failed.length ? `FAILED: ${failed.join(', ')}` : (err.stack ?? err)}`);
  process.exit(1);
});
