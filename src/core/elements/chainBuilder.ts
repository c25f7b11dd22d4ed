import { isTag } from './autocaptureRules';
import type { AutocaptureEventType } from './autocaptureVerdict';
import { sdkElementsToChain } from './elementsChain';
import { elementsChainFor, propertiesFromElement, setFirstElementOverrides, siblingPositions } from './elementsChainFor';
import { svgControlOf, visibleFromDocument } from './recordedElementFor';
import { targetElementList } from './targetElementList';

/** The next element of a chain after `el`: its parent, or the host for a shadow root's child; none after `body`. */
function nextInChain(el: Element): Element | null {
  if (isTag(el, 'body')) return null;
  const parent = el.parentNode;
  if (!parent) return null;
  if (parent.nodeType === 11) return (parent as ShadowRoot).host ?? null;
  return parent.nodeType === 1 ? (parent as Element) : null;
}

/**
 * `elementsChainFor` for many elements of one page, sharing work: an ancestor is written the same
 * way in every chain it ends (only the first element gets the text and href overrides), so each
 * element's "rest of the chain" is built once. The same strings as `elementsChainFor`, which stays
 * the straight port of the SDK; the caches assume the DOM does not change while they live. (The
 * SDK stops after 1000 elements; no real page nests that deep, and this does not cut.)
 */
export class ChainBuilder {
  private readonly tails = new WeakMap<Element, string>();
  private readonly positions = new WeakMap<Element, readonly [number, number]>();

  /**
   * Positions of all of a parent's children in one walk: counting previous siblings per element, as
   * the SDK does, is quadratic in a list of hundreds of cards.
   */
  private readonly positionOf = (el: Element): readonly [number, number] => {
    const known = this.positions.get(el);
    if (known) return known;
    const parent = el.parentNode;
    if (!parent) return siblingPositions(el);
    const ofType = new Map<string, number>();
    let index = 0;
    for (let child = parent.firstChild; child; child = child.nextSibling) {
      if (child.nodeType !== 1) continue;
      const tag = (child as Element).tagName;
      const typeIndex = (ofType.get(tag) ?? 0) + 1;
      ofType.set(tag, typeIndex);
      this.positions.set(child as Element, [++index, typeIndex]);
    }
    return this.positions.get(el) ?? siblingPositions(el);
  };

  chainFor(el: Element, eventType: AutocaptureEventType = 'click'): string {
    const target = visibleFromDocument(el);
    // An SVG click re-attributed to its control masks text depending on the path: rare, not shared.
    if (eventType === 'click' && svgControlOf(target)) return elementsChainFor(target, eventType);
    const first = propertiesFromElement(target, false, this.positionOf);
    setFirstElementOverrides(first, target, targetElementList(target), false);
    const head = sdkElementsToChain([first]);
    const next = nextInChain(target);
    return next ? `${head};${this.tailOf(next)}` : head;
  }

  /** The chain from `el` upwards, as written when `el` is not the first element. */
  private tailOf(el: Element): string {
    const pending: Element[] = [];
    let known: string | undefined;
    for (let cur: Element | null = el; cur; cur = nextInChain(cur)) {
      known = this.tails.get(cur);
      if (known !== undefined) break;
      pending.push(cur);
    }
    let tail = known;
    for (let i = pending.length - 1; i >= 0; i--) {
      const item = pending[i]!;
      const piece = sdkElementsToChain([propertiesFromElement(item, false, this.positionOf)]);
      tail = tail === undefined ? piece : `${piece};${tail}`;
      this.tails.set(item, tail);
    }
    return tail ?? '';
  }
}
