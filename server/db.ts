import 'server-only';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as SqliteClient } from '@/server/generated/sqlite/client';
import { PrismaClient as PostgresClient } from '@/server/generated/postgres/client';
import { env } from '@/server/env';
import { AppError } from '@/server/errors';

// Both clients come from one schema (prisma/postgres/schema.prisma is derived from the SQLite one),
// so the SQLite client's type describes either.
export type Db = InstanceType<typeof SqliteClient>;

/**
 * Interactive transactions wait up to 10 s to start and run up to 20 s (Prisma: 2 s and 5 s). SQLite
 * has one writer: a transaction that starts while the worker stores a large round waits for its lock,
 * and Prisma's 5 s turned that wait into a 500 (seen archiving a team beside the Kafka sampler).
 */
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 20_000 };
/** How long a SQLite statement waits for another connection's write lock (better-sqlite3: 5 s). */
const SQLITE_BUSY_TIMEOUT_MS = 15_000;

function createDb(): Db {
  const { databaseUrl, isPostgres } = env();
  if (isPostgres) {
    const client = new PostgresClient({ adapter: new PrismaPg({ connectionString: databaseUrl }), transactionOptions: TRANSACTION_OPTIONS });
    return client.$extends({ query: { $allOperations: ({ args, query }) => whileReachable(query(args)) } }) as unknown as Db;
  }
  const client = new SqliteClient({
    adapter: new PrismaBetterSqlite3({ url: databaseUrl, timeout: SQLITE_BUSY_TIMEOUT_MS }),
    transactionOptions: TRANSACTION_OPTIONS,
  });
  return client;
}

// A database server that is down, restarting or refusing connections: Prisma's own codes (cannot
// reach, timed out, connection closed, no connection free in the pool), the driver adapter's kinds,
// and PostgreSQL's connection exceptions (SQLSTATE class 08) and shutdowns (57P01–57P03), which
// the connections the pool held when the server stopped answer with.
const UNREACHABLE_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
const UNREACHABLE_ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);

/** True when a Prisma error means the database server cannot be used right now, not that the query is wrong. */
export function isDatabaseUnreachable(err: unknown): boolean {
  const e = err as { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown; code?: unknown } } } } | null;
  if (typeof e?.code === 'string' && UNREACHABLE_CODES.has(e.code)) return true;
  const cause = e?.meta?.driverAdapterError?.cause;
  if (typeof cause?.kind === 'string' && UNREACHABLE_ADAPTER_KINDS.has(cause.kind)) return true;
  return cause?.kind === 'postgres' && typeof cause.code === 'string' && (cause.code.startsWith('08') || /^57P0[123]$/.test(cause.code));
}

/**
 * Every query on PostgreSQL goes through here: a server that stopped answering becomes one
 * UNAVAILABLE AppError (a 503 that says so, and a page problem) instead of Prisma's text with the
 * host and port (a 500). The pool opens new connections by itself once the server is back.
 */
async function whileReachable<T>(query: Promise<T>): Promise<T> {
  try {
    return await query;
  } catch (err) {
    if (!isDatabaseUnreachable(err)) throw err;
    throw new AppError(
      'UNAVAILABLE',
      'The database is not answering, so nothing can be read or saved right now. Try again in a minute; if it lasts, tell your platform team.',
      {
        details: { dependency: 'database' },
        cause: err,
      },
    );
  }
}

// One client per process; the global survives Next.js dev-mode module reloading.
const globalForDb = globalThis as unknown as { slipwayDb?: Db };

/** The process-wide Prisma client. Only `server/<domain>/queries.ts` files import this. */
export const db: Db = globalForDb.slipwayDb ?? createDb();
globalForDb.slipwayDb = db;

/** Closes the client's connections, so a script or the worker can exit. */
export async function disconnectDatabase(): Promise<void> {
  await db.$disconnect();
}

// Prisma's error codes stay in the data layer: queries turn the two a caller can expect into an
// AppError with their own words, so the HTTP layer never needs to know Prisma.
const prismaCode = (err: unknown): unknown => (err as { code?: unknown } | null)?.code;

/** A write that would duplicate a unique key (Prisma P2002). */
export const isUniqueViolation = (err: unknown): boolean => prismaCode(err) === 'P2002';

/** An update or delete of a row that is gone, or an `...OrThrow` read that found nothing (Prisma P2025). */
export const isRecordMissing = (err: unknown): boolean => prismaCode(err) === 'P2025';

/**
 * Awaits a Prisma call, turning a unique-key violation into `conflict` (a CONFLICT) and a missing
 * record into `notFound` (a NOT_FOUND); strings become an AppError with that message. Anything
 * else, and a failure no words were given for, passes through.
 */
export async function withPrismaErrors<T>(query: PromiseLike<T>, words: { conflict?: string | AppError; notFound?: string | AppError }): Promise<T> {
  try {
    return await query;
  } catch (err) {
    const [code, word] = isUniqueViolation(err)
      ? (['CONFLICT', words.conflict] as const)
      : isRecordMissing(err)
        ? (['NOT_FOUND', words.notFound] as const)
        : [];
    if (!code || word === undefined) throw err;
    throw typeof word === 'string' ? new AppError(code, word, { cause: err }) : word;
  }
}
