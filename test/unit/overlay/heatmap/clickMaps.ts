import type { ClickMap, ElementClicks } from '../../../../src/core/heatmap/clickStats';

/** An ElementClicks value as the mapping would hand it over (the contract), with defaults. */
export function clicksOf(element: Element, fields: Partial<ElementClicks> = {}): ElementClicks {
  const clicks = fields.clicks ?? 1;
  return {
    element,
    chain: 'button.btn:nth-child="1"nth-of-type="1"text="Buy"',
    clicks,
    rageClicks: 0,
    deadClicks: 0,
    exactClicks: clicks,
    nearClicks: 0,
    quality: 'exact',
    nearReasons: [],
    twins: 0,
    rank: 1,
    share: 0,
    rows: 1,
    ...fields,
  };
}

/** A map of these elements, ranked and shared as the mapping does (most clicks first). */
export function mapOf(elements: ElementClicks[], unmatchedClicks = 0): ClickMap {
  const sorted = [...elements].sort((a, b) => b.clicks - a.clicks);
  const mapped = sorted.reduce((sum, element) => sum + element.clicks, 0);
  const total = mapped + unmatchedClicks;
  let rank = 0;
  let last = -1;
  sorted.forEach((element, at) => {
    if (element.clicks !== last) rank = at + 1;
    last = element.clicks;
    element.rank = rank;
    element.share = total > 0 ? element.clicks / total : 0;
  });
  return {
    elements: sorted,
    unmatched: { rows: unmatchedClicks > 0 ? 1 : 0, clicks: unmatchedClicks, rageClicks: 0, deadClicks: 0, top: unmatchedClicks > 0 ? [{ chain: 'a.gone:text="Old"', type: '$autocapture', count: unmatchedClicks }] : [] },
    totalClicks: total,
    mappedClicks: mapped,
  };
}
