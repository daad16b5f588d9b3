import { expect, test, request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { createLaggingGroup } from '../kafka-fixtures';
import { fromPortalPage } from '../support/origin';
import { storageState, type UserKey } from '../users';

// GET /metrics: the Prometheus text format under kafka-lag-exporter's names, read with a real parser and
// compared with the API's figures for the same group; bearer tokens only see their teams' groups.

// Serial: the refusal check for another team runs once the owning team has seen the group stored.
test.describe.configure({ mode: 'serial' });

let group: { topic: string; groupId: string };
let sandboxId: string;
const opened: APIRequestContext[] = [];

/** A context that sends a fresh API token of `user` (made through the user's session). */
async function bearerOf(baseURL: string, user: UserKey): Promise<APIRequestContext> {
  const session = await playwrightRequest.newContext({ baseURL, storageState: storageState(user), extraHTTPHeaders: fromPortalPage });
  const { token } = await (await session.post('/api/v1/tokens', { data: { name: 'prometheus e2e' } })).json();
  await session.dispose();
  const bearer = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
  opened.push(bearer);
  return bearer;
}

test.beforeAll(async ({ baseURL }) => {
  // demo-* groups belong to falcon on the sandbox cluster; partition 2 is never committed.
  group = await createLaggingGroup({ prefix: 'demo-metrics', partitions: 3, records: 10, committed: { 0: 4, 1: 7 } });
  const viewer = await playwrightRequest.newContext({ baseURL, storageState: storageState('falconViewer') });
  sandboxId = (await (await viewer.get('/api/v1/kafka/clusters')).json()).clusters.find((c: { isSandbox: boolean }) => c.isSandbox).id;
  await viewer.dispose();
});

test.afterAll(async () => {
  await Promise.all(opened.map((c) => c.dispose()));
});

test('refuses a scrape without a token (401) or with a bad one', async ({ baseURL }) => {
  const anonymous = await playwrightRequest.newContext({ baseURL });
  expect((await anonymous.get('/metrics')).status()).toBe(401);
  expect((await anonymous.get('/metrics', { headers: { Authorization: 'Bearer slw_not-a-real-token-at-all-000000' } })).status()).toBe(401);
  await anonymous.dispose();
});

test('serves the owning team the figures the API gives, in the text format', async ({ baseURL }) => {
  const falcon = await bearerOf(baseURL!, 'falconViewer');
  let text = '';
  // The worker's sampler must have stored a round with the group first.
  await expect
    .poll(
      async () => {
        const res = await falcon.get('/metrics');
        expect(res.status()).toBe(200);
        expect(res.headers()['content-type']).toContain('text/plain; version=0.0.4');
        expect(res.headers()['set-cookie']).toBeUndefined();
        text = await res.text();
        return text.includes(`group="${group.groupId}"`);
      },
      { timeout: 60_000 },
    )
    .toBe(true);

  const families = new Map(parsePrometheusTextFormat(text).map((f) => [f.name, f]));
  const ofGroup = (name: string) => families.get(name)?.metrics.filter((m) => m.labels?.group === group.groupId) ?? [];
  const detail = await (await falcon.get(`/api/v1/kafka/clusters/${sandboxId}/groups/${group.groupId}`)).json();

  const lagSeries = ofGroup('kafka_consumergroup_group_lag').map((m) => [m.labels!.topic, m.labels!.partition, m.value]);
  const apiLags = detail.partitions
    .filter((p: { lag: string | null }) => p.lag !== null)
    .map((p: { topic: string; partition: number; lag: string }) => [p.topic, String(p.partition), p.lag]);
  expect(lagSeries.sort()).toEqual(apiLags.sort());
  expect(lagSeries).toHaveLength(2); // the uncommitted partition has no series, not 0
  expect(ofGroup('kafka_consumergroup_group_sum_lag').map((m) => m.value)).toEqual([detail.totalLag]);
  expect(ofGroup('kafka_consumergroup_group_max_lag').map((m) => m.value)).toEqual([detail.maxPartitionLag]);
  expect(ofGroup('kafka_consumergroup_group_sum_lag')[0]?.labels).toEqual({ cluster_name: 'sandbox', group: group.groupId });

  const latest = families.get('kafka_partition_latest_offset')!.metrics.filter((m) => m.labels?.topic === group.topic);
  expect(latest.map((m) => [m.labels!.partition, m.value]).sort()).toEqual(
    detail.partitions.map((p: { partition: number; logEndOffset: string }) => [String(p.partition), p.logEndOffset]).sort(),
  );
  for (const name of ['kafka_consumergroup_group_lag_seconds', 'kafka_consumergroup_group_max_lag_seconds', 'kafka_partition_earliest_offset']) {
    expect(families.get(name)?.type, name).toBe('GAUGE');
  }
});

test('leaves out groups another team owns', async ({ baseURL }) => {
  const eagle = await bearerOf(baseURL!, 'eagleViewer');
  const res = await eagle.get('/metrics');
  expect(res.status()).toBe(200);
  const text = await res.text();
  expect(text).toContain('# TYPE kafka_consumergroup_group_lag gauge');
  expect(text).not.toContain(group.groupId);
  expect(text).not.toMatch(/group="demo-/);
});
