import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { storageState } from './users';
import {
  createExpressMachine,
  createInstance,
  createWaitingMachine,
  deleteLaunch,
  ec2StateChangeEvent,
  launchBlueprint,
  outputOf,
  putFeed,
  startExecution,
  subscribeQueueToBus,
  uid,
  waitForExecution,
  type LaunchDetail,
} from './support/sfn';

// The Step Functions executions dashboard against the sandbox: the EC2 enrichment workflow of the seed
// post (with and without a Name tag) and the mainframe JCL batch job (empty and non-empty feed), as a
// developer sees them: graph colours, step panel, data flow, timeline, events, export, compare, stop.

test.use({ storageState: storageState('falconDev') });
test.describe.configure({ mode: 'serial' });

const launches: LaunchDetail[] = [];

test.afterAll(async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageState('falconDev') });
  for (const launch of launches) await deleteLaunch(context.request, launch.id);
  await context.close();
});

const node = (page: Page, name: string) => page.locator(`[data-testid="sfn-node"][data-state-name="${name}"]`);
const executionStatus = (page: Page) => page.getByRole('heading', { level: 1 }).locator('[data-execution-status]');

test('EC2 enrichment: started from the form, coloured by status, step panel and data flow, enriched event delivered, export, compare', async ({ page }) => {
  test.setTimeout(300_000);
  const launch = await launchBlueprint(page.request, 'ec2-state-change-enrichment', { OperatorEmail: 'operator@example.com' });
  launches.push(launch);
  const stateMachineArn = outputOf(launch, 'StateMachineArn');
  const delivered = await subscribeQueueToBus(outputOf(launch, 'ApplicationEventBusName'), { source: ['custom.enriched.ec2'] });
  const instanceName = `web-${uid()}`;
  const namedId = await createInstance(instanceName);
  const unnamedId = await createInstance();

  try {
    // The launch's dashboard link opens the state machine.
    await page.goto(`/launches/${launch.id}`);
    await page.getByRole('link', { name: 'Step Functions executions' }).click();
    await page.waitForURL(/\/executions\/state-machines\/arn%3Aaws%3Astates/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('EnrichmentStateMachine');
    // A machine the launch created is the launch team's, and says so.
    await expect(page.getByTestId('owner').first()).toContainText('falcon');
    await expect(
      page
        .getByTestId('owner')
        .first()
        .getByRole('link', { name: /^e2e-sfn-ec2-/ }),
    ).toBeVisible();

    // The JSON editor says where the input is wrong, and will not start it.
    const start = page.getByRole('button', { name: 'Start execution', exact: true });
    if (!(await start.isVisible())) await page.getByRole('button', { name: 'Start execution…' }).click();
    const editor = page.getByLabel('Input (JSON)');
    await editor.fill('{\n  "detail": {\n    "instance-id": "i-1"\n    "state": "running"\n  }\n}');
    await expect(page.getByTestId('json-editor-status')).toHaveText("Line 4, column 5: Expected ',' or '}' after a property value, found '\"'");
    await expect(start).toBeDisabled();
    await editor.fill(JSON.stringify(ec2StateChangeEvent(namedId), null, 2));
    await expect(page.getByTestId('json-editor-status')).toContainText('Valid JSON');
    const namedRun = `named-${uid()}`;
    await page.getByLabel('Name (optional)').fill(namedRun);
    await start.click();

    // The execution page: the path with a Name tag.
    await page.waitForURL(/\/executions\/arn%3Aaws%3Astates%3A/);
    await expect(executionStatus(page)).toHaveAttribute('data-execution-status', 'SUCCEEDED', { timeout: 30_000 });
    await expect(page.getByRole('heading', { level: 1 })).toContainText(namedRun);
    await expect(node(page, 'Look up Name tag')).toHaveAttribute('data-status', 'succeeded');
    await expect(node(page, 'Name tag found?')).toHaveAttribute('data-status', 'succeeded');
    await expect(node(page, 'Keep first name')).toHaveAttribute('data-status', 'succeeded');
    await expect(node(page, 'Read default name')).toHaveAttribute('data-status', 'notRun');
    await expect(node(page, 'Emit enriched event')).toHaveAttribute('data-status', 'succeeded');
    await expect(page.getByTestId('graph-legend')).toContainText('Caught error');

    // Step panel: input, output, and what the ResultSelector made of DescribeInstances.
    await node(page, 'Look up Name tag').click();
    const panel = page.getByTestId('step-panel');
    await expect(panel.getByRole('heading', { name: 'Look up Name tag' })).toBeVisible();
    await expect(panel.getByTestId('step-input')).toContainText(namedId);
    await expect(panel.getByTestId('step-output')).toContainText(instanceName);
    const selector = panel.getByTestId('data-flow-step-resultSelector');
    await expect(selector).toContainText('$..Reservations[0].Instances[0].Tags[?(@.Key==Name)].Value');
    await expect(selector).toContainText(instanceName);
    await expect(panel.getByTestId('data-flow-step-resultPath')).toContainText('$.detail.refined');

    // The enriched event reached the custom bus (our rule's queue) with the refined id and the name.
    const [event] = (await delivered.read(15_000)) as { detail: { Message: { detail: { refined: unknown } } } }[];
    expect(event?.detail.Message.detail.refined).toEqual({ instanceid: namedId, instancename: instanceName });

    // Export: a standalone SVG with the statuses, and a PNG.
    const [svgFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export SVG' }).click()]);
    expect(svgFile.suggestedFilename()).toBe(`${namedRun}-graph.svg`);
    const svg = readFileSync((await svgFile.path())!, 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('data-node-id="Look up Name tag" data-status="succeeded"');
    expect(svg).toContain('data-node-id="Read default name" data-status="notRun"');
    const [pngFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG' }).click()]);
    expect(
      readFileSync((await pngFile.path())!)
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');

    // Without a Name tag: the caught error, the fallback path, the default name from Parameter Store.
    const unnamedRun = await startExecution(page.request, stateMachineArn, ec2StateChangeEvent(unnamedId), `unnamed-${uid()}`);
    await waitForExecution(page.request, unnamedRun);
    await page.goto(`/executions/${encodeURIComponent(unnamedRun)}`);
    await expect(executionStatus(page)).toHaveAttribute('data-execution-status', 'SUCCEEDED');
    await expect(node(page, 'Look up Name tag')).toHaveAttribute('data-status', 'caughtError');
    await expect(node(page, 'Name tag found?')).toHaveAttribute('data-status', 'notRun');
    await expect(node(page, 'Keep first name')).toHaveAttribute('data-status', 'notRun');
    await expect(node(page, 'Read default name')).toHaveAttribute('data-status', 'succeeded');
    await expect(node(page, 'Add id to default name')).toHaveAttribute('data-status', 'succeeded');
    await expect(page.locator('[data-edge-label="catch"][data-taken="true"]')).toHaveText('States.ALL');
    await node(page, 'Look up Name tag').click();
    await expect(panel.getByTestId('step-error')).toContainText('Caught: States.Runtime');
    await expect(panel.getByTestId('data-flow-error')).toContainText('ResultSelector failed: States.Runtime');
    await expect(panel.getByTestId('data-flow-step-catchResultPath')).toContainText('$.detail.lookupError');
    await node(page, 'Read default name').click();
    await expect(panel.getByRole('heading', { name: 'Read default name' })).toBeVisible();
    await expect(panel.getByTestId('step-output')).toContainText('unnamed-instance');
    const [second] = (await delivered.read(15_000)) as { detail: { Message: { detail: { refined: unknown } } } }[];
    expect(second?.detail.Message.detail.refined).toEqual({ instanceid: unnamedId, instancename: 'unnamed-instance' });

    // Timeline: one bar per visit; events: filtered by type, attributed to their state.
    await page.getByRole('tab', { name: 'Timeline' }).click();
    await expect(page.getByTestId('timeline').getByRole('listitem')).toHaveCount(5);
    await page.getByRole('tab', { name: 'Events' }).click();
    const events = page.getByTestId('event-table');
    await events.getByLabel('Event type').selectOption('TaskFailed');
    await expect(events.getByRole('row')).toHaveCount(2);
    await expect(events.getByRole('row').nth(1)).toContainText('Look up Name tag');

    // The machine page offers both inputs used (form and API) again, newest first, and compares the two runs.
    await page.goto(`/executions/state-machines/${encodeURIComponent(stateMachineArn)}?start=1`);
    const recent = page.getByLabel('Your last inputs');
    await expect(recent.locator('option')).toHaveCount(3);
    await recent.selectOption({ index: 2 });
    await expect(page.getByLabel('Input (JSON)')).toHaveValue(new RegExp(namedId));
    await page.getByLabel(`Select ${namedRun} to compare`).check();
    await page.getByLabel(/Select unnamed-.* to compare/).check();
    await page.getByRole('button', { name: 'Compare 2/2' }).click();
    await expect(page.getByTestId('compare-summary')).toContainText('They went different ways at step 3', { timeout: 30_000 });
    await expect(page.getByTestId('compare-table')).toContainText('Read default name');
    // Each graph fits its pane whole: every state is inside the canvas, none cut off.
    for (const label of ['A', 'B']) {
      const pane = page.getByRole('region', { name: `Execution ${label}` }).getByTestId('execution-graph');
      const states = pane.locator('[data-testid="sfn-node"]');
      await expect(states.first()).toBeVisible();
      await expect(async () => {
        const frame = (await pane.boundingBox())!;
        for (const state of await states.all()) {
          const box = (await state.boundingBox())!;
          expect(box.x, label).toBeGreaterThanOrEqual(frame.x - 1);
          expect(box.y, label).toBeGreaterThanOrEqual(frame.y - 1);
          expect(box.x + box.width, label).toBeLessThanOrEqual(frame.x + frame.width + 1);
          expect(box.y + box.height, label).toBeLessThanOrEqual(frame.y + frame.height + 1);
        }
      }).toPass({ timeout: 5_000 });
    }
  } finally {
    await delivered.dispose();
  }
});

test('mainframe JCL job: an empty feed stops at Nothing to process, a non-empty one is validated; a missing feed fails with a banner', async ({ page }) => {
  test.setTimeout(240_000);
  const launch = await launchBlueprint(page.request, 'mainframe-jcl-step-functions');
  launches.push(launch);
  const stateMachineArn = outputOf(launch, 'StateMachineArn');
  const bucket = outputOf(launch, 'FeedBucketName');
  // The job reads its FeedKey default when the input names no feed (template parameter FeedKey).
  const feedKey = 'feeds/new-employees.csv';

  await putFeed(bucket, feedKey, '');
  const empty = await waitForExecution(page.request, await startExecution(page.request, stateMachineArn, {}, `empty-${uid()}`));
  expect(empty.status).toBe('SUCCEEDED');
  await putFeed(bucket, feedKey, 'employee_id,name,department,start_date\nE100,Ana Silva,Finance,2024-06-03\nE101,,HR,2024-06-03\n');
  const full = await waitForExecution(page.request, await startExecution(page.request, stateMachineArn, {}, `full-${uid()}`));
  expect(full.status).toBe('SUCCEEDED');

  await page.goto(`/executions/${encodeURIComponent(empty.executionArn)}`);
  await expect(node(page, 'Use default feed')).toHaveAttribute('data-status', 'succeeded');
  await expect(node(page, 'Feed empty?')).toHaveAttribute('data-status', 'succeeded');
  await expect(node(page, 'Nothing to process')).toHaveAttribute('data-status', 'succeeded');
  await expect(node(page, 'Validate employee feed')).toHaveAttribute('data-status', 'notRun');
  await expect(node(page, 'Job complete')).toHaveAttribute('data-status', 'notRun');
  await node(page, 'Fetch employee feed').click();
  await expect(page.getByTestId('step-panel').getByTestId('data-flow-step-resultSelector')).toContainText('"size.$":"$.ContentLength"');

  await page.goto(`/executions/${encodeURIComponent(full.executionArn)}`);
  await expect(node(page, 'Nothing to process')).toHaveAttribute('data-status', 'notRun');
  await expect(node(page, 'Validate employee feed')).toHaveAttribute('data-status', 'succeeded');
  await expect(node(page, 'Read run environment')).toHaveAttribute('data-status', 'succeeded');
  await expect(node(page, 'Publish discrepancies')).toHaveAttribute('data-status', 'notRun');
  await expect(node(page, 'Job complete')).toHaveAttribute('data-status', 'succeeded');
  // Keyboard: a state focused in the graph opens with Enter.
  await node(page, 'Validate employee feed').locator('xpath=..').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('step-panel').getByRole('heading', { name: 'Validate employee feed' })).toBeVisible();
  await expect(page.getByTestId('step-panel').getByTestId('step-input')).toContainText('Ana Silva');

  // A feed that does not exist: the banner names the state and jumps to it.
  const missing = await waitForExecution(
    page.request,
    await startExecution(page.request, stateMachineArn, { feedKey: 'feeds/missing.csv' }, `missing-${uid()}`),
  );
  expect(missing.status).toBe('FAILED');
  await page.goto(`/executions/${encodeURIComponent(missing.executionArn)}`);
  const banner = page.getByTestId('error-banner');
  await expect(banner.getByTestId('error-banner-state')).toHaveText('Fetch employee feed');
  await expect(banner).toContainText('NoSuchKey');
  await expect(node(page, 'Fetch employee feed')).toHaveAttribute('data-status', 'failed');
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await expect(page).toHaveURL(/\?tab=timeline$/);
  await banner.getByRole('button', { name: 'Show the failing state' }).click();
  await expect(page.getByRole('tab', { name: 'Graph' })).toHaveAttribute('aria-selected', 'true');
  await expect(page).not.toHaveURL(/tab=/);
  await expect(page.getByTestId('step-panel').getByRole('heading', { name: 'Fetch employee feed' })).toBeVisible();
  await expect(node(page, 'Fetch employee feed')).toBeInViewport();

  // The tab is in the URL: Back and Forward move between tabs, and a link opens the tab it names.
  await page.goBack();
  await expect(page.getByRole('tab', { name: 'Timeline' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('timeline')).toBeVisible();
  await page.goForward();
  await expect(page.getByRole('tab', { name: 'Graph' })).toHaveAttribute('aria-selected', 'true');
  await page.goto(`/executions/${encodeURIComponent(missing.executionArn)}?tab=events`);
  await expect(page.getByRole('tab', { name: 'Events' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('event-table')).toBeVisible();

  // The state machine's own page draws its definition, with no execution on it.
  await page.goto(`/executions/state-machines/${encodeURIComponent(stateMachineArn)}`);
  await expect(node(page, 'Use default feed')).toBeVisible();
  await expect(node(page, 'Job complete')).toHaveAttribute('data-status', 'notRun');
  await expect(page.getByTestId('execution-graph').locator('[data-status]:not([data-status="notRun"])')).toHaveCount(0);
});

test('a running execution refreshes itself in the list and is stopped from there', async ({ page }) => {
  test.setTimeout(90_000);
  const stateMachineArn = await createWaitingMachine(60);
  const executionArn = await startExecution(page.request, stateMachineArn, { wait: true }, `long-${uid()}`);
  await page.goto(`/executions/state-machines/${encodeURIComponent(stateMachineArn)}`);
  const row = page.getByTestId('executions-table').getByRole('row').filter({ hasText: 'long-' });
  await expect(row.locator('[data-execution-status]')).toHaveAttribute('data-execution-status', 'RUNNING');
  await row.getByRole('button', { name: /^Stop long-/ }).click();
  await row.getByRole('button', { name: 'Yes, stop it' }).click();
  await expect(row.locator('[data-execution-status]')).toHaveAttribute('data-execution-status', 'ABORTED', { timeout: 15_000 });
  await page.goto(`/executions/${encodeURIComponent(executionArn)}`);
  await expect(page.getByTestId('error-banner')).toContainText('was stopped in Wait a minute');
  await expect(node(page, 'Wait a minute')).toHaveAttribute('data-status', 'cancelled');
});

test('an Express workflow shows its executions from CloudWatch Logs, since it keeps no history', async ({ page }) => {
  const { arn, logGroupName } = await createExpressMachine();
  const name = `order-${uid()}`;
  await startExecution(page.request, arn, { orderId: 'o-7' }, name);
  await page.goto(`/executions/state-machines/${encodeURIComponent(arn)}`);
  const logs = page.getByTestId('express-logs');
  await expect(logs).toContainText('Express workflows keep no execution history');
  await expect(logs).toContainText(logGroupName);
  const succeeded = logs.getByRole('button', { name: new RegExp(`ExecutionSucceeded.*${name}`) });
  await expect(async () => {
    await logs.getByRole('button', { name: 'Refresh' }).click();
    await expect(succeeded).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await succeeded.click();
  await expect(succeeded).toHaveAttribute('aria-expanded', 'true');
  await expect(logs).toContainText('Log record');
  await expect(logs).toContainText('o-7');
});

test('viewers watch but cannot start executions', async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageState('falconViewer') });
  const page = await context.newPage();
  const stateMachineArn = await createWaitingMachine(1);
  await page.goto(`/executions/state-machines/${encodeURIComponent(stateMachineArn)}`);
  await expect(page.getByText('Starting and stopping executions needs the developer role in the team that owns this state machine')).toBeVisible();
  await expect(page.getByRole('button', { name: /Start execution/ })).toHaveCount(0);
  await page.goto('/executions');
  await expect(page.getByTestId('state-machine-table')).toContainText(stateMachineArn.split(':').pop()!);
  await context.close();
});

test('another team sees the machine and its owner, not its executions', async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageState('eagleDev') });
  const page = await context.newPage();
  const stateMachineArn = await createWaitingMachine(1);
  const name = stateMachineArn.split(':').pop()!;
  await page.goto('/executions');
  const row = page.getByTestId('state-machine-table').getByRole('row').filter({ hasText: name });
  await expect(row.getByTestId('owner')).toContainText('falcon');
  await expect(row).toContainText('Only the owner');
  await expect(row.getByRole('link', { name })).toHaveCount(0);
  await page.goto(`/executions/state-machines/${encodeURIComponent(stateMachineArn)}`);
  await expect(page.getByText(/assigned to team falcon; only their members can open it/)).toBeVisible();
  await context.close();
});
