// Pid records: <data dir>/sandbox/{aws,kafka}.json say which server a run started, so that a later
// run can stop what a crashed one left behind (and refuse to fight a live one).
import fs from 'node:fs';
import path from 'node:path';

import { SandboxStartError } from './errors.mjs';
import { readJson } from './files.mjs';
import { sandboxLog } from './log.mjs';
import { dataPaths } from './paths.mjs';
import { commandLineOf, isAlive, stopTimeoutMs, terminate } from './processes.mjs';

export const PARTS = /** @type {const} */ (['aws', 'kafka']);

// A record is only trusted when the process still runs the command we started (pids get reused).
const SIGNATURE = { aws: 'launcher.py', kafka: 'kafka.Kafka' };

const recordFile = (pidDir, part) => path.join(pidDir, `${part}.json`);

/** The record of a server that still runs, or null. */
export function recordedServer(pidDir, part) {
  const record = readJson(recordFile(pidDir, part));
  if (!record?.pid || !isAlive(record.pid)) return null;
  const leaderMatches = commandLineOf(record.pid).includes(SIGNATURE[part]);
  const childMatches = record.childPid && isAlive(record.childPid) && commandLineOf(record.childPid).includes(SIGNATURE[part]);
  return leaderMatches || childMatches ? record : null;
}

/** Record a server this process started. */
export function writeServerRecord(pidDir, part, record, logFile) {
  fs.writeFileSync(recordFile(pidDir, part), JSON.stringify({ ...record, part, ownerPid: process.pid, startedAt: new Date().toISOString(), logFile }, null, 2));
}

/** Remove a server's record; with `pid`, only when the record is still that server's. */
export function forgetServerRecord(pidDir, part, pid) {
  const file = recordFile(pidDir, part);
  if (pid === undefined || readJson(file)?.pid === pid) fs.rmSync(file, { force: true });
}

/**
 * A server recorded by a run whose owner died is an orphan: stop it. One whose owner still runs
 * belongs to another live sandbox on the same data dir: refuse rather than fight over it.
 */
export async function clearStaleServer(pidDir, part, log) {
  const record = recordedServer(pidDir, part);
  if (!record) {
    forgetServerRecord(pidDir, part);
    return;
  }
  // The owner may be this very process (a second startSandbox before the first one's stop()).
  if (record.ownerPid && isAlive(record.ownerPid)) {
    throw new SandboxStartError(
      `A sandbox ${part} server (pid ${record.pid}) started by ${record.ownerPid === process.pid ? 'this process' : `process ${record.ownerPid}`} is already running ` +
        `for data dir ${path.dirname(pidDir)}. Stop it with \`npm run sandbox stop\` or use another SLIPWAY_DATA_DIR.`,
      { part },
    );
  }
  log(`stopping the ${part} server a previous run left behind (pid ${record.pid}) ...`);
  await terminate(record, stopTimeoutMs(part));
  forgetServerRecord(pidDir, part);
}

/**
 * Stop servers a previous run recorded in <dataDir>/sandbox/*.json (what `sandbox stop` does).
 * @returns {Promise<{ part: string, pid: number, how: string }[]>}
 */
export async function stopSandbox({ dataDir, log = sandboxLog } = {}) {
  const { pidDir } = dataPaths(dataDir);
  const stopped = [];
  for (const part of PARTS) {
    const record = recordedServer(pidDir, part);
    if (record) {
      const how = await terminate(record, stopTimeoutMs(part));
      log(`${part} (pid ${record.pid}) ${how}`);
      stopped.push({ part, pid: record.pid, how });
    }
    forgetServerRecord(pidDir, part);
  }
  return stopped;
}
