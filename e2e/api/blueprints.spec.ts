import { expect, test } from '@playwright/test';
import { storageState } from '../users';

// The catalog API: the documented shapes of the list and of one blueprint, search and filters, and
// the field named when a filter is wrong. Viewers may read it all.

test.use({ storageState: storageState('falconViewer') });

type Summary = { slug: string; version: string; services: string[]; dashboards: string[]; sandboxReady: boolean; source: { title: string } };

test('the catalog lists every pattern with its version, services, dashboards and sandbox readiness', async ({ request }) => {
  const res = await request.get('/api/v1/blueprints');
  expect(res.status()).toBe(200);
  const { blueprints } = (await res.json()) as { blueprints: Summary[] };
  const ec2 = blueprints.find((b) => b.slug === 'ec2-state-change-enrichment');
  expect(ec2).toMatchObject({
    version: expect.stringMatching(/^\d+\.\d+\.\d+$/),
    sandboxReady: true,
    dashboards: expect.arrayContaining(['stepfunctions', 'cost']),
  });
  expect(ec2!.services).toEqual(expect.arrayContaining(['AWS Step Functions']));
  expect(ec2!.source.title).toBeTruthy();
  // The 18 patterns from the seed posts (test runs add fixture blueprints on top).
  expect(blueprints.length).toBeGreaterThanOrEqual(18);
  expect(blueprints.find((b) => b.slug === 'lambda-db2-ibm-i')).toMatchObject({ sandboxReady: false });
  // The two Kafka blueprints launch against the sandbox broker.
  expect(blueprints.filter((b) => b.slug === 'msk-custom-consumer-group' || b.slug === 'serverless-kafka-producer').map((b) => b.sandboxReady)).toEqual([
    true,
    true,
  ]);
});

test('search and filters narrow the list; a bad filter is a 422 naming the field', async ({ request }) => {
  const kafka = (await (await request.get('/api/v1/blueprints?dashboard=kafka')).json()).blueprints as Summary[];
  expect(kafka.length).toBeGreaterThan(0);
  expect(kafka.every((b) => b.dashboards.includes('kafka'))).toBe(true);
  const ready = (await (await request.get('/api/v1/blueprints?sandboxReady=true&q=sqs')).json()).blueprints as Summary[];
  expect(ready.map((b) => b.slug)).toEqual(expect.arrayContaining(['sqs-managed-encryption', 'sqs-batch-lambda']));
  expect(ready.every((b) => b.sandboxReady)).toBe(true);
  const bad = await request.get('/api/v1/blueprints?category=everything');
  expect(bad.status()).toBe(422);
  expect((await bad.json()).error.fields).toHaveProperty('category');
});

test('the catalog pages on the server: limit and offset walk every match once, with the total and where the next page starts', async ({ request }) => {
  const whole = (await (await request.get('/api/v1/blueprints?limit=500')).json()) as { blueprints: Summary[]; total: number; nextOffset: number | null };
  expect(whole.total).toBe(whole.blueprints.length);
  expect(whole.nextOffset).toBeNull();
  const walked: string[] = [];
  for (let offset: number | null = 0; offset !== null;) {
    const page = (await (await request.get(`/api/v1/blueprints?limit=7&offset=${offset}`)).json()) as typeof whole;
    expect(page.total).toBe(whole.total);
    expect(page.blueprints.length).toBeLessThanOrEqual(7);
    walked.push(...page.blueprints.map((b) => b.slug));
    offset = page.nextOffset;
  }
  expect(walked).toEqual(whole.blueprints.map((b) => b.slug));
  const sqs = (await (await request.get('/api/v1/blueprints?q=sqs&limit=1')).json()) as typeof whole;
  expect(sqs.blueprints).toHaveLength(1);
  expect(sqs.total).toBeGreaterThan(1);
  expect(sqs.nextOffset).toBe(1);
  for (const [query, field] of [
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['limit=ten', 'limit'],
    ['offset=-1', 'offset'],
  ] as const) {
    const bad = await request.get(`/api/v1/blueprints?${query}`);
    expect(bad.status(), query).toBe(422);
    expect((await bad.json()).error.fields, query).toHaveProperty(field);
  }
});

test('one blueprint: metadata, typed parameters, outputs with their meaning, dashboards, capabilities and the graph', async ({ request }) => {
  const res = await request.get('/api/v1/blueprints/ec2-state-change-enrichment');
  expect(res.status()).toBe(200);
  const bp = await res.json();
  expect(bp).toMatchObject({ slug: 'ec2-state-change-enrichment', sandbox: { deployable: true } });
  expect(bp.parameters.find((p: { name: string }) => p.name === 'OperatorEmail')).toMatchObject({ type: 'String' });
  expect(bp.outputs.map((o: { name: string }) => o.name)).toContain('StateMachineArn');
  expect(bp.dashboards).toContainEqual(expect.objectContaining({ kind: 'stepfunctions', stateMachineArnOutput: 'StateMachineArn' }));
  expect(bp.capabilities).toContain('CAPABILITY_IAM');
  // The diagram's event flow: the EventBridge rule reaches the state machine.
  const byId = new Map<string, { type: string }>(bp.graph.nodes.map((n: { id: string; type: string }) => [n.id, n]));
  const ruleToMachine = bp.graph.edges.find(
    (e: { source: string; target: string; kind: string }) =>
      byId.get(e.source)?.type === 'AWS::Events::Rule' && byId.get(e.target)?.type === 'AWS::StepFunctions::StateMachine' && e.kind === 'event',
  );
  expect(ruleToMachine, JSON.stringify(bp.graph.edges)).toBeTruthy();

  const sam = await (await request.get('/api/v1/blueprints/image-moderation-least-privilege')).json();
  // A SAM template: its connectors are permission edges from the state machine, not nodes.
  expect(sam.capabilities).toEqual(['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND']);
  expect(sam.graph.nodes.map((n: { type: string }) => n.type)).not.toContain('AWS::Serverless::Connector');
  expect(sam.graph.edges).toContainEqual(
    expect.objectContaining({ source: 'ImageCatalogStateMachine', target: 'CatalogTable', kind: 'permission', label: 'Write' }),
  );

  const missing = await request.get('/api/v1/blueprints/no-such-pattern');
  expect(missing.status()).toBe(404);
  expect((await missing.json()).error.code).toBe('NOT_FOUND');
});
