import 'server-only';

import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';

import yamlPackage from 'yaml/package.json';

import { env } from '@/server/env';

/**
 * Bump when a parser's output for the same text changes (a new tag, a different long form): entries
 * are keyed by it, so old ones are simply no longer asked for. yaml's own version is in the key too.
 */
export const PARSE_CACHE_VERSION = 1;

/**
 * An entry no process has read for this long is removed by `pruneParseCache`: every read touches the
 * entry it answered from, and every start reads the whole library, so what a deployment still uses is
 * never older than its last restart. A removed entry that was still wanted costs one parse.
 */
export const PARSE_CACHE_RETENTION_MS = 30 * 24 * 60 * 60_000;
/** A write that never got renamed into place (a process killed mid-write) is removed after this. */
const STRAY_WRITE_MS = 60 * 60_000;

/** The folder under the data dir that holds parsed blueprint YAML, one JSON file per content hash. */
export function defaultParseCacheDir(): string {
  return path.join(env().dataDir, 'cache', 'blueprint-yaml');
}

/** The file an entry lives in: the SHA-256 of what the parser read and which parser read it. */
export function parseCacheKey(kind: string, source: string): string {
  return createHash('sha256').update(`${kind}\0${PARSE_CACHE_VERSION}\0yaml ${yamlPackage.version}\0`).update(source).digest('hex');
}

/**
 * `parse(source)` through a cache on disk keyed by the content's hash, so a process that starts again
 * reads JSON instead of parsing YAML (a CloudFormation template costs 20–50× more to parse than its
 * JSON). A changed file has another hash, so nothing is ever stale; several processes may share the
 * folder (entries are written whole, then renamed). Only values that parsed are kept: a parse error
 * throws as before. `dir: null` parses without the cache. Any trouble with the folder (unwritable,
 * a damaged entry) only costs the parse.
 */
export async function parseWithCache<T>(kind: string, source: string, parse: (source: string) => T, dir: string | null): Promise<T> {
  if (dir === null) return parse(source);
  const file = path.join(dir, `${parseCacheKey(kind, source)}.json`);
  const cached = await readFile(file, 'utf8').catch(() => undefined);
  if (cached !== undefined) {
    try {
      const value = JSON.parse(cached) as T;
      const now = new Date();
      await utimes(file, now, now).catch(() => undefined);
      return value;
    } catch {
      // A damaged entry (a disk filled mid-write by something else): parse and write it again.
    }
  }
  const value = parse(source);
  await store(dir, file, JSON.stringify(value));
  return value;
}

async function store(dir: string, file: string, json: string): Promise<void> {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(temporary, json);
    await rename(temporary, file);
  } catch {
    await rm(temporary, { force: true }).catch(() => undefined);
  }
}

/** Removes entries unread for `retentionMs` and stray half-written files; returns how many went. */
export async function pruneParseCache(dir: string, now = Date.now(), retentionMs = PARSE_CACHE_RETENTION_MS): Promise<number> {
  let removed = 0;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const limit = name.endsWith('.json') ? retentionMs : name.endsWith('.tmp') ? STRAY_WRITE_MS : null;
    if (limit === null) continue;
    const file = path.join(dir, name);
    const modified = (await stat(file).catch(() => null))?.mtimeMs;
    if (modified !== undefined && now - modified > limit) {
      await rm(file, { force: true });
      removed++;
    }
  }
  return removed;
}
