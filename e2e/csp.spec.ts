import { expect, test, type Page } from '@playwright/test';
import { createLaggingGroup } from './kafka-fixtures';
import { createWaitingMachine, startExecution, uid, waitForExecution } from './support/sfn';
import { storageState } from './users';

// The portal's pages under their Content-Security-Policy (proxy.ts) in Chromium: a blocked script
// leaves a page without its client parts (graphs, charts, forms), a blocked style unstyled. Every
// violation and every console error fails the test.

async function watchForProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error on ${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught on ${page.url()}: ${error.message}`));
  // Both run outside the page's policy (DevTools protocol), so the policy cannot hide its violations.
  await page.exposeFunction('reportPolicyViolation', (text: string) => problems.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { reportPolicyViolation: (text: string) => void }).reportPolicyViolation;
      report(`CSP violation on ${location.pathname}: ${e.violatedDirective} blocked ${e.blockedURI || 'inline code'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return problems;
}

test.describe('signed in', () => {
  test.use({ storageState: storageState('falconDev') });

  test('catalog, blueprint, launch form, execution graph, Kafka and cost pages work without a policy violation', async ({ page }) => {
    test.setTimeout(180_000);
    const group = await createLaggingGroup({ prefix: 'e2e-csp', partitions: 1, records: 6, committed: { 0: 2 } });
    const stateMachineArn = await createWaitingMachine(1);
    const executionArn = await startExecution(page.request, stateMachineArn, { csp: true }, `csp-${uid()}`);
    await waitForExecution(page.request, executionArn);
    const problems = await watchForProblems(page);

    const catalog = await page.goto('/catalog');
    expect(catalog?.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    await expect(page.getByRole('heading', { level: 1, name: 'Catalog' })).toBeVisible();

    // React Flow (inline styles) and highlight.js.
    await page.goto('/catalog/sqs-batch-lambda');
    const diagram = page.getByTestId('architecture-diagram');
    await expect(diagram.locator('.react-flow__node').first()).toBeVisible();
    await expect(page.locator('code.hljs').first()).toContainText('AWSTemplateFormatVersion');

    // The launch form validates in the browser, so it only answers when its scripts run.
    await page.goto('/launches/new?blueprint=sqs-managed-encryption');
    await page.getByLabel('Stack name').fill(`csp-${uid()}`);
    const reuse = page.getByLabel(/Data key reuse period/);
    await reuse.fill('5');
    await page.getByRole('button', { name: 'Preview changes' }).click();
    await expect(reuse).toHaveAccessibleDescription(/from 60 seconds \(1 minute\) to 86400 seconds/);

    // The execution graph is drawn in the browser.
    await page.goto(`/executions/${encodeURIComponent(executionArn)}`);
    await expect(page.locator('[data-testid="sfn-node"][data-state-name="Done"]')).toHaveAttribute('data-status', 'succeeded');

    // Kafka: the group list (client filter) and the lag chart (recharts).
    await page.goto('/kafka');
    await page.getByRole('link', { name: 'sandbox', exact: true }).click();
    await page.getByLabel('Filter').fill(group.groupId);
    await expect(page.getByTestId('groups-range')).toContainText(`matching “${group.groupId}”`, { timeout: 20_000 });
    await page.getByRole('link', { name: group.groupId }).click();
    await expect(page.getByTestId('lag-history-summary')).toContainText(/\d+ points/, { timeout: 30_000 });
    await expect(page.locator('svg.recharts-surface').first()).toBeVisible();

    // The cost estimator recomputes in the browser.
    await page.goto('/cost');
    const total = page.getByTestId('total-cost');
    await expect(total).toHaveText(/^\$/);
    const before = await total.textContent();
    await page.getByRole('textbox', { name: 'Memory (MB)', exact: true }).fill('4096');
    await expect(total).not.toHaveText(before ?? '');
    await expect(page.locator('svg.recharts-surface').first()).toBeVisible();

    // A client-side navigation and the polling widgets' fetches run under the policy too.
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Settings', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();

    expect(problems).toEqual([]);
  });
});

test('the sign-in and health pages work without a policy violation', async ({ page }) => {
  const problems = await watchForProblems(page);
  await page.goto('/health');
  await expect(page.getByRole('heading', { level: 1, name: 'System health' })).toBeVisible();
  await page.goto('/signin');
  await expect(page.getByRole('heading', { name: /Demo sign-in/ })).toBeVisible();
  expect(problems).toEqual([]);
});
