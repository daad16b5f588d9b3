// GET /metrics — consumer lag for Prometheus (text format, kafka-lag-exporter's names) from the worker's newest stored rounds
import { apiRoute } from '@/server/http';
import { renderLagMetrics } from '@/server/kafka/metrics';

export const GET = apiRoute(
  {},
  async ({ actor }) =>
    new Response(await renderLagMetrics(actor), {
      headers: { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-store' },
    }),
);
