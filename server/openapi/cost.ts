import 'server-only';
import { registerOperations } from '@/server/openapi/registry';
import { lambdaCostInputSchema, sqsBatchInputSchema } from '@/lib/schemas/cost';
import { costScenarioBodySchema } from '@/lib/schemas/cost-scenarios';
import { SQS_REQUEST_RULES } from '@/lib/cost/sqs-requests';

// The cost estimator's operations (app/api/v1/cost/...).
const lambdaExample = {
  architecture: 'arm64',
  region: 'us-east-1',
  memoryMb: 512,
  durationMs: 120,
  invocationsPerMonth: 5_000_000,
  ephemeralStorageMb: 512,
  includeFreeTier: true,
};

const sqsBatchExample = {
  messagesPerDay: 2_000_000,
  batchSizes: [1, 10, 100],
  baseMemoryMb: 256,
  batchMemoryOverheadMb: 1,
  batchIncrement: 10,
  warmLatencyMs: 20,
  perMessageMs: 4,
  messageSizeKb: 2,
  batchingWindowS: 5,
  architecture: 'x86_64',
  region: 'us-east-1',
  includeFreeTier: false,
};

// Each counting rule with the AWS page that states it: the same list the cost page shows.
const SQS_BATCH_DESCRIPTION = [
  'Each row has `lambdaCost`, `sqsCost` and `totalCost` (their sum, each rounded to the cent) and `sqsRequests`: the month’s ' +
    '`sendRequests`, `receiveRequests` (of which `emptyReceives`), `deleteRequests`, `totalRequests` and the `freeRequests` the free ' +
    'tier covers, or null when `includeSqsRequests` is false (it defaults to true). SQS requests are counted as Lambda’s poller makes them:',
  '',
  ...SQS_REQUEST_RULES.map(({ rule, source }) => `- ${rule} ([${source.title}](${source.url}))`),
].join('\n');

const scenarioExample = { name: 'Order events, arm64', kind: 'lambda', input: lambdaExample };

registerOperations(
  {
    operationId: 'estimateLambdaCost',
    method: 'POST',
    path: '/api/v1/cost/lambda',
    summary:
      'Monthly cost of one Lambda function: requests, tiered compute and ephemeral storage, in dollars rounded to the cent, with the tiers, line items, the written-out calculation and the price table used',
    tag: 'cost',
    body: lambdaCostInputSchema,
    bodyExample: lambdaExample,
  },
  {
    operationId: 'estimateSqsBatchCosts',
    method: 'POST',
    path: '/api/v1/cost/sqs-batch',
    summary:
      'Monthly cost of draining an SQS queue with Lambda at each batch size: memory, duration, invocations, GB-seconds, Lambda and SQS request cost and the AWS limits each batch size breaks, plus the cheapest feasible one',
    description: SQS_BATCH_DESCRIPTION,
    tag: 'cost',
    body: sqsBatchInputSchema,
    bodyExample: sqsBatchExample,
  },
  {
    operationId: 'listCostScenarios',
    method: 'GET',
    path: '/api/v1/cost/scenarios',
    summary: "The caller's saved cost scenarios, most recently changed first",
    tag: 'cost',
  },
  {
    operationId: 'createCostScenario',
    method: 'POST',
    path: '/api/v1/cost/scenarios',
    summary: 'Save a cost scenario (name, model kind and that model’s input); a name the caller already uses is a 409',
    tag: 'cost',
    body: costScenarioBodySchema,
    bodyExample: scenarioExample,
    responses: { 201: 'Saved' },
    errors: { 409: 'The caller already has a scenario with this name (`fields.name`)' },
  },
  {
    operationId: 'getCostScenario',
    method: 'GET',
    path: '/api/v1/cost/scenarios/{id}',
    summary: "One of the caller's cost scenarios (another user's answers 404)",
    tag: 'cost',
  },
  {
    operationId: 'replaceCostScenario',
    method: 'PUT',
    path: '/api/v1/cost/scenarios/{id}',
    summary: "Replace the name, kind and input of one of the caller's cost scenarios",
    tag: 'cost',
    body: costScenarioBodySchema,
    bodyExample: scenarioExample,
    responses: { 200: 'Replaced' },
    errors: { 409: 'The new name is taken by another of the caller’s scenarios (`fields.name`)' },
  },
  {
    operationId: 'deleteCostScenario',
    method: 'DELETE',
    path: '/api/v1/cost/scenarios/{id}',
    summary: "Delete one of the caller's cost scenarios",
    tag: 'cost',
  },
);
