import { describe, expect, it } from 'vitest';

import { catalogHref, catalogPageQuery } from './catalog-url';

describe('the catalog page URL', () => {
  it('reads filters and page into the search the server runs', () => {
    expect(catalogPageQuery({ q: 'kafka', service: 'Amazon MSK', category: 'streaming', dashboard: 'kafka', sandbox: '1', page: '3' })).toEqual({
      filters: { q: 'kafka', service: 'Amazon MSK', category: 'streaming', dashboard: 'kafka', sandbox: '1' },
      search: { q: 'kafka', service: 'Amazon MSK', category: 'streaming', dashboard: 'kafka', sandboxReady: true },
      page: 3,
    });
  });

  it('drops what the catalog does not know instead of refusing the page', () => {
    const { filters, search, page } = catalogPageQuery({ category: 'everything', dashboard: 'nope', sandbox: 'yes', page: '-2', q: ['a', 'b'] });
    expect(filters).toEqual({ q: 'a', service: '', category: '', dashboard: '', sandbox: '' });
    expect(search).toEqual({ q: 'a', service: undefined, category: undefined, dashboard: undefined, sandboxReady: undefined });
    expect(page).toBe(1);
    expect(catalogPageQuery({ page: '2.5' }).page).toBe(1);
    expect(catalogPageQuery({ q: 'x'.repeat(300) }).filters.q).toHaveLength(200);
  });

  it('writes only the filters that are set, and the page after the first', () => {
    const none = { q: '', service: '', category: '', dashboard: '', sandbox: '' };
    expect(catalogHref('/catalog', none)).toBe('/catalog');
    expect(catalogHref('/catalog', none, 1)).toBe('/catalog');
    expect(catalogHref('/catalog', { ...none, q: 'step functions', sandbox: '1' }, 2)).toBe('/catalog?q=step+functions&sandbox=1&page=2');
  });
});
