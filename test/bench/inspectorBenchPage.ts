/**
 * Runs inside a corpus page (bundled by inspector.bench.ts): the inspector's own drawing code,
 * src/overlay/inspect/boxLayer.ts with the real src/core/elements, in a shadow root like the
 * overlay's, against the baseline of one positioned element per box.
 */
import { findCandidates, hasVisibleBox, recordedElementFor } from '../../src/core/elements';
import { BoxLayer } from '../../src/overlay/inspect/boxLayer';
import { highlightable } from '../../src/overlay/inspect/inspectController';
import overlayCss from '../../src/overlay/overlay.css?inline';

export interface ShowAllSample {
  /** findCandidates + drawing, synchronous. */
  script: number;
  /** Of which findCandidates (src/core/elements). */
  find: number;
  /** From the start to the next frame: style, layout and paint of what was drawn included. */
  frame: number;
  boxes: number;
}

/** The start of the next frame, which renders the box just moved. */
const frameStart = () => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now())));
/** Two animation frames: the first runs before the paint of the work just done, the second after it. */
const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now()))));

function mountLayer(): { layer: BoxLayer; shadow: ShadowRoot; remove(): void } {
  const host = document.createElement('actionlens-bench');
  host.style.cssText = 'position:fixed;inset:0;z-index:2147483647;pointer-events:none;display:block';
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = overlayCss;
  const layer = new BoxLayer(document, window);
  shadow.append(style, layer.root);
  document.documentElement.append(host);
  return {
    layer,
    shadow,
    remove: () => {
      layer.dispose();
      host.remove();
    },
  };
}

/** Show all, as the inspector does it: one canvas. */
export async function showAllCanvas(): Promise<ShowAllSample> {
  const { layer, remove } = mountLayer();
  await nextFrame();
  const start = performance.now();
  const candidates = findCandidates(document, { visibleOnly: true });
  const find = performance.now() - start;
  layer.draw({ hovered: null, pinned: null, candidates });
  const script = performance.now() - start;
  const end = await nextFrame();
  remove();
  return { script, find, frame: end - start, boxes: candidates.length };
}

/** The baseline: the same candidates, one absolutely positioned element each (a React overlay's way). */
export async function showAllElements(): Promise<ShowAllSample> {
  const { shadow, remove } = mountLayer();
  await nextFrame();
  const start = performance.now();
  const candidates = findCandidates(document, { visibleOnly: true });
  const find = performance.now() - start;
  const layer = document.createElement('div');
  layer.className = 'boxes';
  for (const element of candidates) {
    const rect = element.getBoundingClientRect();
    const box = document.createElement('div');
    box.className = 'box hover-box';
    box.style.transform = `translate(${rect.left}px, ${rect.top}px)`;
    box.style.width = `${rect.width}px`;
    box.style.height = `${rect.height}px`;
    layer.append(box);
  }
  shadow.append(layer);
  const script = performance.now() - start;
  const end = await nextFrame();
  remove();
  return { script, find, frame: end - start, boxes: candidates.length };
}

/**
 * Show all while scrolling: with every candidate drawn, `steps` scrolls of 400 px, each followed by
 * the re-layout the inspector does in the next frame (synchronous part).
 */
export async function scrollRelayout(steps: number): Promise<number[]> {
  const layer = mountLayer();
  const candidates = findCandidates(document, { visibleOnly: true });
  layer.layer.draw({ hovered: null, pinned: null, candidates });
  await nextFrame();
  await nextFrame();
  const times: number[] = [];
  for (let step = 0; step < steps; step++) {
    window.scrollBy(0, 400);
    await nextFrame();
    const start = performance.now();
    layer.layer.draw({ hovered: null, pinned: null, candidates });
    times.push(performance.now() - start);
  }
  layer.remove();
  return times;
}

/**
 * Hover updates: for `count` elements with a box spread over the page, scrolled into view as a
 * pointer would find them, the inspector's work for one pointermove (recorded element, the
 * highlight rule, moving the box), synchronous; and the wait for the frame that renders it.
 */
export async function hover(count: number): Promise<{ script: number[]; frame: number[] }> {
  const { layer, remove } = mountLayer();
  const all = [...document.body.querySelectorAll('*')].filter(hasVisibleBox);
  const step = Math.max(1, Math.floor(all.length / count));
  const script: number[] = [];
  const frame: number[] = [];
  for (let at = 0; at < all.length && script.length < count; at += step) {
    const target = all[at]!;
    target.scrollIntoView({ block: 'center' });
    await nextFrame();
    const start = performance.now();
    const element = recordedElementFor(target);
    layer.draw({ hovered: element && highlightable(element) ? element : null, pinned: null, candidates: null });
    script.push(performance.now() - start);
    frame.push((await frameStart()) - start);
  }
  remove();
  return { script, frame };
}

export function elementCount(): number {
  return document.getElementsByTagName('*').length;
}
