import { expect, test, type Page } from '@playwright/test';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { CLINIC_MESSAGES } from '../lib/sns/clinic-policy';
import { deleteLaunch, launchBlueprint, outputOf, sandboxConfig } from './support/sfn';
import { storageState } from './users';

// The audit findings section in Chromium: the policy tester on the post's clinic policy and
// messages (worked out in the browser as you type), its policy problems, the topics page, and the
// post's own test: the clinic blueprint launched, its four messages published, the findings page.

test.use({ storageState: storageState('falconDev') });

const verdict = (page: Page) => page.getByTestId('tester-verdict');
const deliveries = (page: Page) => page.getByTestId('tester-deliveries');

test('the tester: the SSN is denied inbound and highlighted at its span; the address reaches billing only', async ({ page }) => {
  await page.goto('/audit/tester');
  await expect(page.getByRole('heading', { level: 1, name: 'Audit findings' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Policy tester' })).toHaveAttribute('aria-current', 'page');

  // The example: the clinic policy and the post's SSN message.
  await expect(page.getByLabel('Message')).toHaveValue('SSN: 123-12-1234');
  await expect(verdict(page).getByText('Publish denied')).toBeVisible();
  await expect(verdict(page)).toContainText('deny-inbound');
  const mark = verdict(page).locator('mark[data-identifier="Ssn-US"]');
  await expect(mark).toHaveText('123-12-1234');
  await expect(mark).toHaveAttribute('title', 'Ssn-US (characters 5–15)');
  await expect(page.getByTestId('policy-statements').locator('tr[data-sid="deny-inbound"]')).toContainText('Denies this message');

  await page.getByRole('button', { name: '410 Terry Ave N, Seattle 98109, WA' }).click();
  await expect(verdict(page).getByText('Publish accepted')).toBeVisible();
  await expect(verdict(page).locator('mark[data-identifier="Address"]')).toHaveText('410 Terry Ave N, Seattle 98109, WA');
  const rows = deliveries(page).locator('tbody tr');
  await expect(rows.nth(0)).toContainText('BillingRole');
  await expect(rows.nth(0)).toContainText('Delivered');
  await expect(rows.nth(1)).toContainText('SchedulingRole');
  await expect(rows.nth(1)).toContainText('Not delivered');
  await expect(rows.nth(1)).toContainText('deny-outbound-scheduling');

  // Typed by hand: the drug code reaches scheduling only.
  await page.getByLabel('Message').fill('NDC: 0777-3105-02');
  await expect(rows.nth(0)).toContainText('deny-outbound-billing');
  await expect(rows.nth(1)).toContainText('Delivered');
  await expect(verdict(page).locator('mark[data-identifier="NationalDrugCode-US"]')).toHaveText('0777-3105-02');
});

test('the tester names each problem of a policy SNS would refuse, and says what pattern detection misses', async ({ page }) => {
  await page.goto('/audit/tester');
  const policy = page.getByLabel('Data protection policy (JSON)');
  await policy.fill((await policy.inputValue()).replace('"2021-06-01"', '"2012-10-17"').replace('"Outbound"', '"Sideways"'));
  const problems = page.getByRole('list', { name: 'Policy problems' });
  await expect(problems).toContainText('Version must be "2021-06-01"');
  await expect(problems).toContainText('Statement[2].DataDirection must be Inbound or Outbound');
  await expect(policy).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Nothing to evaluate yet')).toBeVisible();

  await page.getByText('What pattern detection finds, and what it misses').click();
  await expect(page.getByText(/machine-learning models/)).toBeVisible();
});

test('the topics page lists what it can and a path that is no topic ARN is a 404', async ({ page }) => {
  await page.goto('/audit');
  await expect(page.getByRole('heading', { level: 1, name: 'Audit findings' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Topics' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByText(/have a data protection policy|No topic with a data protection policy here/).first()).toBeVisible();
  expect((await page.goto('/audit/topics/not-a-topic'))?.status()).toBe(404);

  // A launch's dashboard link names its topic: the page opens it.
  const arn = 'arn:aws:sns:us-east-1:123456789012:SampleClinic';
  await page.goto(`/audit?topicArn=${encodeURIComponent(arn)}`);
  await expect(page).toHaveURL(`/audit/topics/${encodeURIComponent(arn)}`);
});

test("the post's test: the clinic launched, its four messages published, the topic's findings show what was denied", async ({ page }) => {
  test.setTimeout(300_000);
  const launch = await launchBlueprint(page.request, 'sns-message-data-protection', { AuditToFirehose: 'false' });
  try {
    const topicArn = outputOf(launch, 'ClinicTopicArn');
    const sns = new SNSClient(sandboxConfig());
    await sns.send(new PublishCommand({ TopicArn: topicArn, Message: CLINIC_MESSAGES.noPii }));
    await expect(sns.send(new PublishCommand({ TopicArn: topicArn, Message: CLINIC_MESSAGES.ssn }))).rejects.toMatchObject({
      name: 'AuthorizationErrorException',
    });
    await sns.send(new PublishCommand({ TopicArn: topicArn, Message: CLINIC_MESSAGES.address }));
    await sns.send(new PublishCommand({ TopicArn: topicArn, Message: CLINIC_MESSAGES.drugCode }));

    await page.goto(`/audit/topics/${encodeURIComponent(topicArn)}`);
    await expect(page.getByTestId('findings-progress')).toContainText('all records in the range', { timeout: 60_000 });
    const outcomes = page.getByRole('list', { name: 'Records by outcome' });
    await expect(outcomes.getByRole('listitem').filter({ hasText: 'Denied inbound' })).toHaveText(/Denied inbound\s*1$/);
    await expect(outcomes.getByRole('listitem').filter({ hasText: 'Denied outbound' })).toHaveText(/Denied outbound\s*2$/);

    const records = page.getByTestId('findings-table');
    await expect(records.getByRole('row').filter({ hasText: 'deny-inbound' })).toContainText('Ssn-US × 1');
    await expect(records.getByRole('row').filter({ hasText: 'deny-outbound-scheduling' })).toContainText('Address × 1');
    await expect(records.getByRole('row').filter({ hasText: 'deny-outbound-billing' })).toContainText('NationalDrugCode-US × 1');

    // One record's detail: the SSN's span where the post's audit record puts it.
    await records.getByRole('row').filter({ hasText: 'deny-inbound' }).getByRole('button').click();
    await expect(page.getByTitle('Ssn-US: characters 5–15')).toBeVisible();
  } finally {
    await deleteLaunch(page.request, launch.id);
  }
});
