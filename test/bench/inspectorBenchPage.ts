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
  /** Boxes drawn: the baseline draws every candidate with a box, the canvas those on screen. */
  boxes: number;
  /** From the start to the end of the frame that paints the drawing: its style, layout and paint included. */
  painted: number;
  /** Script plus that frame's rendering: *painted* without the idle wait between the script's end and the frame's start. */
  work: number;
  /** From the start to the frame after that one (two animation frames): the above plus the wait for the next vsync. */
  frame: number;
}

/** The start of the next frame, which renders the box just moved. */
const frameStart = () => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now())));
/**
 * The end of the next frame's rendering: a task posted from an animation-frame callback runs once
 * the frame's style, layout and paint are done.
 */
const paintedFrame = () =>
  new Promise<{ began: number; painted: number }>((resolve) =>
    requestAnimationFrame((began) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve({ began, painted: performance.now() });
      channel.port2.postMessage(null);
    }),
  );
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
  const candidates = findCandidates(document);
  const find = performance.now() - start;
  layer.draw({ hovered: null, pinned: null, candidates });
  const script = performance.now() - start;
  const frame = await paintedFrame();
  const painted = frame.painted - start;
  // The frame's own rendering, without the idle wait for it to begin (never less than nothing).
  const work = script + Math.max(0, frame.painted - Math.max(frame.began, start + script));
  const end = await frameStart();
  remove();
  return { script, find, painted, work, frame: end - start, boxes: Number(layer.root.querySelector("canvas")?.dataset.drawn ?? 0) };
}

/** The baseline: the same candidates, one absolutely positioned element each (a React overlay's way). */
export async function showAllElements(): Promise<ShowAllSample> {
  const { shadow, remove } = mountLayer();
  await nextFrame();
  const start = performance.now();
  const candidates = findCandidates(document, { renderedOnly: true });
  const find = performance.now() - start;
  const layer = document.createElement('div');
  layer.className = 'boxes';
  let boxes = 0;
  for (const element of candidates) {
    const rect = element.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) continue;
    boxes++;
    const box = document.createElement('div');
    box.className = 'box hover-box';
    box.style.transform = `translate(${rect.left}px, ${rect.top}px)`;
    box.style.width = `${rect.width}px`;
    box.style.height = `${rect.height}px`;
    layer.append(box);
  }
  shadow.append(layer);
  const script = performance.now() - start;
  const frame = await paintedFrame();
  const painted = frame.painted - start;
  // The frame's own rendering, without the idle wait for it to begin (never less than nothing).
  const work = script + Math.max(0, frame.painted - Math.max(frame.began, start + script));
  const end = await frameStart();
  remove();
  return { script, find, painted, work, frame: end - start, boxes };
}

/**
 * Show all while scrolling: with every candidate drawn, `steps` scrolls of 400 px, each followed by
 * the re-layout the inspector does in the next frame (synchronous part).
 */
export async function scrollRelayout(steps: number): Promise<number[]> {
  const layer = mountLayer();
  const candidates = findCandidates(document);
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
