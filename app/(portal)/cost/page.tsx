import type { Metadata } from 'next';
import { requirePageActor } from '@/server/auth/session';
import { listCostScenarios } from '@/server/cost/queries';
import { resolveEstimatorStart } from '@/server/cost/starting-state';
import { findBlueprintCostProfile } from '@/server/cost/blueprint-profile';
import { findLaunchCostInputs } from '@/server/cost/launch-inputs';
import { PageHeader } from '@/components/ui/page-header';
import { CostEstimator } from './_components/cost-estimator';

export const metadata: Metadata = { title: 'Lambda cost estimator' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function CostPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePageActor();
  const params = await searchParams;
  const [start, scenarios] = await Promise.all([
    resolveEstimatorStart({ state: first(params.state), blueprint: first(params.blueprint), launch: first(params.launch) }, findBlueprintCostProfile, (id) =>
      findLaunchCostInputs(actor, id),
    ),
    listCostScenarios(actor.userId),
  ]);
  return (
    <>
      <PageHeader
        title="Lambda cost estimator"
        description="What-if exploration of a Lambda function's monthly bill, or of the batch size that drains an SQS queue cheapest. Everything recomputes in your browser as you change it."
      />
      <CostEstimator initialState={start.state} initialScenarios={scenarios} notices={start.notices} />
    </>
  );
}
