// Every place that names the Node.js version names the same one: .node-version (what the commands
// install and run on), package.json's engines, .ci/run, the Dockerfile's base image when there is one,
// and the major of @types/node. And every npm script starts on that Node.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { repoRoot } from './defaults.mjs';
import { pinnedNodeVersion } from './node-runtime.mjs';

/** Each place that names a Node version and disagrees with .node-version, as "file: what it says". */
function nodeVersionDrift(root: string): string[] {
  const pin = pinnedNodeVersion(root);
  const drift: string[] = [];
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  if (pkg.engines?.node !== `^${pin}`) drift.push(`package.json engines.node: ${pkg.engines?.node} (expected ^${pin})`);
  const typesMajor = /(\d+)\./.exec(pkg.devDependencies?.['@types/node'] ?? '')?.[1];
  if (typesMajor !== pin.split('.')[0]) drift.push(`package.json @types/node: ${pkg.devDependencies?.['@types/node']} (expected ^${pin.split('.')[0]}.x)`);

  const ci = path.join(root, '.ci/run');
  const ciVersion = fs.existsSync(ci) ? /^NODE_VERSION=(\S+)$/m.exec(fs.readFileSync(ci, 'utf8'))?.[1] : undefined;
  if (ciVersion !== pin) drift.push(`.ci/run NODE_VERSION: ${ciVersion} (expected ${pin})`);

  for (const name of fs.readdirSync(root).filter((file) => /^Dockerfile(\..+)?$|\.Dockerfile$/.test(file))) {
    const bases = [...fs.readFileSync(path.join(root, name), 'utf8').matchAll(/^\s*FROM\s+(?:--\S+\s+)*(?:docker\.io\/)?(?:library\/)?node:(\S+)/gim)].map(
      (m) => m[1]!,
    );
    if (bases.length === 0) drift.push(`${name}: no FROM node:<version> line (expected node:${pin})`);
    for (const tag of bases) if (/^[\d.]+/.exec(tag)?.[0] !== pin) drift.push(`${name}: FROM node:${tag} (expected node:${pin}…)`);
  }
  return drift;
}

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
});

/** A copy of the files that name the version, to make drift in. */
function copyOfRepo(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-drift-'));
  roots.push(root);
  for (const file of ['.node-version', 'package.json', '.ci/run']) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.copyFileSync(path.join(repoRoot, file), path.join(root, file));
  }
  return root;
}

describe('the Node.js version', () => {
  it('is the same in .node-version, engines, @types/node, .ci/run and the Dockerfile', () => {
    expect(nodeVersionDrift(repoRoot)).toEqual([]);
  });

  it('is reported wherever it drifts', () => {
    const root = copyOfRepo();
    const pin = pinnedNodeVersion(root);
    fs.writeFileSync(path.join(root, '.node-version'), '24.99.0\n');
    fs.writeFileSync(path.join(root, 'Dockerfile'), `FROM node:${pin}-bookworm-slim AS build\nFROM node:24.99.0-bookworm-slim\n`);
    expect(nodeVersionDrift(root)).toEqual([
      `package.json engines.node: ^${pin} (expected ^24.99.0)`,
      `.ci/run NODE_VERSION: ${pin} (expected 24.99.0)`,
      `Dockerfile: FROM node:${pin}-bookworm-slim (expected node:24.99.0…)`,
    ]);
    fs.writeFileSync(path.join(root, 'Dockerfile'), 'FROM debian:bookworm-slim\n');
    expect(nodeVersionDrift(root)).toContain('Dockerfile: no FROM node:<version> line (expected node:24.99.0)');
  });

  it('is the one every npm script runs on: each starts a script that calls ensureProjectNode() first', () => {
    const { scripts } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const offPin = Object.entries(scripts).filter(([, command]) => {
      const script = /^node ((?:scripts|sandbox)\/\S+\.mjs)(\s|$)/.exec(command)?.[1];
      return !script || !/^\s*await ensureProjectNode\(\);$/m.test(fs.readFileSync(path.join(repoRoot, script), 'utf8'));
    });
    expect(offPin.map(([name, command]) => `${name}: ${command}`)).toEqual([]);
  });
});
