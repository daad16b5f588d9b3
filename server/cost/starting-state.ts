import 'server-only';
import { applyScenarioInput, DEFAULT_ESTIMATOR_STATE, type EstimatorState } from '@/lib/cost/estimator-state';
import type { CostProfile } from '@/server/cost/cost-profile';
import { decodeEstimatorState } from '@/lib/cost/url-state';
import { findBlueprintCostProfile } from '@/server/cost/blueprint-profile';
import { getCostPrefillForBlueprint } from '@/server/cost/prefill';

export interface EstimatorNotice {
  readonly tone: 'info' | 'warn';
  readonly text: string;
}

export interface EstimatorStart {
  readonly state: EstimatorState;
  readonly notices: readonly EstimatorNotice[];
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;

/**
 * Where /cost starts: `?state=` (a shared link) wins, then `?blueprint=<slug>` (the blueprint's cost
 * profile), then the defaults. Whatever could not be used is explained in a notice, never an error.
 */
export async function resolveEstimatorStart(
  params: { state?: string; blueprint?: string },
  findProfile: (slug: string) => Promise<CostProfile | undefined> = findBlueprintCostProfile,
): Promise<EstimatorStart> {
  if (params.state) {
    const { state, ignored } = decodeEstimatorState(params.state);
    const notices: EstimatorNotice[] = ignored.length
      ? [{ tone: 'warn', text: `Some settings in this link could not be used and were left at their defaults: ${ignored.join('; ')}.` }]
      : [];
    return { state, notices };
  }
  if (!params.blueprint) return { state: DEFAULT_ESTIMATOR_STATE, notices: [] };

  const slug = params.blueprint;
  const prefill = getCostPrefillForBlueprint(slug, SLUG.test(slug) ? await findProfile(slug) : undefined);
  switch (prefill.status) {
    case 'prefilled': {
      const { input } = prefill.scenario;
      return {
        state: applyScenarioInput(DEFAULT_ESTIMATOR_STATE, prefill.scenario),
        notices: [
          {
            tone: 'info',
            text: `Started from the cost profile of the blueprint “${slug}” (${input.region}, ${input.includeFreeTier ? 'with' : 'without'} the free tier). Change anything to explore.`,
          },
        ],
      };
    }
    case 'unsupported':
      return { state: DEFAULT_ESTIMATOR_STATE, notices: [{ tone: 'info', text: `The blueprint “${slug}” cannot be estimated here. ${prefill.reason}` }] };
    case 'not-found':
      return {
        state: DEFAULT_ESTIMATOR_STATE,
        notices: [{ tone: 'warn', text: `There is no blueprint “${slug}”, so the estimator starts from its defaults.` }],
      };
  }
}
