import 'server-only';

import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Where built artefacts are kept, by build key: `<dir>/<key>.zip`. */
export interface BuildCache {
  dir: string;
  /** How many artefacts to keep; the least recently used go first. */
  maxEntries: number;
}

/** The cached artefact for a key (its use time refreshed, for retention), or null. */
export async function readCachedBuild(cache: BuildCache, key: string): Promise<Uint8Array | null> {
  const file = path.join(cache.dir, `${key}.zip`);
  try {
    const body = await readFile(file);
    const now = new Date();
    await utimes(file, now, now).catch(() => undefined);
    return body;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Stores an artefact under its key; written to a temporary name and renamed, so readers never see half a file. */
export async function writeCachedBuild(cache: BuildCache, key: string, body: Uint8Array): Promise<void> {
  await mkdir(cache.dir, { recursive: true });
  const temporary = path.join(cache.dir, `.${key}.${process.pid}.${Date.now()}.tmp`);
  await writeFile(temporary, body);
  await rename(temporary, path.join(cache.dir, `${key}.zip`));
}

/** Removes the least recently used artefacts beyond the bound; returns the keys removed. */
export async function pruneBuildCache(cache: BuildCache): Promise<string[]> {
  let names: string[];
  try {
    names = (await readdir(cache.dir)).filter((name) => /^[0-9a-f]{64}\.zip$/.test(name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  if (names.length <= cache.maxEntries) return [];
  const dated = await Promise.all(names.map(async (name) => ({ name, used: (await stat(path.join(cache.dir, name))).mtimeMs })));
  dated.sort((a, b) => b.used - a.used || (a.name < b.name ? -1 : 1));
  const removed = dated.slice(cache.maxEntries);
  await Promise.all(removed.map((entry) => rm(path.join(cache.dir, entry.name), { force: true })));
  return removed.map((entry) => entry.name.replace(/\.zip$/, ''));
}
