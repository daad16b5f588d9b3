// Types for postgres.mjs (plain ESM so that it runs before node_modules exists).

/** Debian's PostgreSQL server binaries (/usr/lib/postgresql/<major>/bin), or null when not installed. */
export declare function findPostgresBin(): string | null;

export declare function freePort(): Promise<number>;

export interface ScratchPostgres {
  url: string;
  /** Stops the server and keeps its data. */
  pause(): void;
  /** Starts a paused server again on the same port, with its data. */
  resume(): void;
  /** Stops the server (if running) and deletes the cluster. */
  stop(): void;
}

/** Starts a fresh cluster in `dir` (deleted first) on 127.0.0.1. */
export declare function startScratchPostgres(options?: { dir?: string; port?: number; database?: string }): Promise<ScratchPostgres>;
