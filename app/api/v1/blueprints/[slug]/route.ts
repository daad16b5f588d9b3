// GET /api/v1/blueprints/:slug — metadata, parameters, outputs, dashboards, capabilities and the architecture graph
import { apiRoute } from '@/server/http';
import { getBlueprint } from '@/server/blueprints/load';
import { AppError } from '@/server/errors';

export const GET = apiRoute({}, async ({ params }) => {
  const blueprint = await getBlueprint(params.slug!);
  if (!blueprint) throw new AppError('NOT_FOUND', `No blueprint "${params.slug}".`);
  const { metadata, model, graph } = blueprint;
  return {
    ...metadata,
    parameters: model.parameters.map((p) => ({ ...p, default: p.noEcho ? undefined : p.default })),
    parameterGroups: model.parameterGroups,
    outputs: model.outputs,
    capabilities: model.capabilities,
    resources: model.resources.map((r) => ({ logicalId: r.logicalId, type: r.type, service: r.service })),
    graph,
  };
});
