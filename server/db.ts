import 'server-only';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as SqliteClient } from '@/server/generated/sqlite/client';
import { PrismaClient as PostgresClient } from '@/server/generated/postgres/client';
import { env } from '@/server/env';

// Both clients come from one schema (prisma/postgres/schema.prisma is derived from the SQLite one),
// so the SQLite client's type describes either.
export type Db = InstanceType<typeof SqliteClient>;

function createDb(): Db {
  const { databaseUrl, isPostgres } = env();
  if (isPostgres) {
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) }) as unknown as Db;
  }
  const client = new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: databaseUrl }) });
  return client;
}

// One client per process; the global survives Next.js dev-mode module reloading.
const globalForDb = globalThis as unknown as { slipwayDb?: Db };

/** The process-wide Prisma client. Only `server/<domain>/queries.ts` files import this. */
export const db: Db = globalForDb.slipwayDb ?? createDb();
globalForDb.slipwayDb = db;
