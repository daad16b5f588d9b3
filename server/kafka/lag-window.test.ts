import { describe, expect, it } from 'vitest';

import { computeGroupLag } from './lag';
import { decodeGroupWindow, encodeGroupWindow, END_POINT_POLICY, observeGroup, thinEndPoints, type GroupWindow } from './lag-window';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const lagAt = (end: bigint, committed: bigint | null, topic = 'orders') =>
  computeGroupLag({ groupId: 'billing', partitions: [{ topic, partition: 0, logStartOffset: 0n, logEndOffset: end, committedOffset: committed }] });

describe('thinEndPoints', () => {
  it('keeps every point for 15 minutes, one per 5 minutes to 6 h, one per hour to 2 days, and the newest always', () => {
    const now = 3 * 24 * HOUR;
    const everyHalfMinute = Array.from({ length: (3 * 24 * HOUR) / 30_000 + 1 }, (_, i) => ({ at: i * 30_000, logEndOffset: BigInt(i) }));
    const kept = thinEndPoints(everyHalfMinute, now);
    expect(kept.at(-1)).toEqual(everyHalfMinute.at(-1));
    expect(kept.filter((p) => now - p.at < 15 * MINUTE)).toHaveLength(30);
    expect(kept.every((p) => now - p.at < 48 * HOUR)).toBe(true);
    expect(kept.length).toBeGreaterThan(30 + 69 + 40);
    expect(kept.length).toBeLessThanOrEqual(30 + 72 + 48);
    // thinning again changes nothing: the sampler thins after every observation
    expect(thinEndPoints(kept, now)).toEqual(kept);
    expect(END_POINT_POLICY.at(-1)!.maxAgeMs).toBe(48 * HOUR);
  });
});

describe('observeGroup', () => {
  it('keeps the last windowSize observations per partition and drops partitions the group left', () => {
    const window: GroupWindow = new Map();
    for (let i = 0; i < 12; i++) observeGroup(window, lagAt(BigInt(100 + i), 90n), i * MINUTE, new Set(['orders-0']), { windowSize: 4 });
    const series = [...window.values()][0]!;
    expect(series.recent.map((o) => o.at)).toEqual([8, 9, 10, 11].map((i) => i * MINUTE));
    expect(series.recent.at(-1)).toMatchObject({ committedOffset: 90n, logEndOffset: 111n, hasActiveOwner: false });
    expect(series.endPoints).toHaveLength(12);

    observeGroup(window, lagAt(5n, null, 'payments'), 12 * MINUTE, undefined);
    expect([...window.values()].map((s) => s.topic)).toEqual(['payments']);
  });
});

describe('encodeGroupWindow / decodeGroupWindow', () => {
  it('round-trips offsets beyond 2^53, nulls and ownership exactly', () => {
    const window: GroupWindow = new Map();
    const big = 2n ** 62n;
    observeGroup(window, lagAt(big, big - 7n), 1_700_000_000_000, new Set(['x']));
    observeGroup(window, lagAt(big + 5n, null), 1_700_000_030_000, undefined);
    const text = encodeGroupWindow(window);
    expect(decodeGroupWindow(text)).toEqual(window);
    // compact: offsets are stored relative to the newest log end
    expect(text).not.toContain((big - 7n).toString());
  });

  it('reads an unreadable value as an empty window', () => {
    expect(decodeGroupWindow('{not json')).toEqual(new Map());
    expect(decodeGroupWindow(null)).toEqual(new Map());
  });
});
