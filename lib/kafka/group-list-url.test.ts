import { describe, expect, it } from 'vitest';
import { groupListSearch, parseGroupListSearchParams } from './group-list-url';

describe('the cluster page URL', () => {
  it('reads paging, sort and filter, and writes back only what differs from the defaults', () => {
    const query = parseGroupListSearchParams({ page: '3', pageSize: '25', sort: 'groupId', order: 'desc', q: 'orders' });
    expect(query).toEqual({ page: 3, pageSize: 25, sort: 'groupId', order: 'desc', q: 'orders' });
    expect(groupListSearch(query)).toBe('?page=3&pageSize=25&sort=groupId&order=desc&q=orders');
    expect(groupListSearch(parseGroupListSearchParams({}))).toBe('');
    // The default order of a sort is left out.
    expect(groupListSearch({ page: 1, pageSize: 50, sort: 'status', order: 'desc' })).toBe('?sort=status');
  });

  it('drops values the API would refuse instead of failing the page', () => {
    expect(parseGroupListSearchParams({ page: '-1', pageSize: '5000', sort: 'nonsense', order: 'up', q: 'billing' })).toEqual({
      page: 1,
      pageSize: 50,
      sort: 'totalLag',
      q: 'billing',
    });
    expect(parseGroupListSearchParams({ page: ['2', '9'] })).toMatchObject({ page: 2 });
  });
});
