import 'server-only';

import { spawn } from 'node:child_process';

/** A build tool exited with an error; `output` is the end of what it printed. */
export class BuildToolError extends Error {
  constructor(
    readonly tool: string,
    readonly output: string,
  ) {
    super(`${tool}: ${output}`);
    this.name = 'BuildToolError';
  }
}

const OUTPUT_TAIL = 2_000;
const TIMEOUT_MS = 10 * 60_000;

/** Runs a build tool (no shell) and resolves its standard output; rejects with the tail of its output. */
export function runTool(tool: string, command: string, args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'], timeout: TIMEOUT_MS });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => reject(new BuildToolError(tool, `could not run ${command}: ${error.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) return resolve(stdout);
      const output = (stderr.trim() || stdout.trim() || `exited with ${signal ?? `code ${code}`}`).slice(-OUTPUT_TAIL);
      reject(new BuildToolError(tool, output));
    });
  });
}
