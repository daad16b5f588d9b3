import 'server-only';
import { AppError } from '@/server/errors';
import { decodeArnParam } from '@/lib/sfn/arn';
import { executionArnSchema, stateMachineArnSchema } from '@/lib/schemas/sfn';

// ARNs travel as one URL-encoded path segment (`/executions/arn%3Aaws%3Astates...`).

function arnParam(params: Record<string, string>, schema: typeof executionArnSchema, what: string): string {
  const arn = decodeArnParam(params.arn ?? '');
  if (!schema.safeParse(arn).success) {
    throw new AppError('VALIDATION', `The path must end in a URL-encoded ${what} ARN.`, { fields: { arn: [`must be a Step Functions ${what} ARN`] } });
  }
  return arn;
}

/** The execution ARN of a `[arn]` route segment, decoded and checked (422 naming `arn` otherwise). */
export function executionArnParam(params: Record<string, string>): string {
  return arnParam(params, executionArnSchema, 'execution');
}

/** The state machine ARN of a `[arn]` route segment, decoded and checked. */
export function stateMachineArnParam(params: Record<string, string>): string {
  return arnParam(params, stateMachineArnSchema, 'state machine');
}
