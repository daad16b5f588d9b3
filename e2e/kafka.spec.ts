import { expect, test, type Page } from '@playwright/test';
import { createGroupsOnOneTopic, createLaggingGroup, uniqueName } from './kafka-fixtures';
import { storageState } from './users';
import { createKafkaConsumerFunction } from './support/lambda';

// The Kafka consumer lag pages against the sandbox broker and the worker's lag sampler (the test run
// sets a short KAFKA_LAG_SAMPLE_INTERVAL_MS so history builds up within seconds).

let lagging: { topic: string; groupId: string };
let resettable: { topic: string; groupId: string };

test.beforeAll(async () => {
  // 3 partitions × 20 records; committed at 5, 5 and 10: lag 15 + 15 + 10 = 40.
  lagging = await createLaggingGroup({ prefix: 'e2e-lag', partitions: 3, records: 20, committed: { 0: 5, 1: 5, 2: 10 } });
  resettable = await createLaggingGroup({ prefix: 'demo-e2e-reset', partitions: 2, records: 30, committed: { 0: 12, 1: 20 } });
});

async function openSandboxCluster(page: Page) {
  await page.goto('/kafka');
  await page.getByRole('link', { name: 'sandbox', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Consumer groups on sandbox' })).toBeVisible();
}

test.describe('as a falcon viewer', () => {
  test.use({ storageState: storageState('falconViewer') });

  test('the sandbox cluster is listed with its status', async ({ page }) => {
    await page.goto('/kafka');
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'sandbox', exact: true }) });
    await expect(row).toContainText('local sandbox');
    await expect(row).toContainText('every team');
    await expect(row.getByText('reachable', { exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(row.getByRole('button', { name: /Test the connection/ })).toHaveCount(0);
  });

  test('a Lambda function reading the sandbox broker is listed with its consumer group, linked to the lag', async ({ page }) => {
    const consumer = await createKafkaConsumerFunction(lagging.topic, lagging.groupId);
    try {
      await page.goto('/kafka');
      const row = page.getByRole('row').filter({ hasText: consumer.functionName });
      await expect(row).toContainText('TRIM_HORIZON');
      await expect(row).toContainText(lagging.topic);
      await row.getByRole('link', { name: lagging.groupId }).click();
      await expect(page).toHaveURL(new RegExp(`/groups/${lagging.groupId}$`));
    } finally {
      await consumer.remove();
    }
  });

  test('a lagging group is listed with its lag and a status, and the table sorts', async ({ page }) => {
    await openSandboxCluster(page);
    await page.getByLabel('Filter').fill(lagging.groupId);
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: lagging.groupId }) });
    await expect(row).toBeVisible({ timeout: 20_000 });
    // Nobody owns an e2e-lag group on the shared sandbox cluster (falcon owns demo-*).
    await expect(row.getByRole('cell').nth(1)).toHaveText('no owner');
    await expect(row.getByRole('cell').nth(5)).toContainText('40');
    await expect(row.getByRole('cell').nth(6)).toHaveText('15');
    await expect(row).toContainText('Empty');
    // Committed offsets never move while records wait: after a few samples Burrow's rules say STOP.
    await expect(row.getByText('STOP', { exact: true })).toBeVisible({ timeout: 45_000 });
    await expect(row).toContainText(/has had no commits/);

    await page.getByLabel('Filter').fill('');
    const header = page.getByRole('columnheader', { name: /Group/ });
    await header.getByRole('button').click();
    await expect(header).toHaveAttribute('aria-sort', 'ascending');
  });

  test('a cluster with many groups pages, sorts and filters on the server, and its URL keeps the view', async ({ page }) => {
    const prefix = uniqueName('e2e-paging');
    const { groupIds } = await createGroupsOnOneTopic(prefix, 30);
    await openSandboxCluster(page);
    const range = page.getByTestId('groups-range');
    const groups = page.getByRole('table').getByRole('link', { name: new RegExp(`^${prefix}-`) });

    await page.getByLabel('Filter').fill(prefix);
    await expect(page).toHaveURL(new RegExp(`[?&]q=${prefix}`));
    await expect(range).toHaveText(`1–30 of 30 groups matching “${prefix}”`, { timeout: 20_000 });
    await page.getByLabel('Per page').selectOption('25');
    await expect(range).toHaveText(`1–25 of 30 groups matching “${prefix}”`);
    await expect(groups).toHaveCount(25);
    // Largest total lag first: group 00 committed nothing of its 30 records.
    await expect(groups.first()).toHaveText(groupIds[0]!);
    // Long names may wrap after their dashes, not inside a word.
    expect(await groups.first().locator('wbr').count()).toBeGreaterThan(1);

    await page.getByRole('navigation', { name: 'Pages of consumer groups' }).getByRole('button', { name: 'Next' }).click();
    await expect(range).toHaveText(`26–30 of 30 groups matching “${prefix}”`);
    await expect(groups).toHaveCount(5);
    await expect(groups.last()).toHaveText(groupIds[29]!);
    await expect(page).toHaveURL(/[?&]page=2/);

    // Sorting starts again at page 1; names descending puts the last group first.
    const header = page.getByRole('columnheader', { name: /Group/ });
    await header.getByRole('button').click();
    await expect(header).toHaveAttribute('aria-sort', 'ascending');
    await header.getByRole('button').click();
    await expect(header).toHaveAttribute('aria-sort', 'descending');
    await expect(range).toHaveText(`1–25 of 30 groups matching “${prefix}”`);
    await expect(groups.first()).toHaveText(groupIds[29]!);

    // A reload (or a shared link) shows the same page, sort and filter.
    await expect(page).toHaveURL(/sort=groupId/);
    await page.reload();
    await expect(page.getByLabel('Filter')).toHaveValue(prefix);
    await expect(page.getByRole('columnheader', { name: /Group/ })).toHaveAttribute('aria-sort', 'descending');
    await expect(groups.first()).toHaveText(groupIds[29]!);
    await expect(range).toHaveText(`1–25 of 30 groups matching “${prefix}”`);
  });

  test('the group page shows partitions, status in words and the history chart once two samples exist; no reset for viewers', async ({ page }) => {
    // Two samples take two worker rounds of this cluster; each cluster is sampled on its own, so one that
    // never answers (registered by other specs) does not hold them up.
    test.setTimeout(90_000);
    await page.goto('/kafka');
    await openSandboxCluster(page);
    await page.getByLabel('Filter').fill(lagging.groupId);
    // The list answers the filter first (as a reader waits for it), then the group's link is followed.
    await expect(page.getByTestId('groups-range')).toContainText(`matching “${lagging.groupId}”`, { timeout: 20_000 });
    await page.getByRole('link', { name: lagging.groupId }).click();
    await expect(page.getByRole('heading', { name: new RegExp(lagging.groupId) })).toBeVisible({ timeout: 20_000 });

    const partitions = page.getByRole('table', { name: 'Offsets and lag per partition' });
    await expect(partitions.getByRole('row')).toHaveCount(4);
    const first = partitions.getByRole('row').nth(1);
    await expect(first.getByRole('cell').nth(3)).toHaveText('20');
    await expect(first.getByRole('cell').nth(4)).toHaveText('5');
    await expect(first.getByRole('cell').nth(5)).toHaveText('15');
    // UNKNOWN until the sampler holds three samples of the group (server/kafka/status.ts); from then on
    // STOP: no commits, lag on every partition, nobody assigned. A round may wait up to 25 s for a cluster
    // other specs registered, so the page is reloaded until the third sample is in.
    await expect(async () => {
      await page.reload();
      await expect(page.getByText(/^Status STOP:/)).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 90_000, intervals: [1_000, 2_000, 5_000] });

    await expect(page.getByTestId('lag-history-summary')).toContainText(/\d+ points · latest 40/, { timeout: 30_000 });
    await expect(page.locator('svg.recharts-surface').first()).toBeVisible();
    const range = page.getByRole('group', { name: 'Time range' });
    await range.getByRole('button', { name: '24 h', exact: true }).click();
    await expect(range.getByRole('button', { name: '24 h', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('lag-history-summary')).toContainText('latest 40');
    await page.getByLabel('Series').selectOption({ label: `Partition ${lagging.topic}-2` });
    // The chosen option (server-rendered, then hydrated) names a series the data holds.
    await expect(page.getByRole('heading', { name: `Lag of ${lagging.topic}-2 — last 24 h` })).toBeVisible();
    await expect(page.getByTestId('lag-history-summary')).toContainText('latest 10');

    await expect(page.getByRole('link', { name: 'Reset offsets…' })).toHaveCount(0);
    await page.goto(`${page.url()}/reset`);
    await expect(page.getByText(/No team owns this .*only platform admins can reset its offsets/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Preview (dry run)' })).toHaveCount(0);
  });
});

test.describe('as a falcon developer', () => {
  test.use({ storageState: storageState('falconDev') });

  test('a dry run shows current → new offsets; executing needs the group id typed and is applied', async ({ page }) => {
    await openSandboxCluster(page);
    await page.getByLabel('Filter').fill(resettable.groupId);
    await page.getByRole('link', { name: resettable.groupId }).click();
    await expect(page).toHaveURL(new RegExp(`/groups/${resettable.groupId}$`));
    await expect(page.getByTestId('owner')).toContainText('falcon');
    await page.getByRole('link', { name: 'Reset offsets…' }).click();
    await expect(page.getByRole('heading', { name: `Reset offsets of ${resettable.groupId}` })).toBeVisible();

    await page.getByRole('radio', { name: /Earliest/ }).check();
    await page.getByRole('button', { name: 'Preview (dry run)' }).click();
    const rows = page.getByTestId('reset-plan-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText(`${resettable.topic}-0`);
    await expect(rows.nth(0).getByRole('cell').nth(1)).toHaveText('12');
    await expect(rows.nth(0).getByRole('cell').nth(3)).toHaveText('0');
    await expect(rows.nth(0).getByRole('cell').nth(6)).toHaveText('30');
    await expect(page.getByRole('heading', { name: /Dry run: earliest · lag afterwards 60/ })).toBeVisible();

    const execute = page.getByRole('button', { name: 'Reset 2 partitions' });
    await expect(execute).toBeDisabled();
    await page.getByLabel(/Type the group id/).fill(resettable.groupId);
    await execute.click();
    await expect(page.getByText('Offsets reset')).toBeVisible();

    await page.getByRole('link', { name: 'Back to the group' }).first().click();
    const partitions = page.getByRole('table', { name: 'Offsets and lag per partition' });
    await expect(partitions.getByRole('row').nth(1).getByRole('cell').nth(4)).toHaveText('0');
  });
});

test.describe('as the platform admin', () => {
  test.use({ storageState: storageState('admin') });

  test('tests the sandbox connection and sees field errors when registering a bad cluster', async ({ page }) => {
    await page.goto('/kafka');
    await page.getByRole('button', { name: 'Test the connection to sandbox' }).click();
    await expect(page.getByText(/Connected in \d+ ms/)).toBeVisible({ timeout: 20_000 });
    await expect(page.getByText('Kafka version')).toBeVisible();

    const form = page.getByRole('form', { name: 'Register a Kafka cluster' });
    await form.getByLabel('Name', { exact: true }).fill(`bad-${Date.now()}`);
    await form.getByLabel('Owner').selectOption({ label: 'Every team' });
    await form.getByLabel('Bootstrap brokers').fill('not-a-broker');
    await form.getByRole('radio', { name: /SASL\/SCRAM-SHA-512/ }).check();
    await form.getByLabel('Username', { exact: true }).fill('lag-reader');
    await form.getByRole('button', { name: 'Register cluster' }).click();
    await expect(form.getByText('“not-a-broker”: Use host:port, e.g. b-1.example.com:9096')).toBeVisible();
    await expect(form.getByText('Enter the SASL password')).toBeVisible();
    await expect(form.getByLabel('Bootstrap brokers')).toHaveAttribute('aria-invalid', 'true');
  });
});
