// sandbox.mjs without servers: friendly tool errors, the stamp fast path, probes against non-servers.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { SandboxToolsError, checkAws, checkKafka, ensureSandboxTools } from './sandbox.mjs';

/** A throwaway repository root with the two files ensureSandboxTools hashes. */
function fakeRoot(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-tools-'));
  fs.mkdirSync(path.join(root, 'sandbox', 'kafka'), { recursive: true });
  fs.writeFileSync(path.join(root, 'sandbox', 'requirements.txt'), 'moto[server]==5.2.5\n');
  fs.writeFileSync(path.join(root, 'sandbox', 'kafka', 'pom.xml'), '<project/>\n');
  return root;
}

describe('ensureSandboxTools', () => {
  const savedPath = process.env.PATH;
  const roots: string[] = [];
  afterEach(() => {
    process.env.PATH = savedPath;
    for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
  });

  it('names the Debian packages to install when python3 and java are missing', async () => {
    const root = fakeRoot();
    roots.push(root);
    process.env.PATH = path.join(root, 'empty-bin');
    const attempt = ensureSandboxTools({ root, log: () => {} });
    await expect(attempt).rejects.toBeInstanceOf(SandboxToolsError);
    const error = (await attempt.catch((e: unknown) => e)) as SandboxToolsError;
    expect(error.available).toEqual([]);
    expect(error.unavailable.map((u) => u.part)).toEqual(['aws', 'kafka']);
    expect(error.message).toContain('sudo apt-get install python3 python3-venv');
    expect(error.message).toContain('sudo apt-get install openjdk-17-jre-headless');
    expect(error.message).not.toMatch(/\n\s+at /); // a message for people, not a stack trace
  });

  it('reports one part unavailable while the other is ready', async () => {
    const root = fakeRoot();
    roots.push(root);
    // A stamped, installed AWS part needs no python3 on PATH; Kafka still needs java.
    // The stamp is sha256("v<STAMP_VERSION>\n" + requirements.txt), as sandbox.mjs writes it.
    const hashOf = async () => {
      const { createHash } = await import('node:crypto');
      return createHash('sha256')
        .update('v1\n')
        .update(fs.readFileSync(path.join(root, 'sandbox/requirements.txt')))
        .digest('hex');
    };
    fs.mkdirSync(path.join(root, '.sandbox', 'venv', 'bin'), { recursive: true });
    fs.writeFileSync(path.join(root, '.sandbox', 'venv', 'bin', 'python'), '');
    fs.mkdirSync(path.join(root, '.sandbox', 'stamps'), { recursive: true });
    fs.writeFileSync(path.join(root, '.sandbox', 'stamps', 'aws.json'), JSON.stringify({ hash: await hashOf() }));
    process.env.PATH = path.join(root, 'empty-bin');
    const stamp = fs.readFileSync(path.join(root, '.sandbox', 'stamps', 'aws.json'), 'utf8');
    const messages: string[] = [];
    const error = (await ensureSandboxTools({ root, log: (m) => messages.push(m) }).catch((e: unknown) => e)) as SandboxToolsError;
    // Nothing was installed again: no progress messages, the stamp and the (empty) venv as they were.
    expect(messages).toEqual([]);
    expect(fs.readFileSync(path.join(root, '.sandbox', 'stamps', 'aws.json'), 'utf8')).toBe(stamp);
    expect(fs.readFileSync(path.join(root, '.sandbox', 'venv', 'bin', 'python'), 'utf8')).toBe('');
    expect(error.available).toEqual(['aws']);
    expect(error.unavailable).toEqual([expect.objectContaining({ part: 'kafka' })]);
  });
});

describe('health probes', () => {
  it('report a closed port as down', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    expect(await checkAws(`http://127.0.0.1:${port}`)).toMatchObject({ up: false, error: expect.stringContaining('ECONNREFUSED') });
    expect(await checkKafka(`127.0.0.1:${port}`)).toMatchObject({ up: false });
  });

  it('do not mistake another program for Kafka', async () => {
    const sockets = new Set<net.Socket>();
    const server = net.createServer((socket) => {
      sockets.add(socket);
      socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
    });
    await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      const probe = await checkKafka(`127.0.0.1:${port}`);
      expect(probe.up).toBe(false);
      expect(probe.error).toBeTruthy();
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
