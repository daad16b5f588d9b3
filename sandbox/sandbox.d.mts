// Types for sandbox.mjs, the sandbox's public face (plain ESM so that it runs before node_modules exists).

export declare const REPO_ROOT: string;

export type SandboxPart = 'aws' | 'kafka';
export type Log = (message: string) => void;

export declare class SandboxToolsError extends Error {
  readonly unavailable: { part: SandboxPart; reason: string }[];
  readonly available: SandboxPart[];
}

export declare class SandboxStartError extends Error {
  readonly part?: SandboxPart;
  readonly logFile?: string;
}

export interface Probe {
  up: boolean;
  latencyMs: number;
  error?: string;
}

export interface StartSandboxOptions {
  /** Default: $SLIPWAY_DATA_DIR or .data (relative paths resolve against the repository root). */
  dataDir?: string;
  awsPort?: number;
  kafkaPort?: number;
  kafkaControllerPort?: number;
  /** Wipe Kafka's data before starting. */
  fresh?: boolean;
  log?: Log;
  aws?: boolean;
  kafka?: boolean;
  /** A second Kafka listener (SASL_PLAINTEXT, OAUTHBEARER) that accepts MSK IAM tokens signed with these credentials; needs javac at set-up. */
  kafkaMskIam?: { port: number; region: string; accessKeyId: string; secretAccessKey: string };
  /** A server died after start-up (default: log it). Not called for stop(). */
  onUnexpectedExit?: (part: SandboxPart, exit: { code: number | null; signal: NodeJS.Signals | null }) => void;
}

export interface RunningSandbox {
  awsEndpoint: string | null;
  kafkaBrokers: string | null;
  /** Stops both servers (SIGTERM, then SIGKILL after a timeout); idempotent. */
  stop(): Promise<void>;
  startupMs: { aws?: number; kafka?: number };
  logs: { aws: string; kafka: string };
}

export declare function ensureSandboxTools(options?: { log?: Log; aws?: boolean; kafka?: boolean; root?: string }): Promise<{ aws: boolean; kafka: boolean }>;

export declare function startSandbox(options?: StartSandboxOptions): Promise<RunningSandbox>;

export declare function stopSandbox(options?: { dataDir?: string; log?: Log }): Promise<{ part: SandboxPart; pid: number; how: string }[]>;

export declare function sandboxStatus(options?: { dataDir?: string; awsPort?: number; kafkaPort?: number }): Promise<{
  aws: Probe & { endpoint: string; pid: number | null };
  kafka: Probe & { brokers: string; pid: number | null };
}>;

/** [executable, ...args] running the launcher's pytest suite with the project venv (cwd: repository root). */
export declare function pytestCommand(extraArgs?: string[]): string[];

export declare function resetAws(endpoint: string): Promise<void>;
export declare function checkAws(endpoint: string, options?: { timeoutMs?: number }): Promise<Probe>;
export declare function checkKafka(brokers: string, options?: { timeoutMs?: number }): Promise<Probe>;
