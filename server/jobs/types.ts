import 'server-only';

/** Background work the worker process runs on an interval. */
export type Job = {
  name: string;
  intervalMs: number;
  /** Runs once per interval; a run never overlaps the previous one. */
  run: (signal: AbortSignal) => Promise<void>;
  /** Releases what the job holds open (connections) once its loop has ended on shutdown. */
  stop?: () => Promise<void>;
};
