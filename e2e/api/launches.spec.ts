import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { storageState } from '../users';

test.describe.configure({ mode: 'serial' });
const uid = () => Math.random().toString(36).slice(2, 8);

async function waitSettled(request: APIRequestContext, id: string, timeout = 90_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const res = await request.get(`/api/v1/launches/${id}`);
    const body = await res.json();
    if (!/_IN_PROGRESS$/.test(body.status) && !body.operation) return body;
    if (Date.now() > deadline) throw new Error(`launch ${id} still ${body.status}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Everything the portal stored, as text: the SQLite file (and its WAL), or every PostgreSQL table. */
async function databaseText(): Promise<string> {
  const url = process.env.DATABASE_URL ?? '';
  if (url.startsWith('file:')) {
    const file = url.slice('file:'.length);
    return [file, `${file}-wal`]
      .filter(existsSync)
      .map((f) => readFileSync(f).toString('latin1'))
      .join('\n');
  }
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const tables = await client.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
  let text = '';
  for (const { tablename } of tables.rows)
    text += (await client.query(`SELECT row_to_json(t)::text AS j FROM "${tablename}" t`)).rows.map((r) => r.j).join('\n');
  await client.end();
  return text;
}

function logsText(): string {
  const dir = path.join(process.env.SLIPWAY_DATA_DIR ?? '.data/test', 'logs');
  return existsSync(dir)
    ? readdirSync(dir)
        .map((f) => readFileSync(path.join(dir, f), 'utf8'))
        .join('\n')
    : '';
}

test.describe('as a falcon developer', () => {
  test.use({ storageState: storageState('falconDev') });

  test('a NoEcho value reaches AWS but never the database, the logs or any response', async ({ request }) => {
    test.setTimeout(120_000);
    const secret = `api-key-${uid()}-${uid()}`;
    const body = {
      blueprint: 'test-secret-parameter',
      target: 'sandbox',
      region: 'us-east-1',
      stackName: `api-secret-${uid()}`,
      parameters: { ApiKey: secret, Label: 'visible-label' },
    };
    const responses: string[] = [];
    const preview = await request.post('/api/v1/launches/preview', { data: body });
    responses.push(await preview.text());
    expect(preview.status()).toBe(200);
    const launched = await request.post('/api/v1/launches', { data: { ...body, previewId: (await preview.json()).previewId } });
    responses.push(await launched.text());
    expect(launched.status()).toBe(201);
    const { id } = await launched.json();
    const done = await waitSettled(request, id);
    expect(done.status).toBe('CREATE_COMPLETE');
    expect(done.parameters).toMatchObject({ ApiKey: '****', Label: 'visible-label' });
    expect(done.secretParameters).toEqual(['ApiKey']);
    responses.push(JSON.stringify(done), await (await request.get('/api/v1/launches')).text(), await (await request.get(`/api/v1/launches/${id}`)).text());

    // The value did reach AWS: the stack's secret holds it.
    const secretArn = done.outputs.find((o: { key: string }) => o.key === 'SecretArn').value;
    const sm = new SecretsManagerClient({
      region: 'us-east-1',
      endpoint: process.env.SANDBOX_AWS_ENDPOINT,
      credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
    });
    expect((await sm.send(new GetSecretValueCommand({ SecretId: secretArn }))).SecretString).toBe(secret);

    for (const r of responses) expect(r).not.toContain(secret);
    expect(await databaseText()).not.toContain(secret);
    // The portal's output reaches its log file through a pipe: wait until this launch's line is there.
    await expect.poll(() => logsText().includes(`"stackName":"${body.stackName}"`), { timeout: 10_000 }).toBe(true);
    expect(logsText()).not.toContain(secret);

    // An update that leaves the secret out keeps it (UsePreviousValue), still never stored.
    const upd = await request.post(`/api/v1/launches/${id}/update`, { data: { parameters: { Label: 'relabelled' } } });
    expect(upd.status()).toBe(202);
    expect(await upd.text()).not.toContain(secret);
    expect((await waitSettled(request, id)).status).toBe('UPDATE_COMPLETE');
    expect((await sm.send(new GetSecretValueCommand({ SecretId: secretArn }))).SecretString).toBe(secret);
    expect(await databaseText()).not.toContain(secret);
    expect((await request.delete(`/api/v1/launches/${id}`)).status()).toBe(202);
  });

  test('two identical concurrent launch requests create one stack; a different one for the same name is 409', async ({ request }) => {
    test.setTimeout(120_000);
    const body = { blueprint: 'sqs-managed-encryption', target: 'sandbox', region: 'us-east-1', stackName: `api-twice-${uid()}`, parameters: {} };
    const [a, b] = await Promise.all([request.post('/api/v1/launches', { data: body }), request.post('/api/v1/launches', { data: body })]);
    expect([a.status(), b.status()].sort()).toEqual([200, 201]);
    const [ja, jb] = [await a.json(), await b.json()];
    expect(ja.id).toBe(jb.id);
    const list = await (await request.get('/api/v1/launches?scope=mine')).json();
    expect(list.launches.filter((l: { stackName: string }) => l.stackName === body.stackName)).toHaveLength(1);
    await waitSettled(request, ja.id);
    const other = await request.post('/api/v1/launches', { data: { ...body, parameters: { VisibilityTimeout: 99 } } });
    expect(other.status()).toBe(409);
    expect((await other.json()).error.fields).toHaveProperty('stackName');
    expect((await request.delete(`/api/v1/launches/${ja.id}`)).status()).toBe(202);
  });

  test('a SAM blueprint previews the resources its transform expands to', async ({ request }) => {
    const res = await request.post('/api/v1/launches/preview', {
      data: {
        blueprint: 'image-moderation-least-privilege',
        target: 'sandbox',
        region: 'us-east-1',
        stackName: `api-sam-${uid()}`,
        parameters: { ModeratorEmail: 'moderators@example.com' },
      },
    });
    expect(res.status(), await res.text()).toBe(200);
    const body = await res.json();
    expect((await request.delete(`/api/v1/launches/${body.previewId}`)).ok()).toBe(true);
    expect(body.capabilities).toEqual(expect.arrayContaining(['CAPABILITY_AUTO_EXPAND']));
    const changes = (body.changes as { logicalId: string; resourceType: string }[]).map((c) => `${c.logicalId}:${c.resourceType}`);
    expect(changes).toEqual(
      expect.arrayContaining([
        'ImageCatalogStateMachineRole:AWS::IAM::Role',
        'ImageCatalogStateMachineToIngestionBucketConnectorPolicy:AWS::IAM::ManagedPolicy',
      ]),
    );
    expect(changes.filter((change) => change.includes('AWS::Serverless::'))).toEqual([]);
  });

  test('the preview estimates the monthly cost for the chosen parameters', async ({ request }) => {
    const preview = async (parameters: Record<string, unknown>) => {
      const res = await request.post('/api/v1/launches/preview', {
        data: { blueprint: 'sqs-batch-lambda', target: 'sandbox', region: 'us-east-1', stackName: `api-cost-${uid()}`, parameters },
      });
      expect(res.status(), await res.text()).toBe(200);
      const body = await res.json();
      // A preview leaves only a change set; discarding it removes the review stack.
      expect((await request.delete(`/api/v1/launches/${body.previewId}`)).ok()).toBe(true);
      return body.costEstimate as { monthlyUsd: number; summary: string };
    };
    const single = await preview({ BatchSize: 1, FunctionMemory: 1024 });
    const batched = await preview({ BatchSize: 10, FunctionMemory: 1024 });
    expect(single.summary).toMatch(/^\$[\d,.]+\/month for batches of 1, us-east-1/);
    expect(batched.summary).toMatch(/for batches of 10, us-east-1/);
    // Ten messages per invocation pay the warm latency once instead of ten times.
    expect(batched.monthlyUsd).toBeGreaterThan(0);
    expect(batched.monthlyUsd).toBeLessThan(single.monthlyUsd);
    // More memory for the same work costs more.
    expect((await preview({ BatchSize: 1, FunctionMemory: 2048 })).monthlyUsd).toBeGreaterThan(single.monthlyUsd);
  });

  test('bad launch input is a 422 naming the field and the rule', async ({ request }) => {
    const res = await request.post('/api/v1/launches/preview', {
      data: { blueprint: 'sqs-managed-encryption', target: 'sandbox', region: 'us-east-1', stackName: 'ok-name', parameters: { MessageRetentionPeriod: 10 } },
    });
    expect(res.status()).toBe(422);
    expect((await res.json()).error.fields['parameters.MessageRetentionPeriod'][0]).toMatch(/from 60 seconds/);
    const unknown = await request.post('/api/v1/launches', {
      data: { blueprint: 'sqs-managed-encryption', target: 'sandbox', region: 'us-east-1', stackName: 'x', colour: 'red' },
    });
    expect(unknown.status()).toBe(422);
    expect((await unknown.json()).error.fields).toHaveProperty('colour');
    const region = await request.post('/api/v1/launches/preview', {
      data: { blueprint: 'sqs-managed-encryption', target: 'sandbox', region: 'sa-east-1', stackName: 'ok-name' },
    });
    expect((await region.json()).error.fields.region[0]).toMatch(/must be one of/);
  });
});

test('viewers cannot launch, update or delete; other teams cannot read, update, delete or launch for the team', async ({ browser }) => {
  test.setTimeout(120_000);
  const dev = await browser.newContext({ storageState: storageState('falconDev') });
  const viewer = await browser.newContext({ storageState: storageState('falconViewer') });
  const eagle = await browser.newContext({ storageState: storageState('eagleDev') });
  const body = { blueprint: 'sqs-managed-encryption', target: 'sandbox', region: 'us-east-1', stackName: `api-teams-${uid()}` };
  expect((await viewer.request.post('/api/v1/launches', { data: body })).status()).toBe(403);
  const created = await dev.request.post('/api/v1/launches', { data: body });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  await waitSettled(dev.request, id);
  expect((await viewer.request.get(`/api/v1/launches/${id}`)).status()).toBe(200);
  expect((await eagle.request.get(`/api/v1/launches/${id}`)).status()).toBe(403);
  expect((await eagle.request.post(`/api/v1/launches/${id}/update`, { data: { parameters: {} } })).status()).toBe(403);
  expect((await eagle.request.delete(`/api/v1/launches/${id}`)).status()).toBe(403);
  expect((await viewer.request.post(`/api/v1/launches/${id}/update`, { data: { parameters: { VisibilityTimeout: 60 } } })).status()).toBe(403);
  expect((await viewer.request.delete(`/api/v1/launches/${id}`)).status()).toBe(403);
  // Launching in another team's name is refused even with a free stack name.
  const forFalcon = await eagle.request.post('/api/v1/launches', { data: { ...body, stackName: `api-teams-${uid()}`, team: 'falcon' } });
  expect(forFalcon.status()).toBe(403);
  expect((await forFalcon.json()).error.message).toMatch(/not a member of team falcon/);
  const eagleList = await (await eagle.request.get('/api/v1/launches')).json();
  expect(eagleList.launches.map((l: { id: string }) => l.id)).not.toContain(id);
  expect((await eagle.request.get('/api/v1/launches?scope=all')).status()).toBe(403);
  expect((await dev.request.delete(`/api/v1/launches/${id}`)).status()).toBe(202);
  await Promise.all([dev.close(), viewer.close(), eagle.close()]);
});

test('the list pages on the server: every launch once, newest first, and never another team’s', async ({ browser }) => {
  test.setTimeout(120_000);
  const dev = await browser.newContext({ storageState: storageState('falconDev') });
  const eagle = await browser.newContext({ storageState: storageState('eagleDev') });
  type Page = { launches: { id: string; createdAt: string; team: { slug: string } }[]; nextCursor: string | null };
  const walk = async (request: APIRequestContext, filters: string, limit: number) => {
    const seen: Page['launches'] = [];
    let cursor: string | null = null;
    for (let pages = 1; pages < 500; pages++) {
      const res = await request.get(`/api/v1/launches?${filters}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status(), await res.text()).toBe(200);
      const page = (await res.json()) as Page;
      expect(page.launches.length).toBeLessThanOrEqual(limit);
      seen.push(...page.launches);
      if (page.nextCursor === null) return { seen, pages };
      cursor = page.nextCursor;
    }
    throw new Error('the pages never ended');
  };
  const created = await dev.request.post('/api/v1/launches', {
    data: { blueprint: 'sqs-managed-encryption', target: 'sandbox', region: 'us-east-1', stackName: `api-pages-${uid()}` },
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  try {
    // The earlier tests' launches (deleted since) and this one: more than one page of one.
    const whole = (await (await dev.request.get('/api/v1/launches?includeDeleted=true&limit=200')).json()) as Page;
    expect(whole.launches[0]!.id).toBe(id);
    const { seen, pages } = await walk(dev.request, 'includeDeleted=true', 1);
    expect(pages).toBeGreaterThan(1);
    expect(seen.map((l) => l.id)).toEqual(whole.launches.map((l) => l.id));
    expect(new Set(seen.map((l) => l.id)).size).toBe(seen.length);
    const times = seen.map((l) => Date.parse(l.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(new Set(seen.map((l) => l.team.slug))).toEqual(new Set(['falcon']));
    // The default page and the old field still answer as before.
    const plain = await (await dev.request.get('/api/v1/launches')).json();
    expect(plain.launches.map((l: { id: string }) => l.id)).toContain(id);
    expect(plain).toHaveProperty('nextCursor');

    // Eagle's pages, followed to the end, never hold falcon's launches, even from falcon's cursor.
    const eagleSeen = await walk(eagle.request, 'includeDeleted=true', 2);
    expect(eagleSeen.seen.filter((l) => l.team.slug !== 'eagle')).toEqual([]);
    const falconCursor = ((await (await dev.request.get('/api/v1/launches?includeDeleted=true&limit=1')).json()) as Page).nextCursor!;
    const fromFalcon = (await (await eagle.request.get(`/api/v1/launches?includeDeleted=true&cursor=${falconCursor}`)).json()) as Page;
    expect(fromFalcon.launches.filter((l) => l.team.slug !== 'eagle')).toEqual([]);
  } finally {
    await waitSettled(dev.request, id);
    expect((await dev.request.delete(`/api/v1/launches/${id}`)).status()).toBe(202);
    await Promise.all([dev.close(), eagle.close()]);
  }
});

test.describe('the list’s paging input', () => {
  test.use({ storageState: storageState('falconDev') });

  test('a limit outside 1 to 200, or not a whole number, is a 422 naming limit and the rule', async ({ request }) => {
    for (const limit of ['0', '201', 'ten', '2.5']) {
      const res = await request.get(`/api/v1/launches?limit=${limit}`);
      expect(res.status(), limit).toBe(422);
      expect((await res.json()).error.fields.limit[0], limit).toMatch(/^limit must be (a whole number from 1 to 200|at most 200)$/);
    }
    expect((await request.get('/api/v1/launches?limit=200')).status()).toBe(200);
  });

  test('a cursor this API did not give out is a 422 naming cursor', async ({ request }) => {
    for (const cursor of ['not a cursor!', Buffer.from('yesterday|abc').toString('base64url'), 'bm90LWEtY3Vyc29y']) {
      const res = await request.get(`/api/v1/launches?cursor=${encodeURIComponent(cursor)}`);
      expect(res.status(), cursor).toBe(422);
      expect((await res.json()).error.fields.cursor[0], cursor).toMatch(/nextCursor of an earlier page/);
    }
  });
});
