// PUT /api/v1/teams/:id/required-tags — replace the tags every launch of the team carries (team and platform admins)
import { apiRoute } from '@/server/http';
import { setRequiredTags } from '@/server/teams/admin';
import { requiredTagsInputSchema } from '@/lib/schemas/teams';

export const PUT = apiRoute({ body: requiredTagsInputSchema }, async ({ actor, params, body }) => setRequiredTags(actor, params.id!, body));
