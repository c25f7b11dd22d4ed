/**
 * Runs inside a corpus page (bundled by builder.bench.ts): the action builder's page preview —
 * src/overlay/build/stepPreview.ts over the real CandidateIndex, drawn by the real BoxLayer — for
 * a step being typed, keystroke by keystroke.
 */
import { CandidateIndex } from '../../src/core/elements';
import type { MatchableStep } from '../../src/core/actions';
import { ClickEvents, previewElementStep } from '../../src/overlay/build/stepPreview';
import { BoxLayer } from '../../src/overlay/inspect/boxLayer';

export interface PreviewSample {
  /** The first preview (a prefilled step): building the index and every candidate's chain, once per page state. */
  firstMs: number;
  /** Each keystroke: the step matched against every candidate's click, CSS counted, outlines drawn. */
  keystrokeMs: number[];
  /** Of which matching and counting (the rest is drawing). */
  computeMs: number[];
  candidates: number;
  lastServerCount: number;
}

/** The steps a user types: each prefix of the selector, with the text and URL conditions on. */
export function typedSteps(selector: string, text: string | null, url: string): MatchableStep[] {
  const steps: MatchableStep[] = [];
  for (let end = 1; end <= selector.length; end++) {
    steps.push({ event: '$autocapture', selector: selector.slice(0, end), ...(text ? { text, text_matching: 'contains' } : {}), url, url_matching: 'contains' });
  }
  return steps;
}

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

/**
 * As the builder does it: the first preview (the prefilled step, when "Create action" is pressed)
 * builds every chain and starts watching which candidates are on screen; then the user types,
 * a frame or more between keystrokes.
 */
export async function previewWhileTyping(selector: string, text: string | null): Promise<PreviewSample> {
  const host = document.createElement('actionlens-bench');
  host.style.cssText = 'position:fixed;inset:0;z-index:2147483647;pointer-events:none;display:block';
  const layer = new BoxLayer(document, window);
  host.attachShadow({ mode: 'open' }).append(layer.root);
  document.documentElement.append(host);
  const url = location.href;
  let start = performance.now();
  const index = CandidateIndex.build(document);
  const clicks = new ClickEvents(index);
  const draw = (step: MatchableStep) => {
    const preview = previewElementStep(step, index, clicks, url, document);
    const server = new Set(preview.server);
    layer.draw({ hovered: null, pinned: null, candidates: null, preview: { server: preview.server, cssOnly: (preview.css ?? []).filter((element) => !server.has(element)), universe: index.elements } });
    return preview;
  };
  draw({ event: '$autocapture', selector: 'body' });
  const firstMs = performance.now() - start;
  for (let i = 0; i < 4; i++) await frame();
  const keystrokeMs: number[] = [];
  const computeMs: number[] = [];
  let lastServerCount = 0;
  for (const step of typedSteps(selector, text, new URL(url).pathname)) {
    await frame();
    start = performance.now();
    const preview = previewElementStep(step, index, clicks, url, document);
    computeMs.push(performance.now() - start);
    const server = new Set(preview.server);
    layer.draw({ hovered: null, pinned: null, candidates: null, preview: { server: preview.server, cssOnly: (preview.css ?? []).filter((element) => !server.has(element)), universe: index.elements } });
    keystrokeMs.push(performance.now() - start);
    lastServerCount = preview.server.length;
  }
  layer.dispose();
  host.remove();
  return { firstMs, keystrokeMs, computeMs, candidates: index.elements.length, lastServerCount };
}
