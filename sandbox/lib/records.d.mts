// Types for records.mjs.
import type { Log, SandboxPart } from '../sandbox.d.mts';

export interface ServerRecord {
  pid: number;
  childPid?: number;
  port?: number;
  ownerPid?: number;
  part?: SandboxPart;
}

export declare const PARTS: readonly SandboxPart[];
export declare function recordedServer(pidDir: string, part: SandboxPart): ServerRecord | null;
export declare function writeServerRecord(pidDir: string, part: SandboxPart, record: ServerRecord, logFile: string): void;
export declare function forgetServerRecord(pidDir: string, part: SandboxPart, pid?: number): void;
export declare function clearStaleServer(pidDir: string, part: SandboxPart, log: Log): Promise<void>;
export declare function stopSandbox(options?: { dataDir?: string; log?: Log }): Promise<{ part: SandboxPart; pid: number; how: string }[]>;
