import Link from 'next/link';
import type { ReactNode } from 'react';
import { requirePageActor } from '@/server/auth/session';
import { getCurrentTarget } from '@/server/targets/current';
import { env } from '@/server/env';
import { Badge } from '@/components/ui/badge';
import { NavLinks } from './_components/nav-links';
import { TargetSwitcher } from './_components/target-switcher';
import { SignOutButton } from './_components/user-menu';

export const dynamic = 'force-dynamic';

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const actor = await requirePageActor();
  const current = await getCurrentTarget(actor);
  return (
    <div className="flex min-h-screen">
      <aside className="sticky top-0 flex h-screen w-52 shrink-0 flex-col border-r border-slate-200 bg-white px-3 py-4">
        <Link href="/catalog" className="mb-6 px-3 text-lg font-bold tracking-tight text-brand-700">
          Slipway
        </Link>
        <NavLinks />
        <div className="mt-auto px-3 text-xs text-slate-500">
          <Link href="/health" className="underline">
            System health
          </Link>
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 bg-white px-6 py-2.5">
          {current ? (
            <TargetSwitcher
              targets={current.targets.map((t) => ({ id: t.id, name: t.name, accountId: t.accountId, regions: t.regions, isSandbox: t.isSandbox }))}
              current={{ targetId: current.target.id, region: current.region }}
            />
          ) : (
            <span className="text-sm text-slate-500">No AWS target available to your teams</span>
          )}
          <div className="flex items-center gap-3 text-sm">
            {env().awsMode === 'sandbox' && <Badge tone="warn">Local sandbox account</Badge>}
            <span className="text-slate-700" data-testid="current-user">
              {actor.name}
              <span className="ml-2 text-xs text-slate-500">
                {actor.isPlatformAdmin ? 'platform admin' : actor.teams.map((t) => `${t.slug} · ${t.role}`).join(', ') || 'no team'}
              </span>
            </span>
            <SignOutButton />
          </div>
        </header>
        <main className="min-w-0 flex-1 px-6 py-6">{children}</main>
      </div>
    </div>
  );
}
