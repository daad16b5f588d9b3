// GET /api/v1/targets/:id/resources?region&type — real resources of a target for the launch form's pickers
import { apiRoute } from '@/server/http';
import { getTargetForActor, resolveTargetRef } from '@/server/targets/queries';
import { listPickerOptions } from '@/server/aws/pickers';
import { toLaunchError } from '@/server/launches/aws-errors';
import { pickerQuerySchema } from '@/lib/schemas/targets';

export const GET = apiRoute({ query: pickerQuerySchema }, async ({ actor, params, query }) => {
  const target = await getTargetForActor(actor, params.id!);
  const ref = await resolveTargetRef(target, query.region);
  try {
    return { options: await listPickerOptions(ref, query.type, { vpcId: query.vpcId }) };
  } catch (err) {
    throw toLaunchError(err, { action: `list ${query.type} resources`, targetName: target.name });
  }
});
