import { expect, test } from '@playwright/test';
import { storageState } from './users';

// Settings → Teams in the browser: a platform admin creates a team from the keyboard, adds a member,
// changes their role, sets required tags (a broken pattern is named next to its field) and archives
// the team after confirming; a team admin sees only the teams they administer.

test.describe('as a platform admin', () => {
  test.use({ storageState: storageState('admin') });

  test('create a team, manage its members and required tags, then archive it', async ({ page }) => {
    const slug = `browser-${Date.now().toString(36)}`;
    await page.goto('/settings/teams');
    await expect(page.getByRole('table', { name: 'Teams' }).getByRole('link', { name: 'Falcon' })).toBeVisible();

    await page.getByLabel('Slug').fill(slug);
    await page.getByLabel('Name').fill('Browser team');
    await page.getByLabel('Name').press('Enter');
    await page.waitForURL(`**/settings/teams/${slug}`);
    await expect(page.getByRole('heading', { name: 'Browser team settings' })).toBeVisible();
    await expect(page.getByText('No member comes from the identity provider.')).toBeVisible();
    await expect(page.getByText(/Read-only here: these come from the IdP groups/)).toBeVisible();

    // An e-mail nobody signed in with is named next to the field; a real one is added.
    const email = page.getByLabel('E-mail');
    await email.fill('nobody-here@example.com');
    await email.press('Enter');
    await expect(page.getByText('is not the e-mail of anyone who has signed in')).toBeVisible();
    await email.fill('falcon-viewer@example.com');
    await page.getByLabel('Role', { exact: true }).selectOption('viewer');
    await page.getByRole('button', { name: 'Add member' }).click();
    const local = page.getByRole('table', { name: 'Members added by an admin' });
    const role = local.getByLabel('Role of falcon-viewer@example.com');
    await expect(role).toHaveValue('viewer');
    await role.selectOption('developer');
    await page.reload();
    await expect(page.getByLabel('Role of falcon-viewer@example.com')).toHaveValue('developer');
    await page.getByRole('button', { name: 'Remove falcon-viewer@example.com' }).click();
    await expect(page.getByText('Nobody was added by hand.')).toBeVisible();

    // Required tags: a broken pattern is refused at its field, a good one is saved.
    await page.getByRole('button', { name: 'Add required tag' }).click();
    await page.locator('#rt-key-0').fill('cost-center');
    await page.locator('#rt-kind-0').selectOption('pattern');
    await page.locator('#rt-pattern-0').fill('CC-(\\d{4}');
    await page.getByRole('button', { name: 'Save required tags' }).click();
    await expect(page.getByText('pattern is not a valid regular expression')).toBeVisible();
    await page.locator('#rt-pattern-0').fill('CC-\\d{4}');
    await page.locator('#rt-default-0').fill('CC-1234');
    await page.getByRole('button', { name: 'Save required tags' }).click();
    await expect(page.getByRole('status')).toHaveText(/Saved/);
    await page.reload();
    await expect(page.locator('#rt-pattern-0')).toHaveValue('CC-\\d{4}');

    // Archiving asks first, with the keyboard.
    await page.getByRole('button', { name: 'Archive team' }).click();
    const dialog = page.getByRole('dialog', { name: `Archive team ${slug}?` });
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(page.getByText(/This team was archived on/)).toBeVisible();
    await page.goto('/settings/teams');
    await expect(page.getByRole('row').filter({ hasText: slug }).getByText('archived')).toBeVisible();
  });
});

test.describe('as a team admin', () => {
  test.use({ storageState: storageState('falconAdmin') });

  test('sees the teams they administer, no create form, and read-only IdP members are told apart', async ({ page }) => {
    await page.goto('/settings/teams');
    const teams = page.getByRole('table', { name: 'Teams' });
    await expect(teams.getByRole('link', { name: 'Falcon' })).toBeVisible();
    await expect(teams.getByRole('link', { name: 'Eagle' })).toHaveCount(0);
    await expect(page.getByRole('form', { name: 'Create a team' })).toHaveCount(0);
    await teams.getByRole('link', { name: 'Falcon' }).click();
    await expect(page.getByRole('heading', { name: 'Falcon settings' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Archive team' })).toHaveCount(0);
    await expect(page.getByRole('table', { name: 'Members added by an admin' }).getByText('falcon-dev@example.com')).toBeVisible();
    await page.goto('/settings/teams/eagle');
    await expect(page.getByTestId('page-problem')).toContainText('You are not a member of this team');
  });
});
