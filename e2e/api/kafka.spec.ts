import { expect, test, request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import type { Consumer } from 'kafkajs';
import { createGroupsOnOneTopic, createLaggingGroup, startActiveConsumer, uniqueName } from '../kafka-fixtures';
import { fromPortalPage } from '../support/origin';
import { storageState } from '../users';

// The Kafka API's documented shapes (offsets and lag as decimal strings, unknown as null), its
// refusals (401, 403 across teams and roles) and the reset refused while a consumer is active.

const DECIMAL = /^\d+$/;
let group: { topic: string; groupId: string };
let sandboxId: string;

async function asUser(baseURL: string, user: Parameters<typeof storageState>[0]): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL, storageState: storageState(user), extraHTTPHeaders: fromPortalPage });
}

test.beforeAll(async ({ baseURL }) => {
  // Partition 2 has no commit: its lag must come back as null.
  group = await createLaggingGroup({ prefix: 'demo-api-lag', partitions: 3, records: 10, committed: { 0: 4, 1: 7 } });
  const ctx = await asUser(baseURL!, 'falconViewer');
  const { clusters } = await (await ctx.get('/api/v1/kafka/clusters')).json();
  sandboxId = clusters.find((c: { isSandbox: boolean }) => c.isSandbox).id;
  await ctx.dispose();
});

test('every Kafka operation needs credentials', async ({ baseURL }) => {
  const anonymous = await playwrightRequest.newContext({ baseURL });
  for (const [method, path] of [
    ['GET', '/api/v1/kafka/clusters'],
    ['GET', `/api/v1/kafka/clusters/${sandboxId}/groups`],
    ['GET', `/api/v1/kafka/clusters/${sandboxId}/groups/${group.groupId}`],
    ['POST', `/api/v1/kafka/clusters/${sandboxId}/groups/${group.groupId}/reset`],
  ] as const) {
    const res = await anonymous.fetch(path, {
      method,
      data: method === 'POST' ? { topics: [{ topic: group.topic }], strategy: { kind: 'earliest' } } : undefined,
    });
    expect(res.status(), `${method} ${path}`).toBe(401);
  }
  await anonymous.dispose();
});

test.describe('as a falcon viewer', () => {
  test.use({ storageState: storageState('falconViewer') });

  test('clusters: the sandbox cluster, reachable, with permissions and no secrets', async ({ request }) => {
    test.setTimeout(120_000);
    const res = await request.get('/api/v1/kafka/clusters');
    expect(res.status()).toBe(200);
    const sandbox = (await res.json()).clusters.find((c: { id: string }) => c.id === sandboxId);
    // The sandbox broker is up: once the worker's sampler has had a round, its health says so. A round
    // waits for every cluster, and one registered by other specs may hold it up to the 25 s read timeout.
    const healthState = async () =>
      ((await (await request.get('/api/v1/kafka/clusters')).json()).clusters as { id: string; health: { state: string } }[]).find((c) => c.id === sandboxId)
        ?.health.state;
    await expect.poll(healthState, { timeout: 90_000, intervals: [500, 1000, 2000] }).toBe('reachable');
    expect(sandbox).toMatchObject({
      name: 'sandbox',
      kind: 'self-managed',
      isSandbox: true,
      team: null,
      hasSecrets: false,
      connection: { kind: 'plaintext', brokers: [process.env.SANDBOX_KAFKA_BROKERS!.split(',')[0]] },
      health: { state: expect.any(String) },
      permissions: { canManage: false, canResetOffsets: false },
    });
  });

  test('one group: the documented shape, offsets as strings, unknown lag as null', async ({ request }) => {
    const res = await request.get(`/api/v1/kafka/clusters/${sandboxId}/groups/${encodeURIComponent(group.groupId)}`);
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      groupId: group.groupId,
      state: 'Empty',
      members: [],
      source: 'live',
      totalLag: '9',
      maxPartitionLag: '6',
      unknownLagPartitionCount: 1,
    });
    expect(typeof body.status).toBe('string');
    expect(typeof body.statusReason).toBe('string');
    expect(body.timeLagSeconds === null || typeof body.timeLagSeconds === 'number').toBe(true);
    expect(body.partitions).toEqual([
      expect.objectContaining({ topic: group.topic, partition: 0, logStartOffset: '0', logEndOffset: '10', committedOffset: '4', lag: '6' }),
      expect.objectContaining({ topic: group.topic, partition: 1, logStartOffset: '0', logEndOffset: '10', committedOffset: '7', lag: '3' }),
      expect.objectContaining({ topic: group.topic, partition: 2, logStartOffset: '0', logEndOffset: '10', committedOffset: null, lag: null }),
    ]);
    for (const p of body.partitions) for (const key of ['logStartOffset', 'logEndOffset']) expect(p[key]).toMatch(DECIMAL);

    const missing = await request.get(`/api/v1/kafka/clusters/${sandboxId}/groups/${uniqueName('never-existed')}`);
    expect(missing.status()).toBe(404);
  });

  test('the group list and history use the same string shapes; a bad range is a 422 naming the field', async ({ request }) => {
    // The first history point comes with the worker's next round of this cluster; each cluster is sampled
    // on its own, so one that other specs registered and that never answers does not hold it up.
    test.setTimeout(60_000);
    // The worker samples the sandbox cluster every 2 s here, so the list answers from its latest round;
    // a round may have seen the fixture's consumer still in the group (Stable), the next one sees it Empty.
    const listed = async () => (await request.get(`/api/v1/kafka/clusters/${sandboxId}/groups?q=${group.groupId}`)).json();
    await expect.poll(async () => (await listed()).groups[0]?.state, { timeout: 20_000 }).toBe('Empty');
    const list = await listed();
    expect(list).toMatchObject({ clusterId: sandboxId, source: 'worker', liveError: null, total: 1, page: 1, q: group.groupId });
    const row = list.groups.find((g: { groupId: string }) => g.groupId === group.groupId);
    expect(row).toMatchObject({ totalLag: '9', maxPartitionLag: '6', state: 'Empty', memberCount: 0, topics: [group.topic] });
    expect(Array.isArray(row.sparkline)).toBe(true);
    for (const point of row.sparkline) expect(point.totalLag).toMatch(/^\d+$/);

    await expect
      .poll(async () => (await (await request.get(`/api/v1/kafka/clusters/${sandboxId}/groups/${group.groupId}/history`)).json()).total.length, {
        timeout: 30_000,
      })
      .toBeGreaterThanOrEqual(1);
    const to = new Date();
    const history = await (
      await request.get(
        `/api/v1/kafka/clusters/${sandboxId}/groups/${group.groupId}/history?from=${new Date(to.getTime() - 3_600_000).toISOString()}&to=${to.toISOString()}`,
      )
    ).json();
    expect(history.total.at(-1)).toMatchObject({ totalLag: '9', peakTotalLag: '9', maxPartitionLag: '6' });
    expect(history.partitions.find((p: { partition: number }) => p.partition === 2).points.at(-1)).toMatchObject({ lag: null });

    const bad = await request.get(`/api/v1/kafka/clusters/${sandboxId}/groups/${group.groupId}/history?from=yesterday`);
    expect(bad.status()).toBe(422);
    expect((await bad.json()).error.fields).toHaveProperty('from');
  });

  test('the group list pages, sorts and filters on the server, saying how many groups match', async ({ request }) => {
    const prefix = uniqueName('api-paging');
    const { topic, groupIds } = await createGroupsOnOneTopic(prefix, 12);
    const list = async (query: string) => {
      const res = await request.get(`/api/v1/kafka/clusters/${sandboxId}/groups?${query}`);
      expect(res.status(), await res.text()).toBe(200);
      return res.json() as Promise<{
        total: number;
        page: number;
        pageSize: number;
        sort: string;
        order: string;
        groups: { groupId: string; totalLag: string }[];
      }>;
    };

    // By total lag, largest first (the default): group 00 committed 0 of 12 records.
    const first = await list(`q=${prefix}&pageSize=5`);
    expect(first).toMatchObject({ total: 12, page: 1, pageSize: 5, sort: 'totalLag', order: 'desc' });
    expect(first.groups.map((g) => g.groupId)).toEqual(groupIds.slice(0, 5));
    expect(first.groups.map((g) => g.totalLag)).toEqual(['12', '11', '10', '9', '8']);

    // Pages do not overlap and the last one holds the rest.
    const third = await list(`q=${prefix}&pageSize=5&page=3`);
    expect(third.groups.map((g) => g.groupId)).toEqual(groupIds.slice(10));
    expect((await list(`q=${prefix}&pageSize=5&page=4`)).groups).toEqual([]);

    // Sorted by name, descending; the filter matches the topic too, ignoring case.
    const byName = await list(`q=${topic.toUpperCase()}&sort=groupId&order=desc&pageSize=3`);
    expect(byName).toMatchObject({ total: 12, sort: 'groupId', order: 'desc' });
    expect(byName.groups.map((g) => g.groupId)).toEqual(groupIds.slice(-3).reverse());
    // Sorting by status judges every match; the page still holds pageSize groups.
    expect((await list(`q=${prefix}&sort=status&pageSize=4`)).groups).toHaveLength(4);

    const tooBig = await request.get(`/api/v1/kafka/clusters/${sandboxId}/groups?pageSize=1000&sort=lag`);
    expect(tooBig.status()).toBe(422);
    expect(Object.keys((await tooBig.json()).error.fields).sort()).toEqual(['pageSize', 'sort']);
  });

  test('viewers cannot reset offsets, not even as a dry run', async ({ request }) => {
    const res = await request.post(`/api/v1/kafka/clusters/${sandboxId}/groups/${group.groupId}/reset`, {
      data: { dryRun: true, topics: [{ topic: group.topic }], strategy: { kind: 'earliest' } },
    });
    expect(res.status()).toBe(403);
    expect((await res.json()).error.message).toMatch(/belongs to team falcon; only its developers can reset its offsets/);
  });
});

test.describe('consumer groups on the shared sandbox cluster belong to the team whose prefix matches', () => {
  test('owners shown; falcon resets its demo- groups, eagle may not; groups nobody owns only platform admins reset', async ({ baseURL }) => {
    const unowned = await createLaggingGroup({ prefix: 'api-unowned', partitions: 1, records: 3, committed: { 0: 1 } });
    const [falconDev, eagleDev, admin] = await Promise.all([asUser(baseURL!, 'falconDev'), asUser(baseURL!, 'eagleDev'), asUser(baseURL!, 'admin')]);
    try {
      const dryRun = (g: { topic: string }) => ({ data: { dryRun: true, topics: [{ topic: g.topic }], strategy: { kind: 'earliest' } } });
      const listed = async (groupId: string) =>
        (await (await eagleDev.get(`/api/v1/kafka/clusters/${sandboxId}/groups?q=${groupId}`)).json()).groups.find(
          (g: { groupId: string }) => g.groupId === groupId,
        );
      expect(await listed(group.groupId)).toMatchObject({ owner: { kind: 'team', team: { slug: 'falcon' }, prefix: 'demo-' }, canReset: false });
      expect(await listed(unowned.groupId)).toMatchObject({ owner: { kind: 'unowned' }, canReset: false });
      expect(await (await falconDev.get(`/api/v1/kafka/clusters/${sandboxId}/groups/${group.groupId}`)).json()).toMatchObject({
        owner: { kind: 'team', team: { slug: 'falcon' } },
        canReset: true,
      });

      const byEagle = await eagleDev.post(`/api/v1/kafka/clusters/${sandboxId}/groups/${group.groupId}/reset`, dryRun(group));
      expect(byEagle.status()).toBe(403);
      expect((await byEagle.json()).error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('team falcon') });
      expect((await falconDev.post(`/api/v1/kafka/clusters/${sandboxId}/groups/${group.groupId}/reset`, dryRun(group))).status()).toBe(200);

      expect((await falconDev.post(`/api/v1/kafka/clusters/${sandboxId}/groups/${unowned.groupId}/reset`, dryRun(unowned))).status()).toBe(403);
      expect((await admin.post(`/api/v1/kafka/clusters/${sandboxId}/groups/${unowned.groupId}/reset`, dryRun(unowned))).status()).toBe(200);

      // The prefixes themselves: readable by every reader of the cluster, editable by admins of the team.
      const prefixes = (await (await eagleDev.get(`/api/v1/kafka/clusters/${sandboxId}/group-prefixes`)).json()).prefixes;
      expect(prefixes).toEqual(
        expect.arrayContaining([expect.objectContaining({ prefix: 'demo-', team: expect.objectContaining({ slug: 'falcon' }), canDelete: false })]),
      );
      const stolen = await eagleDev.post(`/api/v1/kafka/clusters/${sandboxId}/group-prefixes`, { data: { team: 'eagle', prefix: 'api-unowned' } });
      expect(stolen.status()).toBe(403); // developers do not assign
      const overlap = await admin.post(`/api/v1/kafka/clusters/${sandboxId}/group-prefixes`, { data: { team: 'eagle', prefix: 'demo-api' } });
      expect(overlap.status()).toBe(409);
      expect((await overlap.json()).error.fields.prefix[0]).toMatch(/overlaps "demo-"/);
      const added = await admin.post(`/api/v1/kafka/clusters/${sandboxId}/group-prefixes`, { data: { team: 'eagle', prefix: unowned.groupId } });
      expect(added.status(), await added.text()).toBe(201);
      expect((await eagleDev.post(`/api/v1/kafka/clusters/${sandboxId}/groups/${unowned.groupId}/reset`, dryRun(unowned))).status()).toBe(200);
      expect((await admin.delete(`/api/v1/kafka/clusters/${sandboxId}/group-prefixes/${(await added.json()).id}`)).status()).toBe(200);
      expect((await eagleDev.post(`/api/v1/kafka/clusters/${sandboxId}/groups/${unowned.groupId}/reset`, dryRun(unowned))).status()).toBe(403);
    } finally {
      await Promise.all([falconDev.dispose(), eagleDev.dispose(), admin.dispose()]);
    }
  });
});

test.describe('as a falcon developer', () => {
  test.use({ storageState: storageState('falconDev') });

  test('a dry run answers current → new offsets as strings and changes nothing', async ({ request }) => {
    const res = await request.post(`/api/v1/kafka/clusters/${sandboxId}/groups/${group.groupId}/reset`, {
      data: { dryRun: true, topics: [{ topic: group.topic, partitions: [0, 2] }], strategy: { kind: 'shift-by', by: '-2' } },
    });
    expect(res.status(), await res.text()).toBe(422); // partition 2 has no commit to shift from
    const plan = await request.post(`/api/v1/kafka/clusters/${sandboxId}/groups/${group.groupId}/reset`, {
      data: { dryRun: true, topics: [{ topic: group.topic, partitions: [0, 1] }], strategy: { kind: 'shift-by', by: '-2' } },
    });
    expect(plan.status()).toBe(200);
    expect(await plan.json()).toMatchObject({
      groupId: group.groupId,
      groupState: 'Empty',
      executed: false,
      strategy: 'shift-by -2',
      totalLagAfterReset: '13',
      partitions: [
        { topic: group.topic, partition: 0, currentOffset: '4', newOffset: '2', lagAfterReset: '8' },
        { topic: group.topic, partition: 1, currentOffset: '7', newOffset: '5', lagAfterReset: '5' },
      ],
    });
    const after = await (await request.get(`/api/v1/kafka/clusters/${sandboxId}/groups/${group.groupId}`)).json();
    expect(after.partitions[0].committedOffset).toBe('4');
  });

  test('an execute is refused while a consumer is active, naming the member; once it leaves, the reset runs; both are audited', async ({
    request,
    baseURL,
  }) => {
    const active = await createLaggingGroup({ prefix: 'demo-api-active', partitions: 1, records: 5, committed: { 0: 1 } });
    const clientId = uniqueName('e2e-active-consumer');
    let consumer: Consumer | undefined;
    try {
      consumer = await startActiveConsumer(active.groupId, active.topic, clientId);
      const url = `/api/v1/kafka/clusters/${sandboxId}/groups/${active.groupId}/reset`;
      const refused = await request.post(url, { data: { dryRun: false, topics: [{ topic: active.topic }], strategy: { kind: 'earliest' } } });
      expect(refused.status()).toBe(409);
      const error = (await refused.json()).error;
      expect(error.code).toBe('CONFLICT');
      expect(error.message).toContain(clientId);
      expect(error.message).toMatch(/Stable|Rebalance/);

      const plan = await request.post(url, { data: { dryRun: true, topics: [{ topic: active.topic }], strategy: { kind: 'earliest' } } });
      expect(plan.status()).toBe(200);
      expect((await plan.json()).groupState).not.toBe('Empty');

      await consumer.disconnect();
      consumer = undefined;
      const dryRun = { dryRun: true, topics: [{ topic: active.topic }], strategy: { kind: 'earliest' } };
      await expect.poll(async () => (await (await request.post(url, { data: dryRun })).json()).groupState, { timeout: 15_000 }).toBe('Empty');
      const executed = await request.post(url, { data: { dryRun: false, topics: [{ topic: active.topic }], strategy: { kind: 'earliest' } } });
      expect(executed.status(), await executed.text()).toBe(200);
      expect(await executed.json()).toMatchObject({ executed: true, groupState: 'Empty', partitions: [{ currentOffset: '1', newOffset: '0' }] });

      // The refusal and the reset are in the audit log (dry runs change nothing and are not).
      const admin = await asUser(baseURL!, 'admin');
      const { entries } = await (await admin.get('/api/v1/audit-log')).json();
      await admin.dispose();
      const resets = (entries as { action: string; resourceId: string; outcome: string; actorEmail: string }[]).filter(
        (e) => e.action === 'kafka.offsets.reset' && e.resourceId === `${sandboxId}/${active.groupId}`,
      );
      expect(resets.map((e) => `${e.actorEmail} ${e.outcome}`).sort()).toEqual(['falcon-dev@example.com refused', 'falcon-dev@example.com success']);
    } finally {
      await consumer?.disconnect();
    }
  });

  test('developers cannot register clusters', async ({ request }) => {
    const res = await request.post('/api/v1/kafka/clusters', {
      data: { name: uniqueName('nope'), teamId: null, settings: { kind: 'plaintext', brokers: ['127.0.0.1:9'] } },
    });
    expect(res.status()).toBe(403);
  });
});

test.describe('a cluster owned by one team', () => {
  test.use({ storageState: storageState('admin') });

  test('is refused to other teams (403), readable by its own, and never returns its password', async ({ request, baseURL }) => {
    const teams = (await (await request.get('/api/v1/teams')).json()).teams as { id: string; slug: string }[];
    const eagle = teams.find((t) => t.slug === 'eagle')!;
    const invalid = await request.post('/api/v1/kafka/clusters', {
      data: { name: 'x', teamId: eagle.id, settings: { kind: 'sasl-scram-sha-512', brokers: ['no-port'], username: 'u' } },
    });
    expect(invalid.status()).toBe(422);
    expect(Object.keys((await invalid.json()).error.fields)).toEqual(expect.arrayContaining(['settings.brokers.0', 'secrets.password']));

    const password = `pw-${uniqueName('secret')}`;
    const created = await request.post('/api/v1/kafka/clusters', {
      data: {
        name: uniqueName('eagle-kafka'),
        teamId: eagle.id,
        // A name that never resolves: loopback brokers are refused unless the portal allows private networks.
        settings: { kind: 'sasl-scram-sha-512', brokers: ['kafka.eagle.invalid:9096'], username: 'lag-reader', tls: false },
        secrets: { password },
      },
    });
    expect(created.status()).toBe(201);
    const cluster = await created.json();
    expect(cluster).toMatchObject({ team: { id: eagle.id }, hasSecrets: true, connection: { kind: 'sasl-scram-sha-512', username: 'lag-reader', tls: false } });
    expect(JSON.stringify(cluster)).not.toContain(password);
    const test = await (await request.post(`/api/v1/kafka/clusters/${cluster.id}/test`)).json();
    expect(test).toMatchObject({ ok: false });
    expect(JSON.stringify(test)).not.toContain(password);

    const falcon = await asUser(baseURL!, 'falconDev');
    expect((await falcon.get(`/api/v1/kafka/clusters/${cluster.id}/groups`)).status()).toBe(403);
    expect((await falcon.get(`/api/v1/kafka/clusters/${cluster.id}/groups/${group.groupId}`)).status()).toBe(403);
    expect(
      (
        await falcon.post(`/api/v1/kafka/clusters/${cluster.id}/groups/${group.groupId}/reset`, {
          data: { topics: [{ topic: group.topic }], strategy: { kind: 'earliest' } },
        })
      ).status(),
    ).toBe(403);
    expect(((await (await falcon.get('/api/v1/kafka/clusters')).json()).clusters as { id: string }[]).map((c) => c.id)).not.toContain(cluster.id);
    await falcon.dispose();

    const eagleViewer = await asUser(baseURL!, 'eagleViewer');
    const listed = await eagleViewer.get(`/api/v1/kafka/clusters/${cluster.id}`);
    expect(listed.status()).toBe(200);
    expect((await listed.json()).permissions).toEqual({ canManage: false, canResetOffsets: false });
    expect(
      (
        await eagleViewer.post(`/api/v1/kafka/clusters/${cluster.id}/groups/${group.groupId}/reset`, {
          data: { topics: [{ topic: group.topic }], strategy: { kind: 'earliest' } },
        })
      ).status(),
    ).toBe(403);
    expect((await eagleViewer.delete(`/api/v1/kafka/clusters/${cluster.id}`)).status()).toBe(403);
    await eagleViewer.dispose();

    const audit = await (await request.get('/api/v1/audit-log')).json();
    expect(JSON.stringify(audit)).not.toContain(password);
    expect((await request.delete(`/api/v1/kafka/clusters/${cluster.id}`)).status()).toBe(200);
    expect((await request.get(`/api/v1/kafka/clusters/${cluster.id}`)).status()).toBe(404);
  });

  test('registers an MSK cluster signed by a target; without a target it is a 422 naming the field', async ({ request }) => {
    const clusterArn = 'arn:aws:kafka:us-east-1:123456789012:cluster/orders/5e8f3c1a-1b2c-4d5e-9f00-0a1b2c3d4e5f-3';
    const missing = await request.post('/api/v1/kafka/clusters', {
      data: { name: uniqueName('msk'), teamId: null, settings: { kind: 'msk-iam', clusterArn }, region: 'eu-west-1' },
    });
    expect(missing.status()).toBe(422);
    expect(Object.keys((await missing.json()).error.fields)).toEqual(expect.arrayContaining(['targetId', 'region']));

    const targets = (await (await request.get('/api/v1/targets')).json()).targets as { id: string; name: string; isSandbox: boolean }[];
    const sandboxTarget = targets.find((t) => t.isSandbox)!;
    const created = await request.post('/api/v1/kafka/clusters', {
      data: { name: uniqueName('msk'), teamId: null, settings: { kind: 'msk-iam', clusterArn }, targetId: sandboxTarget.id, region: 'us-east-1' },
    });
    expect(created.status()).toBe(201);
    const cluster = await created.json();
    expect(cluster).toMatchObject({
      kind: 'msk-iam',
      target: { id: sandboxTarget.id, name: sandboxTarget.name },
      connection: { kind: 'msk-iam', clusterArn, region: 'us-east-1', brokers: [] },
      hasSecrets: false,
    });
    // The sandbox has no MSK control plane: the test says why it cannot connect instead of failing.
    const test = await (await request.post(`/api/v1/kafka/clusters/${cluster.id}/test`)).json();
    expect(test).toMatchObject({ ok: false, message: expect.stringContaining('Could not look up the bootstrap brokers') });
    const groups = await (await request.get(`/api/v1/kafka/clusters/${cluster.id}/groups`)).json();
    expect(groups).toMatchObject({ source: 'history', groups: [], liveError: expect.stringContaining('bootstrap brokers') });
    expect((await request.delete(`/api/v1/kafka/clusters/${cluster.id}`)).status()).toBe(200);
  });

  test('the sandbox cluster cannot be removed', async ({ request }) => {
    const res = await request.delete(`/api/v1/kafka/clusters/${sandboxId}`);
    expect(res.status()).toBe(409);
  });
});
