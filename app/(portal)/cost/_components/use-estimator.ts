'use client';

import { useCallback, useReducer } from 'react';
import type { z } from 'zod';
import { lambdaCostInputSchema, sqsBatchInputSchema, type LambdaCostInput, type SqsBatchInput } from '@/lib/schemas/cost';
import { DEFAULT_ESTIMATOR_STATE, toLambdaInput, toSqsBatchInput, type EstimatorState } from '@/lib/cost/estimator-state';
import { labelFieldMessage } from '@/lib/cost/estimator-fields';

/** First message per input field: the model's own rule, worded with the form's labels. */
export type FieldErrors = Readonly<Record<string, string>>;

interface EstimatorForm {
  readonly state: EstimatorState;
  readonly lambdaErrors: FieldErrors;
  readonly sqsErrors: FieldErrors;
  /** The latest inputs that passed the schema: results keep showing these while a field is being fixed. */
  readonly validLambda: LambdaCostInput;
  readonly validSqs: SqsBatchInput;
}

function errorsOf(result: z.ZodSafeParseResult<unknown>): FieldErrors {
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'input');
    errors[field] ??= labelFieldMessage(field, issue.message);
  }
  return errors;
}

function check(state: EstimatorState, previous: Pick<EstimatorForm, 'validLambda' | 'validSqs'>): EstimatorForm {
  const lambda = lambdaCostInputSchema.safeParse(toLambdaInput(state));
  const sqs = sqsBatchInputSchema.safeParse(toSqsBatchInput(state));
  return {
    state,
    lambdaErrors: errorsOf(lambda),
    sqsErrors: errorsOf(sqs),
    validLambda: lambda.success ? lambda.data : previous.validLambda,
    validSqs: sqs.success ? sqs.data : previous.validSqs,
  };
}

function initialForm(state: EstimatorState): EstimatorForm {
  return check(state, { validLambda: toLambdaInput(DEFAULT_ESTIMATOR_STATE), validSqs: toSqsBatchInput(DEFAULT_ESTIMATOR_STATE) });
}

type Update = (state: EstimatorState) => EstimatorState;

/** The form's state, checked by the model's schemas on every change (in the browser, no round trip). */
export function useEstimator(initial: EstimatorState) {
  const [form, dispatch] = useReducer((current: EstimatorForm, update: Update) => check(update(current.state), current), initial, initialForm);
  const update = useCallback((change: Update) => dispatch(change), []);
  const errors = form.state.mode === 'lambda' ? form.lambdaErrors : form.sqsErrors;
  return { ...form, errors, isValid: Object.keys(errors).length === 0, update };
}
