// Pid records: trusted only while the recorded process still runs the sandbox's command.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { clearStaleServer, forgetServerRecord, recordedServer, stopSandbox, writeServerRecord } from './records.mjs';

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-records-'));
  dirs.push(dir);
  fs.mkdirSync(path.join(dir, 'sandbox'));
  return dir;
}

/** A process whose command line carries the AWS server's signature, as the launcher's does. */
function fakeLauncher(): ChildProcess {
  const child = spawn('/bin/sh', ['-c', 'sleep 30', 'launcher.py'], { stdio: 'ignore' });
  children.push(child);
  return child;
}

const write = (dir: string, record: object) => fs.writeFileSync(path.join(dir, 'sandbox', 'aws.json'), JSON.stringify(record));

describe('recordedServer', () => {
  it('trusts a record whose process runs the sandbox command', () => {
    const dir = dataDir();
    const child = fakeLauncher();
    writeServerRecord(path.join(dir, 'sandbox'), 'aws', { pid: child.pid! }, 'aws.log');
    expect(recordedServer(path.join(dir, 'sandbox'), 'aws')).toMatchObject({ pid: child.pid, ownerPid: process.pid, part: 'aws' });
  });

  it('ignores a record whose pid now belongs to another program or to nobody', () => {
    const dir = dataDir();
    write(dir, { pid: process.pid }); // alive, but not a launcher
    expect(recordedServer(path.join(dir, 'sandbox'), 'aws')).toBeNull();
    write(dir, { pid: 2 ** 22 + 1 }); // above Linux's pid limit: nobody
    expect(recordedServer(path.join(dir, 'sandbox'), 'aws')).toBeNull();
  });
});

describe('forgetServerRecord', () => {
  it('with a pid, removes only that server’s record', () => {
    const dir = dataDir();
    const pidDir = path.join(dir, 'sandbox');
    write(dir, { pid: 111 });
    forgetServerRecord(pidDir, 'aws', 222);
    expect(fs.existsSync(path.join(pidDir, 'aws.json'))).toBe(true);
    forgetServerRecord(pidDir, 'aws', 111);
    expect(fs.existsSync(path.join(pidDir, 'aws.json'))).toBe(false);
  });
});

describe('clearStaleServer', () => {
  it('refuses a server whose owner still runs', async () => {
    const dir = dataDir();
    const child = fakeLauncher();
    write(dir, { pid: child.pid, ownerPid: process.pid });
    await expect(clearStaleServer(path.join(dir, 'sandbox'), 'aws', () => {})).rejects.toThrow(/already running/);
  });
});

describe('stopSandbox', () => {
  it('stops a recorded server and removes its record', async () => {
    const dir = dataDir();
    const child = fakeLauncher();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    write(dir, { pid: child.pid });
    const messages: string[] = [];
    const stopped = await stopSandbox({ dataDir: dir, log: (m) => messages.push(m) });
    expect(stopped).toEqual([{ part: 'aws', pid: child.pid, how: 'terminated' }]);
    await exited;
    expect(messages).toEqual([`aws (pid ${child.pid}) terminated`]);
    expect(fs.existsSync(path.join(dir, 'sandbox', 'aws.json'))).toBe(false);
  });
});
