import 'server-only';
import { applyScenarioInput, DEFAULT_ESTIMATOR_STATE, type EstimatorState } from '@/lib/cost/estimator-state';
import type { CostProfile } from '@/server/cost/cost-profile';
import { decodeEstimatorState } from '@/lib/cost/url-state';
import { findBlueprintCostProfile } from '@/server/cost/blueprint-profile';
import { getCostPrefillForBlueprint, getCostPrefillForLaunch, type CostPrefill, type LaunchCostInputs } from '@/server/cost/prefill';

export interface EstimatorNotice {
  readonly tone: 'info' | 'warn';
  readonly text: string;
}

export interface EstimatorStart {
  readonly state: EstimatorState;
  readonly notices: readonly EstimatorNotice[];
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;
const LAUNCH_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Where /cost starts: `?state=` (a shared link) wins, then `?launch=<id>` (the blueprint's cost profile
 * with that launch's parameter values), then `?blueprint=<slug>` (the profile as published), then the
 * defaults. Whatever could not be used is explained in a notice, never an error.
 */
export async function resolveEstimatorStart(
  params: { state?: string; blueprint?: string; launch?: string },
  findProfile: (slug: string) => Promise<CostProfile | undefined> = findBlueprintCostProfile,
  /** The caller's view of a launch: undefined when it does not exist or the caller may not read it. */
  findLaunch: (id: string) => Promise<LaunchCostInputs | undefined> = async () => undefined,
): Promise<EstimatorStart> {
  if (params.state) {
    const { state, ignored } = decodeEstimatorState(params.state);
    const notices: EstimatorNotice[] = ignored.length
      ? [{ tone: 'warn', text: `Some settings in this link could not be used and were left at their defaults: ${ignored.join('; ')}.` }]
      : [];
    return { state, notices };
  }
  const launchNotices: EstimatorNotice[] = [];
  if (params.launch) {
    const launch = LAUNCH_ID.test(params.launch) ? await findLaunch(params.launch) : undefined;
    if (launch) return startFrom(getCostPrefillForLaunch(launch, await findProfile(launch.blueprintSlug)), launch);
    launchNotices.push({
      tone: 'warn',
      text: `There is no launch “${params.launch}” you can read${params.blueprint ? ', so the estimator starts from its blueprint’s profile' : ''}.`,
    });
  }
  if (!params.blueprint) return { state: DEFAULT_ESTIMATOR_STATE, notices: launchNotices };

  const slug = params.blueprint;
  const start = startFrom(getCostPrefillForBlueprint(slug, SLUG.test(slug) ? await findProfile(slug) : undefined));
  return { ...start, notices: [...launchNotices, ...start.notices] };
}

/** The state and notices for a prefill from a blueprint, or from one of its launches. */
function startFrom(prefill: CostPrefill, launch?: LaunchCostInputs): EstimatorStart {
  const slug = prefill.slug;
  switch (prefill.status) {
    case 'prefilled': {
      const { input } = prefill.scenario;
      const where = `${input.region}, ${input.includeFreeTier ? 'with' : 'without'} the free tier`;
      const values = Object.entries(prefill.fromParameters ?? {}).map(([parameter, value]) => `${parameter} ${value}`);
      const text = launch
        ? `Started from the launch “${launch.stackName}” of “${slug}”: its blueprint’s cost profile with ` +
          `${values.length ? `the launched ${values.join(', ')}` : 'no launched values it maps'} (${where}${input.region === launch.region ? '' : `; ${launch.region} is not in the price table`}). Change anything to explore.`
        : `Started from the cost profile of the blueprint “${slug}” (${where}). Change anything to explore.`;
      return { state: applyScenarioInput(DEFAULT_ESTIMATOR_STATE, prefill.scenario), notices: [{ tone: 'info', text }] };
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
