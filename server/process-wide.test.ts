import { describe, expect, it, vi } from 'vitest';

describe('processWide', () => {
  it('gives every copy of a module the same value, created once', async () => {
    const create = vi.fn(() => new Map<string, number>());
    const first = await import('./process-wide');
    vi.resetModules();
    // A second evaluation of the module stands for another of Next's bundles.
    const second = await import('./process-wide');
    expect(second).not.toBe(first);
    const a = first.processWide('test.shared', create);
    const b = second.processWide('test.shared', create);
    expect(b).toBe(a);
    expect(create).toHaveBeenCalledTimes(1);
    expect(first.processWide('test.other', () => 'other')).toBe('other');
  });
});
