import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureSandboxTools, startSandbox, type RunningSandbox } from '@/sandbox/sandbox.mjs';
import { freePort } from '@/sandbox/lib/net.mjs';

/**
 * A sandbox of a test's own, for tests that stop and restart it: spare ports, its own data folder and
 * SQLite database, so stopping it touches no one else's. `setUp` points the process's environment at
 * it (import server modules only afterwards: the environment is read once); `tearDown` puts the
 * environment back and removes the folder.
 */
export function privateSandbox(name: string, services: { aws: boolean; kafka: boolean }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `slipway-${name}-`));
  const saved = { ...process.env };
  let ports: { awsPort?: number; kafkaPort?: number; kafkaControllerPort?: number } = {};
  let running: RunningSandbox | undefined;

  const handle = {
    dir,
    get running(): RunningSandbox {
      if (!running) throw new Error('the private sandbox is not running');
      return running;
    },
    /** Starts it on the same ports (`fresh: false` keeps the broker's data). */
    async start(fresh = true): Promise<RunningSandbox> {
      running = await startSandbox({ dataDir: dir, ...ports, ...services, fresh, log: () => undefined });
      return running;
    },
    async stop(): Promise<void> {
      await running?.stop();
      running = undefined;
    },
    /** The sandbox's own settings (delays, throttling), as `POST /moto-api/config` takes them. */
    async configure(settings: Record<string, unknown>): Promise<void> {
      const res = await fetch(`${handle.running.awsEndpoint}/moto-api/config`, { method: 'POST', body: JSON.stringify({ slipway: settings }) });
      if (!res.ok) throw new Error(`sandbox config: ${res.status}`);
    },
    async setUp(env: Record<string, string> = {}): Promise<void> {
      await ensureSandboxTools({ ...services, log: () => undefined });
      ports = {
        ...(services.aws ? { awsPort: await freePort() } : {}),
        ...(services.kafka ? { kafkaPort: await freePort(), kafkaControllerPort: await freePort() } : {}),
      };
      const started = await handle.start(true);
      const url = `file:${path.join(dir, `${name}.db`)}`;
      const migrated = spawnSync(process.execPath, ['scripts/db.mjs', 'migrate'], { env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8' });
      if (migrated.status !== 0) throw new Error(migrated.stderr);
      Object.assign(process.env, {
        DATABASE_URL: url,
        SLIPWAY_DATA_DIR: dir,
        ...(started.awsEndpoint ? { SANDBOX_AWS_ENDPOINT: started.awsEndpoint } : {}),
        ...(started.kafkaBrokers ? { SANDBOX_KAFKA_BROKERS: started.kafkaBrokers } : {}),
        ...env,
      });
      const { resetEnvForTests } = await import('@/server/env');
      resetEnvForTests();
    },
    async tearDown(): Promise<void> {
      await handle.stop();
      const { disconnectDatabase } = await import('@/server/db');
      await disconnectDatabase();
      process.env = saved;
      const { resetEnvForTests } = await import('@/server/env');
      resetEnvForTests();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return handle;
}
