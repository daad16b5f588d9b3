import { expect, test } from '@playwright/test';
import { storageState } from './users';
import { launchBlueprint } from './support/sfn';

// The ABAC pages over the post's scenario deployed from blueprints/lambda-abac: click a matrix cell
// and read why, see the findings, and re-tag a function in what-if and watch its cells change.

test.describe.configure({ mode: 'serial' });
test.use({ storageState: storageState('falconDev') });

let out: Record<string, string>;
const nameOf = (arn: string) => arn.slice(arn.lastIndexOf(':') + 1) || arn;
const roleName = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

test.beforeAll(async ({ request }) => {
  test.setTimeout(200_000);
  const launch = await launchBlueprint(request, 'lambda-abac');
  out = Object.fromEntries(launch.outputs.map((o) => [o.key, o.value]));
});

test('a matrix cell explains itself: the deciding statement and the resolved project-name tags', async ({ page }) => {
  await page.goto('/abac');
  await page.getByRole('button', { name: 'Refresh inventory' }).click();
  await page.getByLabel('Tag', { exact: true }).fill('project-name');
  await page.getByLabel('Function', { exact: true }).fill(nameOf(out.FalconFunctionArn!));
  const cell = page.getByRole('button', { name: `${roleName(out.FalconDeveloperRoleArn!)} on ${nameOf(out.FalconFunctionArn!)}: Allowed` });
  await expect(cell).toBeVisible({ timeout: 30_000 });
  await expect(
    page.getByRole('button', { name: `${roleName(out.EagleDeveloperRoleArn!)} on ${nameOf(out.FalconFunctionArn!)}: Denied (implicit)` }),
  ).toBeVisible();
  await cell.click();
  const why = page.getByRole('complementary', { name: 'Explanation' });
  await expect(why).toContainText('Allow by');
  await expect(why).toContainText('#AllActionsLambdaSameProject');
  await expect(why).toContainText('StringEquals aws:ResourceTag/project-name: [${aws:PrincipalTag/project-name}] → [falcon] vs request [falcon] = true');

  // "Verify with AWS": the sandbox's SimulatePrincipalPolicy (its own evaluator) agrees, naming the same policy.
  await why.getByRole('button', { name: 'Verify with AWS' }).click();
  const verdict = why.getByRole('region', { name: 'Verify with AWS' }).getByRole('status');
  await expect(verdict).toContainText('IAM SimulatePrincipalPolicy agrees with the portal.', { timeout: 30_000 });
  await expect(verdict).toContainText('lambda:InvokeFunction: portal Allowed');
  await expect(verdict).toContainText('IAM Allowed');
});

test('findings list the re-tagging risk with its severity, and filter by severity', async ({ page }) => {
  await page.goto('/abac');
  await page.getByRole('tab', { name: 'Findings' }).click();
  const list = page.getByRole('list', { name: 'Findings' });
  await expect(list.getByText(/AllowLambdaTagOnCreate allows lambda:TagResource on every function/).first()).toBeVisible({ timeout: 30_000 });
  await page.getByLabel('Severity').selectOption('low');
  await expect(list.getByText(/AllowLambdaTagOnCreate allows lambda:TagResource/)).toHaveCount(0);
});

test('what-if: re-tagging eagle’s function to falcon changes its cells; nothing is applied', async ({ page }) => {
  await page.goto('/abac');
  await page.getByRole('tab', { name: 'What-if' }).click();
  const eagleFn = nameOf(out.EagleFunctionArn!);
  await page.getByRole('combobox', { name: 'Function', exact: true }).selectOption({ label: eagleFn });
  const tags = page.getByLabel('Function tags (key=value per line)');
  await expect(tags).toHaveValue(/project-name=eagle/);
  await tags.fill((await tags.inputValue()).replace('project-name=eagle', 'project-name=falcon'));
  await page.getByRole('button', { name: 'Show what changes' }).click();
  const result = page.getByRole('region', { name: 'What-if result' });
  const falconRow = result
    .getByRole('row')
    .filter({ hasText: roleName(out.FalconDeveloperRoleArn!) })
    .filter({ hasText: eagleFn });
  await expect(falconRow).toContainText('Denied (implicit)');
  await expect(falconRow).toContainText('Allowed');
  await page.getByRole('tab', { name: 'Matrix' }).click();
  await page.getByLabel('Tag', { exact: true }).fill('project-name');
  await page.getByLabel('Function', { exact: true }).fill(eagleFn);
  await expect(page.getByRole('button', { name: `${roleName(out.FalconDeveloperRoleArn!)} on ${eagleFn}: Denied (implicit)` })).toBeVisible({
    timeout: 30_000,
  });
});

test("a team's page, reached from Settings, lists the functions its launches created with the roles that reach them", async ({ page }) => {
  await page.goto('/settings');
  await page.getByRole('link', { name: 'Falcon: developer' }).click();
  await expect(page.getByRole('heading', { name: 'Falcon', level: 1 })).toBeVisible();
  const place = page.getByRole('region', { name: 'sandbox us-east-1' });
  const row = (fn: string, role: string) =>
    place
      .getByRole('row')
      .filter({ hasText: nameOf(fn) })
      .filter({ hasText: roleName(role) });
  await expect(row(out.FalconFunctionArn!, out.FalconDeveloperRoleArn!)).toContainText('InvokeFunction', { timeout: 30_000 });
  await expect(row(out.EagleFunctionArn!, out.EagleDeveloperRoleArn!)).toContainText('InvokeFunction');
  // Each developer reaches its own project's function only.
  await expect(row(out.EagleFunctionArn!, out.FalconDeveloperRoleArn!)).toHaveCount(0);
});
