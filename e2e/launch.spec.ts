import { expect, test, type Locator, type Page } from '@playwright/test';
import { fromPortalPage } from './support/origin';
import { storageState } from './users';

test.use({ storageState: storageState('falconDev') });
test.describe.configure({ mode: 'serial' });

const stackName = `e2e-sqs-${Date.now().toString(36)}`;

/** Ticks the IAM acknowledgement when the blueprint creates IAM resources (its change set says so). */
async function acknowledgeCapabilities(page: Page) {
  const ack = page.getByRole('checkbox', { name: /I acknowledge/ });
  if (await ack.count()) await ack.check();
}

/** Every Replacement cell (and the column's header) lies inside the 1440-px window, not cut off at its right edge. */
async function expectReplacementColumnInView(page: Page, table: Locator) {
  const viewport = page.viewportSize()!;
  const cells = [table.getByRole('columnheader', { name: 'Replacement' }), ...(await table.getByTestId('replacement').all())];
  expect(cells.length).toBeGreaterThan(1);
  for (const cell of cells) {
    await cell.scrollIntoViewIfNeeded();
    const box = (await cell.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
  }
}

async function waitForStatus(page: Page, status: RegExp, timeout = 90_000) {
  await expect(page.getByRole('heading', { level: 1 })).toContainText(status, { timeout });
}

test('launch the SQS encryption blueprint: validation, preview, progress, outputs, update, teardown', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('/catalog/sqs-managed-encryption');
  await page.getByRole('link', { name: 'Launch', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Launch');

  await page.getByLabel('Stack name').fill(stackName);
  // An invalid value is refused in the browser with the template's own message, next to the field.
  const reuse = page.getByLabel(/Data key reuse period/);
  await reuse.fill('5');
  await page.getByRole('button', { name: 'Preview changes' }).click();
  await expect(reuse).toHaveAccessibleDescription(/from 60 seconds \(1 minute\) to 86400 seconds/);
  await expect(reuse).toBeFocused();
  await reuse.fill('600');
  await page.getByLabel(/Visibility timeout/).fill('45');

  await page.getByRole('button', { name: 'Preview changes' }).click();
  const preview = page.getByTestId('launch-preview');
  await expect(preview).toBeVisible({ timeout: 60_000 });
  await expect(preview.getByRole('row', { name: /^Add EncryptedQueue AWS::SQS::Queue/ })).toBeVisible();
  await expect(page.getByTestId('change-summary')).toContainText(/to add/);
  await expectReplacementColumnInView(page, preview.getByTestId('change-set-table'));
  // The queue's producer and consumer policies are IAM resources: launching needs the acknowledgement.
  const launch = page.getByRole('button', { name: `Launch ${stackName}` });
  await expect(launch).toBeDisabled();
  await page.getByRole('checkbox', { name: /I acknowledge .*CAPABILITY_IAM/ }).check();
  await launch.click();
  await page.waitForURL(/\/launches\/[\w-]+$/);
  await waitForStatus(page, /CREATE_COMPLETE/);
  await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
  const timeline = page.getByTestId('event-timeline');
  await expect(timeline.getByText('EncryptedQueue', { exact: true }).first()).toBeVisible();
  await expect(timeline).toContainText('CREATE_IN_PROGRESS');
  await expect(page.getByTestId('outputs')).toContainText('QueueUrl');
  await expect(page.getByTestId('launch-parameters')).toContainText('45');

  // Update a parameter through the same change-set preview.
  await page.getByRole('button', { name: /Change parameters/ }).click();
  await page.getByLabel(/Visibility timeout/).fill('120');
  await page.getByRole('button', { name: 'Preview update' }).click();
  const updatePreview = page.getByTestId('update-preview');
  await expect(updatePreview).toContainText('Modify', { timeout: 60_000 });
  await expect(updatePreview.getByRole('row', { name: /^Modify EncryptedQueue AWS::SQS::Queue changes VisibilityTimeout in place/ })).toBeVisible();
  await expectReplacementColumnInView(page, updatePreview.getByTestId('change-set-table'));
  await page.getByRole('button', { name: 'Apply update' }).click();
  await waitForStatus(page, /UPDATE_COMPLETE/);
  await expect(page.getByTestId('launch-parameters')).toContainText('120');

  // Drift: the sandbox compares the template with the live queue, and nothing changed behind CloudFormation's back.
  await page.getByRole('button', { name: 'Detect drift' }).click();
  await expect(page.getByText(/^Stack is/)).toContainText('IN_SYNC');

  // Teardown needs the stack name typed.
  const del = page.getByRole('button', { name: 'Delete stack' });
  await expect(del).toBeDisabled();
  await page.getByLabel(/to delete the stack/).fill(stackName);
  await del.click();
  await waitForStatus(page, /DELETED/);
  await expect(page.getByText(/This record stays for the history/)).toBeVisible();

  await page.goto('/launches?includeDeleted=true');
  await expect(page.getByRole('row').filter({ hasText: stackName })).toContainText('DELETED');
});

test('an invalid stack name is refused next to the field, in a summary, and the focus moves to it', async ({ page }) => {
  await page.goto('/launches/new?blueprint=sqs-managed-encryption');
  const name = page.getByLabel('Stack name');
  const timeout = page.getByLabel(/Visibility timeout/);
  await name.fill('9 lives');
  // Not blurred yet: nothing is said until the person leaves the field or submits.
  await timeout.fill('-1');
  await expect(page.getByTestId('launch-error-summary')).toHaveCount(0);
  await page.getByRole('button', { name: 'Preview changes' }).click();

  // Every problem, each next to its field and listed at the top; the first field in the form has the focus.
  const summary = page.getByTestId('launch-error-summary');
  await expect(summary).toContainText('2 fields need a change');
  await expect(summary.getByRole('link', { name: 'Stack name' })).toBeVisible();
  await expect(summary.getByRole('link', { name: /Visibility timeout/ })).toBeVisible();
  await expect(name).toBeFocused();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toHaveAccessibleDescription('stackName must start with a letter and contain only letters, digits and dashes');
  await expect(timeout).toHaveAttribute('aria-invalid', 'true');
  await expect(timeout).toHaveAccessibleDescription(/from 0 to 43200 seconds/);
  await expect(page.getByTestId('launch-preview')).toHaveCount(0);

  // The summary's links lead to their fields; fixing one updates the summary as you type.
  await summary.getByRole('link', { name: /Visibility timeout/ }).click();
  await expect(timeout).toBeFocused();
  await timeout.fill('45');
  await expect(summary).toContainText('One field needs a change');
  await expect(timeout).toHaveAttribute('aria-invalid', 'false');
  await name.fill('');
  await expect(name).toHaveAccessibleDescription('stackName is required');
  // Submitting again keeps the messages (it used to forget which fields had been touched).
  await page.getByRole('button', { name: 'Preview changes' }).click();
  await expect(name).toBeFocused();
  await expect(name).toHaveAccessibleDescription('stackName is required');
});

test('launch a blueprint with a state machine and see it feed the executions dashboard', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/launches/new?blueprint=mainframe-jcl-step-functions');
  const name = `e2e-jcl-${Date.now().toString(36)}`;
  await page.getByLabel('Stack name').fill(name);
  await page.getByRole('button', { name: 'Preview changes' }).click();
  const preview = page.getByTestId('launch-preview');
  await expect(preview).toBeVisible({ timeout: 60_000 });
  await expect(preview).toContainText('AWS::StepFunctions::StateMachine');
  await acknowledgeCapabilities(page);
  await page.getByRole('button', { name: `Launch ${name}` }).click();
  await page.waitForURL(/\/launches\/[\w-]+$/);
  await waitForStatus(page, /CREATE_COMPLETE/, 120_000);
  await expect(page.getByRole('link', { name: 'Step Functions executions' })).toHaveAttribute('href', /stateMachineArn=arn/);
  await page.getByLabel(/to delete the stack/).fill(name);
  await page.getByRole('button', { name: 'Delete stack' }).click();
  await waitForStatus(page, /DELETED/, 120_000);
});

test('a template the sandbox rejects shows CREATE_FAILED with the reason and the rollback', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/launches/new?blueprint=test-rollback');
  await page.getByLabel('Stack name').fill(`e2e-rollback-${Date.now().toString(36)}`);
  await page.getByRole('button', { name: 'Preview changes' }).click();
  await expect(page.getByTestId('launch-preview')).toBeVisible({ timeout: 60_000 });
  await acknowledgeCapabilities(page);
  await page.getByRole('button', { name: /^Launch e2e-rollback/ }).click();
  await page.waitForURL(/\/launches\/[\w-]+$/);
  await waitForStatus(page, /ROLLBACK_COMPLETE/);
  await expect(page.getByRole('alert').filter({ hasText: 'Worker CREATE_FAILED' })).toBeVisible();
  await expect(page.getByTestId('first-failure')).not.toBeEmpty();
  await expect(page.getByText(/rolled back the stack/)).toBeVisible();
  await expect(page.getByTestId('event-timeline')).toContainText('ROLLBACK_IN_PROGRESS');
  await expect(page.getByTestId('event-timeline')).toContainText('DELETE_COMPLETE');
});

test('the preview follows each function build, and a build that fails is shown as such before CloudFormation', async ({ page }) => {
  test.setTimeout(120_000);
  const name = `e2e-build-fail-${Date.now().toString(36)}`;
  await page.goto('/launches/new?blueprint=test-build-failure');
  await page.getByLabel('Stack name').fill(name);
  await page.getByRole('button', { name: 'Preview changes' }).click();
  const failure = page.getByRole('alert').filter({ hasText: 'Build failed' });
  await expect(failure).toBeVisible({ timeout: 60_000 });
  await expect(failure).toContainText('The build of function BrokenFunction (nodejs22.x) failed: esbuild:');
  const builds = page.getByTestId('function-builds');
  await expect(builds).toContainText('one failed: nothing was sent to CloudFormation');
  await expect(builds.getByTestId('function-build').filter({ hasText: 'WorkingFunction' })).toHaveAttribute('data-build-status', /^(built|cached)$/);
  const broken = builds.getByTestId('function-build').filter({ hasText: 'BrokenFunction' });
  await expect(broken).toHaveAttribute('data-build-status', 'failed');
  await expect(broken).toContainText('Could not resolve "./nowhere.mjs"');
  await expect(page.getByTestId('launch-preview')).toHaveCount(0);

  // The launch keeps the builds: its page says the build failed, and which function.
  const progress = await page.request.get(`/api/v1/launches/build-progress?target=sandbox&region=us-east-1&stackName=${name}`);
  const { launchId } = (await progress.json()) as { launchId: string };
  await page.goto(`/launches/${launchId}`);
  await expect(page.getByRole('alert').filter({ hasText: 'Build failed' })).toContainText('BrokenFunction');
  await expect(page.getByTestId('function-build').filter({ hasText: 'BrokenFunction' })).toHaveAttribute('data-build-status', 'failed');
});

test('an unconfirmed preview offers only discarding; once discarded, the launch offers nothing and says why', async ({ page }) => {
  const name = `e2e-review-${Date.now().toString(36)}`;
  const res = await page.request.post('/api/v1/launches/preview', {
    data: { blueprint: 'sqs-managed-encryption', target: 'sandbox', region: 'us-east-1', stackName: name },
    headers: fromPortalPage,
  });
  expect(res.ok(), await res.text()).toBe(true);
  const { previewId } = (await res.json()) as { previewId: string };

  await page.goto(`/launches/${previewId}`);
  await waitForStatus(page, /REVIEW_IN_PROGRESS/);
  for (const gone of ['Update', 'Drift', 'Tear down']) await expect(page.getByRole('heading', { name: gone, exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: 'Discard preview' }).click();
  await waitForStatus(page, /DISCARDED/);
  await expect(page.getByText('Discarded by falcon-dev@example.com before launching.')).toBeVisible();
  for (const gone of ['Update', 'Drift', 'Tear down', 'Unconfirmed preview'])
    await expect(page.getByRole('heading', { name: gone, exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Change parameters|Detect drift|Delete stack|Discard preview/ })).toHaveCount(0);
});

// Viewers' update and delete are tried, and refused, in e2e/api/launches.spec.ts.
test('viewers watch but cannot launch', async ({ browser }) => {
  const ctx = await browser.newContext({ storageState: storageState('falconViewer') });
  const page = await ctx.newPage();
  await page.goto('/launches/new?blueprint=sqs-managed-encryption');
  await expect(page.getByText('Launching needs the developer role in a team.')).toBeVisible();
  await ctx.close();
});

test('the launches list shows a page at a time and loads the next from the keyboard', async ({ page }) => {
  const everything = (await (await page.request.get('/api/v1/launches?includeDeleted=true&limit=200')).json()) as { launches: { stackName: string }[] };
  // The tests above left several launches (deleted, failed or live).
  expect(everything.launches.length).toBeGreaterThan(2);
  await page.goto('/launches?includeDeleted=true&limit=1');
  const rows = page.locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(everything.launches[0]!.stackName);
  const more = page.getByRole('button', { name: 'Load more launches' });
  await more.focus();
  await page.keyboard.press('Enter');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText(everything.launches[1]!.stackName);
  // Focus stays on the button while there are more pages; at the end the list says it is complete.
  while (await more.isVisible()) {
    const shown = await rows.count();
    await expect(more).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(rows).toHaveCount(shown + 1);
  }
  await expect(page.getByText(`All ${everything.launches.length} launches shown.`)).toBeVisible();
  await expect(rows).toHaveCount(everything.launches.length);
});
