import { mkdtemp, readdir, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { pruneBuildCache, readCachedBuild, writeCachedBuild } from './cache';

const key = (n: number) => n.toString(16).padStart(64, '0');

describe('build cache', () => {
  it('returns what was stored under a key, and null for an unknown key', async () => {
    const cache = { dir: await mkdtemp(path.join(tmpdir(), 'build-cache-')), maxEntries: 5 };
    expect(await readCachedBuild(cache, key(1))).toBeNull();
    await writeCachedBuild(cache, key(1), new Uint8Array([1, 2, 3]));
    expect([...(await readCachedBuild(cache, key(1)))!]).toEqual([1, 2, 3]);
  });

  it('keeps the most recently used artefacts up to its bound', async () => {
    const cache = { dir: await mkdtemp(path.join(tmpdir(), 'build-cache-')), maxEntries: 2 };
    for (const n of [1, 2, 3]) {
      await writeCachedBuild(cache, key(n), new Uint8Array([n]));
      const when = new Date(Date.UTC(2026, 0, n));
      await utimes(path.join(cache.dir, `${key(n)}.zip`), when, when);
    }
    await readCachedBuild(cache, key(1)); // a hit makes the oldest the most recent
    expect(await pruneBuildCache(cache)).toEqual([key(2)]);
    expect((await readdir(cache.dir)).sort()).toEqual([`${key(1)}.zip`, `${key(3)}.zip`]);
  });
});
