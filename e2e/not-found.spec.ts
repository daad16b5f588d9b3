import { expect, test, type Page } from '@playwright/test';
import { storageState } from './users';

// Addresses that lead nowhere answer HTTP 404 with a not-found page and a way back, whether no route
// matches or a page looks its record up and finds none; and the portal's own requests (its icon
// among them) never fail on the way.

const enc = encodeURIComponent;
const MISSING_EXECUTION = 'arn:aws:states:us-east-1:123456789012:execution:never-there:run-1';
const MISSING_MACHINE = 'arn:aws:states:us-east-1:123456789012:stateMachine:never-there';

/** Every failed request and console error while the page is used. */
function watchFailures(page: Page): string[] {
  const failures: string[] = [];
  page.on('response', (res) => {
    if (res.status() >= 400) failures.push(`${res.status()} ${res.url()}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') failures.push(`console error on ${page.url()}: ${message.text()}`);
  });
  return failures;
}

test.describe('signed in', () => {
  test.use({ storageState: storageState('falconDev') });

  test('unknown pages and records answer 404 with a not-found page and a way back', async ({ page }) => {
    const cases: [path: string, back: string][] = [
      ['/no-such-page', 'Back to the catalog'],
      ['/catalog/no-such-blueprint', 'Back to the catalog'],
      ['/launches/no-such-launch', 'All launches'],
      ['/kafka/no-such-cluster', 'Clusters you can see'],
      ['/kafka/no-such-cluster/groups/orders', 'Clusters you can see'],
      ['/kafka/no-such-cluster/groups/orders/reset', 'Clusters you can see'],
      ['/executions/not-an-arn', 'Back to state machines'],
      [`/executions/${enc(MISSING_EXECUTION)}`, 'Back to state machines'],
      [`/executions/state-machines/${enc(MISSING_MACHINE)}`, 'Back to state machines'],
    ];
    for (const [path, back] of cases) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(404);
      await expect(page.getByRole('heading', { level: 1, name: 'Not found' }), path).toBeVisible();
      await expect(page.getByRole('link', { name: back }), path).toBeVisible();
    }
    expect((await page.goto('/catalog'))?.status()).toBe(200);
  });

  test('the portal icon is served as /favicon.ico too, and no page logs a failed request', async ({ page }) => {
    const icon = await page.request.get('/favicon.ico');
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
    expect([...(await icon.body()).subarray(0, 4)]).toEqual([0, 0, 1, 0]);

    const failures = watchFailures(page);
    for (const path of ['/catalog', '/launches', '/executions', '/kafka', '/audit', '/abac', '/settings']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 }), path).toBeVisible();
      // What the page links as its icon loads too.
      const iconHref = await page.locator('link[rel="icon"]').first().getAttribute('href');
      expect((await page.request.get(iconHref!)).status(), `${path} icon ${iconHref}`).toBe(200);
    }
    await page.waitForLoadState('networkidle');
    expect(failures).toEqual([]);
  });
});

test('signed out, an unknown address is a 404 rather than the sign-in page; portal pages still ask to sign in', async ({ page }) => {
  const res = await page.goto('/no-such-page');
  expect(res?.status()).toBe(404);
  await expect(page).toHaveURL(/\/no-such-page$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Not found' })).toBeVisible();

  await page.goto('/launches/no-such-launch');
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Flaunches%2Fno-such-launch/);
});
