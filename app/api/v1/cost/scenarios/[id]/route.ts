// GET/PUT/DELETE /api/v1/cost/scenarios/:id — one of my saved cost scenarios (others' answer 404)
import { apiRoute } from '@/server/http';
import { getCostScenario } from '@/server/cost/queries';
import { removeCostScenario, replaceCostScenario } from '@/server/cost/scenarios';
import { costScenarioBodySchema } from '@/lib/schemas/cost-scenarios';

export const GET = apiRoute({}, ({ actor, params }) => getCostScenario(actor.userId, params.id!));

export const PUT = apiRoute({ body: costScenarioBodySchema }, ({ actor, params, body }) => replaceCostScenario(actor, params.id!, body));

export const DELETE = apiRoute({}, ({ actor, params }) => removeCostScenario(actor, params.id!));
