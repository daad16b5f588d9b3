import { expect, test } from '@playwright/test';

test('the public health page reports every dependency up while the sandbox runs', async ({ page }) => {
  await page.goto('/health');
  await expect(page.getByRole('heading', { name: 'System health' })).toBeVisible();
  for (const name of ['database', 'sandbox-aws', 'kafka']) {
    await expect(page.getByTestId(`health-${name}`)).toContainText('up');
  }
  await expect(page.getByTestId('health-database')).toContainText(/\d+ ms/);
});
