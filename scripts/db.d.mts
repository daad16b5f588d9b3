// Types for db.mjs (plain ESM so that it runs before node_modules exists).

/** Derives prisma/postgres/schema.prisma from prisma/schema.prisma; returns its text. */
export declare function syncPostgresSchema(): string;
/** Generates both Prisma clients; false when the schema had not changed. */
export declare function generateClients(options?: { log?: (line: string) => void }): boolean;
/** Schema changes no migration covers, per flavour (empty when in step). */
export declare function pendingSchemaChanges(options?: { only?: string }): Promise<Record<string, string>>;
/** Applies pending migrations to `url` (default: DATABASE_URL or the SQLite file). */
export declare function migrateDatabase(options?: { url?: string; log?: (line: string) => void }): Promise<void>;
