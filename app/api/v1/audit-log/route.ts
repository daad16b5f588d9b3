// GET /api/v1/audit-log — audit entries, filtered and paged on the server (team admins: their teams; platform admins: all)
import { apiRoute } from '@/server/http';
import { readAuditPage } from '@/server/audit/read';
import { auditListQuerySchema } from '@/lib/schemas/audit';

export const GET = apiRoute({ query: auditListQuerySchema }, ({ actor, query }) => readAuditPage(actor, query));
