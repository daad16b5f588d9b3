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
