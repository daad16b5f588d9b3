import { expect, request as playwrightRequest, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { storageState, type UserKey } from '../users';
import { fromPortalPage } from '../support/origin';

// Targets administration and the audit log through the API (issue 17): a platform admin edits a
// target (the external id write-only), tests its connection against the sandbox, and reads the
// changes back from the audit log, filtered, paged and exported as JSON lines; everyone else is refused.

type Target = {
  id: string;
  name: string;
  regions: string[];
  teamIds: string[];
  roleArn: string | null;
  hasExternalId: boolean;
  lastAnsweredAt: string | null;
  lastError: string | null;
};
type Entry = {
  id: string;
  at: string;
  actorEmail: string;
  teamId: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  outcome: string;
  details: Record<string, unknown>;
};

const run = Date.now().toString(36);
const SECRET = `e2e-ext-${run}-first`;
const NEW_SECRET = `e2e-ext-${run}-second`;
const ACCOUNT = '210987654321';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/slipway-deployer`;

const ctx = {} as Record<'anonymous' | UserKey, APIRequestContext>;
let teams: { falcon: string; eagle: string };
let target: Target;
let sandboxId: string;

async function json<T>(res: APIResponse, status: number): Promise<T> {
  expect(res.status(), await res.text()).toBe(status);
  return (await res.json()) as T;
}

const entriesOf = async (query: string) => await json<{ entries: Entry[]; nextCursor: string | null }>(await ctx.admin.get(`/api/v1/audit-log?${query}`), 200);

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ baseURL }) => {
  ctx.anonymous = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: fromPortalPage });
  for (const user of ['admin', 'falconViewer', 'falconDev', 'eagleAdmin'] as const) {
    ctx[user] = await playwrightRequest.newContext({ baseURL, storageState: storageState(user), extraHTTPHeaders: fromPortalPage });
  }
  const all = (await json<{ teams: { id: string; slug: string }[] }>(await ctx.admin.get('/api/v1/teams'), 200)).teams;
  teams = { falcon: all.find((t) => t.slug === 'falcon')!.id, eagle: all.find((t) => t.slug === 'eagle')!.id };
  const listed = (await json<{ targets: (Target & { isSandbox: boolean })[] }>(await ctx.admin.get('/api/v1/targets'), 200)).targets;
  sandboxId = listed.find((t) => t.isSandbox)!.id;
  target = await json<Target>(
    await ctx.admin.post('/api/v1/targets', {
      data: { name: `admin17-${run}`, accountId: ACCOUNT, regions: ['us-east-1'], roleArn: ROLE, externalId: SECRET, teamIds: [teams.falcon] },
    }),
    201,
  );
});

test.afterAll(async () => {
  await ctx.admin.delete(`/api/v1/targets/${target.id}`);
  await Promise.all(Object.values(ctx).map((c) => c.dispose()));
});

test('a platform admin edits regions and teams; a blank external id keeps the stored one', async () => {
  const edited = await json<Target>(
    await ctx.admin.patch(`/api/v1/targets/${target.id}`, {
      data: { regions: ['us-east-1', 'eu-west-1'], teamIds: [teams.falcon, teams.eagle], externalId: '' },
    }),
    200,
  );
  expect(edited).toMatchObject({ regions: ['us-east-1', 'eu-west-1'], hasExternalId: true, roleArn: ROLE });
  expect([...edited.teamIds].sort()).toEqual([teams.falcon, teams.eagle].sort());
  // eagle's developers now see it too.
  const eagleDev = await playwrightRequest.newContext({ baseURL: test.info().project.use.baseURL, storageState: storageState('eagleDev') });
  expect((await json<{ targets: Target[] }>(await eagleDev.get('/api/v1/targets'), 200)).targets.map((t) => t.id)).toContain(target.id);
  await eagleDev.dispose();
});

test('the external id is write-only: replaced and cleared, never in any answer', async () => {
  const replaced = await ctx.admin.patch(`/api/v1/targets/${target.id}`, { data: { externalId: NEW_SECRET } });
  const replacedText = await replaced.text();
  expect(replaced.status(), replacedText).toBe(200);
  expect(JSON.parse(replacedText)).toMatchObject({ hasExternalId: true });
  for (const res of [replaced, await ctx.admin.get('/api/v1/targets'), await ctx.falconDev.get('/api/v1/targets')]) {
    const text = await res.text();
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(NEW_SECRET);
    expect(text).not.toMatch(/"externalId"/);
  }
  const cleared = await json<Target>(await ctx.admin.patch(`/api/v1/targets/${target.id}`, { data: { externalId: null } }), 200);
  expect(cleared.hasExternalId).toBe(false);
  await json<Target>(await ctx.admin.patch(`/api/v1/targets/${target.id}`, { data: { externalId: SECRET } }), 200);
});

test('a bad edit is a 422 naming the field and the rule', async () => {
  const cases: [unknown, string, RegExp][] = [
    [{ roleArn: 'arn:aws:iam::444455556666:role/x' }, 'roleArn', /role in the target's account 210987654321/],
    [{ roleArn: 'not-an-arn' }, 'roleArn', /must be an IAM role ARN/],
    [{ regions: ['mars-north-1x'] }, 'regions.0', /AWS region name/],
    [{ regions: ['us-east-1', 'us-east-1'] }, 'regions', /twice/],
    [{ regions: [] }, 'regions', /at least one region/],
    [{ teamIds: ['no-such-team'] }, 'teamIds', /names no team: no-such-team/],
    [{ externalId: 'x' }, 'externalId', /at least 2 characters/],
    [{ name: 'renamed' }, 'name', /not a known field/],
  ];
  for (const [data, field, rule] of cases) {
    const body = await json<{ error: { code: string; fields: Record<string, string[]> } }>(
      await ctx.admin.patch(`/api/v1/targets/${target.id}`, { data }),
      422,
    );
    expect(body.error.code, JSON.stringify(data)).toBe('VALIDATION');
    expect(body.error.fields[field]?.join(' '), JSON.stringify(data)).toMatch(rule);
  }
  await json(await ctx.admin.patch('/api/v1/targets/no-such-target', { data: { regions: ['us-east-1'] } }), 404);
  await json(await ctx.admin.patch(`/api/v1/targets/${sandboxId}`, { data: { teamIds: [teams.falcon] } }), 422);
});

test('test the connection: the sandbox without a role, a registered role, and a role in another account', async () => {
  const sandbox = await json<{ ok: boolean; steps: { name: string; status: string }[] }>(await ctx.admin.post(`/api/v1/targets/${sandboxId}/test`), 200);
  expect(sandbox.ok).toBe(true);
  expect(sandbox.steps.map((s) => `${s.name} ${s.status}`)).toEqual(['AssumeRole skipped', 'GetCallerIdentity ok']);

  const res = await ctx.admin.post(`/api/v1/targets/${target.id}/test`);
  const text = await res.text();
  expect(res.status(), text).toBe(200);
  expect(text).not.toContain(SECRET);
  const ok = JSON.parse(text) as { ok: boolean; identity: { arn: string }; target: Target };
  expect(ok).toMatchObject({ ok: true, identity: { arn: `arn:aws:sts::${ACCOUNT}:assumed-role/slipway-deployer/slipway-connection-test` } });
  expect(Date.now() - Date.parse(ok.target.lastAnsweredAt!)).toBeLessThan(5 * 60_000);

  const mismatched = await json<Target>(
    await ctx.admin.post('/api/v1/targets', {
      data: { name: `admin17-${run}-bad`, accountId: '111122223333', regions: ['us-east-1'], roleArn: ROLE, externalId: SECRET },
    }),
    201,
  );
  const failed = await json<{ ok: boolean; error: string }>(await ctx.admin.post(`/api/v1/targets/${mismatched.id}/test`), 200);
  expect(failed).toMatchObject({ ok: false, error: `The credentials answered as account ${ACCOUNT}, not the target's account 111122223333.` });
  const listed = (await json<{ targets: Target[] }>(await ctx.admin.get('/api/v1/targets'), 200)).targets;
  expect(listed.find((t) => t.id === mismatched.id)).toMatchObject({ lastAnsweredAt: null, lastError: failed.error });
  expect(listed.find((t) => t.id === target.id)?.lastAnsweredAt).not.toBeNull();
  await json(await ctx.admin.delete(`/api/v1/targets/${mismatched.id}`), 200);
});

test('the audit log has each change with old → new values, the external id only as set, replaced or cleared', async () => {
  const { entries } = await entriesOf(`resourceType=aws-target&action=target.update&actor=admin@example.com&limit=50`);
  const mine = entries.filter((e) => e.resourceId === target.id).reverse();
  expect(mine.map((e) => e.details.changes)).toEqual([
    { regions: { from: ['us-east-1'], to: ['us-east-1', 'eu-west-1'] }, teams: { from: ['falcon'], to: ['eagle', 'falcon'] } },
    { externalId: { from: 'set', to: 'replaced' } },
    { externalId: { from: 'set', to: 'cleared' } },
    { externalId: { from: 'not set', to: 'set' } },
  ]);
  const tests = await entriesOf(`action=target.test&outcome=failure`);
  expect(tests.entries[0]).toMatchObject({ action: 'target.test', outcome: 'failure', details: { error: expect.stringContaining('answered as account') } });
  const everything = JSON.stringify(await entriesOf('resourceType=aws-target&limit=500'));
  expect(everything).not.toContain(SECRET);
  expect(everything).not.toContain(NEW_SECRET);
});

test('filters and paging happen on the server', async () => {
  const family = await entriesOf('action=target.*&limit=500');
  expect(family.entries.length).toBeGreaterThan(4);
  expect(family.entries.every((e) => e.action.startsWith('target.'))).toBe(true);
  expect((await entriesOf('outcome=refused&limit=500')).entries.every((e) => e.outcome === 'refused')).toBe(true);
  expect((await entriesOf(`from=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`)).entries).toEqual([]);

  const first = await entriesOf('resourceType=aws-target&limit=2');
  expect(first.entries).toHaveLength(2);
  expect(first.nextCursor).toBeTruthy();
  const second = await entriesOf(`resourceType=aws-target&limit=2&cursor=${first.nextCursor}`);
  expect(second.entries).toHaveLength(2);
  expect(second.entries.map((e) => e.id)).not.toContain(first.entries[0]!.id);
  expect(Date.parse(second.entries[0]!.at)).toBeLessThanOrEqual(Date.parse(first.entries[1]!.at));

  const bad = await json<{ error: { fields: Record<string, string[]> } }>(await ctx.admin.get('/api/v1/audit-log?outcome=maybe&from=yesterday'), 422);
  expect(Object.keys(bad.error.fields).sort()).toEqual(['from', 'outcome']);
  await json(await ctx.admin.get('/api/v1/audit-log?cursor=bm90LWEtY3Vyc29y'), 422);
});

test('the export is JSON lines with the same filters, streamed as application/x-ndjson', async () => {
  const res = await ctx.admin.get('/api/v1/audit-log/export?resourceType=aws-target&action=target.update');
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toMatch(/^application\/x-ndjson/);
  const text = await res.text();
  expect(text.endsWith('\n')).toBe(true);
  const lines = text
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Entry);
  expect(lines.every((e) => e.resourceType === 'aws-target' && e.action === 'target.update')).toBe(true);
  expect(lines.filter((e) => e.resourceId === target.id)).toHaveLength(4);
  expect(text).not.toContain(SECRET);
  const listed = await entriesOf('resourceType=aws-target&action=target.update&limit=500');
  expect(lines.map((e) => e.id)).toEqual(listed.entries.map((e) => e.id));
});

test('a team admin reads only their team’s entries, and is refused another team’s', async () => {
  const rule = await json<{ id: string }>(
    await ctx.eagleAdmin.post(`/api/v1/targets/${sandboxId}/assignments`, { data: { team: 'eagle', kind: 'tag', key: 'admin17', value: run } }),
    201,
  );
  const own = await json<{ entries: Entry[] }>(await ctx.eagleAdmin.get('/api/v1/audit-log?limit=500'), 200);
  expect(own.entries.length).toBeGreaterThan(0);
  expect(own.entries.every((e) => e.teamId === teams.eagle)).toBe(true);
  expect(own.entries.find((e) => e.resourceId === rule.id)?.details.changes).toEqual({ rule: { from: null, to: `admin17=${run}` } });
  const exported = await ctx.eagleAdmin.get('/api/v1/audit-log/export?team=eagle');
  expect(exported.status()).toBe(200);
  const lines = (await exported.text())
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Entry);
  expect(lines.every((e) => e.teamId === teams.eagle)).toBe(true);
  await json(await ctx.eagleAdmin.get('/api/v1/audit-log?team=falcon'), 403);
  await json(await ctx.eagleAdmin.get('/api/v1/audit-log/export?team=falcon'), 403);
  await json(await ctx.eagleAdmin.delete(`/api/v1/targets/${sandboxId}/assignments/${rule.id}`), 200);
});

test('viewers, developers, a team admin and anonymous callers are refused', async () => {
  const calls = [
    { method: 'PATCH', path: `/api/v1/targets/${target.id}`, data: { regions: ['us-east-1'] } },
    { method: 'POST', path: `/api/v1/targets/${target.id}/test` },
    { method: 'GET', path: '/api/v1/audit-log' },
    { method: 'GET', path: '/api/v1/audit-log/export' },
  ];
  const expected: Record<'anonymous' | 'falconViewer' | 'falconDev' | 'eagleAdmin', number[]> = {
    anonymous: [401, 401, 401, 401],
    falconViewer: [403, 403, 403, 403],
    falconDev: [403, 403, 403, 403],
    // A team admin reads their own team's log, but targets are the platform's.
    eagleAdmin: [403, 403, 200, 200],
  };
  for (const [caller, statuses] of Object.entries(expected) as [keyof typeof expected, number[]][]) {
    for (const [i, call] of calls.entries()) {
      const res = await ctx[caller].fetch(call.path, { method: call.method, ...(call.data ? { data: call.data } : {}) });
      expect(res.status(), `${call.method} ${call.path} as ${caller}`).toBe(statuses[i]);
      expect(await res.text(), `${call.method} ${call.path} as ${caller}`).not.toContain(SECRET);
    }
  }
  // Nothing a refused caller sent changed the target.
  const listed = (await json<{ targets: Target[] }>(await ctx.admin.get('/api/v1/targets'), 200)).targets.find((t) => t.id === target.id);
  expect(listed?.regions).toEqual(['us-east-1', 'eu-west-1']);
});
