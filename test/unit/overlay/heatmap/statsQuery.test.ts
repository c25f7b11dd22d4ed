import { describe, expect, it } from 'vitest';
import { customRange, dayOf, defaultPattern, patternHint, rangeLabel, sourceLabel } from '../../../../src/overlay/heatmap/statsQuery';

describe('stats query words', () => {
  it('defaults the pattern to the page without query and hash', () => {
    expect(defaultPattern('https://shop.example/product/42?ref=ad#reviews')).toBe('https://shop.example/product/42');
    expect(defaultPattern('http://127.0.0.1:8020/')).toBe('http://127.0.0.1:8020/');
  });

  it('says what a pattern matches, and whether this page is among it', () => {
    expect(patternHint('https://shop.example/product/*', true)).toMatch(/^Pages whose URL fits the pattern.*This page matches\.$/);
    expect(patternHint('https://shop.example/about', false)).toMatch(/^This URL exactly.*does not match/);
    expect(patternHint('x', null)).not.toContain('This page');
  });

  it('names presets and custom ranges', () => {
    expect(rangeLabel({ preset: '7d' })).toBe('last 7 days');
    expect(rangeLabel({ preset: '24h' })).toBe('last 24 hours');
    const range = customRange('2025-03-02', '2025-03-09')!;
    expect(rangeLabel(range)).toBe('2 Mar 2025 – 9 Mar 2025');
  });

  it('turns two days into the first one’s start and the last one’s end, in local time', () => {
    const range = customRange('2025-03-02', '2025-03-02')!;
    expect('from' in range && new Date(range.from).getHours()).toBe(0);
    expect('to' in range && new Date(range.to).getTime() - new Date(range.from).getTime()).toBe(24 * 3600_000 - 1);
    expect(customRange('2025-03-09', '2025-03-02')).toBeNull();
    expect(customRange('', '2025-03-02')).toBeNull();
    expect(dayOf(new Date(2025, 0, 5))).toBe('2025-01-05');
  });

  it('labels the source: the project and range, or this tab only', () => {
    expect(sourceLabel({ source: 'project', projectId: 123 }, { preset: '7d' })).toBe('Project 123 · last 7 days');
    expect(sourceLabel({ source: 'tab' }, { preset: '7d' })).toMatch(/^This tab only/);
  });
});
