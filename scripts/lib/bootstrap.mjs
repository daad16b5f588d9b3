// Installs what the project needs and the machine lacks: npm packages (native addons
// rebuilt when Node changes), Debian's Chromium for the browser tests. Node built-ins only: this runs
// before node_modules exists.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './defaults.mjs';
import { nodeEnv } from './node-runtime.mjs';

export class SetupError extends Error {}

function run(cmd, args, { cwd = repoRoot, env = process.env, quiet = false } = {}) {
  const res = spawnSync(cmd, args, { cwd, env, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
  if (res.error) throw new SetupError(`${cmd} could not start: ${res.error.message}`);
  return res;
}

/**
 * What node_modules needs: `install` (npm ci) when it has no stamp or the lock file changed since, `rebuild`
 * when only Node's module ABI changed (native addons were compiled for another Node), else `none`.
 */
export function planNodeModules(stamp, { lockHash, abi }) {
  if (!stamp || stamp.lockHash !== lockHash) return 'install';
  return stamp.abi === abi ? 'none' : 'rebuild';
}

/** Names of the installed packages that compile against Node's headers (they ship a binding.gyp). */
export function nativeAddons(root = repoRoot) {
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
  const names = new Set();
  for (const key of Object.keys(lock.packages ?? {})) {
    if (key.startsWith('node_modules/') && existsSync(path.join(root, key, 'binding.gyp')))
      names.add(key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length));
  }
  return [...names].sort();
}

function readStamp(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Runs `npm ci` when node_modules is missing or older than package-lock.json, and rebuilds native addons
 * (better-sqlite3) when the Node running this has another module ABI than the one they were built for.
 */
export function ensureNodeModules({ log = console.log, root = repoRoot, npm = 'npm' } = {}) {
  const stampFile = path.join(root, 'node_modules/.slipway-install.json');
  const current = {
    lockHash: createHash('sha256')
      .update(readFileSync(path.join(root, 'package-lock.json')))
      .digest('hex'),
    abi: process.versions.modules,
  };
  const stamp = readStamp(stampFile);
  const plan = planNodeModules(stamp, current);
  if (plan === 'none') return plan;
  // Addons build against this Node's own headers (nodeEnv sets npm_config_nodedir); nothing is downloaded.
  const env = nodeEnv(process.execPath);
  if (plan === 'install') {
    log(`Installing npm packages (npm ci) for Node.js ${process.versions.node}…`);
    const res = run(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: root, env });
    if (res.status !== 0) throw new SetupError('npm ci failed (see above).');
  } else {
    const addons = nativeAddons(root);
    log(`Rebuilding native addons for Node.js ${process.versions.node} (ABI ${stamp.abi} → ${current.abi}): ${addons.join(', ') || 'none'}…`);
    const res = addons.length ? run(npm, ['rebuild', ...addons, '--loglevel=error'], { cwd: root, env }) : { status: 0 };
    if (res.status !== 0) throw new SetupError(`npm rebuild ${addons.join(' ')} failed (see above).`);
  }
  writeFileSync(stampFile, JSON.stringify({ ...current, node: process.versions.node }) + '\n');
  return plan;
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
