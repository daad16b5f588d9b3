import { expect, test, request as playwrightRequest } from '@playwright/test';
import { storageState } from '../users';

type Operation = { method: string; path: string; public: boolean };

async function listOperations(baseURL: string): Promise<Operation[]> {
  const ctx = await playwrightRequest.newContext({ baseURL });
  const doc = (await (await ctx.get('/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, { security?: unknown[] }>> };
  await ctx.dispose();
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, public: Array.isArray(op.security) && op.security.length === 0 })),
  );
}

test('every non-public API operation answers 401 without credentials', async ({ baseURL }) => {
  const ops = await listOperations(baseURL!);
  expect(ops.length).toBeGreaterThan(10);
  const anonymous = await playwrightRequest.newContext({ baseURL });
  for (const op of ops.filter((o) => !o.public)) {
    const url = op.path.replace(/\{[^}]+\}/g, 'x');
    const res = await anonymous.fetch(url, { method: op.method, data: op.method === 'GET' || op.method === 'DELETE' ? undefined : {} });
    expect(res.status(), `${op.method} ${op.path}`).toBe(401);
    expect((await res.json()).error.code, `${op.method} ${op.path}`).toBe('UNAUTHENTICATED');
  }
  const bad = await anonymous.get('/api/v1/me', { headers: { Authorization: 'Bearer slw_not-a-real-token-at-all-000000' } });
  expect(bad.status()).toBe(401);
  await anonymous.dispose();
});

test('public operations answer without credentials', async ({ request }) => {
  const health = await request.get('/api/v1/health');
  expect(health.status()).toBe(200);
  const body = await health.json();
  expect(body.dependencies.map((d: { name: string }) => d.name)).toEqual(['database', 'sandbox-aws', 'kafka']);
  expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|password|secret/i);
});

test.describe('as a falcon developer', () => {
  test.use({ storageState: storageState('falconDev') });

  test('own team is readable, another team is refused with 403', async ({ request }) => {
    const own = await request.get('/api/v1/teams/falcon');
    expect(own.status()).toBe(200);
    expect((await own.json()).members.map((m: { email: string }) => m.email)).toContain('falcon-dev@example.com');
    const other = await request.get('/api/v1/teams/eagle');
    expect(other.status()).toBe(403);
    expect((await other.json()).error).toMatchObject({ code: 'FORBIDDEN' });
  });

  test('bad input is a 422 that names the field and the rule', async ({ request }) => {
    const unknown = await request.post('/api/v1/tokens', { data: { name: 'ci', colour: 'blue' } });
    expect(unknown.status()).toBe(422);
    expect((await unknown.json()).error.fields).toHaveProperty('colour');
    const wrongType = await request.post('/api/v1/tokens', { data: { name: 42 } });
    expect(wrongType.status()).toBe(422);
    expect((await wrongType.json()).error.fields).toHaveProperty('name');
    const range = await request.post('/api/v1/tokens', { data: { name: 'x', expiresInDays: 999 } });
    expect((await range.json()).error.fields.expiresInDays[0]).toMatch(/at most 365/);
    const malformed = await request.post('/api/v1/tokens', { data: '{not json', headers: { 'content-type': 'application/json' } });
    expect(malformed.status()).toBe(422);
    expect((await malformed.json()).error.fields).toHaveProperty('body');
  });

  test('an API token works as a bearer token until it is revoked', async ({ request, baseURL }) => {
    const created = await request.post('/api/v1/tokens', { data: { name: 'e2e automation' } });
    expect(created.status()).toBe(201);
    const { token, id, prefix } = await created.json();
    expect(token).toMatch(/^slw_/);
    expect(token.startsWith(prefix)).toBe(true);
    const listed = await (await request.get('/api/v1/tokens')).json();
    expect(JSON.stringify(listed)).not.toContain(token);

    const bearer = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
    const me = await bearer.get('/api/v1/me');
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({ email: 'falcon-dev@example.com', authenticatedWith: 'token' });
    expect((await request.delete(`/api/v1/tokens/${id}`)).status()).toBe(200);
    expect((await bearer.get('/api/v1/me')).status()).toBe(401);
    await bearer.dispose();
  });

  test('developers cannot register targets or read the audit log', async ({ request }) => {
    const res = await request.post('/api/v1/targets', {
      data: {
        name: 'falcon-prod',
        accountId: '111122223333',
        regions: ['us-east-1'],
        roleArn: 'arn:aws:iam::111122223333:role/slipway',
        externalId: 'abc-123',
      },
    });
    expect(res.status()).toBe(403);
    expect((await request.get('/api/v1/audit-log')).status()).toBe(403);
  });
});

test.describe('as the platform admin', () => {
  test.use({ storageState: storageState('admin') });

  test('registers a target for one team; only that team sees it; the external id never comes back', async ({ request, browser }) => {
    const teams = (await (await request.get('/api/v1/teams')).json()).teams as { id: string; slug: string }[];
    const eagle = teams.find((t) => t.slug === 'eagle')!;
    const name = `eagle-${Date.now()}`;
    const bad = await request.post('/api/v1/targets', { data: { name, accountId: '12345', regions: ['us-east-1'], roleArn: 'nope', externalId: 'x' } });
    expect(bad.status()).toBe(422);
    expect(Object.keys((await bad.json()).error.fields)).toEqual(expect.arrayContaining(['accountId', 'roleArn', 'externalId']));

    const created = await request.post('/api/v1/targets', {
      data: {
        name,
        accountId: '444455556666',
        regions: ['eu-west-1'],
        roleArn: 'arn:aws:iam::444455556666:role/slipway-deployer',
        externalId: 'very-secret-external-id',
        teamIds: [eagle.id],
      },
    });
    expect(created.status()).toBe(201);
    const target = await created.json();
    expect(target).toMatchObject({ name, hasExternalId: true });
    expect(JSON.stringify(target)).not.toContain('very-secret-external-id');

    const falcon = await browser.newContext({ storageState: storageState('falconDev') });
    const falconTargets = await (await falcon.request.get('/api/v1/targets')).json();
    expect(falconTargets.targets.map((t: { name: string }) => t.name)).not.toContain(name);
    const eagleCtx = await browser.newContext({ storageState: storageState('eagleDev') });
    const eagleTargets = await (await eagleCtx.request.get('/api/v1/targets')).json();
    expect(eagleTargets.targets.map((t: { name: string }) => t.name)).toContain(name);
    await falcon.close();
    await eagleCtx.close();

    const audit = await (await request.get('/api/v1/audit-log')).json();
    expect(audit.entries.some((e: { action: string; resourceId: string }) => e.action === 'target.create' && e.resourceId === target.id)).toBe(true);
    expect(JSON.stringify(audit)).not.toContain('very-secret-external-id');
    expect((await request.delete(`/api/v1/targets/${target.id}`)).status()).toBe(200);
  });
});
