import { expect, test } from '@playwright/test';
import { storageState } from './users';

test.use({ storageState: storageState('falconViewer') });

test('search as you type and filters narrow the catalog, and the URL keeps them', async ({ page }) => {
  await page.goto('/catalog');
  const cards = page.getByTestId('blueprint-card');
  const total = await cards.count();
  expect(total).toBeGreaterThanOrEqual(18);
  await page.getByLabel('Search').fill('kafka');
  // The server searches: the cards change once its answer arrives.
  await expect(cards.filter({ hasNotText: /Kafka|MSK/ })).toHaveCount(0);
  await expect(page.getByText(/^\d+ of \d+ blueprints/)).not.toHaveText(new RegExp(`^${total} of`));
  const kafkaCount = await cards.count();
  expect(kafkaCount).toBeLessThan(total);
  expect(kafkaCount).toBeGreaterThanOrEqual(2);
  await page.getByLabel('Search').fill('');
  await page.getByLabel('Sandbox-ready only').check();
  await expect(page).toHaveURL(/sandbox=1/);
  await expect(cards.filter({ hasText: 'needs a real account' })).toHaveCount(0);
  await expect(page.getByText(/of \d+ blueprints/)).toBeVisible();
  for (const badge of await cards.getByText(/sandbox-ready|needs a real account/).allTextContents()) expect(badge).toBe('sandbox-ready');
  await page.getByLabel('Dashboard').selectOption('stepfunctions');
  await expect(page).toHaveURL(/dashboard=stepfunctions/);
  await page.reload();
  await expect(page.getByLabel('Dashboard')).toHaveValue('stepfunctions');
  await expect(cards.filter({ hasText: 'EC2' }).first()).toBeVisible();
});

test('service aliases find blueprints, "/" focuses the search, and the empty state clears the filters', async ({ page }) => {
  await page.goto('/catalog');
  const cards = page.getByTestId('blueprint-card');
  const search = page.getByLabel('Search');
  const total = await cards.count();

  // "/" anywhere on the page (not in a field) jumps to the search box.
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('/');
  await expect(search).toBeFocused();
  await expect(search).toHaveValue('');

  // The names people type for Step Functions all find its blueprints, and nothing else.
  for (const alias of ['stepfunctions', 'sfn', 'step-functions']) {
    await search.fill(alias);
    await expect(page).toHaveURL(new RegExp(`q=${alias}`));
    await expect(cards.filter({ hasNotText: 'Step Functions' }), alias).toHaveCount(0);
    await expect(cards.nth(1), alias).toBeVisible();
  }
  await search.fill('kafka');
  await expect(cards.filter({ hasNotText: /MSK|Kafka/ })).toHaveCount(0);
  await expect(cards.first()).toBeVisible();

  // Typing "/" in a field types it.
  await search.fill('');
  await search.pressSequentially('a/b');
  await expect(search).toHaveValue('a/b');

  // Nothing matches: the empty state offers to clear every filter at once.
  await page.getByLabel('Sandbox-ready only').check();
  await search.fill('no-such-blueprint');
  await expect(page.getByText('No blueprint matches')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(cards).toHaveCount(total);
  await expect(search).toHaveValue('');
  await expect(page.getByLabel('Sandbox-ready only')).not.toBeChecked();
  await expect(page).toHaveURL(/\/catalog$/);
});

test('a link past the last page shows the last page there is, with its search kept', async ({ page }) => {
  await page.goto('/catalog?q=kafka&page=99');
  const cards = page.getByTestId('blueprint-card');
  await expect(cards.first()).toBeVisible();
  await expect(cards.filter({ hasNotText: /Kafka|MSK/ })).toHaveCount(0);
  await expect(page.getByLabel('Search')).toHaveValue('kafka');
  await expect(page.getByText(/^\d+ of \d+ blueprints/)).toBeVisible();
});

test('a blueprint page shows the generated diagram, parameters, outputs, source, changelog and cost', async ({ page }) => {
  await page.goto('/catalog/sqs-batch-lambda');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const diagram = page.getByTestId('architecture-diagram');
  await expect(diagram.locator('.react-flow__node').first()).toBeVisible();
  expect(await diagram.locator('.react-flow__node').count()).toBeGreaterThan(3);
  await expect(diagram.locator('.react-flow__edge').first()).toBeAttached();
  await expect(page.getByRole('heading', { name: /Parameters \(\d+\)/ })).toBeVisible();
  await expect(page.getByText('BatchSize').first()).toBeVisible();
  await expect(page.getByRole('heading', { name: /Outputs/ })).toBeVisible();
  await expect(page.locator('code.hljs').first()).toContainText('AWSTemplateFormatVersion');
  await expect(page.getByRole('heading', { name: 'Changelog' })).toBeVisible();
  await expect(page.getByTestId('blueprint-cost-total')).toHaveText(/^\$[\d,]+\.\d\d$/);
  // Viewers can read but not launch.
  await expect(page.getByText('Launching needs the developer role in a team.')).toBeVisible();
});

test('the SQS batch diagram looks as reviewed: whole names, routes leaving their own resource (screenshot)', async ({ page }) => {
  await page.goto('/catalog/sqs-batch-lambda');
  const diagram = page.getByTestId('architecture-diagram');
  await diagram.scrollIntoViewIfNeeded();
  await expect(diagram).toHaveAttribute('data-layout', /^done /);
  // The dead-letter relation is the queue's own arrow, labelled, into the dead-letter queue.
  await expect(diagram.locator('[data-edge-label="event:WorkQueue->DeadLetterQueue"]')).toHaveText('dead-letter');
  await expect(diagram).toHaveScreenshot('sqs-batch-lambda-diagram.png');
});

test('a diagram shows every resource’s whole name and opens its properties and template lines on click', async ({ page }) => {
  await page.goto('/catalog/ec2-state-change-enrichment');
  const diagram = page.getByTestId('architecture-diagram');
  await expect(diagram).toHaveAttribute('data-layout', /^done /);
  // Long logical ids wrap instead of being cut off with an ellipsis.
  const machine = diagram.getByRole('button', { name: 'EnrichmentStateMachine, AWS::StepFunctions::StateMachine' });
  await expect(machine).toHaveText(/^EnrichmentStateMachine/);
  await expect(diagram.getByRole('button', { name: /^EnrichmentStateMachineRole,/ })).toContainText('EnrichmentStateMachineRole');
  const nameFits = await diagram
    .getByTestId('diagram-node')
    .evaluateAll((nodes) => nodes.every((node) => [...node.querySelectorAll('span.block')].every((line) => line.scrollWidth <= node.clientWidth)));
  expect(nameFits).toBe(true);

  await machine.click();
  const panel = page.getByRole('complementary', { name: 'Resource details' });
  await expect(panel.getByRole('heading', { name: 'EnrichmentStateMachine' })).toBeVisible();
  await expect(panel).toContainText('AWS::StepFunctions::StateMachine');
  await expect(panel.getByTestId('resource-lines')).toHaveText(/^template\.yaml, lines \d+–\d+$/);
  const [, first, last] = /lines (\d+)–(\d+)/.exec((await panel.getByTestId('resource-lines').textContent()) ?? '')!;
  // The numbered lines are the template's own: the first declares the resource.
  await expect(panel.locator('code').locator('span.block').first()).toHaveText(new RegExp(`^${first}\\s+EnrichmentStateMachine:$`));
  await expect(panel.locator('code').locator('span.block')).toHaveCount(Number(last) - Number(first) + 1);
  await expect(panel.getByRole('definition').first()).toBeVisible();
  await expect(panel.getByText('RoleArn', { exact: true })).toBeVisible();
  // Connections lead to the other resource's details.
  await panel.getByRole('button', { name: 'ApplicationEventBus' }).click();
  await expect(panel.getByRole('heading', { name: 'ApplicationEventBus' })).toBeVisible();
  await panel.getByRole('button', { name: 'Close resource details' }).click();
  await expect(panel).toBeHidden();
});

test('a SAM blueprint’s diagram draws its connectors as labelled permission edges, with no connector node (screenshot)', async ({ page }) => {
  await page.goto('/catalog/image-moderation-least-privilege');
  const diagram = page.getByTestId('architecture-diagram');
  await diagram.scrollIntoViewIfNeeded();
  await expect(diagram).toHaveAttribute('data-layout', /^done /);
  // Permission edges are off by default; the connectors are among them.
  const permissions = page.getByRole('group', { name: 'Edge kinds' }).getByLabel('permission');
  await expect(permissions).not.toBeChecked();
  await expect(diagram.getByTestId('rf__edge-permission:ImageCatalogStateMachine->IngestionBucket')).toHaveCount(0);
  await permissions.check();
  await expect(diagram).toHaveAttribute('data-layout', /^done /);
  // Each AWS::Serverless::Connector is an arrow from its source to its destination, named by its permissions.
  for (const [target, permissions] of [
    ['IngestionBucket', 'Read'],
    ['CatalogTable', 'Write'],
    ['ModeratorTopic', 'Write'],
  ] as const) {
    const id = `permission:ImageCatalogStateMachine->${target}`;
    await expect(diagram.getByTestId(`rf__edge-${id}`)).toBeAttached();
    await expect(diagram.locator(`[data-edge-label="${id}"]`)).toHaveText(permissions);
  }
  // The connectors are relations, not resources: no node of type AWS::Serverless::Connector.
  await expect(diagram.getByRole('button', { name: /AWS::Serverless::Connector$/ })).toHaveCount(0);
  await expect(diagram.getByRole('button', { name: 'ImageCatalogStateMachine, AWS::Serverless::StateMachine' })).toBeVisible();
  await expect(diagram).toHaveScreenshot('image-moderation-sam-diagram.png');
});

test('a SAM blueprint’s nested applications are frames holding their own resources, linked across stacks', async ({ page }) => {
  await page.goto('/catalog/orders-nested-stacks');
  const diagram = page.getByTestId('architecture-diagram');
  await diagram.scrollIntoViewIfNeeded();
  await expect(diagram).toHaveAttribute('data-layout', /^done /);
  for (const stack of ['DbStack', 'WorkflowStack', 'ApiIntegrationsStack', 'ApiStack']) {
    // Each AWS::Serverless::Application is a frame, and its template's resources sit inside it.
    const frame = diagram.getByTestId(`rf__node-${stack}`);
    await expect(frame).toContainText(stack);
    await expect(frame.getByTestId('diagram-node')).toHaveCount(0);
  }
  const fn = diagram.locator('[data-node-id="ApiIntegrationsStack/StartWorkflowFunction"]');
  await expect(fn).toHaveAccessibleName('StartWorkflowFunction, AWS::Serverless::Function');
  const inside = async (child: string, parent: string) => {
    const [c, p] = await Promise.all([diagram.locator(`[data-node-id="${child}"]`).boundingBox(), diagram.getByTestId(`rf__node-${parent}`).boundingBox()]);
    return c && p && c.x >= p.x && c.y >= p.y && c.x + c.width <= p.x + p.width + 1 && c.y + c.height <= p.y + p.height + 1;
  };
  expect(await inside('ApiIntegrationsStack/StartWorkflowFunction', 'ApiIntegrationsStack')).toBe(true);
  expect(await inside('DbStack/OrdersTable', 'DbStack')).toBe(true);
  // The SAM function's SQS event, and the API in one nested stack calling the queue in another.
  await expect(diagram.getByTestId('rf__edge-event:ApiIntegrationsStack/OrdersQueue->ApiIntegrationsStack/StartWorkflowFunction')).toBeAttached();
  await expect(diagram.getByTestId('rf__edge-invoke:ApiStack/PostOrderMethod->ApiIntegrationsStack/OrdersQueue')).toBeAttached();
});

test('every blueprint page gives a monthly dollar figure or says why there is none', async ({ page }) => {
  await page.goto('/catalog/ec2-state-change-enrichment');
  // A Standard workflow: 30,000 executions × 6 transitions at $0.025 per 1,000.
  await expect(page.getByTestId('blueprint-cost-total')).toHaveText('$4.50');
  await expect(page.getByRole('list', { name: 'How this is computed' })).toContainText('180,000 × $0.025 per 1,000 = $4.50.');
  await page.goto('/catalog/sqs-managed-encryption');
  await expect(page.getByTestId('blueprint-cost-total')).toHaveText('$3.65');
  await page.goto('/catalog/lambda-abac');
  await expect(page.getByTestId('blueprint-cost-unpriced')).toContainText('No dollar figure: IAM roles and policies are free');
  await page.goto('/catalog/sqs-batch-lambda');
  await expect(page.locator('#cost')).toContainText(/\+ SQS requests \$[\d,]+\.\d\d/);
});

test('an unknown blueprint is a not-found page', async ({ page }) => {
  await page.goto('/catalog/no-such-blueprint');
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
});
