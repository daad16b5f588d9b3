// GET /api/v1/audit-log/export — the matching audit entries as JSON lines, streamed (same filters and access as the list)
import { apiRoute } from '@/server/http';
import { exportAuditJsonLines } from '@/server/audit/read';
import { auditExportQuerySchema } from '@/lib/schemas/audit';

export const GET = apiRoute({ query: auditExportQuerySchema }, async ({ actor, query }) => {
  const body = await exportAuditJsonLines(actor, query);
  return new Response(body, {
    headers: { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Content-Disposition': 'attachment; filename="slipway-audit-log.jsonl"' },
  });
});
