import 'server-only';
import { lambdaCostInputSchema, sqsBatchInputSchema } from '@/lib/schemas/cost';
import { type CostProfile, DEFAULT_PROFILE_CONTEXT, type ProfileContext, isEstimableProfile, scenarioFromProfile } from '@/server/cost/cost-profile';
import type { ScenarioInput } from '@/lib/cost/estimator-state';

/**
 * `/cost?blueprint=<slug>`: the estimator starts from the blueprint's cost profile. The caller looks
 * the profile up (the blueprint library owns that), so this stays a pure mapping that tests can feed.
 */
export type CostPrefill =
  | { readonly status: 'prefilled'; readonly slug: string; readonly scenario: ScenarioInput }
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
