import { consumerGroupListQuerySchema, defaultGroupSortOrder, type ConsumerGroupListQuery } from '@/lib/schemas/kafka';

/**
 * The cluster page keeps its paging, sort and filter in the URL (`?page&pageSize&sort&order&q`, the
 * same names as the list endpoint's query), so a reload or a shared link shows the same rows.
 */

type SearchParams = Record<string, string | string[] | undefined>;

const KEYS = ['page', 'pageSize', 'sort', 'order', 'q'] as const;

/** The list query a page URL asks for; a value the API would refuse is dropped (a typo in a link is not an error page). */
export function parseGroupListSearchParams(params: SearchParams): ConsumerGroupListQuery {
  const raw: Record<string, string> = {};
  for (const key of KEYS) {
    const value = params[key];
    const text = Array.isArray(value) ? value[0] : value;
    if (text !== undefined && consumerGroupListQuerySchema.shape[key].safeParse(text).success) raw[key] = text;
  }
  return consumerGroupListQuerySchema.parse(raw);
}

/** `?sort=groupId&q=orders` for a query, leaving out what is the default; '' when everything is. */
export function groupListSearch(query: ConsumerGroupListQuery): string {
  const defaults = consumerGroupListQuerySchema.parse({});
  const out = new URLSearchParams();
  if (query.page !== defaults.page) out.set('page', String(query.page));
  if (query.pageSize !== defaults.pageSize) out.set('pageSize', String(query.pageSize));
  if (query.sort !== defaults.sort) out.set('sort', query.sort);
  if (query.order && query.order !== defaultGroupSortOrder(query.sort)) out.set('order', query.order);
  if (query.q) out.set('q', query.q);
  const text = out.toString();
  return text ? `?${text}` : '';
}
