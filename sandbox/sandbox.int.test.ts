// The sandbox orchestrator against the real servers: start on spare ports, probe, stop, verify gone.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { REPO_ROOT, SandboxStartError, checkAws, checkKafka, ensureSandboxTools, resetAws, startSandbox, type RunningSandbox } from './sandbox.mjs';
import { freePort } from './lib/net.mjs';

/** A port nothing listens on right now (the OS picks it). */

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

describe('startSandbox', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-sandbox-'));
  const ports = { awsPort: 0, kafkaPort: 0, kafkaControllerPort: 0 };
  const messages: string[] = [];
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    await ensureSandboxTools({ log: (m) => messages.push(m) });
    ports.awsPort = await freePort();
    ports.kafkaPort = await freePort();
    ports.kafkaControllerPort = await freePort();
    sandbox = await startSandbox({ dataDir, ...ports, fresh: true, log: (m) => messages.push(m) });
  });

  afterAll(async () => {
    await sandbox?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts moto and Kafka on the requested loopback ports', async () => {
    expect(sandbox.awsEndpoint).toBe(`http://127.0.0.1:${ports.awsPort}`);
    expect(sandbox.kafkaBrokers).toBe(`127.0.0.1:${ports.kafkaPort}`);
    const [aws, kafka] = await Promise.all([checkAws(sandbox.awsEndpoint!), checkKafka(sandbox.kafkaBrokers!)]);
    expect(aws).toMatchObject({ up: true });
    expect(kafka).toMatchObject({ up: true });
    await resetAws(sandbox.awsEndpoint!);
    // Logs, pid files and Kafka's data live in the data dir.
    expect(fs.readFileSync(path.join(dataDir, 'logs', 'kafka.log'), 'utf8')).toContain('Kafka Server started');
    expect(fs.existsSync(path.join(dataDir, 'logs', 'sandbox-aws.log'))).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'kafka', 'cluster-id'))).toBe(true);
    for (const part of ['aws', 'kafka']) {
      const record = JSON.parse(fs.readFileSync(path.join(dataDir, 'sandbox', `${part}.json`), 'utf8'));
      expect(record.ownerPid).toBe(process.pid);
    }
  });

  it('refuses a second sandbox on the same data dir while this one runs', async () => {
    await expect(startSandbox({ dataDir, ...ports, log: () => {} })).rejects.toThrow(/already running/);
  });

  it('stops both servers and frees their ports', async () => {
    await sandbox.stop();
    const [aws, kafka] = await Promise.all([checkAws(sandbox.awsEndpoint!), checkKafka(sandbox.kafkaBrokers!)]);
    expect(aws.up).toBe(false);
    expect(kafka.up).toBe(false);
    for (const port of Object.values(ports)) expect(await canBind(port)).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'sandbox', 'aws.json'))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'sandbox', 'kafka.json'))).toBe(false);
    await sandbox.stop(); // idempotent
  });

  it('reports a port taken by another program clearly', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen({ host: '127.0.0.1', port: ports.awsPort }, resolve));
    try {
      const attempt = startSandbox({ dataDir, awsPort: ports.awsPort, kafka: false, log: () => {} });
      await expect(attempt).rejects.toBeInstanceOf(SandboxStartError);
      await expect(attempt).rejects.toThrow(`Port 127.0.0.1:${ports.awsPort} (sandbox AWS) is already in use`);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('stops a server a crashed run left behind, then starts its own', async () => {
    const port = await freePort();
    const python = path.join(REPO_ROOT, '.sandbox', 'venv', 'bin', 'python');
    const launcher = path.join(REPO_ROOT, 'sandbox', 'aws', 'launcher.py');
    // An orphan: a launcher recorded by an owner process that no longer exists.
    const orphan = spawn(python, [launcher, '--port', String(port)], { detached: true, stdio: 'ignore' });
    orphan.unref();
    const deadline = Date.now() + 30_000;
    while (!(await checkAws(`http://127.0.0.1:${port}`)).up) {
      if (Date.now() > deadline) throw new Error('the orphan launcher did not start');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const deadOwner = spawnSync('true').pid;
    fs.mkdirSync(path.join(dataDir, 'sandbox'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'sandbox', 'aws.json'), JSON.stringify({ pid: orphan.pid, port, ownerPid: deadOwner }));

    const log: string[] = [];
    const fresh = await startSandbox({ dataDir, awsPort: port, kafka: false, log: (m) => log.push(m) });
    try {
      expect(log.join('\n')).toContain(`stopping the aws server a previous run left behind (pid ${orphan.pid})`);
      expect(() => process.kill(orphan.pid!, 0)).toThrow();
      expect((await checkAws(fresh.awsEndpoint!)).up).toBe(true);
    } finally {
      await fresh.stop();
    }
  });
});
