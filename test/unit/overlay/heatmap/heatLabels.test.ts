// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { LABEL_HEIGHT, labelParts, labelWidth, placeLabels } from '../../../../src/overlay/heatmap/heatLabels';
import { clicksOf } from './clickMaps';

const button = () => document.createElement('button');

describe('label text', () => {
  it('says rank and count, and nothing else when there is nothing else', () => {
    const parts = labelParts(clicksOf(button(), { rank: 1, clicks: 42 }));
    expect(parts).toMatchObject({ main: '#1 · 42', rage: null, dead: null, twins: null });
    expect(parts.title).toBe('Rank 1: 42 clicks');
  });

  it('marks rage and dead clicks, near misses and twins', () => {
    const parts = labelParts(
      clicksOf(button(), { rank: 3, clicks: 7, rageClicks: 2, deadClicks: 1, quality: 'near', nearReasons: ['text', 'nth-child'], exactClicks: 2, nearClicks: 5, twins: 2 }),
    );
    expect(parts).toMatchObject({ main: '≈ #3 · 7', rage: 'rage 2', dead: 'dead 1', twins: '×3' });
    expect(parts.title).toContain('2 rage clicks, 1 dead click');
    expect(parts.title).toContain('its text changed, its position (nth-child) changed since): 5 of 7 clicks');
    expect(parts.title).toContain('3 elements record the very same chain');
  });

  it('grows with every chip', () => {
    const plain = labelWidth(labelParts(clicksOf(button(), { clicks: 42 })));
    const marked = labelWidth(labelParts(clicksOf(button(), { clicks: 42, rageClicks: 3 })));
    expect(plain).toBeGreaterThan(40);
    expect(marked).toBeGreaterThan(plain + 40);
  });
});

describe('label placement', () => {
  const viewport = { width: 800, height: 600 };
  const overlaps = (a: { x: number; y: number }, b: { x: number; y: number }, width: number) =>
    a.x < b.x + width && b.x < a.x + width && a.y < b.y + LABEL_HEIGHT && b.y < a.y + LABEL_HEIGHT;

  it('puts a label above its box, below it at the top of the viewport, and keeps it on screen', () => {
    const [above, below, clamped] = placeLabels(
      [
        { box: { x: 100, y: 200, width: 80, height: 30 }, width: 60 },
        { box: { x: 300, y: 5, width: 80, height: 30 }, width: 60 },
        { box: { x: 780, y: 300, width: 40, height: 30 }, width: 60 },
      ],
      viewport,
    );
    expect(above).toEqual({ x: 100, y: 200 - LABEL_HEIGHT - 2 });
    expect(below).toEqual({ x: 300, y: 37 });
    expect(clamped!.x).toBe(740);
  });

  it('never overlaps labels: stacked list items get theirs in turn, the rest are left out', () => {
    // Twelve rows of a list, 20 px apart: tighter than a label above and one inside can serve.
    const items = Array.from({ length: 12 }, (_, row) => ({ box: { x: 40, y: 100 + row * 20, width: 200, height: 20 }, width: 70 }));
    const points = placeLabels(items, viewport);
    const placed = points.filter((point) => point !== null);
    expect(placed.length).toBeGreaterThanOrEqual(6);
    for (let a = 0; a < placed.length; a++) for (let b = a + 1; b < placed.length; b++) expect(overlaps(placed[a]!, placed[b]!, 70)).toBe(false);
    // The first (most clicked) always gets one.
    expect(points[0]).not.toBeNull();
  });

  it('keeps out of the spots already taken (the inspector’s own labels)', () => {
    const box = { x: 10, y: 100, width: 100, height: 40 };
    const [point] = placeLabels([{ box, width: 60 }], viewport, [{ x: 8, y: 100 - LABEL_HEIGHT - 2, width: 110 }]);
    expect(point).toEqual({ x: 122, y: 100 - LABEL_HEIGHT - 2 });
  });

  it('places the most clicked first: a later label yields its spot', () => {
    const box = { x: 10, y: 100, width: 100, height: 10 };
    const [first, second] = placeLabels(
      [
        { box, width: 60 },
        { box, width: 60 },
      ],
      viewport,
    );
    expect(first).toEqual({ x: 10, y: 100 - LABEL_HEIGHT - 2 });
    expect(second).toEqual({ x: 122, y: 100 - LABEL_HEIGHT - 2 });
  });
});
