// Applies Prisma migrations through the WebAssembly schema engine. Shared by scripts/db.mjs (a
// checkout) and scripts/image/migrate.mjs (the portal's image), which lay the files out differently.
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { isPostgresUrl } from './defaults.mjs';
import { openSchemaEngine } from './schema-engine.mjs';

/** Where the schema and migrations of each database flavour live under a root folder. */
export function migrationFlavour(url, root) {
  return isPostgresUrl(url)
    ? { schema: path.join(root, 'prisma/postgres/schema.prisma'), migrations: path.join(root, 'prisma/postgres/migrations') }
    : { schema: path.join(root, 'prisma/schema.prisma'), migrations: path.join(root, 'prisma/migrations') };
}

/** Applies the pending migrations to the database at `url`; returns the names applied. */
export async function applyMigrations(url, root) {
  const { schema, migrations } = migrationFlavour(url, root);
  if (!isPostgresUrl(url)) mkdirSync(path.dirname(url.replace(/^file:/, '')), { recursive: true });
  const engine = await openSchemaEngine({ url, schemaFile: schema });
  try {
    return await engine.applyMigrations(migrations);
  } finally {
    engine.close();
  }
}
