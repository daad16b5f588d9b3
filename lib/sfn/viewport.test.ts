import { describe, expect, it } from 'vitest';
import { READABLE_ZOOM, readableViewport } from './viewport';

describe('readableViewport', () => {
  it('fits and centres a small graph, never zooming past 1.1', () => {
    const view = readableViewport({ width: 300, height: 400 }, { width: 900, height: 640 });
    expect(view.zoom).toBe(1.1);
    expect(view.x).toBeCloseTo((900 - 330) / 2);
    expect(view.y).toBeCloseTo((640 - 440) / 2);
  });

  it('fits a graph that is readable whole', () => {
    const view = readableViewport({ width: 600, height: 900 }, { width: 900, height: 640 });
    expect(view.zoom).toBeCloseTo(608 / 900);
    expect(view.zoom).toBeGreaterThanOrEqual(READABLE_ZOOM);
  });

  it('shows the top of a tall graph at a readable zoom', () => {
    const view = readableViewport({ width: 700, height: 6_000 }, { width: 900, height: 640 });
    expect(view.zoom).toBe(0.85);
    expect(view.y).toBe(16);
    expect(view.x).toBeCloseTo((900 - 700 * 0.85) / 2);
    const wide = readableViewport({ width: 3_000, height: 6_000 }, { width: 900, height: 640 });
    expect(wide.zoom).toBe(READABLE_ZOOM);
  });
});
