// GET /api/v1/health — each dependency up/down with latency (public, for load balancers)
import { NextResponse } from 'next/server';
import { checkHealth } from '@/server/health/check';

export const dynamic = 'force-dynamic';

export async function GET() {
  const report = await checkHealth();
  // The database is the only dependency the portal cannot serve without.
  const databaseDown = report.dependencies.some((d) => d.name === 'database' && d.status === 'down');
  return NextResponse.json(report, { status: databaseDown ? 503 : 200, headers: { 'Cache-Control': 'no-store' } });
}
