import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePageActor } from '@/server/auth/session';
import { listLaunchFilterOptions, listLaunches } from '@/server/launches/read';
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
    limit: sp.limit || undefined,
  });
  const query = parsed.success ? parsed.data : launchListSchema.parse({});
  const scoped = query.scope === 'all' && !actor.isPlatformAdmin ? { ...query, scope: 'team' as const } : query;
  // The first page, and the filters' values among every launch in scope (not only the page shown).
  const [page, options] = await Promise.all([listLaunches(actor, scoped), listLaunchFilterOptions(actor, scoped)]);
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
      <LaunchList initial={page} options={options} query={query} canSeeAll={actor.isPlatformAdmin} />
    </>
  );
}
