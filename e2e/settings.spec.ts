import { expect, test } from '@playwright/test';
import { storageState } from './users';

test.use({ storageState: storageState('eagleDev') });

test('create an API token in Settings: shown once, then listed by prefix only, then revoked', async ({ page }) => {
  await page.goto('/settings');
  await page.getByLabel('New token name').fill('');
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByText('name is required')).toBeVisible();

  const name = `laptop-${Date.now()}`;
  await page.getByLabel('New token name').fill(name);
  await page.getByRole('button', { name: 'Create token' }).click();
  const shown = page.getByTestId('new-token');
  await expect(shown).toHaveText(/^slw_/);
  const token = (await shown.textContent())!;
  await page.getByRole('button', { name: 'I have copied it' }).click();
  await page.reload();
  await expect(page.getByText(name)).toBeVisible();
  await expect(page.locator('body')).not.toContainText(token);
  await page.getByRole('button', { name: `Revoke ${name}` }).click();
  await expect(page.getByRole('listitem').filter({ hasText: name }).getByText('revoked')).toBeVisible();
});

test('non-admins see targets but no registration form', async ({ page }) => {
  await page.goto('/settings');
  await expect(page.getByRole('cell', { name: /sandbox/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Register target' })).toHaveCount(0);
});
