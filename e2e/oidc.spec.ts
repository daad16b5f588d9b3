import { existsSync, readFileSync, writeFileSync } from 'node:fs';

import { expect, test, type Page } from '@playwright/test';

// Runs against a portal with OIDC_ISSUER set, signing in through a real OpenID Connect provider
// (e2e/support/oidc-issuer.mjs): its development login screen takes any password.
async function signInThroughIdp(page: Page, login: string) {
  await page.goto('/signin');
  await page.getByRole('button', { name: 'Sign in with Test IdP' }).click();
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill('any password');
  await page.locator('button[type=submit]').click();
  await page.waitForURL('**/catalog');
}

test('with an identity provider configured, the demo sign-in is gone', async ({ page, request }) => {
  await page.goto('/signin');
  await expect(page.getByRole('button', { name: 'Sign in with Test IdP' })).toBeVisible();
  await expect(page.getByText('Demo sign-in')).toHaveCount(0);
  const providers = await (await request.get('/api/auth/providers')).json();
  expect(Object.keys(providers)).toEqual(['oidc']);
});

test('an existing user signs in through the provider and keeps their teams and role', async ({ page }) => {
  await signInThroughIdp(page, 'falcon-dev');
  await expect(page.getByTestId('current-user')).toContainText('falcon · developer');
  const me = await (await page.request.get('/api/v1/me')).json();
  expect(me).toMatchObject({
    email: 'falcon-dev@example.com',
    authenticatedWith: 'session',
    teams: [expect.objectContaining({ slug: 'falcon', role: 'developer' })],
  });
});

test('a first sign-in creates the user, with no team until an admin adds one', async ({ page }) => {
  const login = `newcomer-${Date.now().toString(36)}`;
  await signInThroughIdp(page, login);
  await expect(page.getByTestId('current-user')).toContainText(`${login} (via OIDC)`);
  await expect(page.getByTestId('current-user')).toContainText('no team');
  const me = await (await page.request.get('/api/v1/me')).json();
  expect(me).toMatchObject({ email: `${login}@example.com`, teams: [] });
  // No team, so no launching.
  await page.goto('/launches/new?blueprint=sqs-managed-encryption');
  await expect(page.getByText('Launching needs the developer role in a team.')).toBeVisible();
});

// The test IdP reads each person's groups from this file at every sign-in (scripts/test.mjs sets it);
// the portal maps `slipway-{team}-{role}s` to teams and `slipway-platform-admins` to platform admin.
function setIdpGroups(login: string, groups: string[]) {
  const file = process.env.SLIPWAY_E2E_OIDC_GROUPS_FILE;
  if (!file) throw new Error('SLIPWAY_E2E_OIDC_GROUPS_FILE is not set: run through scripts/test.mjs');
  const all = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  writeFileSync(file, JSON.stringify({ ...all, [login]: groups }));
}

test('IdP groups decide teams and roles at every sign-in, and leaving a group takes the access away', async ({ browser }) => {
  const login = `grouped-${Date.now().toString(36)}`;
  const signInFresh = async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInThroughIdp(page, login);
    const me = await (await page.request.get('/api/v1/me')).json();
    await context.close();
    return me;
  };

  setIdpGroups(login, ['slipway-falcon-developers', 'slipway-eagle-viewers', 'unrelated-group']);
  expect(await signInFresh()).toMatchObject({
    email: `${login}@example.com`,
    isPlatformAdmin: false,
    teams: [
      expect.objectContaining({ slug: 'eagle', role: 'viewer', source: 'idp' }),
      expect.objectContaining({ slug: 'falcon', role: 'developer', source: 'idp' }),
    ],
  });

  setIdpGroups(login, ['slipway-falcon-admins', 'slipway-platform-admins']);
  expect(await signInFresh()).toMatchObject({ isPlatformAdmin: true, teams: [expect.objectContaining({ slug: 'falcon', role: 'admin', source: 'idp' })] });

  setIdpGroups(login, []);
  expect(await signInFresh()).toMatchObject({ isPlatformAdmin: false, teams: [] });
});
