import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { fromPortalPage } from './support/origin';
import { storageState } from './users';

test.use({ storageState: storageState('falconDev') });

const total = (page: Page) => page.getByTestId('total-cost');
/** The total once the charts and figures have caught up with the inputs (they redraw deferred). */
async function settledTotal(page: Page): Promise<string> {
  await expect(page.getByTestId('estimator-results')).toHaveAttribute('aria-busy', 'false');
  return (await total(page).textContent()) ?? '';
}
const numberBox = (page: Page, name: string) => page.getByRole('textbox', { name, exact: true });
const chartSvg = (page: Page, title: string) => page.getByRole('figure', { name: title }).locator('svg.recharts-surface').first();

/** Types the tiered-pricing post's workload into the form: x86_64, us-east-1, 2 GB, 60 s, 75 M a month, no free tier. */
async function enterPostExample(page: Page) {
  await numberBox(page, 'Memory (MB)').fill('2048');
  await numberBox(page, 'Duration per invocation (ms)').fill('60000');
  await numberBox(page, 'Invocations per month (per month)').fill('75,000,000');
  await page.getByLabel('Apply the monthly free tier').uncheck();
  await expect(page.getByRole('radio', { name: 'x86_64' })).toBeChecked();
  await expect(page.getByLabel('Pricing region')).toHaveValue('us-east-1');
}

test('moving a slider with the keyboard recomputes the total and redraws the charts, in the browser', async ({ page }) => {
  await page.goto('/cost');
  await expect(page.getByRole('heading', { level: 1, name: 'Lambda cost estimator' })).toBeVisible();
  const before = await settledTotal(page);
  const chart = chartSvg(page, 'Monthly cost by invocations');
  await expect(chart).toBeVisible();
  const chartBefore = await chart.innerHTML();

  let estimateCalls = 0;
  page.on('request', (request) => {
    if (request.url().includes('/api/v1/cost/')) estimateCalls++;
  });
  const slider = page.getByRole('slider', { name: 'Memory slider' });
  await slider.focus();
  for (let step = 0; step < 16; step++) await slider.press('ArrowRight');

  await expect(numberBox(page, 'Memory (MB)')).toHaveValue('2,048');
  await expect(total(page)).not.toHaveText(before);
  await expect.poll(() => chart.innerHTML()).not.toBe(chartBefore);
  await expect(page).toHaveURL(/[?&]state=1_mem\.2048(&|$)/);
  expect(estimateCalls).toBe(0);
});

test('the post’s example shows $145,015.29 with its tiers, and the calculation behind it', async ({ page }) => {
  await page.goto('/cost');
  await enterPostExample(page);
  await expect(total(page)).toHaveText('$145,015.29');
  await expect(page.getByTestId('total-without-tiers')).toHaveText('$150,015.30');
  await expect(page.getByTestId('price-table')).toContainText('aws-public-2025-01');
  await expect(page.getByTestId('price-table')).toContainText('us-east-1');
  await expect(page.getByRole('figure', { name: 'Compute cost by volume tier' })).toBeVisible();

  const steps = page.getByRole('list', { name: 'Calculation steps' });
  await expect(steps).toBeHidden();
  await page.getByRole('button', { name: 'Show the calculation' }).click();
  await expect(page.getByRole('button', { name: 'Hide the calculation' })).toHaveAttribute('aria-expanded', 'true');
  await expect(steps).toContainText('75,000,000 invocations × 60 s × 2 GB (2,048 MB ÷ 1,024) = 9,000,000,000 GB-s');
  await expect(steps).toContainText('Tier 2 (6,000,000,000 to 15,000,000,000 GB-s, 10% off)');
  await expect(steps).toContainText('= $145,015.29.');
  const items = page.getByRole('table', { name: 'Line items' });
  await expect(items.getByRole('row', { name: /Requests/ })).toContainText('$15.00');
  await expect(items.getByRole('row', { name: /Compute, Tier 1/ })).toContainText('$100,000.20');
  await expect(items.getByRole('row', { name: /Compute, Tier 2/ })).toContainText('$45,000.09');
});

test('a value the model rejects is explained next to its field, and the last estimate stays', async ({ page }) => {
  await page.goto('/cost');
  const before = await settledTotal(page);
  await numberBox(page, 'Memory (MB)').fill('64');
  // The form's label and a readable bound, not the API's field name (the API keeps "memoryMb").
  await expect(page.locator('#cost-memoryMb-error')).toHaveText('Memory must be between 128 and 10,240 MB');
  await expect(numberBox(page, 'Memory (MB)')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Showing the last valid estimate')).toBeVisible();
  await expect(total(page)).toHaveText(before);
  await expect(page.getByRole('button', { name: 'Save scenario' })).toBeDisabled();
});

test('half-typed numbers show rounded figures and a labelled error', async ({ page }) => {
  await page.goto('/cost');
  const memory = numberBox(page, 'Memory (MB)');
  // Typing 1536: "1" and "15" are below the minimum, "153" is a valid but odd memory.
  await memory.fill('1');
  await expect(page.locator('#cost-memoryMb-error')).toHaveText('Memory must be between 128 and 10,240 MB');
  await expect(page.getByRole('status').filter({ hasText: 'Showing the last valid estimate' })).toContainText('Memory must be between 128 and 10,240 MB');
  await memory.fill('153');
  await expect(page.locator('#cost-memoryMb-error')).toHaveCount(0);
  // 10,000,000 × 0.2 s × 153/1,024 GB = 298,828.125 GB-s, shown rounded.
  await expect(page.getByTestId('compute-used')).toHaveText('298,828 GB-s');
  await memory.fill('15x');
  await expect(page.locator('#cost-memoryMb-error')).toHaveText('Memory must be a number');
});

test('SQS batch mode marks the cheapest feasible batch size and the ones that break a limit', async ({ page }) => {
  await page.goto('/cost');
  await page.getByText('SQS batch processing').click();
  await expect(page.getByRole('radio', { name: 'SQS batch processing' })).toBeChecked();
  await expect(page.getByTestId('cheapest-batch-size')).toHaveText('200');
  const rows = page.getByRole('row');
  await expect(rows.filter({ hasText: 'cheapest' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'payload over 6 MB' }).first()).toBeVisible();
  const chart = chartSvg(page, 'Monthly cost by messages per day');
  const before = await chart.innerHTML();
  await page.getByLabel('Log axes').uncheck();
  await expect.poll(() => chart.innerHTML()).not.toBe(before);
});

test('save a scenario, reload, load it and see the inputs restored; then delete it', async ({ page }) => {
  const name = `e2e restore ${Date.now()}`;
  await page.goto('/cost');
  await numberBox(page, 'Memory (MB)').fill('3008');
  await numberBox(page, 'Duration per invocation (ms)').fill('750');
  await page.getByRole('radio', { name: 'arm64' }).check({ force: true });
  await page.getByLabel('Save the current inputs as').fill(name);
  await page.getByRole('button', { name: 'Save scenario' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Saved “${name}”` })).toBeVisible();

  await page.goto('/cost');
  await expect(numberBox(page, 'Memory (MB)')).toHaveValue('1,024');
  await page.getByRole('button', { name: `Load ${name}` }).click();
  await expect(numberBox(page, 'Memory (MB)')).toHaveValue('3,008');
  await expect(numberBox(page, 'Duration per invocation (ms)')).toHaveValue('750');
  await expect(page.getByRole('radio', { name: 'arm64' })).toBeChecked();

  await page.getByRole('button', { name: `Delete ${name}` }).click();
  await page.getByRole('button', { name: `Confirm deleting ${name}` }).click();
  await expect(page.getByRole('list', { name: 'Saved scenarios' }).getByText(name)).toHaveCount(0);
});

test('a shared URL restores every input', async ({ page, browser }) => {
  await page.goto('/cost');
  await page.getByText('SQS batch processing').click();
  await numberBox(page, 'Messages per day (per day)').fill('20000000');
  await numberBox(page, 'Message size (KB)').fill('16');
  await page.getByRole('radio', { name: 'arm64' }).check({ force: true });
  await page.getByLabel('Pricing region').selectOption('eu-west-1');
  const expected = await settledTotal(page);
  const link = await page.getByLabel('Link to these inputs').inputValue();
  expect(link).toMatch(/\/cost\?state=1_/);

  const other = await browser.newContext({ storageState: storageState('falconDev') });
  const shared = await other.newPage();
  await shared.goto(link);
  await expect(shared.getByRole('radio', { name: 'SQS batch processing' })).toBeChecked();
  await expect(numberBox(shared, 'Messages per day (per day)')).toHaveValue('20,000,000');
  await expect(numberBox(shared, 'Message size (KB)')).toHaveValue('16');
  await expect(shared.getByRole('radio', { name: 'arm64' })).toBeChecked();
  await expect(shared.getByLabel('Pricing region')).toHaveValue('eu-west-1');
  await expect(total(shared)).toHaveText(expected);
  await other.close();
});

test('a broken shared URL still opens, and says what it ignored', async ({ page }) => {
  await page.goto('/cost?state=1_mem.64_dur.500_colour.blue');
  await expect(numberBox(page, 'Duration per invocation (ms)')).toHaveValue('500');
  await expect(numberBox(page, 'Memory (MB)')).toHaveValue('1,024');
  await expect(page.getByText(/Some settings in this link could not be used/)).toContainText('Memory must be between 128 and 10,240 MB');
});

test('comparing two scenarios highlights what differs', async ({ page }) => {
  const stamp = Date.now();
  const input = {
    architecture: 'x86_64',
    region: 'us-east-1',
    memoryMb: 2048,
    durationMs: 60_000,
    invocationsPerMonth: 75_000_000,
    ephemeralStorageMb: 512,
    includeFreeTier: false,
  };
  const a = await (
    await page.request.post('/api/v1/cost/scenarios', { data: { name: `e2e 2 GB ${stamp}`, kind: 'lambda', input }, headers: fromPortalPage })
  ).json();
  const b = await (
    await page.request.post('/api/v1/cost/scenarios', {
      data: { name: `e2e 1 GB ${stamp}`, kind: 'lambda', input: { ...input, memoryMb: 1024 } },
      headers: fromPortalPage,
    })
  ).json();

  await page.goto('/cost');
  await page.getByRole('checkbox', { name: `Compare ${a.name}` }).check();
  await page.getByRole('checkbox', { name: `Compare ${b.name}` }).check();
  const table = page.getByRole('table', { name: `Comparison of ${a.name} and ${b.name}` });
  const memory = table.getByRole('row', { name: /^Memory/ });
  await expect(memory).toHaveAttribute('data-differs', 'true');
  await expect(memory).toContainText('differs');
  await expect(memory).toContainText('2,048 MB');
  await expect(memory).toContainText('1,024 MB');
  await expect(table.getByRole('row', { name: /^Duration per invocation/ })).toHaveAttribute('data-differs', 'false');
  await expect(table.getByRole('row', { name: /^Monthly cost/ })).toContainText('$145,015.29');
  await expect(page.getByTestId('comparison-delta')).toContainText('1 input differs');

  for (const scenario of [a, b]) await page.request.delete(`/api/v1/cost/scenarios/${scenario.id}`, { headers: fromPortalPage });
});

test('exports the line items as CSV and a chart as PNG', async ({ page }) => {
  await page.goto('/cost?state=1_f.0_mem.2048_dur.60000_inv.75000000');
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(csv.suggestedFilename()).toBe('lambda-cost-estimate.csv');
  const text = await readFile((await csv.path())!, 'utf8');
  expect(text.split('\r\n')[0]).toBe('item,quantity,unit,rate_usd,cost_usd,price_table,region');
  expect(text).toContain('Total,,,,145015.29');

  const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the chart “Cost by line item” as PNG' }).click()]);
  expect(png.suggestedFilename()).toBe('lambda-cost-by-line-item.png');
  const bytes = await readFile((await png.path())!);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.length).toBeGreaterThan(5_000);
});

test('a blueprint link starts from its cost profile', async ({ page }) => {
  await page.goto('/cost?blueprint=sqs-batch-lambda');
  await expect(page.getByText(/Started from the cost profile of the blueprint “sqs-batch-lambda”/)).toBeVisible();
  await expect(page.getByRole('radio', { name: 'SQS batch processing' })).toBeChecked();
  await expect(numberBox(page, 'Messages per day (per day)')).toHaveValue('1,000,000');
  await expect(page.getByRole('radio', { name: 'arm64' })).toBeChecked();
});

test('a launch’s “Cost estimator” link opens the estimator with that launch’s own figures', async ({ page }) => {
  test.setTimeout(180_000);
  const body = {
    blueprint: 'sqs-batch-lambda',
    target: 'sandbox',
    region: 'us-east-1',
    stackName: `e2e-cost-${Date.now().toString(36)}`,
    parameters: { BatchSize: '250', BatchingWindowSeconds: '5', FunctionMemory: '512', Architecture: 'x86_64' },
  };
  const preview = await page.request.post('/api/v1/launches/preview', { data: body, headers: fromPortalPage });
  expect(preview.status(), await preview.text()).toBe(200);
  const launched = await page.request.post('/api/v1/launches', { data: { ...body, previewId: (await preview.json()).previewId }, headers: fromPortalPage });
  expect(launched.status(), await launched.text()).toBe(201);
  const { id } = await launched.json();

  await page.goto(`/launches/${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('CREATE_COMPLETE', { timeout: 90_000 });
  const link = page.getByRole('main').getByRole('link', { name: 'Cost estimator' });
  await expect(link).toHaveAttribute('href', `/cost?launch=${id}&blueprint=sqs-batch-lambda`);
  await link.click();

  // The launch's memory, architecture, window and batch size, not the blueprint's defaults (128 MB, arm64, 0 s, 10).
  await expect(page.getByRole('status').filter({ hasText: `Started from the launch “${body.stackName}”` })).toContainText('FunctionMemory 512');
  await expect(page.getByRole('radio', { name: 'SQS batch processing' })).toBeChecked();
  await expect(numberBox(page, 'Base memory (MB)')).toHaveValue('512');
  await expect(numberBox(page, 'Batching window (s)')).toHaveValue('5');
  await expect(page.getByRole('radio', { name: 'x86_64' })).toBeChecked();
  await expect(page.getByLabel('Batch sizes to compare')).toHaveValue(/(^|, )250(,|$)/);
  await expect(page.getByRole('row').filter({ hasText: /^250/ })).toContainText('512 MB');

  // Another team cannot use the link to read the launch: the estimator falls back to the blueprint.
  const other = await page
    .context()
    .browser()!
    .newContext({ storageState: storageState('eagleDev') });
  const eagle = await other.newPage();
  await eagle.goto(`/cost?launch=${id}&blueprint=sqs-batch-lambda`);
  await expect(eagle.getByText(`There is no launch “${id}” you can read`)).toBeVisible();
  await expect(numberBox(eagle, 'Base memory (MB)')).toHaveValue('128');
  await other.close();

  expect((await page.request.delete(`/api/v1/launches/${id}`, { headers: fromPortalPage })).status()).toBe(202);
});
