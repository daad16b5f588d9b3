import 'server-only';
import { getBlueprint } from '@/server/blueprints/load';
import type { CostProfile } from '@/server/cost/cost-profile';

/** The cost profile from blueprint `slug`'s blueprint.yaml, or undefined when there is no such blueprint. */
export async function findBlueprintCostProfile(slug: string): Promise<CostProfile | undefined> {
  return (await getBlueprint(slug))?.metadata.cost;
}
