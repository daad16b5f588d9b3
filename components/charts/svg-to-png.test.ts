import { describe, expect, it } from 'vitest';

import { layoutLegend } from './svg-to-png';

describe('layoutLegend', () => {
  const items = ['1', '5', '10', '2,000 (limit)'].map((label) => ({ label, color: '#000' }));
  const width = (text: string) => text.length * 10;

  it('wraps legend items into rows no wider than the chart', () => {
    // Each item is a 16 px swatch + 4 px gap + its text, then 14 px to the next one.
    const rows = layoutLegend(items, 130, width);
    expect(rows.map((row) => row.map(({ item, x }) => [item.label, x]))).toEqual([
      [
        ['1', 0],
        ['5', 44],
        ['10', 88],
      ],
      [['2,000 (limit)', 0]],
    ]);
  });

  it('puts an item wider than the chart on a row of its own rather than dropping it', () => {
    expect(layoutLegend(items.slice(3), 20, width)).toHaveLength(1);
    expect(layoutLegend([], 100, width)).toEqual([]);
  });
});
