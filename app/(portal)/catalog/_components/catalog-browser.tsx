'use client';

import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useState, useTransition } from 'react';
import { BLUEPRINT_CATEGORIES, DASHBOARD_KINDS, type BlueprintSummaryDto } from '@/lib/blueprints/types';
import { catalogHref, CATALOG_PAGE_SIZE, type CatalogFilters } from '@/lib/blueprints/catalog-url';
import { dashboardLabels } from '@/lib/blueprints/labels';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Select, TextInput } from '@/components/ui/field';
import { EmptyState } from '@/components/ui/empty-state';

const SEARCH_ID = 'catalog-search';

export function CatalogBrowser({
  filters,
  page,
  blueprints,
  matched,
  catalogSize,
  services,
}: {
  filters: CatalogFilters;
  page: number;
  blueprints: BlueprintSummaryDto[];
  matched: number;
  catalogSize: number;
  services: readonly string[];
}) {
  const router = useRouter();
  const pathname = usePathname();
  // The form keeps what the reader typed; the server searches (the URL carries the filters) and
  // sends one page of results, so the catalog's size never reaches the browser.
  const [form, setForm] = useState(filters);
  const [pending, startTransition] = useTransition();
  const { q, service, category, dashboard } = form;
  const sandboxOnly = form.sandbox === '1';
  const pageCount = Math.max(1, Math.ceil(matched / CATALOG_PAGE_SIZE));
  const firstShown = (page - 1) * CATALOG_PAGE_SIZE + 1;

  // The URL is written from the form's own state (plus the change being made), never read back from
  // useSearchParams: quick successive changes would otherwise build on a URL not yet updated.
  function sync(next: Partial<CatalogFilters>) {
    const all = { ...form, ...next };
    setForm(all);
    startTransition(() => router.replace(catalogHref(pathname, all), { scroll: false }));
  }

  function clearFilters() {
    sync({ q: '', service: '', category: '', dashboard: '', sandbox: '' });
    document.getElementById(SEARCH_ID)?.focus();
  }

  // "/" jumps to the search box, as on most sites with one, unless the reader is typing somewhere else.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      const t = e.target instanceof HTMLElement ? e.target : null;
      if (t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))) return;
      const search = document.getElementById(SEARCH_ID);
      if (!(search instanceof HTMLInputElement)) return;
      e.preventDefault();
      search.focus();
      search.select();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="space-y-4">
      <div className="grid gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 md:grid-cols-[2fr_1fr_1fr_1fr_auto]">
        <div>
          <label htmlFor={SEARCH_ID} className="flex justify-between text-xs font-medium text-slate-600">
            Search
            <span className="font-normal text-slate-400" aria-hidden>
              press <kbd className="rounded border border-slate-300 px-1 font-mono">/</kbd>
            </span>
          </label>
          <TextInput
            id={SEARCH_ID}
            type="search"
            aria-keyshortcuts="/"
            placeholder="Title, summary, service or tag…"
            value={q}
            onChange={(e) => sync({ q: e.target.value })}
          />
        </div>
        <div>
          <label htmlFor="catalog-service" className="text-xs font-medium text-slate-600">
            Service
          </label>
          <Select id="catalog-service" value={service} onChange={(e) => sync({ service: e.target.value })}>
            <option value="">Any service</option>
            {services.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </Select>
        </div>
        <div>
          <label htmlFor="catalog-category" className="text-xs font-medium text-slate-600">
            Category
          </label>
          <Select id="catalog-category" value={category} onChange={(e) => sync({ category: e.target.value })}>
            <option value="">Any category</option>
            {BLUEPRINT_CATEGORIES.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </Select>
        </div>
        <div>
          <label htmlFor="catalog-dashboard" className="text-xs font-medium text-slate-600">
            Dashboard
          </label>
          <Select id="catalog-dashboard" value={dashboard} onChange={(e) => sync({ dashboard: e.target.value })}>
            <option value="">Any dashboard</option>
            {DASHBOARD_KINDS.map((d) => (
              <option key={d} value={d}>
                {dashboardLabels[d]}
              </option>
            ))}
          </Select>
        </div>
        <label className="flex items-end gap-2 pb-1.5 text-sm text-slate-700">
          <input type="checkbox" checked={sandboxOnly} onChange={(e) => sync({ sandbox: e.target.checked ? '1' : '' })} />
          Sandbox-ready only
        </label>
      </div>
      <p className="text-sm text-slate-600" aria-live="polite">
        {matched} of {catalogSize} blueprints
        {pageCount > 1 && ` · showing ${firstShown}–${firstShown + blueprints.length - 1}`}
        {pending && <span className="ml-2 text-slate-400">searching…</span>}
      </p>
      {blueprints.length === 0 ? (
        <EmptyState
          title="No blueprint matches"
          action={
            <Button variant="secondary" onClick={clearFilters}>
              Clear filters
            </Button>
          }
        >
          Try fewer words, another name for the service, or clear the filters.
        </EmptyState>
      ) : (
        <ul className={`grid gap-4 md:grid-cols-2 xl:grid-cols-3 ${pending ? 'opacity-70' : ''}`} aria-busy={pending}>
          {blueprints.map((b) => (
            <li key={b.slug}>
              <Link
                href={`/catalog/${b.slug}`}
                className="flex h-full flex-col rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 transition hover:ring-brand-500"
                data-testid="blueprint-card"
              >
                <div className="flex items-start justify-between gap-2">
                  <h2 className="font-semibold text-slate-900">{b.title}</h2>
                  <span className="shrink-0 font-mono text-xs text-slate-500">v{b.version}</span>
                </div>
                <p className="mt-1 line-clamp-3 text-sm text-slate-600">{b.summary}</p>
                <div className="mt-3 flex flex-wrap gap-1">
                  {b.services.map((s) => (
                    <Badge key={s}>{s}</Badge>
                  ))}
                </div>
                <div className="mt-auto flex flex-wrap gap-1 pt-3">
                  <Badge tone="info">{b.category}</Badge>
                  <Badge>level {b.level}</Badge>
                  {b.sandboxReady ? <Badge tone="good">sandbox-ready</Badge> : <Badge tone="warn">needs a real account</Badge>}
                </div>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {pageCount > 1 && (
        <nav aria-label="Catalog pages" className="flex items-center justify-between text-sm">
          {page > 1 ? (
            <Link href={catalogHref(pathname, filters, page - 1)} className="underline">
              ← Previous page
            </Link>
          ) : (
            <span />
          )}
          <span className="text-slate-600">
            Page {Math.min(page, pageCount)} of {pageCount}
          </span>
          {page < pageCount ? (
            <Link href={catalogHref(pathname, filters, page + 1)} className="underline">
              Next page →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      )}
    </div>
  );
}
