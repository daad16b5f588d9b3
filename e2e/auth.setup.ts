import { expect, test as setup } from '@playwright/test';
import { storageState, users, type UserKey } from './users';

// Signs each demo user in once through the real sign-in page and keeps the session cookie.
for (const [key, email] of Object.entries(users) as [UserKey, string][]) {
  setup(`sign in as ${key}`, async ({ page }) => {
    await page.goto('/signin');
    await expect(page.getByRole('heading', { name: /Demo sign-in/ })).toBeVisible();
    await page.getByRole('button', { name: new RegExp(email.replace('.', '\\.')) }).click();
    await page.waitForURL('**/catalog');
    await expect(page.getByTestId('current-user')).toBeVisible();
    await page.context().storageState({ path: storageState(key) });
  });
}
