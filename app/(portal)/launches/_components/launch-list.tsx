'use client';

import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useInfiniteQuery } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api/fetch-json';
import { formatDateTime } from '@/lib/date-time';
import { statusTone, type LaunchFilterOptionsDto, type LaunchPageDto } from '@/lib/launches/dto';
import { LAUNCH_PAGE_SIZE_DEFAULT, type LaunchListQuery } from '@/lib/schemas/launches';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Select } from '@/components/ui/field';
import { cn } from '@/components/ui/cn';
import { StatusBadge } from './status-badge';
import { TableHead } from '@/components/ui/table-head';

export function LaunchList({
  initial,
  options,
  query,
  canSeeAll,
}: {
  initial: LaunchPageDto;
  options: LaunchFilterOptionsDto;
  query: LaunchListQuery;
  canSeeAll: boolean;
}) {
  const router = useRouter();
  const pathname = usePathname();
  // The page's own URL: the filters, and the page size when it is not the default (never a cursor).
  const qs = new URLSearchParams(
    Object.entries({
      ...query,
      limit: query.limit === LAUNCH_PAGE_SIZE_DEFAULT ? undefined : String(query.limit),
      cursor: undefined,
      includeDeleted: query.includeDeleted ? 'true' : undefined,
    }).filter((e): e is [string, string] => Boolean(e[1])),
  );
  const list = useInfiniteQuery({
    queryKey: ['launches', qs.toString()],
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams(qs);
      if (pageParam) params.set('cursor', pageParam);
      return fetchJson<LaunchPageDto>(`/api/v1/launches?${params}`);
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    initialData: { pages: [initial], pageParams: [undefined] },
    // Keep refreshing (every page loaded so far) while anything shown is in progress.
    refetchInterval: (q) => ((q.state.data?.pages ?? []).some((p) => p.launches.some((l) => statusTone(l.status) === 'progress')) ? 3000 : false),
  });
  const data = list.data.pages.flatMap((p) => p.launches);
  const setParam = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(qs);
    if (v) next.set(k, v);
    else next.delete(k);
    router.push(`${pathname}?${next}`);
  };
  const { blueprints, statuses, targets } = options;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <div role="tablist" aria-label="Whose launches" className="inline-flex rounded-md ring-1 ring-slate-300">
          {(['mine', 'team', ...(canSeeAll ? (['all'] as const) : [])] as const).map((s) => (
            <button
              key={s}
              role="tab"
              aria-selected={query.scope === s}
              className={cn(
                'px-3 py-1.5 text-sm first:rounded-l-md last:rounded-r-md',
                query.scope === s ? 'bg-brand-600 text-white' : 'bg-white text-slate-700',
              )}
              onClick={() => setParam('scope', s)}
            >
              {s === 'mine' ? 'Mine' : s === 'team' ? 'My teams' : 'All'}
            </button>
          ))}
        </div>
        <label className="text-xs text-slate-600">
          Blueprint
          <Select value={query.blueprint ?? ''} onChange={(e) => setParam('blueprint', e.target.value || undefined)} className="w-56">
            <option value="">Any</option>
            {blueprints.map((b) => (
              <option key={b}>{b}</option>
            ))}
          </Select>
        </label>
        <label className="text-xs text-slate-600">
          Status
          <Select value={query.status ?? ''} onChange={(e) => setParam('status', e.target.value || undefined)} className="w-52">
            <option value="">Any</option>
            {statuses.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </Select>
        </label>
        <label className="text-xs text-slate-600">
          Target
          <Select value={query.target ?? ''} onChange={(e) => setParam('target', e.target.value || undefined)} className="w-44">
            <option value="">Any</option>
            {targets.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </Select>
        </label>
        <label className="flex items-center gap-1 pb-1.5 text-sm text-slate-700">
          <input type="checkbox" checked={Boolean(query.includeDeleted)} onChange={(e) => setParam('includeDeleted', e.target.checked ? 'true' : undefined)} />{' '}
          Show deleted
        </label>
      </div>
      {data.length === 0 ? (
        <EmptyState title="Nothing launched yet">Pick a blueprint in the catalog and launch it into the sandbox or one of your team’s accounts.</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
          <table className="w-full text-left text-sm">
            <TableHead
              variant="panel"
              columns={[{ label: 'Stack' }, { label: 'Blueprint' }, { label: 'Status' }, { label: 'Where' }, { label: 'Team' }, { label: 'Launched' }]}
            />
            <tbody>
              {data.map((l) => (
                <tr key={l.id} className="border-t border-slate-100">
                  <td className="px-3 py-2">
                    <Link href={`/launches/${l.id}`} className="font-medium text-brand-600 underline">
                      {l.stackName}
                    </Link>
                  </td>
                  <td className="px-3 py-2">
                    {l.blueprint.title} <span className="font-mono text-xs text-slate-500">v{l.blueprint.version}</span>
                    {l.blueprint.versionsBehind > 0 && (
                      <Badge tone="warn" className="ml-1">
                        behind by {l.blueprint.versionsBehind}
                      </Badge>
                    )}
                  </td>
                  <td className="px-3 py-2">
                    <StatusBadge status={l.status} />
                  </td>
                  <td className="px-3 py-2 text-xs">
                    {l.target.isSandbox ? 'Sandbox' : l.target.name} · {l.region}
                  </td>
                  <td className="px-3 py-2 text-xs">{l.team.name}</td>
                  <td className="px-3 py-2 text-xs text-slate-600">
                    {formatDateTime(l.createdAt)} by {l.createdBy}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.hasNextPage ? (
        // Not disabled while loading, so keyboard focus stays on it for the next page.
        <Button variant="secondary" aria-busy={list.isFetchingNextPage} onClick={() => void (list.isFetchingNextPage || list.fetchNextPage())}>
          {list.isFetchingNextPage ? 'Loading…' : 'Load more launches'}
        </Button>
      ) : (
        list.data.pages.length > 1 && <p className="text-sm text-slate-500">All {data.length} launches shown.</p>
      )}
    </div>
  );
}
