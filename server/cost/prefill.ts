import 'server-only';
import { lambdaCostInputSchema, sqsBatchInputSchema } from '@/lib/schemas/cost';
import { type CostProfile, DEFAULT_PROFILE_CONTEXT, type ProfileContext, isEstimableProfile, scenarioFromProfile } from '@/server/cost/cost-profile';
import type { ScenarioInput } from '@/lib/cost/estimator-state';
import { applyLaunchParameters } from '@/server/cost/launch-estimate';
import { isPricedRegion } from '@/lib/cost/price-table';

/**
 * `/cost?blueprint=<slug>`: the estimator starts from the blueprint's cost profile. The caller looks
 * the profile up (the blueprint library owns that), so this stays a pure mapping that tests can feed.
 */
export type CostPrefill =
  | {
      readonly status: 'prefilled';
      readonly slug: string;
      readonly scenario: ScenarioInput;
      /** Launch prefills only: template parameter → the launched value that replaced the profile's figure. */
      readonly fromParameters?: Readonly<Record<string, string>>;
    }
  /** The blueprint's cost is not something this estimator models (Step Functions, SQS alone, free). */
  | { readonly status: 'unsupported'; readonly slug: string; readonly reason: string }
  | { readonly status: 'not-found'; readonly slug: string };

const UNSUPPORTED_REASONS: Readonly<Record<string, string>> = {
  stepfunctions: 'Its cost is Step Functions state transitions, which this estimator does not model; the Lambda functions it calls can be estimated here.',
  sqs: 'Its cost is SQS requests alone, with no Lambda consumer to estimate.',
  none: 'Nothing in it is billed per use.',
};

/** Estimator inputs from a blueprint's cost profile (`undefined` profile = no such blueprint). */
export function getCostPrefillForBlueprint(
  slug: string,
  profile: CostProfile | null | undefined,
  context: ProfileContext = DEFAULT_PROFILE_CONTEXT,
): CostPrefill {
  if (!profile) return { status: 'not-found', slug };
  if (!isEstimableProfile(profile)) {
    return { status: 'unsupported', slug, reason: UNSUPPORTED_REASONS[profile.kind] ?? 'This estimator does not model its cost.' };
  }
  const scenario = scenarioFromProfile(profile, context);
  // Profiles are validated when the library loads, but against the blueprint schema, not the model's.
  const parsed = scenario.kind === 'lambda' ? lambdaCostInputSchema.safeParse(scenario.input) : sqsBatchInputSchema.safeParse(scenario.input);
  if (!parsed.success) {
    return {
      status: 'unsupported',
      slug,
      reason: `Its cost profile does not fit the estimator: ${parsed.error.issues.map((issue) => issue.message).join('; ')}.`,
    };
  }
  return { status: 'prefilled', slug, scenario };
}

/** What the estimator needs of a launch: its blueprint, region and parameter values (NoEcho ones masked). */
export interface LaunchCostInputs {
  readonly id: string;
  readonly stackName: string;
  readonly blueprintSlug: string;
  readonly region: string;
  readonly parameters: Readonly<Record<string, string>>;
}

/**
 * `/cost?launch=<id>`: the blueprint's cost profile with the launch's own parameter values (memory,
 * batch size, …) in place of the profile's figures, priced in the launch's region (us-east-1 when the
 * price table does not have it), without the free tier, as the launch preview prices it.
 */
export function getCostPrefillForLaunch(launch: LaunchCostInputs, profile: CostProfile | null | undefined): CostPrefill {
  const slug = launch.blueprintSlug;
  if (!profile) return { status: 'not-found', slug };
  if (!isEstimableProfile(profile)) return getCostPrefillForBlueprint(slug, profile);
  const { profile: launched, parameterByInputField } = applyLaunchParameters(profile, launch.parameters);
  const context = { region: isPricedRegion(launch.region) ? launch.region : DEFAULT_PROFILE_CONTEXT.region, includeFreeTier: false };
  const scenario = scenarioFromProfile(launched, context);
  const parsed = scenario.kind === 'lambda' ? lambdaCostInputSchema.safeParse(scenario.input) : sqsBatchInputSchema.safeParse(scenario.input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const parameter = parameterByInputField.get(String(issue.path[0]));
      return parameter ? `${parameter} = ${launch.parameters[parameter] ?? ''}: ${issue.message}` : issue.message;
    });
    return { status: 'unsupported', slug, reason: `The launch’s values do not fit the estimator: ${problems.join('; ')}.` };
  }
  const fromParameters = Object.fromEntries([...parameterByInputField.values()].map((parameter) => [parameter, launch.parameters[parameter] ?? '']));
  return { status: 'prefilled', slug, scenario, fromParameters };
}
