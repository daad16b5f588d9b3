import { describe, expect, it } from 'vitest';
import { canResetSomeGroup, groupOwnerFrom, prefixesOverlap } from './group-owner';
import type { Actor } from '@/server/auth/actor';

const falcon = { id: 't-falcon', slug: 'falcon', name: 'Falcon' };
const eagle = { id: 't-eagle', slug: 'eagle', name: 'Eagle' };

describe('group owners', () => {
  const prefixes = [
    { prefix: 'demo-', team: falcon },
    { prefix: 'billing-', team: eagle },
  ];
  it('the matching prefix decides; then the cluster team; then nobody', () => {
    expect(groupOwnerFrom('demo-billing', prefixes, null)).toEqual({ kind: 'team', team: falcon, prefix: 'demo-' });
    expect(groupOwnerFrom('billing-eu', prefixes, falcon)).toEqual({ kind: 'team', team: eagle, prefix: 'billing-' });
    expect(groupOwnerFrom('orders', prefixes, falcon)).toEqual({ kind: 'team', team: falcon, prefix: null });
    expect(groupOwnerFrom('orders', prefixes, null)).toEqual({ kind: 'unowned' });
    // Prefixes are case-sensitive, as Kafka group ids are.
    expect(groupOwnerFrom('Demo-billing', prefixes, null)).toEqual({ kind: 'unowned' });
  });

  it('the longest prefix wins when one team nests prefixes', () => {
    expect(
      groupOwnerFrom(
        'demo-x',
        [
          { prefix: 'demo', team: eagle },
          { prefix: 'demo-', team: falcon },
        ],
        null,
      ),
    ).toMatchObject({ prefix: 'demo-' });
  });

  it('prefixes overlap when one starts the other', () => {
    expect(prefixesOverlap('demo-', 'demo-billing')).toBe(true);
    expect(prefixesOverlap('demo-billing', 'demo-')).toBe(true);
    expect(prefixesOverlap('demo-', 'demo-')).toBe(true);
    expect(prefixesOverlap('demo-', 'billing-')).toBe(false);
  });

  it('someone may reset something when they develop in the cluster team or a prefix team', () => {
    const dev = (team: typeof falcon, role: 'viewer' | 'developer'): Actor => ({
      userId: 'u',
      email: 'u@x',
      name: 'u',
      isPlatformAdmin: false,
      via: 'token',
      teams: [{ ...team, role }],
    });
    expect(canResetSomeGroup(dev(falcon, 'developer'), null, [{ team: falcon }])).toBe(true);
    expect(canResetSomeGroup(dev(falcon, 'viewer'), null, [{ team: falcon }])).toBe(false);
    expect(canResetSomeGroup(dev(eagle, 'developer'), null, [{ team: falcon }])).toBe(false);
    expect(canResetSomeGroup(dev(eagle, 'developer'), eagle.id, [])).toBe(true);
  });
});
