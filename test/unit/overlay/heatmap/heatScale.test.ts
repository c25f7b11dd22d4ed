import { describe, expect, it } from 'vitest';
import { formatShare, HEAT_COLOURS, heatLevel, legendStops } from '../../../../src/overlay/heatmap/heatScale';

describe('heat scale', () => {
  it.each<[number, number, number]>([
    [0.5, 0.5, 4], // the top element is always the hottest
    [0.41, 0.5, 4],
    [0.4, 0.5, 3],
    [0.25, 0.5, 2],
    [0.1, 0.5, 0],
    [0.001, 0.5, 0],
    [0, 0.5, 0],
    [0.2, 0, 0], // nothing clicked: the coolest step, never NaN
  ])('share %d of a top share %d is step %d', (share, maxShare, level) => {
    expect(heatLevel(share, maxShare)).toBe(level);
  });

  it('has one legend stop per colour, covering 0 … the top share in percent', () => {
    const stops = legendStops(0.4);
    expect(stops).toHaveLength(HEAT_COLOURS.length);
    expect(stops[0]!.from).toBe(0);
    expect(stops.at(-1)!.to).toBeCloseTo(40);
    for (let at = 1; at < stops.length; at++) expect(stops[at]!.from).toBeCloseTo(stops[at - 1]!.to);
  });

  it.each<[number, string]>([
    [0, '0%'],
    [0.004, '0.4%'],
    [0.0123, '1%'],
    [0.4251, '43%'],
    [1, '100%'],
  ])('formats a share of %d as %s', (share, text) => {
    expect(formatShare(share)).toBe(text);
  });
});
