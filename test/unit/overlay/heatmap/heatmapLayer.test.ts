// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { HeatmapLayer, heatSpots } from '../../../../src/overlay/heatmap/heatmapLayer';
import { clicksOf, mapOf } from './clickMaps';

describe('heat spots', () => {
  it('colours by share relative to the top element, once per map', () => {
    const map = mapOf([
      clicksOf(document.createElement('a'), { clicks: 40 }),
      clicksOf(document.createElement('a'), { clicks: 20 }),
      clicksOf(document.createElement('a'), { clicks: 1 }),
    ]);
    expect(heatSpots(map).map((spot) => [spot.clicks.clicks, spot.level, spot.label.main])).toEqual([
      [40, 4, '#1 · 40'],
      [20, 2, '#2 · 20'],
      [1, 0, '#3 · 1'],
    ]);
  });
});

describe('heatmap layer', () => {
  it('labels each element on screen with its counts in data attributes, from text only', () => {
    document.body.innerHTML = '<button id="a">A</button><button id="b">B</button><button id="gone">C</button>';
    const [a, b, gone] = ['a', 'b', 'gone'].map((id) => document.getElementById(id)!);
    const boxes = new Map<Element, DOMRect>([
      [a!, new DOMRect(10, 100, 80, 30)],
      [b!, new DOMRect(10, 300, 80, 30)],
    ]);
    for (const [element, rect] of boxes) element.getBoundingClientRect = () => rect;
    gone!.remove();
    const layer = new HeatmapLayer(document, window);
    document.body.append(layer.root);
    layer.setMap(
      mapOf([
        clicksOf(a!, { clicks: 9, chain: 'button:attr_id="a"text="<img src=x onerror=alert(1)>"', rageClicks: 2 }),
        clicksOf(b!, { clicks: 3, chain: 'button:attr_id="b"' }),
        clicksOf(gone!, { clicks: 50 }),
      ]),
    );
    layer.read();
    layer.write();
    const labels = [...layer.root.querySelectorAll<HTMLElement>('[data-testid="heatmap-label"]')].filter((label) => !label.hidden);
    expect(labels.map((label) => [label.dataset.count, label.dataset.rank, label.dataset.rage])).toEqual([
      ['9', '2', '2'],
      ['3', '3', '0'],
    ]);
    expect(labels[0]!.textContent).toBe('#2 · 9rage 2');
    expect(labels[0]!.dataset.chain).toContain('<img');
    expect(layer.root.querySelector('img')).toBeNull();
    expect(labels[0]!.style.transform).toBe('translate(10px, 80px)');

    // Off: nothing drawn.
    layer.setMap(null);
    layer.read();
    layer.write();
    expect(layer.root.hidden).toBe(true);
    layer.dispose();
  });
});
