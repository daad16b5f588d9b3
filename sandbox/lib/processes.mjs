// The sandbox's child processes: spawn with a log file, watch for an early exit, wait until ready,
// stop (SIGTERM to the whole group, SIGKILL after a timeout).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { SandboxStartError } from './errors.mjs';
import { tail } from './files.mjs';
import { REPO_ROOT } from './paths.mjs';

/** Does a process with this pid exist (EPERM: it does, but is someone else's)? */
export function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** The command line of a running process ('' when it is gone or /proc is unavailable). */
export function commandLineOf(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

/**
 * Signal a server: its process group, the leader, and the child it wrapped (Kafka's java).
 * @param {{ pid: number, childPid?: number }} record
 * @param {NodeJS.Signals} signal
 */
export function signalGroup(record, signal) {
  for (const target of [-record.pid, record.pid, record.childPid].filter(Boolean)) {
    try {
      process.kill(target, signal);
    } catch {
      // already gone
    }
  }
}

async function waitUntilGone(record, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  const alive = () => isAlive(record.pid) || (record.childPid && isAlive(record.childPid));
  while (alive() && Date.now() < deadline) await sleep(50);
  return !alive();
}

/**
 * SIGTERM, then SIGKILL when the server is still there after timeoutMs.
 * @returns {Promise<'terminated' | 'killed'>}
 */
export async function terminate(record, timeoutMs) {
  signalGroup(record, 'SIGTERM');
  if (await waitUntilGone(record, timeoutMs)) return 'terminated';
  signalGroup(record, 'SIGKILL');
  await waitUntilGone(record, 5000);
  return 'killed';
}

/** How long a server gets to stop cleanly before SIGKILL: Kafka flushes its logs. */
export const stopTimeoutMs = (part) => (part === 'kafka' ? 20_000 : 5_000);

/** Start a server in its own process group with stdout and stderr appended to logFile. */
export function spawnLogged(command, args, logFile, env) {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const out = fs.openSync(logFile, 'a');
  fs.writeSync(out, `\n--- ${new Date().toISOString()} ${path.basename(command)} ${args.join(' ')}\n`);
  // Own process group (detached) so stop() can signal the whole group; stdin stays a pipe whose
  // end tells the child that this process died (see launcher.py and the Kafka wrapper).
  const child = spawn(command, args, { cwd: REPO_ROOT, env, detached: true, stdio: ['pipe', out, out] });
  fs.closeSync(out);
  child.stdin.on('error', () => {}); // EPIPE when the child exits first
  return child;
}

/** A child's exit as a promise, and as a field to poll while waiting for it to become ready. */
export function exitWatcher(child) {
  let exited = null;
  const promise = new Promise((resolve) => child.once('exit', (code, signal) => resolve((exited = { code, signal }))));
  return {
    promise,
    get exited() {
      return exited;
    },
  };
}

/** Poll check() until it is true; a child that exits first or a timeout is a SandboxStartError with the log's tail. */
export async function waitFor(check, { watcher, timeoutMs, part, logFile, what }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (watcher.exited) {
      throw new SandboxStartError(
        `${what} exited during start-up (code ${watcher.exited.code ?? watcher.exited.signal}). Last lines of ${logFile}:\n${tail(logFile)}`,
        { part, logFile },
      );
    }
    if (await check()) return;
    if (Date.now() > deadline) {
      throw new SandboxStartError(`${what} did not become ready within ${timeoutMs / 1000} s. Last lines of ${logFile}:\n${tail(logFile)}`, {
        part,
        logFile,
      });
    }
    await sleep(100);
  }
}
