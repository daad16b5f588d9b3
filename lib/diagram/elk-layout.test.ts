import { describe, expect, it } from 'vitest';
import { layoutGraph } from './elk-layout';

describe('layoutGraph', () => {
  it('places every node, layers edges top-down and sizes containers around children', async () => {
    const placed = await layoutGraph(
      [
        { id: 'group', width: 0, height: 0 },
        { id: 'a', width: 100, height: 40, parentId: 'group' },
        { id: 'b', width: 100, height: 40, parentId: 'group' },
        { id: 'c', width: 100, height: 40 },
      ],
      [
        { id: 'a-b', source: 'a', target: 'b' },
        { id: 'b-c', source: 'b', target: 'c' },
        { id: 'dangling', source: 'a', target: 'missing' },
      ],
    );
    const at = Object.fromEntries(placed.map((p) => [p.id, p]));
    expect(Object.keys(at).sort()).toEqual(['a', 'b', 'c', 'group']);
    expect(at.b!.y).toBeGreaterThan(at.a!.y);
    expect(at.group!.width).toBeGreaterThanOrEqual(100);
    expect(at.group!.height).toBeGreaterThan(80);
    expect(at.a!.parentId).toBe('group');
  });
});
