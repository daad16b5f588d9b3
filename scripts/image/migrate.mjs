// The portal image's migration command (`node dist/migrate.mjs`, bundled by
// scripts/build-image-bundles.mjs): applies pending migrations to DATABASE_URL. The image runs on the
// pinned Node.js already, so unlike scripts/db.mjs it bootstraps nothing.
import path from 'node:path';

import { databaseUrl } from '../lib/defaults.mjs';
import { applyMigrations } from '../lib/migrations.mjs';

// In the image the working directory is the app folder, which holds prisma/.
const root = path.resolve(process.env.SLIPWAY_APP_DIR ?? process.cwd());
const url = process.env.DATABASE_URL || databaseUrl({ ...process.env, SLIPWAY_DATA_DIR: path.resolve(root, process.env.SLIPWAY_DATA_DIR ?? '.data') });

try {
  const applied = await applyMigrations(url, root);
  console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'The database is up to date.');
} catch (err) {
  console.error(`Migrating the database failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
