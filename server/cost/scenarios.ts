import 'server-only';
import { recordAudit } from '@/server/audit/queries';
import { createCostScenario, deleteCostScenario, updateCostScenario } from '@/server/cost/queries';
import type { Actor } from '@/server/auth/actor';
import type { CostScenarioBody, CostScenarioDto } from '@/lib/schemas/cost-scenarios';

// Scenario writes with their audit entries, so no caller can save without leaving a trace.

const RESOURCE_TYPE = 'cost-scenario';

/** Saves a new scenario for the actor and audits it. */
export async function saveCostScenario(actor: Actor, body: CostScenarioBody): Promise<CostScenarioDto> {
  const scenario = await createCostScenario(actor.userId, body);
  await recordAudit({
    actor,
    action: 'cost-scenario.create',
    resourceType: RESOURCE_TYPE,
    resourceId: scenario.id,
    outcome: 'success',
    details: { name: scenario.name, kind: scenario.kind },
  });
  return scenario;
}

/** Replaces one of the actor's scenarios and audits it. */
export async function replaceCostScenario(actor: Actor, id: string, body: CostScenarioBody): Promise<CostScenarioDto> {
  const scenario = await updateCostScenario(actor.userId, id, body);
  await recordAudit({
    actor,
    action: 'cost-scenario.update',
    resourceType: RESOURCE_TYPE,
    resourceId: scenario.id,
    outcome: 'success',
    details: { name: scenario.name, kind: scenario.kind },
  });
  return scenario;
}

/** Deletes one of the actor's scenarios and audits it. */
export async function removeCostScenario(actor: Actor, id: string): Promise<CostScenarioDto> {
  const scenario = await deleteCostScenario(actor.userId, id);
  await recordAudit({
    actor,
    action: 'cost-scenario.delete',
    resourceType: RESOURCE_TYPE,
    resourceId: scenario.id,
    outcome: 'success',
    details: { name: scenario.name, kind: scenario.kind },
  });
  return scenario;
}
