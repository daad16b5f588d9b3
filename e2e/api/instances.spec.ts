import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import { fromPortalPage } from '../support/origin';
import { storageState } from '../users';
import { freePort } from '../../sandbox/lib/net.mjs';

// Web instances keep nothing of their own: a second `next start` of the same build on the same
// database (SQLite here, PostgreSQL in CI's second pass) serves the same session, and a launch
// previewed on one, started on the other and torn down from either is one launch everywhere. Both
// sit behind one address in production, which is why the second is sent the first one's Origin.

async function startSecondInstance(): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-H', '127.0.0.1', '-p', String(port)], {
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port) },
    stdio: 'ignore',
  });
  const url = `http://localhost:${port}`;
  await expect
    .poll(async () => (await fetch(`${url}/api/v1/health`).catch(() => null))?.status ?? 0, { timeout: 60_000, intervals: [250, 500, 1_000] })
    .toBeGreaterThan(0);
  return { url, stop: () => child.kill('SIGTERM') };
}

async function waitSettled(request: APIRequestContext, id: string) {
  let body: { status: string; operation: string | null } = { status: '', operation: null };
  await expect
    .poll(
      async () => {
        body = await (await request.get(`/api/v1/launches/${id}`)).json();
        return !/_IN_PROGRESS$/.test(body.status) && !body.operation;
      },
      { timeout: 90_000, intervals: [500] },
    )
    .toBe(true);
  return body;
}

test.use({ storageState: storageState('falconDev') });

test('two web instances on one database: a launch previewed on one and started on the other is the same launch on both', async ({ request }) => {
  test.setTimeout(180_000);
  const second = await startSecondInstance();
  const other = await playwrightRequest.newContext({ baseURL: second.url, storageState: storageState('falconDev'), extraHTTPHeaders: fromPortalPage });
  try {
    // The session made on the first instance is valid on the second.
    expect(await (await other.get('/api/v1/me')).json()).toMatchObject({ email: 'falcon-dev@example.com' });

    const body = { blueprint: 'sqs-managed-encryption', target: 'sandbox', region: 'us-east-1', stackName: `api-two-${Date.now().toString(36)}` };
    const preview = await request.post('/api/v1/launches/preview', { data: body });
    expect(preview.status(), await preview.text()).toBe(200);
    const { previewId } = await preview.json();
    const launched = await other.post('/api/v1/launches', { data: { ...body, previewId } });
    expect(launched.status(), await launched.text()).toBe(201);
    const { id } = await launched.json();
    expect(id).toBe(previewId);
    // Starting it again on the first instance is the same launch, not a second stack.
    const again = await request.post('/api/v1/launches', { data: { ...body, previewId } });
    expect((await again.json()).id).toBe(id);

    expect(await waitSettled(request, id)).toMatchObject({ status: 'CREATE_COMPLETE' });
    const listed = async (ctx: APIRequestContext) =>
      ((await (await ctx.get('/api/v1/launches?includeDeleted=true')).json()).launches as { id: string; status: string }[]).find((l) => l.id === id)?.status;
    expect(await listed(other)).toBe('CREATE_COMPLETE');

    const teardown = await other.delete(`/api/v1/launches/${id}`, { data: {} });
    expect(teardown.status(), await teardown.text()).toBe(202);
    expect(await waitSettled(request, id)).toMatchObject({ status: 'DELETED' });
    expect(await listed(other)).toBe('DELETED');
  } finally {
    await other.dispose();
    second.stop();
  }
});
