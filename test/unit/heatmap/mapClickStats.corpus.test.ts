// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { type ChainElement, elementsToChain } from '../../../src/core/elements';
import { chainOfStatsRow, type ClickStatsRow, mapClickStats } from '../../../src/core/heatmap';
import { HAS_CORPUS, loadCorpusPage } from './corpusPage';
import { changedRow, row, served } from './statsRows';

/**
 * The mapping on real pages (the corpus, in happy-dom, hidden candidates included): rows made from
 * the page's own chains, some changed as a later deploy or another visitor would have them.
 */
const PAGES = ['app-1000-rows', 'app-radix-ids', 'app-hashed-classes', 'app-data-attrs-privacy', 'app-shadow-iframe', 'wikipedia', 'heise', 'ietf-1', 'mercurial'];
const SAMPLE = 40;

/** Chains grouped by what is left with `drop` applied to every element: the groups of more than one can only be told apart by what was dropped. */
function groupsWithout(chains: readonly string[], drop: (element: ChainElement, level: number) => ChainElement): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const chain of chains) {
    const key = elementsToChain(served(chain).map(drop));
    groups.set(key, [...(groups.get(key) ?? []), chain]);
  }
  return groups;
}
const alone = (groups: Map<string, string[]>) => [...groups.values()].filter((group) => group.length === 1).map(([chain]) => chain!);
/** Every n-th, so the sample spreads over the page. */
const spread = <T,>(items: readonly T[], count: number) => items.filter((_, i) => i % Math.max(1, Math.floor(items.length / count)) === 0).slice(0, count);

describe.runIf(HAS_CORPUS)('mapClickStats on corpus pages', () => {
  it.each(PAGES)('%s', (name) => {
    const index = loadCorpusPage(name);
    const chains = [...new Set(index.elements.map((element) => index.chainOf(element)))];
    expect(chains.length).toBeGreaterThan(30);

    // The stats endpoint's elements give back each chain exactly.
    expect(chains.filter((chain) => chainOfStatsRow(served(chain)) !== chain)).toEqual([]);

    // Exact: each chain's row lands on exactly its candidates, with its own count.
    const countOf = new Map(chains.map((chain, i) => [chain, (i % 7) + 1]));
    const exact = mapClickStats(index, chains.map((chain) => row(chain, countOf.get(chain)!)));
    expect(exact.elements).toHaveLength(index.elements.length);
    for (const entry of exact.elements) {
      expect(entry.chain).toBe(index.chainOf(entry.element));
      expect(entry).toMatchObject({ clicks: countOf.get(entry.chain), quality: 'exact', rows: 1 });
    }
    const total = [...countOf.values()].reduce((a, b) => a + b, 0);
    expect(exact).toMatchObject({ totalClicks: total, mappedClicks: total, unmatched: { rows: 0, clicks: 0 } });
    // Where only positions tell candidates apart (list items), each still got its own row.
    const listItems = [...groupsWithout(chains, (element) => ({ ...element, nth_child: null, nth_of_type: null })).values()].filter((group) => group.length > 1).flat();
    const byChain = new Map(exact.elements.map((entry) => [entry.chain, entry]));
    for (const chain of listItems) expect(byChain.get(chain)?.clicks).toBe(countOf.get(chain));

    // Near misses, each on a chain nothing else on the page shares once that part is set aside.
    const rows: ClickStatsRow[] = [];
    const expected = new Map<string, { reasons: string[]; count: number }>();
    const textChanged = spread(alone(groupsWithout(chains, (element, level) => (level === 0 ? { ...element, text: null } : element))).filter((chain) => served(chain)[0]!.text), SAMPLE);
    for (const chain of textChanged) {
      rows.push(changedRow(chain, 0, { text: `${served(chain)[0]!.text} (was)` }, 3));
      expected.set(chain, { reasons: ['text'], count: 3 });
    }
    const moved = spread(alone(groupsWithout(chains, (element) => ({ ...element, nth_child: null, nth_of_type: null }))), SAMPLE).filter((chain) => !expected.has(chain));
    for (const chain of moved) {
      const level = served(chain).length > 1 ? 1 : 0;
      rows.push(changedRow(chain, level, { nth_child: served(chain)[level]!.nth_child! + 1000 }, 5));
      expected.set(chain, { reasons: ['nth-child'], count: 5 });
    }
    // Rows for elements not on this page: a tag no page has.
    const absent = spread(chains, 10).map((chain) => changedRow(chain, 0, { tag_name: 'actionlens-gone' }, 2));
    rows.push(...absent);

    const near = mapClickStats(index, rows);
    expect(textChanged.length + moved.length).toBeGreaterThan(10);
    for (const [chain, { reasons, count }] of expected) {
      const entries = near.elements.filter((entry) => entry.chain === chain);
      expect(entries.length, chain).toBeGreaterThan(0);
      for (const entry of entries) expect(entry, chain).toMatchObject({ quality: 'near', nearReasons: reasons, clicks: count, nearClicks: count, exactClicks: 0 });
    }
    expect(near.elements.every((entry) => expected.has(entry.chain))).toBe(true);
    expect(near.unmatched).toMatchObject({ rows: absent.length, clicks: absent.length * 2 });
  });
});
