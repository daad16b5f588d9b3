// Child processes the demo and test commands start (portal, worker): logs to files, readiness
// checks, and one shutdown path so Ctrl-C or a failure never leaves a process behind.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';

const children = new Set();
let handlersInstalled = false;

function installHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  const bye = (signal) => {
    stopAllServices().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', () => bye('SIGINT'));
  process.once('SIGTERM', () => bye('SIGTERM'));
  process.once('exit', () => {
    for (const c of children) c.kill('SIGKILL');
  });
}

/** Fails with a clear message when something already listens on the port (a stale server would answer readiness checks). */
export async function requireFreePort(port, what) {
  const net = await import('node:net');
  await new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', () =>
      reject(
        new Error(
          `Port ${port} on 127.0.0.1 is already in use, so the ${what} cannot start. Stop whatever listens there (e.g. an earlier run) or choose another port.`,
        ),
      ),
    );
    srv.listen(port, '127.0.0.1', () => srv.close(resolve));
  });
}

/** Starts a long-running process with its output in `logFile`; resolves once `ready()` passes. */
export async function startService({ name, command, args, env, cwd, logFile, ready, port, timeoutMs = 120_000 }) {
  installHandlers();
  if (port) await requireFreePort(port, name);
  mkdirSync(path.dirname(logFile), { recursive: true });
  // The child writes to the file itself: the test runner blocks in spawnSync while Playwright runs,
  // and a pipe nobody drains would first hide the logs and then stall the child.
  const out = openSync(logFile, 'a');
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', out, out], detached: true });
  closeSync(out);
  children.add(child);
  let exited = null;
  child.once('exit', (code, signal) => {
    exited = { code, signal };
    children.delete(child);
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${name} exited during start-up (code ${exited.code}); see ${logFile}`);
    if (await ready().catch(() => false)) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  if (!exited && Date.now() >= deadline) {
    await stopService(child);
    throw new Error(`${name} was not ready after ${timeoutMs / 1000}s; see ${logFile}`);
  }
  return { name, child, logFile, stop: () => stopService(child) };
}

/** Stops a child and its own children (it leads a process group): TERM, then KILL. */
export function stopService(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, 8000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}

export async function stopAllServices() {
  await Promise.all([...children].map((c) => stopService(c)));
}

/** Readiness probe: an HTTP GET that answers (any status below 500). */
export function httpReady(url) {
  return async () => {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return res.status < 500;
  };
}
