import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePageActor } from '@/server/auth/session';
import { listLaunches } from '@/server/launches/read';
import { launchListSchema } from '@/lib/schemas/launches';
import { PageHeader } from '@/components/ui/page-header';
import { buttonClass } from '@/components/ui/button';
import { LaunchList } from './_components/launch-list';

export const metadata: Metadata = { title: 'Launches' };

export default async function LaunchesPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePageActor();
  const sp = await searchParams;
  const parsed = launchListSchema.safeParse({
    scope: sp.scope,
    blueprint: sp.blueprint || undefined,
    status: sp.status || undefined,
    target: sp.target || undefined,
    includeDeleted: sp.includeDeleted,
  });
  const query = parsed.success ? parsed.data : launchListSchema.parse({});
  const scoped = query.scope === 'all' && !actor.isPlatformAdmin ? { ...query, scope: 'team' as const } : query;
  // The filters offer every value in scope, not only those left after the current filters.
  const [launches, inScope] = await Promise.all([
    listLaunches(actor, scoped),
    listLaunches(actor, { ...scoped, blueprint: undefined, status: undefined, target: undefined }),
  ]);
  const options = {
    blueprints: [...new Set(inScope.map((l) => l.blueprint.slug))].sort(),
    statuses: [...new Set(inScope.map((l) => l.status))].sort(),
    targets: [...new Map(inScope.map((l) => [l.target.id, l.target.name])).entries()],
  };
  return (
    <>
      <PageHeader
        title="Launches"
        description="Stacks launched from blueprints into your AWS targets."
        actions={
          <Link href="/catalog" className={buttonClass('primary')}>
            Launch a blueprint
          </Link>
        }
      />
      <LaunchList initial={launches} options={options} query={query} canSeeAll={actor.isPlatformAdmin} />
    </>
  );
}
