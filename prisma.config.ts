import { defineConfig } from 'prisma/config';

// One config for both databases: the schema follows DATABASE_URL's scheme so
// `prisma migrate` works the same against the embedded SQLite file and PostgreSQL.
const url = process.env.DATABASE_URL ?? 'file:./.data/slipway.db';
const isPostgres = /^postgres(ql)?:/.test(url);

export default defineConfig({
  schema: isPostgres ? 'prisma/postgres/schema.prisma' : 'prisma/schema.prisma',
  migrations: { path: isPostgres ? 'prisma/postgres/migrations' : 'prisma/migrations' },
  datasource: { url },
});
