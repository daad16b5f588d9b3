import { expect, test } from '@playwright/test';
import { storageState } from './users';

test.describe('as the platform admin', () => {
  test.use({ storageState: storageState('admin') });

  test("tests a target's connection in Settings, then finds the test in the audit log, filtered and exported", async ({ page }) => {
    await page.goto('/settings');
    await page.getByRole('button', { name: 'Test the connection to sandbox' }).click();
    const health = page.getByTestId('target-health-sandbox');
    await expect(health.getByText('connection ok')).toBeVisible();
    await expect(health).toContainText('last answered');

    await page.goto('/settings/audit-log');
    await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
    await page.getByLabel('Action').fill('target.test');
    await page.getByLabel('Actor').fill('admin@example.com');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const rows = page.getByRole('row').filter({ hasText: 'target.test' });
    await expect(rows.first()).toContainText('admin@example.com');
    await expect(rows.first()).toContainText('success');
    // Every row the filter left is a connection test.
    const actions = await page.locator('tbody tr td:nth-child(3)').allTextContents();
    expect(actions.length).toBeGreaterThan(0);
    expect(new Set(actions)).toEqual(new Set(['target.test']));

    // The export link carries the same filters and answers JSON lines of the same entries.
    const href = await page.getByRole('link', { name: 'Export JSON lines' }).getAttribute('href');
    expect(href).toMatch(/action=target\.test/);
    const exported = await page.request.get(href!);
    expect(exported.status()).toBe(200);
    expect(exported.headers()['content-type']).toContain('application/x-ndjson');
    const lines = (await exported.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { action: string; actorEmail: string });
    expect(lines.length).toBeGreaterThanOrEqual(actions.length);
    expect(lines.every((e) => e.action === 'target.test' && e.actorEmail === 'admin@example.com')).toBe(true);
  });
});

test.describe('as a developer', () => {
  test.use({ storageState: storageState('falconDev') });

  test('the audit log page says it is for admins, and Settings offers no target test', async ({ page }) => {
    await page.goto('/settings');
    await expect(page.getByRole('button', { name: 'Test the connection to sandbox' })).toHaveCount(0);
    await page.goto('/settings/audit-log');
    await expect(page.getByText('Only team admins and platform admins can read the audit log.')).toBeVisible();
  });
});
