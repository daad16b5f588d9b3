import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';

import { AppError } from '@/server/errors';

import { buildFunction, type BuildSettings } from './build-function';
import type { FunctionBuildPlan } from './plan';

async function functionFolder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'build-fn-'));
  for (const [name, body] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), body);
  }
  return dir;
}

async function settings(): Promise<BuildSettings> {
  const root = await mkdtemp(path.join(tmpdir(), 'build-root-'));
  return { cache: { dir: path.join(root, 'artefacts'), maxEntries: 10 }, workRoot: path.join(root, 'work'), python: 'python3' };
}

const plan = (sourceDir: string, over: Partial<FunctionBuildPlan> = {}): FunctionBuildPlan => ({
  logicalId: 'ProducerFunction',
  sourceDir,
  runtime: 'nodejs22.x',
  family: 'nodejs',
  handler: 'index.handler',
  architecture: 'x86_64',
  ...over,
});

const handlerSource = `
import { S3Client } from '@aws-sdk/client-s3';
import { greet } from './lib/greet.mjs';
export const handler = async () => ({ body: greet(new S3Client({}).config ? 'sdk' : 'none') });
`;
const librarySource = `
export function greet(name) { return 'hello ' + name; }
export function neverCalledAnywhere() { return 'tree-shaken away'; }
`;

describe('buildFunction (Node.js)', () => {
  it('bundles the handler with esbuild: local modules inlined, unused code dropped, the AWS SDK left to the runtime, a source map', async () => {
    const dir = await functionFolder({ 'package.json': '{"type":"module"}', 'index.mjs': handlerSource, 'lib/greet.mjs': librarySource });
    const built = await buildFunction(plan(dir), await settings());
    const files = unzipSync(built!.zip);
    expect(Object.keys(files).sort()).toEqual(['index.mjs', 'index.mjs.map']);
    const bundle = new TextDecoder().decode(files['index.mjs']);
    expect(bundle).toContain('"hello " + name');
    expect(bundle).not.toContain('tree-shaken away');
    expect(bundle).toMatch(/from "@aws-sdk\/client-s3"/);
    expect(bundle).toContain('//# sourceMappingURL=index.mjs.map');
    expect(built!.report).toMatchObject({ logicalId: 'ProducerFunction', tool: 'esbuild', cached: false });
  });

  it('builds an unchanged function once: the second build is a cache hit with the same bytes', async () => {
    const dir = await functionFolder({ 'package.json': '{"type":"module"}', 'index.mjs': handlerSource, 'lib/greet.mjs': librarySource });
    const s = await settings();
    const first = await buildFunction(plan(dir), s);
    const second = await buildFunction(plan(dir), s);
    expect(second!.report).toMatchObject({ cached: true, key: first!.report.key });
    expect(Buffer.from(second!.zip).equals(Buffer.from(first!.zip))).toBe(true);
  });

  it('zips a folder without package.json as it is (returns null)', async () => {
    const dir = await functionFolder({ 'index.mjs': handlerSource });
    expect(await buildFunction(plan(dir), await settings())).toBeNull();
  });

  it('reports a failing build with the function, the runtime and the tool message', async () => {
    const dir = await functionFolder({ 'package.json': '{"type":"module"}', 'index.mjs': 'export const handler = async () => {' });
    const error = await buildFunction(plan(dir), await settings()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('VALIDATION');
    expect((error as AppError).message).toMatch(
      /^The build of function ProducerFunction \(nodejs22\.x\) failed: esbuild: index\.mjs:1:\d+: Unexpected end of file/,
    );
  });

  it('refuses dependencies without a lockfile, saying how to make one', async () => {
    const dir = await functionFolder({ 'package.json': '{"dependencies":{"kafkajs":"2.2.4"}}', 'index.js': 'exports.handler = async () => 1;' });
    await expect(buildFunction(plan(dir), await settings())).rejects.toThrow(
      /failed: npm: package\.json lists dependencies \(kafkajs\) but the folder has no package-lock\.json/,
    );
  });
});
