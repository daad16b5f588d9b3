import 'server-only';
import { registerOperations } from '@/server/openapi/registry';
import { lambdaCostInputSchema, sqsBatchInputSchema } from '@/lib/schemas/cost';
import { costScenarioBodySchema } from '@/lib/schemas/cost-scenarios';

// The cost estimator's operations (app/api/v1/cost/...).
registerOperations(
  {
    method: 'POST',
    path: '/api/v1/cost/lambda',
    summary:
      'Monthly cost of one Lambda function: requests, tiered compute and ephemeral storage, in dollars rounded to the cent, with the tiers, line items, the written-out calculation and the price table used',
    tag: 'cost',
    body: lambdaCostInputSchema,
  },
  {
    method: 'POST',
    path: '/api/v1/cost/sqs-batch',
    summary:
      'Monthly cost of draining an SQS queue with Lambda at each batch size: memory, duration, invocations, GB-seconds, cost and the AWS limits each batch size breaks, plus the cheapest feasible one',
    tag: 'cost',
    body: sqsBatchInputSchema,
  },
  { method: 'GET', path: '/api/v1/cost/scenarios', summary: "The caller's saved cost scenarios, most recently changed first", tag: 'cost' },
  {
    method: 'POST',
    path: '/api/v1/cost/scenarios',
    summary: 'Save a cost scenario (name, model kind and that model’s input); a name the caller already uses is a 409',
    tag: 'cost',
    body: costScenarioBodySchema,
    responses: { 201: 'Saved', 409: 'The caller already has a scenario with this name (`fields.name`)' },
  },
  { method: 'GET', path: '/api/v1/cost/scenarios/{id}', summary: "One of the caller's cost scenarios (another user's answers 404)", tag: 'cost' },
  {
    method: 'PUT',
    path: '/api/v1/cost/scenarios/{id}',
    summary: "Replace the name, kind and input of one of the caller's cost scenarios",
    tag: 'cost',
    body: costScenarioBodySchema,
    responses: { 200: 'Replaced', 409: 'The new name is taken by another of the caller’s scenarios' },
  },
  { method: 'DELETE', path: '/api/v1/cost/scenarios/{id}', summary: "Delete one of the caller's cost scenarios", tag: 'cost' },
);
