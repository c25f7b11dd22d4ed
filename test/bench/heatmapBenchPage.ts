/**
 * Runs inside a corpus page (bundled by heatmap.bench.ts): indexing the page for click stats and
 * mapping rows to its elements, with the real src/core/elements and src/core/heatmap.
 */
import { CandidateIndex } from '../../src/core/elements';
import { chainOfStatsRow, type ClickMap, type ClickStatsRow, ClickTargets, mapClickStats } from '../../src/core/heatmap';
import { HeatmapLayer } from '../../src/overlay/heatmap/heatmapLayer';
import heatmapCss from '../../src/overlay/heatmap/heatmap.css?inline';
import overlayCss from '../../src/overlay/overlay.css?inline';

export interface MappingSample {
  /** `CandidateIndex.build(document)`: every candidate, hidden ones included. */
  candidates: number;
  /** `chainOf` for every candidate (what a click on each would record). */
  chains: number;
  /** `ClickTargets.of(index)`: the exact and the near-miss index over those chains. */
  targets: number;
  /** The three above: indexing the page, once per page state. */
  index: number;
  /**
   * `chainOfStatsRow` for every row: what the background does once per fetch before it sends the
   * rows (timed here on the page's thread, the same engine; the overlay never pays it).
   */
  rowChains: number;
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
  const received = JSON.parse(rowsJson) as ClickStatsRow[];
  const writing = performance.now();
  // The rows as the background sends them: each with its chain written once per fetch.
  const rows = received.map((row) => ({ ...row, chain: chainOfStatsRow(row.elements) }));
  const rowChains = performance.now() - writing;
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
    rowChains,
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
  /** Drawing the heatmap for the map, from `setMap` to the end of the frame that paints it (target ≤ 50 ms). */
  draw: number;
  /** Of which the layer's own script: `setMap` (spots, labels' text and widths), `read` (boxes), `write` (canvas, labels). */
  drawScript: number;
  /** Elements of the map, and those drawn on screen (tinted boxes, labels). */
  elements: number;
  drawn: number;
  labels: number;
  /** Scroll updates, one per frame: the layer's `read` + `write` after each scroll (target p95 ≤ 16 ms). */
  scroll: number[];
  /** From the first drawing until the layer's IntersectionObserver had reported (reads are all elements until then). */
  observerMs: number;
}

/**
 * The end of the next frame's rendering: a task posted from an animation-frame callback runs once
 * the frame's style, layout and paint are done (as in inspectorBenchPage.ts).
 */
const paintedFrame = () =>
  new Promise<number>((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    }),
  );
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));

/**
 * The overlay's heatmap layer (src/overlay/heatmap/heatmapLayer.ts) mounted in a shadow root with
 * the overlay's styles, as mountOverlay does: draws `lastMap` (the map of the last `mapRows` on
 * this load) once, timed to the frame that paints it, then scrolls the page in `steps` of 200 px
 * and times each update the inspector would run in the next frame (the synchronous part, as
 * inspectorBenchPage.ts's scrollRelayout does for the boxes).
 */
export async function drawAndScroll(steps = 60): Promise<DrawSample | null> {
  if (!lastMap) throw new Error('mapRows first');
  const host = document.createElement('actionlens-bench');
  host.style.cssText = 'position:fixed;inset:0;z-index:2147483647;pointer-events:none;display:block';
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = `${overlayCss}\n${heatmapCss}`;
  const layer = new HeatmapLayer(document, window);
  shadow.append(style, layer.root);
  document.documentElement.append(host);
  window.scrollTo(0, 0);
  await nextFrame();

  const start = performance.now();
  layer.setMap(lastMap);
  layer.read();
  layer.write();
  const drawScript = performance.now() - start;
  const painted = await paintedFrame();
  const canvas = shadow.querySelector<HTMLCanvasElement>('canvas')!;
  const drawn = Number(canvas.dataset.drawn ?? 0);
  const labels = Number(shadow.querySelector<HTMLElement>('.heatmap-labels')?.dataset.shown ?? 0);
  // The layer starts its IntersectionObserver a frame after the first drawing, and reads every
  // clicked element until it reports: scrolling is timed once it has (a user's first scroll comes
  // later than that). `drawAndScroll` answers how long the wait was.
  const observing = performance.now();
  while (!layer.observing() && performance.now() - observing < 1000) await nextFrame();
  const observerMs = performance.now() - observing;

  const scroll: number[] = [];
  const bottom = document.documentElement.scrollHeight - innerHeight;
  for (let step = 0; step < steps; step++) {
    window.scrollTo(0, ((step + 1) * 200) % Math.max(1, bottom));
    await nextFrame();
    const t = performance.now();
    layer.read();
    layer.write();
    scroll.push(performance.now() - t);
  }
  layer.dispose();
  host.remove();
  return { draw: painted - start, drawScript, elements: lastMap.elements.length, drawn, labels, scroll, observerMs };
}
