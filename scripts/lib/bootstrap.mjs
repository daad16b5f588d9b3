// Installs what the project needs and the machine lacks: npm packages, generated Prisma clients,
// Debian's Chromium for the browser tests. Node built-ins only: this runs before node_modules exists.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './defaults.mjs';

export class SetupError extends Error {}

function run(cmd, args, { cwd = repoRoot, env = process.env, quiet = false } = {}) {
  const res = spawnSync(cmd, args, { cwd, env, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
  if (res.error) throw new SetupError(`${cmd} could not start: ${res.error.message}`);
  return res;
}

/** Runs `npm ci` when node_modules is missing or older than package-lock.json. */
export function ensureNodeModules({ log = console.log } = {}) {
  const lock = path.join(repoRoot, 'package-lock.json');
  const stamp = path.join(repoRoot, 'node_modules/.slipway-lock-hash');
  const hash = createHash('sha256').update(readFileSync(lock)).update(process.version).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return;
  log('Installing npm packages (npm ci)…');
  const res = run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error']);
  if (res.status !== 0) throw new SetupError('npm ci failed (see above).');
  writeFileSync(stamp, hash);
}

export const CHROMIUM = '/usr/bin/chromium';

/** Installs Debian's Chromium when it is missing and apt-get may be used; otherwise explains. */
export function ensureChromium({ log = console.log } = {}) {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  const isRoot = process.getuid?.() === 0;
  const canSudo = !isRoot && run('sudo', ['-n', 'true'], { quiet: true }).status === 0;
  if (!existsSync('/usr/bin/apt-get') || (!isRoot && !canSudo)) {
    throw new SetupError(
      "The browser tests need Debian's Chromium at /usr/bin/chromium. Install it with `sudo apt-get install chromium` and run the command again.",
    );
  }
  log("Installing Debian's Chromium for the browser tests (apt-get install chromium)…");
  const sudo = isRoot ? [] : ['sudo', '-n'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (...args) => run(sudo[0] ?? 'apt-get', sudo.length ? [...sudo.slice(1), 'apt-get', ...args] : args, { env });
  let res = apt('install', '-y', '--no-install-recommends', 'chromium');
  if (res.status !== 0) {
    apt('update');
    res = apt('install', '-y', '--no-install-recommends', 'chromium');
  }
  if (res.status !== 0 || !existsSync(CHROMIUM)) throw new SetupError('Installing Chromium failed (see above).');
  return CHROMIUM;
}
