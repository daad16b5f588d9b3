// Defaults shared by the project's scripts (demo, tests, database, sandbox). The portal reads the
// same variables through server/env.ts; keep the two in step.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Where state lives: SQLite file, logs, Kafka data, secret key. */
export function dataDir(env = process.env) {
  return path.resolve(repoRoot, env.SLIPWAY_DATA_DIR ?? '.data');
}

/** The database URL: DATABASE_URL, or the embedded SQLite file in the data folder. */
export function databaseUrl(env = process.env) {
  return env.DATABASE_URL || `file:${path.join(dataDir(env), 'slipway.db')}`;
}

export function isPostgresUrl(url) {
  return /^postgres(ql)?:/.test(url);
}
