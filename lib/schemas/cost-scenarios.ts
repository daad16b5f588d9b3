import { z } from 'zod';

import type { ScenarioInput } from '@/lib/cost/estimator-state';
import { lambdaCostInputSchema, sqsBatchInputSchema } from '@/lib/schemas/cost';
import { displayNameSchema } from '@/lib/schemas/names';

/** Saved estimator scenarios: a name, which model, and that model's input (checked by its own schema). */

const SCENARIO_KINDS = ['lambda', 'sqs-batch'] as const;
const MAX_SCENARIO_NAME_LENGTH = 80;

const name = displayNameSchema('name', { max: MAX_SCENARIO_NAME_LENGTH });

const strictParams = {
  error: (issue: z.core.$ZodRawIssue) => (issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : undefined),
};

/** Body of POST /api/v1/cost/scenarios and PUT /api/v1/cost/scenarios/{id} (a PUT replaces all three). */
export const costScenarioBodySchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ name, kind: z.literal('lambda'), input: lambdaCostInputSchema }, strictParams),
    z.strictObject({ name, kind: z.literal('sqs-batch'), input: sqsBatchInputSchema }, strictParams),
  ],
  {
    error: (issue) =>
      issue.code === 'invalid_union' ? `kind must be one of: ${SCENARIO_KINDS.join(', ')}` : 'the body must be an object with name, kind and input',
  },
);
export type CostScenarioBody = z.infer<typeof costScenarioBodySchema>;

export type CostScenarioDto = ScenarioInput & {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
};
