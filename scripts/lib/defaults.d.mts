// Types for defaults.mjs.

export declare const repoRoot: string;
export declare function dataDir(env?: Record<string, string | undefined>): string;
export declare function databaseUrl(env?: Record<string, string | undefined>): string;
export declare function isPostgresUrl(url: string): boolean;
