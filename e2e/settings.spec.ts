import { expect, test } from '@playwright/test';
import { storageState } from './users';

test.use({ storageState: storageState('eagleDev') });

test('create an API token in Settings: shown once, then listed by prefix only, then revoked after confirming', async ({ page }) => {
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
  const row = page.getByRole('listitem').filter({ hasText: name });

  // Revoking asks first; Escape keeps the token and gives focus back.
  const revoke = page.getByRole('button', { name: `Revoke ${name}` });
  await revoke.click();
  const dialog = page.getByRole('dialog', { name: `Revoke the token ${name}?` });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('cannot be undone');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(revoke).toBeFocused();
  await page.reload();
  await expect(row).toBeVisible();
  await expect(row.getByText('revoked')).toHaveCount(0);

  // Confirmed with the keyboard alone.
  await revoke.focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Revoke token' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(row.getByText('revoked')).toBeVisible();
});

test('non-admins see targets but no registration form', async ({ page }) => {
  await page.goto('/settings');
  await expect(page.getByRole('cell', { name: /sandbox/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Register target' })).toHaveCount(0);
});

test.describe('resource ownership', () => {
  test('developers read the rules but cannot add any', async ({ page }) => {
    await page.goto('/settings');
    await expect(page.getByText('Resource ownership')).toBeVisible();
    await expect(page.getByRole('list', { name: 'Group prefixes of sandbox' }).getByText('demo-')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Add rule' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Add prefix' })).toHaveCount(0);
  });

  test.describe('as a platform admin', () => {
    test.use({ storageState: storageState('admin') });

    test('assigns state machines to a team by ARN pattern, with field errors, and removes the rule', async ({ page }) => {
      await page.goto('/settings');
      const form = page.getByRole('form', { name: 'Add an assignment rule to sandbox' });
      await form.getByLabel('Team').selectOption({ label: 'Eagle' });
      await form.getByLabel(/ARN pattern/).fill('not an arn');
      await form.getByRole('button', { name: 'Add rule' }).click();
      await expect(form.getByText(/pattern must start with arn:/)).toBeVisible();

      const pattern = `arn:aws:states:us-east-1:123456789012:stateMachine:settings-${Date.now()}-*`;
      await form.getByLabel(/ARN pattern/).fill(pattern);
      await form.getByRole('button', { name: 'Add rule' }).click();
      const rules = page.getByRole('list', { name: 'Assignment rules of sandbox' });
      await expect(rules.getByRole('listitem').filter({ hasText: pattern })).toContainText('eagle');
      await page.reload();
      await expect(rules.getByRole('listitem').filter({ hasText: pattern })).toBeVisible();
      await rules.getByRole('button', { name: `Remove rule ${pattern} of eagle` }).click();
      await expect(rules.getByRole('listitem').filter({ hasText: pattern })).toHaveCount(0);
    });

    test('a prefix that overlaps another team’s is refused with the reason', async ({ page }) => {
      await page.goto('/settings');
      const form = page.getByRole('form', { name: 'Add a group prefix to sandbox' });
      await form.getByLabel('Team').selectOption({ label: 'Eagle' });
      await form.getByLabel('Group id prefix').fill('demo-orders');
      await form.getByRole('button', { name: 'Add prefix' }).click();
      await expect(form.getByText(/overlaps "demo-" \(falcon\)/)).toBeVisible();
    });
  });
});
