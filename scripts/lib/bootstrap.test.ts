// ensureNodeModules after a Node change: a lock-file change reinstalls, an ABI change only rebuilds the
// native addons, and they build against the running Node's headers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { ensureNodeModules, nativeAddons, planNodeModules } from './bootstrap.mjs';
import { nodeHeadersDir } from './node-runtime.mjs';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
});

/** A repository with a lock file naming a native addon (nested too) and a plain package, and an `npm` that records its calls. */
function fakeRepo() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-modules-'));
  roots.push(root);
  const packages = {
    '': { name: 'fake' },
    'node_modules/better-sqlite3': { version: '12.11.1' },
    'node_modules/zod': { version: '4.3.0' },
    'node_modules/@scope/tool/node_modules/addon-x': { version: '1.0.0' },
  };
  fs.writeFileSync(path.join(root, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages }));
  for (const dir of Object.keys(packages).filter(Boolean)) fs.mkdirSync(path.join(root, dir), { recursive: true });
  fs.writeFileSync(path.join(root, 'node_modules/better-sqlite3/binding.gyp'), '{}');
  fs.writeFileSync(path.join(root, 'node_modules/@scope/tool/node_modules/addon-x/binding.gyp'), '{}');
  const calls = path.join(root, 'npm-calls.log');
  const npm = path.join(root, 'fake-npm');
  fs.writeFileSync(npm, `#!/bin/sh\necho "$* | nodedir=$npm_config_nodedir" >> "${calls}"\n`, { mode: 0o755 });
  const stampFile = path.join(root, 'node_modules/.slipway-install.json');
  const readCalls = () => (fs.existsSync(calls) ? fs.readFileSync(calls, 'utf8').trim().split('\n') : []);
  return { root, npm, stampFile, readCalls };
}

describe('planNodeModules', () => {
  const current = { lockHash: 'abc', abi: '137' };
  it('installs without a stamp or after the lock file changed, rebuilds after an ABI change only', () => {
    expect(planNodeModules(null, current)).toBe('install');
    expect(planNodeModules({ lockHash: 'old', abi: '137' }, current)).toBe('install');
    expect(planNodeModules({ lockHash: 'old', abi: '115' }, current)).toBe('install');
    expect(planNodeModules({ lockHash: 'abc', abi: '115' }, current)).toBe('rebuild');
    expect(planNodeModules({ lockHash: 'abc', abi: '137' }, current)).toBe('none');
  });
});

describe('nativeAddons', () => {
  it('names the installed packages that compile against Node (a binding.gyp), nested ones included', () => {
    expect(nativeAddons(fakeRepo().root)).toEqual(['addon-x', 'better-sqlite3']);
  });
});

describe('ensureNodeModules', () => {
  it('installs once, rebuilds only the addons when the stamp names another ABI, then does nothing', () => {
    const { root, npm, stampFile, readCalls } = fakeRepo();
    const log = () => {};
    const headers = nodeHeadersDir(process.execPath);

    expect(ensureNodeModules({ root, npm, log })).toBe('install');
    expect(readCalls()[0]).toMatch(/^ci /);
    const stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
    expect(stamp).toMatchObject({ abi: process.versions.modules, node: process.versions.node });

    // node_modules as another Node left it (Node 20 has ABI 115, Node 24 ABI 137).
    const otherAbi = process.versions.modules === '115' ? '137' : '115';
    fs.writeFileSync(stampFile, JSON.stringify({ ...stamp, abi: otherAbi }));
    expect(ensureNodeModules({ root, npm, log })).toBe('rebuild');
    const rebuild = readCalls()[1]!;
    expect(rebuild).toMatch(/^rebuild addon-x better-sqlite3 /);
    // The addon builds against this Node's own headers, never a configured nodedir of another Node.
    if (headers) expect(rebuild).toContain(`nodedir=${headers}`);
    expect(JSON.parse(fs.readFileSync(stampFile, 'utf8')).abi).toBe(process.versions.modules);

    expect(ensureNodeModules({ root, npm, log })).toBe('none');
    expect(readCalls()).toHaveLength(2);
  });
});
