// Sources in sandbox/, installed tools in .sandbox/, state in the data dir: never mixed up.
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { REPO_ROOT, dataPaths, toolPaths } from './paths.mjs';

describe('toolPaths', () => {
  it('reads the install recipes from sandbox/ and installs into .sandbox/', () => {
    const p = toolPaths('/repo');
    expect(p.requirements).toBe('/repo/sandbox/requirements.txt');
    expect(p.pom).toBe('/repo/sandbox/kafka/pom.xml');
    expect(p.launcher).toBe('/repo/sandbox/aws/launcher.py');
    expect(p.pytestDir).toBe('/repo/sandbox/aws/tests');
    expect(p.python).toBe('/repo/.sandbox/venv/bin/python');
    expect(p.kafkaLibs).toBe('/repo/.sandbox/kafka/libs');
    expect(p.stamps).toBe('/repo/.sandbox/stamps');
  });

  it('defaults to this repository, where the recipes exist', async () => {
    const { existsSync } = await import('node:fs');
    const p = toolPaths();
    expect(path.resolve(p.root)).toBe(path.resolve(REPO_ROOT));
    for (const file of [p.requirements, p.pom, p.launcher, p.pytestDir]) expect(existsSync(file), file).toBe(true);
  });
});

describe('dataPaths', () => {
  const saved = process.env.SLIPWAY_DATA_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.SLIPWAY_DATA_DIR;
    else process.env.SLIPWAY_DATA_DIR = saved;
  });

  it('resolves a relative data dir against the repository root and lays out records, logs and Kafka data', () => {
    const d = dataPaths('.data/test');
    expect(d.root).toBe(path.join(REPO_ROOT, '.data/test'));
    expect(d.pidDir).toBe(path.join(REPO_ROOT, '.data/test/sandbox'));
    expect(d.kafkaDir).toBe(path.join(REPO_ROOT, '.data/test/kafka'));
    expect(d.logs).toEqual({ aws: path.join(REPO_ROOT, '.data/test/logs/sandbox-aws.log'), kafka: path.join(REPO_ROOT, '.data/test/logs/kafka.log') });
  });

  it('falls back to SLIPWAY_DATA_DIR, then .data', () => {
    process.env.SLIPWAY_DATA_DIR = '/tmp/elsewhere';
    expect(dataPaths().root).toBe('/tmp/elsewhere');
    delete process.env.SLIPWAY_DATA_DIR;
    expect(dataPaths().root).toBe(path.join(REPO_ROOT, '.data'));
  });
});
