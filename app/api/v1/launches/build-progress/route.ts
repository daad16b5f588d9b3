// GET /api/v1/launches/build-progress — the function builds of your newest launch of a stack name, while its preview runs
import { apiRoute } from '@/server/http';
import { getLaunchBuildProgress } from '@/server/launches/read';
import { launchBuildProgressSchema } from '@/lib/schemas/launches';

export const GET = apiRoute({ query: launchBuildProgressSchema }, ({ actor, query }) => getLaunchBuildProgress(actor, query));
