/**
 * Runs inside a corpus page (bundled by heatmap.bench.ts): indexing the page for click stats and
 * mapping rows to its elements, with the real src/core/elements and src/core/heatmap.
 */
import { CandidateIndex } from '../../src/core/elements';
import { type ClickMap, type ClickStatsRow, ClickTargets, mapClickStats } from '../../src/core/heatmap';

export interface MappingSample {
  /** `CandidateIndex.build(document)`: every candidate, hidden ones included. */
  candidates: number;
  /** `chainOf` for every candidate (what a click on each would record). */
  chains: number;
  /** `ClickTargets.of(index)`: the exact and the near-miss index over those chains. */
  targets: number;
  /** The three above: indexing the page, once per page state. */
  index: number;
  /** `mapClickStats(index, rows)`, the first time on this page state (the index built, nothing else warm). */
  map: number;
  /** `mapClickStats` again on the same index (a new date range, the same page): median of a few. */
  remap: number;
  candidateCount: number;
  targetCount: number;
  /** What the mapping found, to check the workload did what it says. */
  result: { elements: number; exactElements: number; nearElements: number; unmatchedRows: number; totalClicks: number; mappedClicks: number };
}

let lastMap: ClickMap | undefined;

/** The distinct chains of the page's candidates, to make rows from. */
export function pageChains(): string[] {
  const index = CandidateIndex.build(document);
  return [...new Set(index.elements.map((element) => index.chainOf(element)))];
}

export function mapRows(rowsJson: string, remaps: number): MappingSample {
  const rows = JSON.parse(rowsJson) as ClickStatsRow[];
  const start = performance.now();
  const index = CandidateIndex.build(document);
  const built = performance.now();
  for (const element of index.elements) index.chainOf(element);
  const chained = performance.now();
  const targets = ClickTargets.of(index);
  const indexed = performance.now();
  const map = mapClickStats(index, rows);
  const mapped = performance.now();
  const again: number[] = [];
  for (let run = 0; run < remaps; run++) {
    const t = performance.now();
    mapClickStats(index, rows);
    again.push(performance.now() - t);
  }
  again.sort((a, b) => a - b);
  lastMap = map;
  return {
    candidates: built - start,
    chains: chained - built,
    targets: indexed - chained,
    index: indexed - start,
    map: mapped - indexed,
    remap: again[Math.floor(again.length / 2)] ?? Number.NaN,
    candidateCount: index.elements.length,
    targetCount: targets.size,
    result: {
      elements: map.elements.length,
      exactElements: map.elements.filter((entry) => entry.quality === 'exact').length,
      nearElements: map.elements.filter((entry) => entry.quality === 'near').length,
      unmatchedRows: map.unmatched.rows,
      totalClicks: map.totalClicks,
      mappedClicks: map.mappedClicks,
    },
  };
}

export interface DrawSample {
  /** Drawing the heatmap for the map, to the frame that paints it (target ≤ 50 ms). */
  draw: number;
  /** Scroll updates, one per frame (target p95 ≤ 16 ms). */
  scroll: number[];
}

/**
 * The hook for the overlay's heatmap layer (src/overlay/heatmap, being built separately): mount it
 * in a shadow root as inspectorBenchPage.ts mounts the box layer, draw `lastMap` (the map of the
 * last `mapRows` on this load), then scroll and time its updates. Until the layer exists this
 * answers null and heatmap.bench.ts says the drawing is not measured.
 */
export async function drawAndScroll(): Promise<DrawSample | null> {
  if (!lastMap) throw new Error('mapRows first');
  return null;
}
