import { chmod, cp, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it, vi } from 'vitest';

import { parseCfnYaml } from './cfn-yaml';
import { parseCacheKey, parseWithCache, pruneParseCache, PARSE_CACHE_RETENTION_MS } from './parse-cache';
import { readBlueprint } from './read-blueprint';

const BLUEPRINTS_DIR = path.resolve(__dirname, '../../blueprints');
const scratch: string[] = [];
afterAll(async () => Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true }))));

async function scratchDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'slipway-parse-cache-'));
  scratch.push(dir);
  return dir;
}

describe('pruneParseCache', () => {
  it('removes entries no process read within the retention and stray writes, and keeps what was read', async () => {
    const dir = await scratchDir();
    const parse = (text: string) => ({ text });
    await parseWithCache('yaml', 'still used', parse, dir);
    await parseWithCache('yaml', 'no longer used', parse, dir);
    await writeFile(path.join(dir, 'abc.json.123.deadbeef.tmp'), '{');
    await writeFile(path.join(dir, 'README'), 'not an entry');
    const longAgo = new Date(Date.now() - PARSE_CACHE_RETENTION_MS - 60_000);
    for (const name of await readdir(dir)) await utimes(path.join(dir, name), longAgo, longAgo);
    // A later start reads the entry it still needs, which marks it as used.
    const parseAgain = vi.fn(parse);
    expect(await parseWithCache('yaml', 'still used', parseAgain, dir)).toEqual({ text: 'still used' });
    expect(parseAgain).not.toHaveBeenCalled();

    expect(await pruneParseCache(dir)).toBe(2);
    expect((await readdir(dir)).sort()).toEqual([`${parseCacheKey('yaml', 'still used')}.json`, 'README']);
    expect(await pruneParseCache(dir)).toBe(0);
    expect(await pruneParseCache(path.join(dir, 'missing'))).toBe(0);
  });
});

describe('parseWithCache', () => {
  it('parses once, then answers from the folder in a later process (a fresh parser call is not made)', async () => {
    const dir = await scratchDir();
    const source = 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Sub "${AWS::StackName}-q"\n';
    const parse = vi.fn(parseCfnYaml);
    const first = await parseWithCache('cfn-yaml', source, parse, dir);
    const again = await parseWithCache('cfn-yaml', source, parse, dir);
    expect(parse).toHaveBeenCalledTimes(1);
    expect(again).toEqual(first);
    expect(again).toEqual({ Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::Sub': '${AWS::StackName}-q' } } } } });
    expect(await readdir(dir)).toEqual([`${parseCacheKey('cfn-yaml', source)}.json`]);
  });

  it('parses changed text again: the key is the content, so an edited file is never answered from an old entry', async () => {
    const dir = await scratchDir();
    const parse = vi.fn(parseCfnYaml);
    expect(await parseWithCache('cfn-yaml', 'A: 1\n', parse, dir)).toEqual({ A: 1 });
    expect(await parseWithCache('cfn-yaml', 'A: 2\n', parse, dir)).toEqual({ A: 2 });
    expect(await parseWithCache('cfn-yaml', 'A: 1\n', parse, dir)).toEqual({ A: 1 });
    expect(parse).toHaveBeenCalledTimes(2);
  });

  it('keeps parsers apart: the same text read by another parser is another entry', () => {
    expect(parseCacheKey('yaml', 'A: !Ref B\n')).not.toBe(parseCacheKey('cfn-yaml', 'A: !Ref B\n'));
  });

  it('caches nothing for text that does not parse, and throws the parser error each time', async () => {
    const dir = await scratchDir();
    await expect(parseWithCache('cfn-yaml', 'Resources: [unclosed\n', parseCfnYaml, dir)).rejects.toThrow(/line 2/);
    await expect(parseWithCache('cfn-yaml', 'Resources: [unclosed\n', parseCfnYaml, dir)).rejects.toThrow(/line 2/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('parses again over a damaged entry and repairs it', async () => {
    const dir = await scratchDir();
    await parseWithCache('cfn-yaml', 'A: 1\n', parseCfnYaml, dir);
    const file = path.join(dir, `${parseCacheKey('cfn-yaml', 'A: 1\n')}.json`);
    await writeFile(file, '{"A": 1');
    const parse = vi.fn(parseCfnYaml);
    expect(await parseWithCache('cfn-yaml', 'A: 1\n', parse, dir)).toEqual({ A: 1 });
    expect(parse).toHaveBeenCalledTimes(1);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ A: 1 });
  });

  it('still parses when the folder cannot be written, and with no folder at all', async () => {
    const parent = await scratchDir();
    await chmod(parent, 0o500);
    try {
      // root ignores permissions; the answer must be right either way.
      expect(await parseWithCache('cfn-yaml', 'A: 1\n', parseCfnYaml, path.join(parent, 'cache'))).toEqual({ A: 1 });
    } finally {
      await chmod(parent, 0o700);
    }
    expect(await parseWithCache('cfn-yaml', 'A: 1\n', parseCfnYaml, null)).toEqual({ A: 1 });
  });
});

describe('readBlueprint through the parse cache', () => {
  it('reads the same blueprint from the cache as without it, and sees an edited or broken template at once', async () => {
    const cacheDir = await scratchDir();
    const dir = path.join(await scratchDir(), 'orders-nested-stacks');
    await cp(path.join(BLUEPRINTS_DIR, 'orders-nested-stacks'), dir, { recursive: true });

    const uncached = await readBlueprint(dir, { parseCacheDir: null });
    const filling = await readBlueprint(dir, { parseCacheDir: cacheDir });
    const fromCache = await readBlueprint(dir, { parseCacheDir: cacheDir });
    expect(filling).toEqual(uncached);
    expect(fromCache).toEqual(uncached);
    // blueprint.yaml, template.yaml and the four nested templates.
    expect((await readdir(cacheDir)).length).toBe(6);

    const dbTemplate = path.join(dir, 'stacks', 'db.yaml');
    const text = await readFile(dbTemplate, 'utf8');
    await writeFile(dbTemplate, text.replace('Outputs:', 'Outputs:\n  Added:\n    Value: added'));
    const edited = await readBlueprint(dir, { parseCacheDir: cacheDir });
    expect(edited.ok && edited.blueprint.nested.find((nested) => nested.path === 'stacks/db.yaml')?.template.Outputs).toHaveProperty('Added');

    await writeFile(dbTemplate, 'Resources: [unclosed\n');
    const broken = await readBlueprint(dir, { parseCacheDir: cacheDir });
    expect(broken.ok ? [] : broken.issues.map((issue) => `${issue.file}#${issue.field}`)).toEqual(['stacks/db.yaml#line 2']);

    const metadataFile = path.join(dir, 'blueprint.yaml');
    await writeFile(metadataFile, (await readFile(metadataFile, 'utf8')).replace(/^title: .*$/m, 'title: Renamed in place'));
    await writeFile(dbTemplate, text);
    const retitled = await readBlueprint(dir, { parseCacheDir: cacheDir });
    expect(retitled.ok && retitled.blueprint.metadata.title).toBe('Renamed in place');
  });
});
