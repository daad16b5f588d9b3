#!/usr/bin/env node
// `npm run demo`: installs what is missing (the pinned Node.js first), prepares the embedded defaults
// (SQLite, sandbox AWS account, Kafka broker, demo data) and serves Slipway on http://localhost:3000.
// Ctrl-C stops it all.
import path from 'node:path';
import { dataDir, databaseUrl, repoRoot } from './lib/defaults.mjs';
import { ensureNodeModules, SetupError } from './lib/bootstrap.mjs';
import { ensureProjectNode } from './lib/node-runtime.mjs';
import { httpReady, startService, stopAllServices } from './lib/services.mjs';

await ensureProjectNode();

const PORT = Number(process.env.PORT ?? 3000);
const say = (line) => console.log(`[demo] ${line}`);

async function main() {
  ensureNodeModules({ log: say });
  const { generateClients, migrateDatabase } = await import('./db.mjs');
  const { ensureNextBuild } = await import('./lib/next-build.mjs');
  generateClients({ log: say });

  const env = {
    ...process.env,
    NODE_ENV: 'production',
    SLIPWAY_DATA_DIR: dataDir(),
    DATABASE_URL: databaseUrl(),
    SLIPWAY_AWS_MODE: process.env.SLIPWAY_AWS_MODE ?? 'sandbox',
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${PORT}`,
    NEXT_TELEMETRY_DISABLED: '1',
  };
  await migrateDatabase({ url: env.DATABASE_URL, log: say });

  const sandbox = await startSandboxIfPossible();
  Object.assign(env, sandbox.env);

  const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');
  // With the whole sandbox up, the seed also launches blueprints and makes consumer lag to look at.
  const seedArgs = ['--conditions=react-server', 'scripts/seed.ts', ...(sandbox.missing.length ? [] : ['--showcase'])];
  const seed = (await import('node:child_process')).spawnSync(tsx, seedArgs, { cwd: repoRoot, env, stdio: 'inherit' });
  if (seed.status !== 0) throw new Error('Seeding the demo data failed (see above).');

  ensureNextBuild({ log: say });
  const logs = path.join(dataDir(), 'logs');
  await startService({
    name: 'portal',
    command: process.execPath,
    args: [path.join(repoRoot, 'node_modules/next/dist/bin/next'), 'start', '-H', '127.0.0.1', '-p', String(PORT)],
    cwd: repoRoot,
    env: { ...env, PORT: String(PORT) },
    logFile: path.join(logs, 'portal.log'),
    ready: httpReady(`http://127.0.0.1:${PORT}/api/v1/health`),
    port: PORT,
  });
  await startService({
    name: 'worker',
    command: tsx,
    args: ['--conditions=react-server', 'server/jobs/worker.ts'],
    cwd: repoRoot,
    env,
    logFile: path.join(logs, 'worker.log'),
    ready: async () => true,
  });

  say('');
  say(`Slipway is running on http://localhost:${PORT}`);
  say('Sign in with a demo user, e.g. falcon-dev@example.com (developer in team falcon) or admin@example.com.');
  if (sandbox.missing.length) say(`Not available: ${sandbox.missing.join('; ')}. The catalog and cost pages still work.`);
  say(`Logs: ${path.relative(process.cwd(), logs)}/ · Press Ctrl-C to stop everything.`);
  await new Promise(() => {});
}

async function startSandboxIfPossible() {
  const missing = [];
  const mod = await import('../sandbox/sandbox.mjs');
  let ready = { aws: true, kafka: true };
  try {
    ready = await mod.ensureSandboxTools({ log: say });
  } catch (err) {
    if (!(err instanceof mod.SandboxToolsError)) throw err;
    // Keep whatever part could be installed; explain the rest instead of failing.
    say(err.message);
    ready = { aws: err.available.includes('aws'), kafka: err.available.includes('kafka') };
  }
  if (!ready.aws) missing.push('the sandbox AWS account (install Python 3 with venv: apt-get install python3-venv)');
  if (!ready.kafka) missing.push('the Kafka broker (install Java 17+ and Maven: apt-get install openjdk-17-jre-headless maven)');
  if (!ready.aws && !ready.kafka) return { env: {}, missing };
  // A short pause per resource lets the launch page show CloudFormation working, as in AWS.
  process.env.SANDBOX_CFN_RESOURCE_DELAY_MS ??= '400';
  const sb = await mod.startSandbox({
    dataDir: dataDir(),
    awsPort: Number(process.env.SANDBOX_AWS_PORT ?? 4566),
    kafkaPort: Number(process.env.SANDBOX_KAFKA_PORT ?? 9092),
    kafkaControllerPort: Number(process.env.SANDBOX_KAFKA_CONTROLLER_PORT ?? 9093),
    aws: ready.aws,
    kafka: ready.kafka,
    log: say,
  });
  const stop = async () => {
    await Promise.all([sb.stop(), stopAllServices()]);
    process.exit(130);
  };
  process.prependOnceListener('SIGINT', stop);
  process.prependOnceListener('SIGTERM', stop);
  return {
    env: { ...(sb.awsEndpoint ? { SANDBOX_AWS_ENDPOINT: sb.awsEndpoint } : {}), ...(sb.kafkaBrokers ? { SANDBOX_KAFKA_BROKERS: sb.kafkaBrokers } : {}) },
    missing,
  };
}

main().catch(async (err) => {
  console.error(err instanceof SetupError ? `\n${err.message}` : err);
  await stopAllServices();
  process.exit(1);
});
