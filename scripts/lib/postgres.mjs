// A throwaway PostgreSQL cluster from Debian's packages, on 127.0.0.1: used to create PostgreSQL
// migrations and by .ci/run's PostgreSQL pass. Not for production use.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Finds Debian's PostgreSQL server binaries (/usr/lib/postgresql/<major>/bin). */
export function findPostgresBin() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const majors = readdirSync(base)
    .filter((v) => existsSync(path.join(base, v, 'bin/initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return majors[0] ? path.join(base, majors[0], 'bin') : null;
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function runAsOwner(bin, args, owner) {
  // initdb and postgres refuse to run as root, so root runs them as the postgres user.
  const cmd = owner ? ['su', owner, '-s', '/bin/sh', '-c', [bin, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ')] : [bin, ...args];
  const res = spawnSync(cmd[0], cmd.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
  if (res.status !== 0) throw new Error(`${path.basename(bin)} failed: ${res.stderr}${res.stdout}`);
}

/** Starts a fresh cluster in `dir` (deleted first) and returns its URL and a stop function. */
export async function startScratchPostgres({ dir = path.join(os.tmpdir(), `slipway-pg-${process.pid}`), port, database = 'slipway' } = {}) {
  const bin = findPostgresBin();
  if (!bin) throw new Error('PostgreSQL server binaries not found: install them with `apt-get install postgresql`.');
  port ??= await freePort();
  const owner = process.getuid?.() === 0 ? 'postgres' : null;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (owner) {
    const uid = Number(execFileSync('id', ['-u', owner]).toString());
    const gid = Number(execFileSync('id', ['-g', owner]).toString());
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, 'data');
  runAsOwner(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'slipway', '--no-sync'], owner);
  const startServer = () =>
    runAsOwner(
      path.join(bin, 'pg_ctl'),
      ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-o', `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off`, 'start'],
      owner,
    );
  const stopServer = () => runAsOwner(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop'], owner);
  startServer();
  const psql = spawnSync(path.join(bin, 'psql'), [
    '-h',
    '127.0.0.1',
    '-p',
    String(port),
    '-U',
    'slipway',
    '-d',
    'postgres',
    '-c',
    `CREATE DATABASE ${database}`,
  ]);
  if (psql.status !== 0) throw new Error(`could not create database: ${psql.stderr}`);
  return {
    url: `postgresql://slipway@127.0.0.1:${port}/${database}`,
    /** Stops the server and keeps its data (fault tests: the database going away mid-run). */
    pause: stopServer,
    /** Starts a paused server again on the same port, with its data. */
    resume: startServer,
    stop() {
      try {
        stopServer();
      } catch {
        // Already paused.
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
