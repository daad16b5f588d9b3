import 'server-only';
import { type LambdaCostInput, type SqsBatchInput, lambdaCostInputSchema, sqsBatchInputSchema } from '@/lib/schemas/cost';

import {
  type CostParameterMap,
  type CostProfile,
  DEFAULT_PROFILE_CONTEXT,
  type EstimableCostProfile,
  type ProfileContext,
  isEstimableProfile,
  scenarioFromProfile,
} from './cost-profile';
import { type LambdaCostEstimateDto, estimateLambdaCost, toLambdaCostDto } from '@/lib/cost/lambda-cost';
import { type SqsBatchCostsDto, estimateSqsBatchCosts, toSqsBatchCostsDto } from '@/lib/cost/sqs-batch-cost';

/**
 * The monthly cost of a blueprint as it is about to be launched: the blueprint's cost profile, with
 * the inputs its `parameterMap` ties to template parameters replaced by the values being launched
 * (e.g. `{ memoryMb: 'FunctionMemory' }` prices the memory typed into the FunctionMemory field).
 * Pure, so the launch preview can rerun it on every keystroke.
 */

export type LaunchEstimate =
  | {
      readonly kind: 'lambda';
      readonly input: LambdaCostInput;
      readonly estimate: LambdaCostEstimateDto;
      readonly totalCost: number;
      /** Estimator input → the parameter value that replaced the profile's figure. */
      readonly fromParameters: Readonly<Record<string, string>>;
    }
  | {
      readonly kind: 'sqs-batch';
      readonly input: SqsBatchInput;
      /** Priced at the launched batch size only; its row says whether it breaks an AWS limit. */
      readonly estimate: SqsBatchCostsDto;
      readonly totalCost: number;
      readonly fromParameters: Readonly<Record<string, string>>;
    }
  | {
      /** A parameter value the model cannot price; messages are keyed by parameter name. */
      readonly kind: 'invalid';
      readonly fields: Readonly<Record<string, string[]>>;
    };

// Profile field names that differ from the model input's (blueprint.yaml says batchingWindowSeconds).
const INPUT_FIELD_BY_PROFILE_FIELD: Readonly<Record<string, string>> = { batchSize: 'batchSizes', batchingWindowSeconds: 'batchingWindowS' };
const PROFILE_FIELD_ALIASES: Readonly<Record<string, string>> = { batchingWindowS: 'batchingWindowSeconds' };
const TEXT_FIELDS = new Set(['architecture']);
const NUMBER_PATTERN = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/**
 * Prices `profile` with the launch's parameter values applied; null for profiles this estimator does
 * not model. `parameterMap` defaults to the profile's own.
 */
export function estimateForLaunch(
  profile: CostProfile,
  parameterValues: Readonly<Record<string, string | undefined>>,
  parameterMap: CostParameterMap = (isEstimableProfile(profile) ? profile.parameterMap : undefined) ?? {},
  context: ProfileContext = DEFAULT_PROFILE_CONTEXT,
): LaunchEstimate | null {
  if (!isEstimableProfile(profile)) return null;
  const { profile: launched, fromParameters, parameterByInputField } = applyLaunchParameters(profile, parameterValues, parameterMap);
  const scenario = scenarioFromProfile(launched, context, 'profile');

  const parsed = scenario.kind === 'lambda' ? lambdaCostInputSchema.safeParse(scenario.input) : sqsBatchInputSchema.safeParse(scenario.input);
  if (!parsed.success) {
    const fields: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const inputField = String(issue.path[0] ?? 'input');
      const parameter = parameterByInputField.get(inputField);
      const message = parameter && issue.message.startsWith(`${inputField} `) ? `${parameter}${issue.message.slice(inputField.length)}` : issue.message;
      (fields[parameter ?? inputField] ??= []).push(message);
    }
    return { kind: 'invalid', fields };
  }

  if (scenario.kind === 'lambda') {
    const estimate = toLambdaCostDto(estimateLambdaCost(scenario.input));
    return { kind: 'lambda', input: scenario.input, estimate, totalCost: estimate.totalCost, fromParameters };
  }
  const estimate = toSqsBatchCostsDto(estimateSqsBatchCosts(scenario.input));
  return { kind: 'sqs-batch', input: scenario.input, estimate, totalCost: estimate.rows[0]?.totalCost ?? 0, fromParameters };
}

export interface LaunchedProfile {
  readonly profile: EstimableCostProfile;
  /** Estimator input → the parameter value that replaced the profile's figure. */
  readonly fromParameters: Readonly<Record<string, string>>;
  /** Model input field → the template parameter that set it, to word messages by the parameter. */
  readonly parameterByInputField: ReadonlyMap<string, string>;
}

/**
 * The profile with every mapped, non-empty parameter value in place of its own figure. A value that is
 * not a number becomes NaN, which the model's schema then reports as "must be a number".
 */
export function applyLaunchParameters(
  profile: EstimableCostProfile,
  parameterValues: Readonly<Record<string, string | undefined>>,
  parameterMap: CostParameterMap = profile.parameterMap ?? {},
): LaunchedProfile {
  const overridden: Record<string, unknown> = { ...profile };
  const fromParameters: Record<string, string> = {};
  const parameterByInputField = new Map<string, string>();
  for (const [mappedField, parameter] of Object.entries(parameterMap)) {
    if (!parameter) continue;
    const raw = parameterValues[parameter]?.trim();
    if (raw === undefined || raw === '') continue;
    const profileField = PROFILE_FIELD_ALIASES[mappedField] ?? mappedField;
    overridden[profileField] = TEXT_FIELDS.has(profileField) ? raw : NUMBER_PATTERN.test(raw) ? Number(raw) : Number.NaN;
    fromParameters[mappedField] = raw;
    parameterByInputField.set(INPUT_FIELD_BY_PROFILE_FIELD[profileField] ?? profileField, parameter);
  }
  return { profile: overridden as unknown as EstimableCostProfile, fromParameters, parameterByInputField };
}
