import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import { storageState, type UserKey } from '../users';
import { fromPortalPage } from '../support/origin';
import { REGION, uid } from '../support/sfn';

// Teams administration through the API: platform admins create, rename and archive teams (refused
// while a launch lives, naming it); a team's admins manage its local members and required tags;
// viewers, developers, another team's admin and anonymous callers are refused; launches are held to
// the tags' rules; every change is in the audit log with old -> new.

type Caller = UserKey | 'anonymous';
const ctx = {} as Record<Caller, APIRequestContext>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are checked field by field below
type Json = any;

async function call(caller: Caller, method: string, path: string, data?: unknown): Promise<{ status: number; body: Json }> {
  const res = await ctx[caller].fetch(path, { method, ...(data !== undefined ? { data } : {}) });
  const text = await res.text();
  return { status: res.status(), body: text ? JSON.parse(text) : null };
}

async function expectStatus(caller: Caller, method: string, path: string, status: number, data?: unknown): Promise<Json> {
  const res = await call(caller, method, path, data);
  expect(res.status, `${method} ${path} as ${caller}: ${JSON.stringify(res.body)}`).toBe(status);
  return res.body;
}

const newSlug = (name: string) => `${name}-${uid()}`;
async function createTeam(name: string): Promise<{ id: string; slug: string }> {
  return expectStatus('admin', 'POST', '/api/v1/teams', 201, { slug: newSlug(name), name: `E2E ${name}` });
}

async function auditEntries(action: string): Promise<Json[]> {
  const { entries } = await expectStatus('admin', 'GET', '/api/v1/audit-log', 200);
  return (entries as Json[]).filter((e) => e.action === action);
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ baseURL }) => {
  ctx.anonymous = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: fromPortalPage });
  for (const user of ['admin', 'falconAdmin', 'eagleAdmin', 'falconDev', 'falconViewer'] as const) {
    ctx[user] = await playwrightRequest.newContext({ baseURL, storageState: storageState(user), extraHTTPHeaders: fromPortalPage });
  }
});

test.afterAll(async () => {
  await Promise.all(Object.values(ctx).map((c) => c.dispose()));
});

test('platform admins create and rename teams; nobody else may, and bad input names its field', async () => {
  const slug = newSlug('heron');
  for (const caller of ['falconAdmin', 'falconDev', 'falconViewer'] as const) {
    await expectStatus(caller, 'POST', '/api/v1/teams', 403, { slug, name: 'Heron' });
  }
  await expectStatus('anonymous', 'POST', '/api/v1/teams', 401, { slug, name: 'Heron' });
  const bad = await expectStatus('admin', 'POST', '/api/v1/teams', 422, { slug: 'Heron!', name: '' });
  expect(Object.keys(bad.error.fields).sort()).toEqual(['name', 'slug']);
  expect(bad.error.fields.slug[0]).toMatch(/lower-case letters, digits and hyphens/);

  const team = await expectStatus('admin', 'POST', '/api/v1/teams', 201, { slug, name: 'Heron' });
  expect(team).toMatchObject({ slug, name: 'Heron', requiredTags: [], archivedAt: null });
  const taken = await expectStatus('admin', 'POST', '/api/v1/teams', 409, { slug, name: 'Other' });
  expect(taken.error.fields.slug).toEqual(['is taken by another team']);

  await expectStatus('falconAdmin', 'PATCH', `/api/v1/teams/${team.id}`, 403, { name: 'Heron two' });
  await expectStatus('admin', 'PATCH', `/api/v1/teams/${team.id}`, 200, { name: 'Heron two' });
  expect((await expectStatus('admin', 'GET', `/api/v1/teams/${team.id}`, 200)).name).toBe('Heron two');
  const renamed = (await auditEntries('team.rename')).find((e) => e.resourceId === team.id);
  expect(renamed).toMatchObject({ actorEmail: 'admin@example.com', details: { changes: { name: { from: 'Heron', to: 'Heron two' } } } });
});

test("a team's admins manage its local members; viewers, developers, another team's admin and anonymous callers cannot", async () => {
  const team = await createTeam('members');
  const base = `/api/v1/teams/${team.id}/members`;
  const falconAdmin = await expectStatus('admin', 'POST', base, 201, { email: 'falcon-admin@example.com', role: 'admin' });
  expect(falconAdmin).toMatchObject({ email: 'falcon-admin@example.com', role: 'admin', source: 'local', idpGroup: null });

  let added: Json;
  try {
    // Its admin reads the members with where each came from, adds one, changes the role, removes them.
    const { members } = await expectStatus('falconAdmin', 'GET', base, 200);
    expect(members).toEqual([expect.objectContaining({ email: 'falcon-admin@example.com', source: 'local' })]);
    const unknown = await expectStatus('falconAdmin', 'POST', base, 422, { email: `nobody-${uid()}@example.com`, role: 'viewer' });
    expect(unknown.error.fields.email).toEqual(['is not the e-mail of anyone who has signed in']);
    const badRole = await expectStatus('falconAdmin', 'POST', base, 422, { email: 'falcon-viewer@example.com', role: 'owner' });
    expect(badRole.error.fields.role).toEqual(['role must be viewer, developer or admin']);
    added = await expectStatus('falconAdmin', 'POST', base, 201, { email: 'falcon-viewer@example.com', role: 'viewer' });
    await expectStatus('falconAdmin', 'POST', base, 409, { email: 'falcon-viewer@example.com', role: 'developer' });

    // Everyone else is refused, whatever they ask.
    const member = `${base}/${added.id}`;
    for (const caller of ['eagleAdmin', 'falconDev', 'falconViewer'] as const) {
      await expectStatus(caller, 'GET', base, 403);
      await expectStatus(caller, 'POST', base, 403, { email: 'eagle-dev@example.com', role: 'viewer' });
      await expectStatus(caller, 'PATCH', member, 403, { role: 'admin' });
      await expectStatus(caller, 'DELETE', member, 403);
    }
    for (const [method, path] of [
      ['GET', base],
      ['POST', base],
      ['PATCH', member],
      ['DELETE', member],
    ] as const) {
      await expectStatus('anonymous', method, path, 401, method === 'GET' || method === 'DELETE' ? undefined : { role: 'admin' });
    }

    expect(await expectStatus('falconAdmin', 'PATCH', member, 200, { role: 'developer' })).toMatchObject({ role: 'developer' });
    // A membership is reached only through its own team.
    await expectStatus('admin', 'PATCH', `/api/v1/teams/${team.id}/members/${falconAdmin.id}x`, 404, { role: 'viewer' });
  } finally {
    if (added) await expectStatus('falconAdmin', 'DELETE', `${base}/${added.id}`, 200);
  }
  const changes = async (action: string) => (await auditEntries(action)).filter((e) => e.resourceId === added.id).map((e) => e.details.changes);
  expect(await changes('team.member.add')).toEqual([{ role: { from: null, to: 'viewer' } }]);
  expect(await changes('team.member.role')).toEqual([{ role: { from: 'viewer', to: 'developer' } }]);
  expect(await changes('team.member.remove')).toEqual([{ role: { from: 'developer', to: null } }]);
  expect((await expectStatus('falconAdmin', 'GET', base, 200)).members).toHaveLength(1);
});

test('required tags: admins set allowed values or a pattern, and launches breaking them get a 422 naming the tag and the rule', async () => {
  const team = await createTeam('tags');
  const path = `/api/v1/teams/${team.id}/required-tags`;
  const rules = [
    { key: 'env', allowedValues: ['dev', 'prod'], default: 'dev' },
    { key: 'cost-center', pattern: 'CC-\\d{4}' },
  ];
  for (const caller of ['eagleAdmin', 'falconAdmin', 'falconDev', 'falconViewer'] as const) await expectStatus(caller, 'PUT', path, 403, { tags: rules });
  await expectStatus('anonymous', 'PUT', path, 401, { tags: rules });
  const bad = await expectStatus('admin', 'PUT', path, 422, {
    tags: [
      { key: 'a', pattern: '(' },
      { key: 'b', allowedValues: ['x'], pattern: 'x' },
    ],
  });
  expect(bad.error.fields).toEqual({
    'tags.0.pattern': ['pattern is not a valid regular expression'],
    'tags.1.pattern': ['give allowed values or a pattern, not both'],
  });
  expect((await expectStatus('admin', 'PUT', path, 200, { tags: rules })).requiredTags).toEqual(rules);
  const audit = (await auditEntries('team.required-tags')).find((e) => e.resourceId === team.id);
  expect(audit.details.changes.requiredTags).toEqual({ from: [], to: ['env (one of dev, prod; default dev)', 'cost-center (pattern CC-\\d{4})'] });

  const launch = (tags: Record<string, string>) => ({
    blueprint: 'sqs-managed-encryption',
    target: 'sandbox',
    region: REGION,
    team: team.slug,
    stackName: `e2e-tags-${uid()}`,
    parameters: {},
    tags,
  });
  const refused = await expectStatus('admin', 'POST', '/api/v1/launches', 422, launch({ env: 'test', 'cost-center': 'CC-12' }));
  expect(refused.error.fields).toEqual({
    'tags.env': ['tags.env must be one of dev, prod (a rule of your team)'],
    'tags.cost-center': ['tags.cost-center must match the pattern CC-\\d{4} (a rule of your team)'],
  });
  const missing = await expectStatus('admin', 'POST', '/api/v1/launches/preview', 422, launch({}));
  expect(missing.error.fields).toEqual({ 'tags.cost-center': ['tags.cost-center is required by your team'] });
});

test('a team with a live launch is not archived, and the refusal names the launch; once it is deleted the team is archived and cannot launch', async () => {
  test.setTimeout(240_000);
  const team = await createTeam('archive');
  const stackName = `e2e-archive-${uid()}`;
  const request = { blueprint: 'sqs-managed-encryption', target: 'sandbox', region: REGION, team: team.slug, stackName, parameters: {} };
  const launched = await expectStatus('admin', 'POST', '/api/v1/launches', 201, request);

  for (const caller of ['falconAdmin', 'falconDev', 'falconViewer'] as const) await expectStatus(caller, 'POST', `/api/v1/teams/${team.id}/archive`, 403);
  await expectStatus('anonymous', 'POST', `/api/v1/teams/${team.id}/archive`, 401);
  const refusal = await expectStatus('admin', 'POST', `/api/v1/teams/${team.id}/archive`, 409);
  expect(refusal.error.message).toContain(`has 1 live launch: ${stackName} (`);
  expect(refusal.error.details.liveLaunches).toEqual([expect.objectContaining({ id: launched.id, stackName })]);

  // Deleting needs the stack settled first; then the launch ends as DELETED.
  const waitFor = async (done: (status: string, operation: string | null) => boolean, what: string) => {
    await expect
      .poll(
        async () => {
          const d = await expectStatus('admin', 'GET', `/api/v1/launches/${launched.id}`, 200);
          return done(d.status, d.operation) ? 'done' : `${d.status}/${d.operation}`;
        },
        { timeout: 150_000, intervals: [1000], message: what },
      )
      .toBe('done');
  };
  await waitFor((s, op) => !/_IN_PROGRESS$/.test(s) && !op, 'the launch settles');
  await expectStatus('admin', 'DELETE', `/api/v1/launches/${launched.id}`, 202, {});
  await waitFor((s) => s === 'DELETED', 'the launch is deleted');

  const archived = await expectStatus('admin', 'POST', `/api/v1/teams/${team.id}/archive`, 200);
  expect(archived.archivedAt).toEqual(expect.any(String));
  expect((await expectStatus('admin', 'GET', '/api/v1/teams', 200)).teams.map((t: Json) => t.slug)).not.toContain(team.slug);
  expect((await expectStatus('admin', 'GET', '/api/v1/teams?includeArchived=true', 200)).teams.map((t: Json) => t.slug)).toContain(team.slug);
  // Its history stays: the launch is still there.
  await expectStatus('admin', 'GET', `/api/v1/launches/${launched.id}`, 200);
  const again = await expectStatus('admin', 'POST', '/api/v1/launches', 403, { ...request, stackName: `${stackName}-2` });
  expect(again.error.message).toBe(`Team ${team.slug} is archived, so it cannot launch.`);
  const audit = (await auditEntries('team.archive')).find((e) => e.resourceId === team.id);
  expect(audit.details.changes.archivedAt).toEqual({ from: null, to: archived.archivedAt });
});
