import { expect, test } from '@playwright/test';
import { storageState } from './users';

test.describe('signed-in shell', () => {
  test.use({ storageState: storageState('falconDev') });

  test('every section is reachable from the navigation', async ({ page }) => {
    await page.goto('/catalog');
    const sections = [
      ['Catalog', 'Catalog'],
      ['Launches', 'Launches'],
      ['Executions', 'Step Functions executions'],
      ['Audit findings', 'Audit findings'],
      ['Kafka lag', 'Kafka consumer lag'],
      ['ABAC', 'ABAC tag mappings'],
      ['Cost estimator', 'Lambda cost estimator'],
      ['Settings', 'Settings'],
    ] as const;
    const nav = page.getByRole('navigation', { name: 'Sections' });
    for (const [link, heading] of sections) {
      await nav.getByRole('link', { name: link, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await expect(nav.getByRole('link', { name: link, exact: true })).toHaveAttribute('aria-current', 'page');
    }
  });

  test('the target switcher offers the sandbox and its regions, and remembers the choice', async ({ page }) => {
    await page.goto('/catalog');
    await expect(page.getByLabel('AWS target')).toContainText('Sandbox · 123456789012');
    await page.getByLabel('Region').selectOption('eu-west-1');
    await page.waitForLoadState('networkidle');
    await page.reload();
    await expect(page.getByLabel('Region')).toHaveValue('eu-west-1');
    await page.getByLabel('Region').selectOption('us-east-1');
  });
});

test('signing out returns to the sign-in page and protects the portal', async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageState('eagleViewer') });
  const page = await context.newPage();
  await page.goto('/settings');
  await expect(page.getByTestId('current-user')).toContainText('Ezra Eagle');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL('**/signin**');
  await page.goto('/launches');
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Flaunches/);
  await context.close();
});

test('signed-out visitors are sent to sign in, and come back where they were going', async ({ page }) => {
  await page.goto('/kafka');
  await expect(page).toHaveURL(/\/signin/);
  await page.getByRole('button', { name: /falcon-viewer@example\.com/ }).click();
  await page.waitForURL('**/kafka');
  await expect(page.getByRole('heading', { level: 1, name: 'Kafka consumer lag' })).toBeVisible();
});

test('opened at 127.0.0.1 while the public URL says localhost, the demo sign-in lands signed in', async ({ browser, baseURL }) => {
  const publicUrl = new URL(baseURL!);
  test.skip(publicUrl.hostname !== 'localhost', 'the test portal’s public URL is on localhost');
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${publicUrl.port}/launches?includeDeleted=true`);
  // Moved to the public name before signing in, so the session cookie is set where it is read.
  await expect(page).toHaveURL(`${publicUrl.origin}/signin?callbackUrl=%2Flaunches%3FincludeDeleted%3Dtrue`);
  await page.getByRole('button', { name: /falcon-dev@example\.com/ }).click();
  await page.waitForURL(`${publicUrl.origin}/launches?includeDeleted=true`);
  await expect(page.getByTestId('current-user')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Launches' })).toBeVisible();
  await context.close();
});
