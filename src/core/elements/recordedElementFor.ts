import { isTag } from './autocaptureRules';
import { targetElementList } from './targetElementList';

const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';

/**
 * The element a listener on the document sees as `composedPath()[0]`: nodes inside a closed shadow
 * root are hidden from it, so the outermost closed root's host stands in for them.
 */
export function visibleFromDocument(el: Element): Element {
  let visible = el;
  for (let node: Node = el; ; ) {
    const root = node.getRootNode();
    if (root.nodeType !== 11) break;
    const shadow = root as ShadowRoot;
    if (shadow.mode === 'closed') visible = shadow.host;
    node = shadow.host;
  }
  return visible;
}

/**
 * The element the SDK records as clicked for an event whose target is `target` — the first element
 * of the chain:
 * - a text node stands for its parent (`_captureEvent`: `isTextNode(target) → parentNode`);
 * - inside shadow DOM, `getEventTarget` takes `composedPath()[0]` when the retargeted target has an
 *   open `shadowRoot`, i.e. the real element in open shadow roots and the host of a closed one;
 * - a click on SVG inside a `button` or `a` is attributed to that control (browser-common 0.11's
 *   `controlIndex`: icon clicks become button clicks).
 */
export function recordedElementFor(target: EventTarget | Node): Element | null {
  const node = target as Node;
  if (!node || typeof node.nodeType !== 'number') return null;
  let el: Element | null = node.nodeType === 3 ? (node.parentNode as Element | null) : node.nodeType === 1 ? (node as Element) : null;
  if (!el || el.nodeType !== 1) return null;
  el = visibleFromDocument(el);
  return svgControlOf(el) ?? el;
}

/** browser-common's `controlIndex` for a click: the nearest `button`/`a` above an SVG target, if any. */
export function svgControlOf(el: Element): Element | null {
  if (el.namespaceURI !== SVG_NAMESPACE) return null;
  const list = targetElementList(el);
  const index = list.findIndex((candidate) => isTag(candidate, 'button') || isTag(candidate, 'a'));
  return index > 0 ? (list[index] ?? null) : null;
}
