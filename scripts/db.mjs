#!/usr/bin/env node
// Database tooling: keeps the PostgreSQL schema in step with the SQLite one, generates both Prisma
// clients, creates migrations for both databases and applies them. Migrations run through Prisma's
// WebAssembly schema engine (scripts/lib/schema-engine.mjs), so nothing is downloaded at run time.
//
//   node scripts/db.mjs generate              regenerate both clients when the schema changed
//   node scripts/db.mjs migrate               apply pending migrations to DATABASE_URL (or the SQLite file)
//   node scripts/db.mjs new-migration <name>  write a migration for SQLite and PostgreSQL
//   node scripts/db.mjs check [sqlite]        fail when the schema has changes no migration covers
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { databaseUrl, repoRoot } from './lib/defaults.mjs';
import { ensureProjectNode } from './lib/node-runtime.mjs';

const sqliteSchema = path.join(repoRoot, 'prisma/schema.prisma');
const postgresSchema = path.join(repoRoot, 'prisma/postgres/schema.prisma');
const flavours = {
  sqlite: { schema: sqliteSchema, migrations: path.join(repoRoot, 'prisma/migrations'), scratchUrl: 'file::memory:' },
  postgresql: { schema: postgresSchema, migrations: path.join(repoRoot, 'prisma/postgres/migrations') },
};
const SNAPSHOT = 'schema.snapshot.prisma';

/** Derives prisma/postgres/schema.prisma from prisma/schema.prisma. */
export function syncPostgresSchema() {
  const source = readFileSync(sqliteSchema, 'utf8');
  const derived = source
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('output   = "../server/generated/sqlite"', 'output   = "../../server/generated/postgres"')
    .replace(/^\/\/ Slipway's data model\..*$/m, '// GENERATED from prisma/schema.prisma by `node scripts/db.mjs generate`: edit that file instead.');
  mkdirSync(path.dirname(postgresSchema), { recursive: true });
  if (!existsSync(postgresSchema) || readFileSync(postgresSchema, 'utf8') !== derived) writeFileSync(postgresSchema, derived);
  return derived;
}

/** Generates both Prisma clients; skipped when the schema has not changed since the last run. */
export function generateClients({ log = console.log } = {}) {
  syncPostgresSchema();
  const hash = createHash('sha256').update(readFileSync(sqliteSchema)).update(process.version).digest('hex');
  const stamp = path.join(repoRoot, 'server/generated/.schema-hash');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return false;
  for (const schema of [sqliteSchema, postgresSchema]) {
    const res = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules/prisma/build/index.js'), 'generate', '--schema', schema], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Generation needs no schema engine, but the CLI insists on finding one before it starts.
      env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: path.join(repoRoot, 'scripts/lib/no-schema-engine.sh'), PRISMA_HIDE_UPDATE_MESSAGE: '1' },
    });
    if (res.status !== 0) throw new Error(`prisma generate failed for ${schema}:\n${res.stdout}${res.stderr}`);
  }
  mkdirSync(path.dirname(stamp), { recursive: true });
  writeFileSync(stamp, hash);
  log('Generated the Prisma clients (SQLite and PostgreSQL).');
  return true;
}

function latestSnapshot(migrationsDir) {
  if (!existsSync(migrationsDir)) return null;
  const dirs = readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const last = dirs.at(-1);
  if (!last) return null;
  const file = path.join(migrationsDir, last, SNAPSHOT);
  if (!existsSync(file)) throw new Error(`${file} is missing: every migration keeps the schema it leads to`);
  return [{ path: file, content: readFileSync(file, 'utf8') }];
}

async function withEngine(url, schemaFile, fn) {
  const { openSchemaEngine } = await import('./lib/schema-engine.mjs');
  const engine = await openSchemaEngine({ url, schemaFile });
  try {
    return await fn(engine);
  } finally {
    engine.close();
  }
}

/** SQL each database still needs so its migrations reach the current schema ('' when in step). */
export async function pendingSchemaChanges({ only } = {}) {
  syncPostgresSchema();
  const wanted = Object.entries(flavours).filter(([name]) => !only || name === only);
  // The diff compares datamodels only, but the PostgreSQL engine insists on a live connection.
  const given = process.env.SLIPWAY_SCRATCH_POSTGRES_URL;
  const needsPg = wanted.some(([name]) => name === 'postgresql');
  const scratch = given || !needsPg ? null : await (await import('./lib/postgres.mjs')).startScratchPostgres();
  try {
    const result = {};
    for (const [name, f] of wanted) {
      const url = f.scratchUrl ?? given ?? scratch.url;
      const current = [{ path: f.schema, content: readFileSync(f.schema, 'utf8') }];
      const sql = await withEngine(url, f.schema, (e) => e.diffDatamodels(latestSnapshot(f.migrations), current));
      result[name] = sql.includes('This is an empty migration') ? '' : sql;
    }
    return result;
  } finally {
    scratch?.stop();
  }
}

async function newMigration(name) {
  if (!/^[a-z0-9_]+$/.test(name ?? '')) throw new Error('usage: node scripts/db.mjs new-migration <name> (lowercase letters, digits, _)');
  const pending = await pendingSchemaChanges();
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  for (const [flavour, sql] of Object.entries(pending)) {
    if (!sql) {
      console.log(`${flavour}: no schema changes`);
      continue;
    }
    const f = flavours[flavour];
    const dir = path.join(f.migrations, `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'migration.sql'), sql);
    writeFileSync(path.join(dir, SNAPSHOT), readFileSync(f.schema, 'utf8'));
    const lock = path.join(f.migrations, 'migration_lock.toml');
    if (!existsSync(lock)) writeFileSync(lock, `# Keep in version control.\nprovider = "${flavour}"\n`);
    console.log(`${flavour}: wrote ${path.relative(repoRoot, dir)}`);
  }
}

/**
 * Applies pending migrations to a database. Runs in a child process: the schema engine keeps its
 * SQLite connection (and lock) until its process exits, and callers go on to use the database.
 */
export async function migrateDatabase({ url = databaseUrl(), log = console.log } = {}) {
  const res = spawnSync(process.execPath, [path.join(repoRoot, 'scripts/db.mjs'), 'migrate'], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: url },
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(`Migrating the database failed:\n${res.stderr}${res.stdout}`);
  if (res.stdout.trim()) log(res.stdout.trim());
}

async function main() {
  const [command, arg] = process.argv.slice(2);
  switch (command) {
    case 'generate':
      generateClients();
      break;
    case 'migrate': {
      const { applyMigrations } = await import('./lib/migrations.mjs');
      const applied = await applyMigrations(databaseUrl(), repoRoot);
      if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
      break;
    }
    case 'new-migration':
      await newMigration(arg);
      break;
    case 'check': {
      // `check sqlite` needs no PostgreSQL; `check` covers both.
      const pending = await pendingSchemaChanges({ only: arg });
      const behind = Object.entries(pending).filter(([, sql]) => sql);
      for (const [flavour, sql] of behind) console.error(`${flavour} migrations are behind prisma/schema.prisma:\n${sql}`);
      if (behind.length) {
        console.error('Run: node scripts/db.mjs new-migration <name>');
        process.exit(1);
      }
      console.log('Migrations are in step with the schema.');
      break;
    }
    default:
      console.error('usage: node scripts/db.mjs generate | migrate | new-migration <name> | check');
      process.exit(2);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await ensureProjectNode();
  main().catch((err) => {
    console.error(err.message);
    process.exit(1);
  });
}
