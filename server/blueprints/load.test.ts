import { readdirSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { browseCatalog, getBlueprint, listBlueprintIssues, loadBlueprintLibrary, searchBlueprints } from './load';
import { readBlueprint } from './read-blueprint';

const BLUEPRINTS_DIR = path.resolve(__dirname, '../../blueprints');
const SLUGS = readdirSync(BLUEPRINTS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('every blueprint in blueprints/', () => {
  it.each(SLUGS)('%s validates and cross-checks against its template', async (slug) => {
    const result = await readBlueprint(path.join(BLUEPRINTS_DIR, slug));
    expect(result.ok ? [] : result.issues).toEqual([]);
    if (!result.ok) return;
    const { metadata, model, readme } = result.blueprint;
    expect(metadata.slug).toBe(slug);
    // Every output is explained, and the README covers the sections a developer needs.
    expect(model.outputs.every((output) => output.meaning)).toBe(true);
    for (const heading of ['## How it works', '## Prerequisites', '## Test it after launch', '## Clean up', '## Cost notes']) {
      expect(readme, `${slug} README lacks "${heading}"`).toContain(heading);
    }
  });

  it('has no issues and loads into the catalog', async () => {
    expect(await listBlueprintIssues()).toEqual([]);
    const library = await loadBlueprintLibrary();
    expect([...library.blueprints.keys()].sort()).toEqual(SLUGS);
  });
});

describe('catalog functions', () => {
  it('memoises the library', async () => {
    expect(loadBlueprintLibrary()).toBe(loadBlueprintLibrary());
  });

  it('searches by words, service, dashboard and sandbox readiness', async () => {
    expect((await searchBlueprints({ q: 'ec2 enrich' })).map((row) => row.slug)).toContain('ec2-state-change-enrichment');
    const sandboxReady = await searchBlueprints({ sandboxReady: true });
    expect(sandboxReady.length).toBeGreaterThanOrEqual(8);
    expect(sandboxReady.every((row) => row.sandboxReady)).toBe(true);
    const withWorkflowDashboard = await searchBlueprints({ dashboard: 'stepfunctions', service: 'Step Functions' });
    expect(withWorkflowDashboard.every((row) => row.dashboards.includes('stepfunctions'))).toBe(true);
    expect(await searchBlueprints({ q: 'no-such-word-anywhere' })).toEqual([]);
  });

  it('pages the search results: pages join up to every match, and the last page says there is no next one', async () => {
    const all = await searchBlueprints({});
    const pages = [];
    for (let offset: number | null = 0; offset !== null; ) {
      const page = await browseCatalog({}, { limit: 5, offset });
      expect(page.matched).toBe(all.length);
      expect(page.catalogSize).toBe(all.length);
      expect(page.blueprints.length).toBeLessThanOrEqual(5);
      pages.push(...page.blueprints);
      offset = page.nextOffset;
    }
    expect(pages.map((row) => row.slug)).toEqual(all.map((row) => row.slug));
    const kafka = await browseCatalog({ q: 'kafka' }, { limit: 1, offset: 0 });
    expect(kafka.matched).toBeGreaterThanOrEqual(2);
    expect(kafka.catalogSize).toBe(all.length);
    expect(kafka.blueprints).toHaveLength(1);
    expect(kafka.nextOffset).toBe(1);
    // Every service of the catalog is offered once, sorted, whatever the page shows.
    expect(kafka.services).toEqual([...new Set(all.flatMap((row) => row.services))].sort());
    expect(await browseCatalog({}, { limit: 5, offset: all.length })).toMatchObject({ blueprints: [], nextOffset: null });
  });

  it('returns a blueprint page with model, graph, README and sources, and undefined for unknown slugs', async () => {
    const detail = await getBlueprint('orders-nested-stacks');
    expect(detail?.metadata.title).toMatch(/nested SAM applications/);
    expect(detail?.model.capabilities).toEqual(['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND']);
    expect(detail?.graph.nodes.some((node) => node.parent === 'DbStack')).toBe(true);
    expect(detail?.templateSource).toContain('AWS::Serverless::Application');
    expect(detail?.nestedTemplates.map((nested) => nested.path).sort()).toEqual([
      'stacks/api-integrations.yaml',
      'stacks/api.yaml',
      'stacks/db.yaml',
      'stacks/workflow.yaml',
    ]);
    expect(detail?.readme).toContain('# Orders application');
    expect(await getBlueprint('does-not-exist')).toBeUndefined();
  });
});

describe('a broken blueprint', () => {
  const scratch: string[] = [];
  afterAll(async () => Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true }))));

  async function brokenCopy(edit: (dir: string) => Promise<void>): Promise<string> {
    const root = await mkdtemp(path.join(tmpdir(), 'slipway-blueprints-'));
    scratch.push(root);
    const dir = path.join(root, 'orders-nested-stacks');
    await cp(path.join(BLUEPRINTS_DIR, 'orders-nested-stacks'), dir, { recursive: true });
    await edit(dir);
    return root;
  }

  it('is reported per file and field and left out of the catalog', async () => {
    const root = await brokenCopy(async (dir) => {
      await writeFile(path.join(dir, 'stacks', 'db.yaml'), 'Resources: [unclosed\n');
      await rm(path.join(dir, 'src', 'complete_order'), { recursive: true });
    });
    const library = await loadBlueprintLibrary({ rootDir: root });
    expect(library.blueprints.size).toBe(0);
    expect(library.issues.map((issue) => `${issue.file}#${issue.field}`)).toEqual([
      'stacks/db.yaml#line 2',
      'stacks/workflow.yaml#Resources.CompleteOrderFunction.Properties.CodeUri',
    ]);
  });

  it('reports a slug that does not match its folder and templates that use transforms other than SAM', async () => {
    const root = await brokenCopy(async (dir) => {
      await writeFile(path.join(dir, '..', 'README.txt'), 'not a blueprint folder');
      const renamed = path.join(dir, '..', 'renamed');
      await cp(dir, renamed, { recursive: true });
      await rm(dir, { recursive: true });
      await writeFile(
        path.join(renamed, 'stacks', 'db.yaml'),
        'Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]\nResources:\n  T: { Type: AWS::Serverless::SimpleTable }\nOutputs:\n  OrdersTableName: { Value: x }\n  OrdersTableArn: { Value: y }\n',
      );
    });
    const issues = (await loadBlueprintLibrary({ rootDir: root })).issues;
    expect(issues.map((issue) => `${issue.slug}:${issue.file}#${issue.field}`)).toEqual([
      'renamed:blueprint.yaml#slug',
      'renamed:stacks/db.yaml#Transform',
    ]);
  });
});
