// Prisma's schema engine (migrations) compiled to WebAssembly, driven through Prisma's own driver
// adapters. Why: the Prisma CLI downloads a native schema-engine binary from binaries.prisma.sh at
// first use, which closed networks (and this project's CI) cannot reach; the wasm build ships on npm.
import { readFile, readdir, mkdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

let wasmEngine;

/** Loads the wasm module once (Node 20 cannot `import` .wasm files directly). */
function loadWasmEngine() {
  wasmEngine ??= instantiateWasmEngine();
  return wasmEngine;
}

async function instantiateWasmEngine() {
  // The wasm build reports Rust panics through this global before throwing.
  globalThis.PRISMA_WASM_PANIC_REGISTRY ??= {
    set_message(message) {
      process.stderr.write(`schema engine panic: ${message}\n`);
    },
  };
  const bgPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const bg = await import(bgPath);
  const pkgDir = path.dirname(bgPath);
  const bytes = await readFile(path.join(pkgDir, 'schema_engine_bg.wasm'));
  const imports = { './schema_engine_bg.js': bg };
  const { instance } = await WebAssembly.instantiate(bytes, imports);
  bg.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start?.();
  return bg;
}

/** Driver-adapter factory for a database URL: better-sqlite3 for file: URLs, pg otherwise. */
export async function adapterFactoryFor(url) {
  const { bindMigrationAwareSqlAdapterFactory } = await import('@prisma/driver-adapter-utils');
  if (url.startsWith('file:')) {
    const { PrismaBetterSqlite3 } = await import('@prisma/adapter-better-sqlite3');
    return bindMigrationAwareSqlAdapterFactory(new PrismaBetterSqlite3({ url }));
  }
  const { PrismaPg } = await import('@prisma/adapter-pg');
  return bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: url }));
}

/** Reads a migrations folder in the shape the engine expects. */
export async function readMigrations(baseDir) {
  const lockPath = path.join(baseDir, 'migration_lock.toml');
  const dirs = existsSync(baseDir)
    ? (await readdir(baseDir, { withFileTypes: true }))
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  const migrationDirectories = [];
  for (const dir of dirs) {
    const file = path.join(baseDir, dir, 'migration.sql');
    const content = existsSync(file) ? { tag: 'ok', value: await readFile(file, 'utf8') } : { tag: 'error', value: `missing ${file}` };
    migrationDirectories.push({ path: dir, migrationFile: { path: 'migration.sql', content } });
  }
  return {
    baseDir,
    lockfile: { path: 'migration_lock.toml', content: existsSync(lockPath) ? await readFile(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

const noFilter = { externalTables: [], externalEnums: [] };

/** Opens an engine on a database; `schemaFile` is the Prisma schema it should know about. */
export async function openSchemaEngine({ url, schemaFile }) {
  const bg = await loadWasmEngine();
  const datamodel = await readFile(schemaFile, 'utf8');
  const factory = await adapterFactoryFor(url);
  const logs = [];
  const engine = await bg.SchemaEngine.new({ datamodels: [[schemaFile, datamodel]] }, (log) => logs.push(log), factory);
  return {
    /** Applies pending migrations; returns the names applied. */
    async applyMigrations(migrationsDir) {
      const migrationsList = await readMigrations(migrationsDir);
      const out = await engine.applyMigrations({ migrationsList, filters: noFilter });
      return out.appliedMigrationNames;
    },
    /** Writes a new migration folder with the SQL that takes the migrations to the schema. */
    async createMigration(migrationsDir, name) {
      const migrationsList = await readMigrations(migrationsDir);
      const out = await engine.createMigration({
        draft: true,
        migrationName: name,
        migrationsList,
        schema: { files: [{ path: schemaFile, content: datamodel }] },
        filters: noFilter,
      });
      if (!out.generatedMigrationName || !out.migrationScript) return null;
      const dir = path.join(migrationsDir, out.generatedMigrationName);
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, 'migration.sql'), out.migrationScript);
      const lock = path.join(migrationsDir, 'migration_lock.toml');
      if (!existsSync(lock)) {
        await writeFile(lock, `# Written by scripts/db.mjs; keep it in version control.\nprovider = "${out.connectorType}"\n`);
      }
      return out.generatedMigrationName;
    },
    /** SQL that takes the applied migrations to the schema; empty when they agree. */
    async diffMigrationsToSchema(migrationsDir) {
      const out = await engine.diff({
        from: { tag: 'migrations', ...(await readMigrations(migrationsDir)) },
        to: { tag: 'schemaDatamodel', files: [{ path: schemaFile, content: datamodel }] },
        script: true,
        exitCode: null,
        filters: noFilter,
      });
      return out.stdout ?? '';
    },
    /** SQL that takes the connected database (or an empty one) to the schema; empty when they agree. */
    async diffToSchema({ fromDatabase }) {
      const out = await engine.diff({
        from: fromDatabase
          ? { tag: 'schemaDatasource', files: [{ path: schemaFile, content: datamodel }], configDir: path.dirname(schemaFile) }
          : { tag: 'empty' },
        to: { tag: 'schemaDatamodel', files: [{ path: schemaFile, content: datamodel }] },
        script: true,
        exitCode: null,
        filters: noFilter,
      });
      return out.stdout ?? '';
    },
    /** SQL that takes one datamodel to another (no database involved). */
    async diffDatamodels(fromFiles, toFiles) {
      const side = (files) => (files ? { tag: 'schemaDatamodel', files } : { tag: 'empty' });
      const out = await engine.diff({ from: side(fromFiles), to: side(toFiles), script: true, exitCode: null, filters: noFilter });
      return out.stdout ?? '';
    },
    close() {
      engine.free();
    },
  };
}
