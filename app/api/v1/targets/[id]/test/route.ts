// POST /api/v1/targets/:id/test — test the connection: AssumeRole and GetCallerIdentity (platform admins)
import { apiRoute } from '@/server/http';
import { runTargetConnectionTest } from '@/server/targets/admin';

export const POST = apiRoute({}, ({ actor, params }) => runTargetConnectionTest(actor, params.id!));
