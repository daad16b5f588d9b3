// Types for node-runtime.mjs (plain ESM: it runs first, under any Node 18 or later).

/** An environment: process.env or a plain object standing in for one. */
export type Env = Record<string, string | undefined>;

export declare class NodeRuntimeError extends Error {}

export declare function pinnedNodeVersion(root?: string): string;
export declare function isCompatibleNode(version: string, pin: string): boolean;
export declare function runtimePackageName(platform?: string, arch?: string): string | null;
export declare function runtimeDir(version: string, root?: string): string;
export declare function chooseNode(options: {
  version: string;
  env?: Env;
  current?: string;
  execPath?: string;
}): { bin: string; install?: undefined } | { install: string; bin?: undefined };
export declare function nodeHeadersDir(bin: string): string | null;
export declare function nodeEnv(bin: string, env?: Env): Env;
export declare function ensureNodeRuntime(options: { version: string; root?: string; log?: (line: string) => void; npm?: string; env?: Env }): string;
export declare function resolveProjectNode(options?: { root?: string; env?: Env; log?: (line: string) => void }): {
  bin: string;
  version: string;
  isCurrent: boolean;
  env: Env;
};
export declare function ensureProjectNode(options?: { root?: string; env?: Env; log?: (line: string) => void }): Promise<void>;
export declare function runToEnd(command: string, args: string[], env: Env): Promise<never>;
