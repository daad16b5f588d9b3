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
  const launches = await listLaunches(actor, query.scope === 'all' && !actor.isPlatformAdmin ? { ...query, scope: 'team' } : query);
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
      <LaunchList initial={launches} query={query} canSeeAll={actor.isPlatformAdmin} />
    </>
  );
}
