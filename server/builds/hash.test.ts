import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { computeBuildKey, listSourceFiles } from './hash';

const plan = { family: 'nodejs' as const, runtime: 'nodejs22.x', handler: 'index.handler', architecture: 'x86_64' as const };
const tools = { esbuild: '0.28.2', npm: '11.0.0' };

async function folder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'build-hash-'));
  for (const [name, body] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), body);
  }
  return dir;
}

describe('computeBuildKey', () => {
  it('is the same for the same sources in another folder, and ignores installed dependencies and caches', async () => {
    const a = await folder({ 'index.mjs': 'x', 'package.json': '{}' });
    const b = await folder({ 'index.mjs': 'x', 'package.json': '{}', 'node_modules/kafkajs/index.js': 'y', '__pycache__/a.pyc': 'z' });
    expect(await listSourceFiles(b)).toEqual(await listSourceFiles(a));
    expect(computeBuildKey(plan, await listSourceFiles(a), tools)).toBe(computeBuildKey(plan, await listSourceFiles(b), tools));
  });

  it('changes with a source byte, the lockfile, the handler, the architecture or a tool version', async () => {
    const files = await listSourceFiles(await folder({ 'index.mjs': 'x', 'package-lock.json': '{"v":1}' }));
    const key = computeBuildKey(plan, files, tools);
    const others = [
      computeBuildKey(plan, await listSourceFiles(await folder({ 'index.mjs': 'y', 'package-lock.json': '{"v":1}' })), tools),
      computeBuildKey(plan, await listSourceFiles(await folder({ 'index.mjs': 'x', 'package-lock.json': '{"v":2}' })), tools),
      computeBuildKey({ ...plan, handler: 'other.handler' }, files, tools),
      computeBuildKey({ ...plan, architecture: 'arm64' }, files, tools),
      computeBuildKey(plan, files, { ...tools, esbuild: '0.28.3' }),
    ];
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set([key, ...others]).size).toBe(6);
  });

  it('does not depend on the order files are listed in', () => {
    const files = [
      { path: 'b', sha256: '2' },
      { path: 'a', sha256: '1' },
    ];
    expect(computeBuildKey(plan, files, tools)).toBe(computeBuildKey(plan, [...files].reverse(), tools));
  });
});
