// Starting the sandbox AWS account: sandbox/aws/launcher.py (moto with Slipway's extensions) from the venv.
import { checkAws } from './aws-probe.mjs';
import { requireFreePort } from './net.mjs';
import { HOST } from './paths.mjs';
import { exitWatcher, spawnLogged, terminate, waitFor } from './processes.mjs';

/**
 * Start moto on 127.0.0.1:port and resolve once it answers HTTP (30 s allowed).
 * onSpawn gets the child as soon as it exists, so a stop() during start-up reaches it.
 */
export async function startAws({ p, port, logFile, log, onSpawn }) {
  await requireFreePort(port, 'sandbox AWS', 'SANDBOX_AWS_PORT', 'aws');
  const started = performance.now();
  const child = spawnLogged(p.python, [p.launcher, '--port', String(port), '--exit-on-stdin-eof'], logFile, {
    ...process.env,
    PYTHONUNBUFFERED: '1',
  });
  const watcher = exitWatcher(child);
  onSpawn({ record: { pid: child.pid }, watcher });
  const endpoint = `http://${HOST}:${port}`;
  try {
    await waitFor(async () => (await checkAws(endpoint, { timeoutMs: 1000 })).up, {
      watcher,
      timeoutMs: 30_000,
      part: 'aws',
      logFile,
      what: 'The sandbox AWS server (moto)',
    });
  } catch (error) {
    await terminate({ pid: child.pid }, 3000);
    throw error;
  }
  const ms = Math.round(performance.now() - started);
  log(`AWS (moto) ready on ${endpoint} in ${ms} ms`);
  return { child, watcher, endpoint, startupMs: ms, record: { pid: child.pid, port } };
}
