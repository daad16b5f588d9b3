// GET /api/v1/cost/scenarios — my saved cost scenarios; POST — save one
import { apiRoute, JsonResult } from '@/server/http';
import { listCostScenarios } from '@/server/cost/queries';
import { saveCostScenario } from '@/server/cost/scenarios';
import { costScenarioBodySchema } from '@/lib/schemas/cost-scenarios';

export const GET = apiRoute({}, async ({ actor }) => ({ scenarios: await listCostScenarios(actor.userId) }));

export const POST = apiRoute({ body: costScenarioBodySchema }, async ({ actor, body }) => new JsonResult(await saveCostScenario(actor, body), 201));
