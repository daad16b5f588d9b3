import { expect, test as setup } from '@playwright/test';
import { storageState, users, type UserKey } from './users';
import { E2E_OWNER_TAG } from './support/sfn';
import { fromPortalPage } from './support/origin';

// Signs each demo user in once through the real sign-in page and keeps the session cookie.
for (const [key, email] of Object.entries(users) as [UserKey, string][]) {
  setup(`sign in as ${key}`, async ({ page }) => {
    await page.goto('/signin');
    await expect(page.getByRole('heading', { name: /Demo sign-in/ })).toBeVisible();
    // Not preceded by another address character: admin@example.com is also the end of falcon-admin@example.com.
    await page.getByRole('button', { name: new RegExp(`(?<![\\w.+-])${email.replace(/[.+]/g, '\\$&')}`) }).click();
    await page.waitForURL('**/catalog');
    await expect(page.getByTestId('current-user')).toBeVisible();
    await page.context().storageState({ path: storageState(key) });
  });
}

// State machines the specs create directly in the sandbox (no launch) belong to falcon by tag, assigned
// the way an admin does it in Settings.
setup('falcon owns the state machines tagged for the specs', async ({ browser }) => {
  const admin = await browser.newContext({ storageState: storageState('admin'), extraHTTPHeaders: fromPortalPage });
  const { targets } = await (await admin.request.get('/api/v1/targets')).json();
  const sandbox = targets.find((t: { isSandbox: boolean }) => t.isSandbox);
  const res = await admin.request.post(`/api/v1/targets/${sandbox.id}/assignments`, {
    data: { team: 'falcon', kind: 'tag', key: E2E_OWNER_TAG.key, value: E2E_OWNER_TAG.value },
  });
  expect([201, 409], await res.text()).toContain(res.status());
  await admin.close();
});
