import type { Metadata } from 'next';
import Link from 'next/link';
import { checkHealth } from '@/server/health/check';
import { HealthTable } from './_components/health-table';

export const metadata: Metadata = { title: 'System health' };
export const dynamic = 'force-dynamic';

// Public on purpose (like /api/v1/health): it shows up/down and latency, never addresses or secrets.
export default async function HealthPage() {
  const report = await checkHealth();
  return (
    <main className="mx-auto max-w-3xl px-6 py-10">
      <h1 className="text-xl font-semibold">System health</h1>
      <p className="mt-1 text-sm text-slate-600">Each dependency Slipway uses, checked every few seconds.</p>
      <div className="mt-6">
        <HealthTable initial={report} />
      </div>
      <Link href="/catalog" className="mt-6 inline-block text-sm text-brand-600 underline">
        Back to the portal
      </Link>
    </main>
  );
}
