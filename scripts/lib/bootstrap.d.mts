// Types for bootstrap.mjs (plain ESM so that it runs before node_modules exists).

export declare class SetupError extends Error {}

export interface NodeModulesStamp {
  lockHash: string;
  abi: string;
  node?: string;
}

export declare function planNodeModules(stamp: NodeModulesStamp | null, current: { lockHash: string; abi: string }): 'install' | 'rebuild' | 'none';
export declare function nativeAddons(root?: string): string[];
export declare function ensureNodeModules(options?: { log?: (line: string) => void; root?: string; npm?: string }): 'install' | 'rebuild' | 'none';

export declare const CHROMIUM: string;
export declare function ensureChromium(options?: { log?: (line: string) => void }): string;
