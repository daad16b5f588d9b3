// The catalog page's URL: its filters and page number, read by the server page and written by the
// filters in the browser, so a filtered catalog can be shared and survives reloads.
import { BLUEPRINT_CATEGORIES, DASHBOARD_KINDS, type BlueprintCategory, type BlueprintSearchQuery, type DashboardKind } from '@/lib/blueprints/types';

/** Cards per catalog page: four rows of the three-column grid on a laptop screen and then some. */
export const CATALOG_PAGE_SIZE = 24;

/** The filters as the URL and the form hold them ('' when unset; sandbox is '1' when set). */
export interface CatalogFilters {
  q: string;
  service: string;
  category: string;
  dashboard: string;
  sandbox: string;
}

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

/**
 * Reads the page's query string. A value the catalog does not know (an old link, a hand-edited URL)
 * is dropped rather than refused: the page still shows the catalog, with that filter cleared.
 */
export function catalogPageQuery(params: Record<string, string | string[] | undefined>): {
  filters: CatalogFilters;
  search: BlueprintSearchQuery;
  page: number;
} {
  const q = one(params.q).slice(0, 200);
  const service = one(params.service).slice(0, 80);
  const category = (BLUEPRINT_CATEGORIES as readonly string[]).includes(one(params.category)) ? one(params.category) : '';
  const dashboard = (DASHBOARD_KINDS as readonly string[]).includes(one(params.dashboard)) ? one(params.dashboard) : '';
  const sandbox = one(params.sandbox) === '1' ? '1' : '';
  const pageNumber = Number(one(params.page) || 1);
  return {
    filters: { q, service, category, dashboard, sandbox },
    search: {
      q: q || undefined,
      service: service || undefined,
      category: (category || undefined) as BlueprintCategory | undefined,
      dashboard: (dashboard || undefined) as DashboardKind | undefined,
      sandboxReady: sandbox ? true : undefined,
    },
    page: Number.isInteger(pageNumber) && pageNumber >= 1 && pageNumber <= 10_000 ? pageNumber : 1,
  };
}

/** The catalog URL of these filters and page (page 1 and empty filters are left out). */
export function catalogHref(pathname: string, filters: CatalogFilters, page = 1): string {
  const entries = Object.entries(filters).filter(([, value]) => value);
  if (page > 1) entries.push(['page', String(page)]);
  const query = new URLSearchParams(entries);
  return `${pathname}${query.size ? `?${query}` : ''}`;
}
