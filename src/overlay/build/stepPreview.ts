import { actionMatches, AUTOCAPTURE_EVENT, eventFacts, type MatchableEvent, type MatchableStep } from '../../core/actions';
import type { CandidateIndex } from '../../core/elements';

/**
 * What a step would count on this page, as PostHog's server decides it: every candidate's click
 * (its elements chain, the page's URL) run through the action engine with the whole step —
 * selector, text, href and URL together — not `querySelectorAll`. CSS's answer for the selector
 * alone is computed beside it, for the panel to show where the two disagree.
 */

export interface StepPreview {
  /** Candidates whose click the step matches on the server. */
  server: Element[];
  /** What the selector selects as CSS (null without a selector). */
  css: Element[] | null;
  /** The selector is not valid CSS (the server may still match it). */
  cssError: string | null;
  /** How many candidates were tried. */
  candidates: number;
}

/** Synthetic clicks, one per candidate and URL, kept so the engine's per-event caches hold. */
export class ClickEvents {
  private url = '';
  private events = new WeakMap<Element, MatchableEvent>();
  private prepared = '';

  constructor(private readonly index: CandidateIndex) {}

  /**
   * Every candidate's click with its columns read (texts, ids, tags, first href), so that the
   * first keystroke costs what the others do: done with the builder's first preview.
   */
  prepare(url: string): void {
    if (this.prepared === url) return;
    this.prepared = url;
    for (const element of this.index.elements) {
      const { chain } = eventFacts(this.for(element, url));
      void chain.elements;
      void chain.texts;
      void chain.ids;
      void chain.href;
    }
  }

  for(element: Element, url: string): MatchableEvent {
    if (url !== this.url) {
      this.url = url;
      this.events = new WeakMap();
    }
    let event = this.events.get(element);
    if (!event) {
      event = { event: AUTOCAPTURE_EVENT, properties: { $current_url: url }, elements_chain: this.index.chainOf(element) };
      this.events.set(element, event);
    }
    return event;
  }
}

export function previewElementStep(step: MatchableStep, index: CandidateIndex, clicks: ClickEvents, url: string, root: Document): StepPreview {
  clicks.prepare(url);
  const action = { steps: [step] };
  const server = index.elements.filter((element) => actionMatches(action, clicks.for(element, url)));
  let css: Element[] | null = null;
  let cssError: string | null = null;
  const selector = step.selector?.trim();
  if (selector) {
    try {
      css = [...root.querySelectorAll(selector)];
    } catch (error) {
      cssError = error instanceof Error ? error.message.replace(/^.*?:\s*/, '') : String(error);
    }
  }
  return { server, css, cssError, candidates: index.elements.length };
}

/** Whether a pageview of this page would match the step (its URL rule, as the server compares it). */
export function previewPageviewStep(step: MatchableStep, url: string): boolean {
  return actionMatches({ steps: [step] }, { event: '$pageview', properties: { $current_url: url } });
}

/** More than this share of the page's clickable elements, and the step is probably too broad. */
export const TOO_BROAD_SHARE = 0.25;
export const TOO_BROAD_MIN = 20;

export function breadth(preview: StepPreview): 'none' | 'one' | 'some' | 'too-broad' {
  const count = preview.server.length;
  if (count === 0) return 'none';
  if (count === 1) return 'one';
  return count >= TOO_BROAD_MIN && count >= preview.candidates * TOO_BROAD_SHARE ? 'too-broad' : 'some';
}
