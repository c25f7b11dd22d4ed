import { AUTOCAPTURE_COMPATIBLE_TAGS, computedCursor, isTag } from './autocaptureRules';

/** The SDK's walk limit (`MAX_DOM_ANCESTOR_DEPTH`). */
const MAX_DEPTH = 1000;

function isShadowRoot(node: Node | null): node is ShadowRoot {
  return !!node && node.nodeType === 11 && !!(node as ShadowRoot).host && (node as ShadowRoot).host.nodeType === 1;
}

/**
 * The element and its ancestors as the SDK collects them for an event (`autocapturePropertiesForElement`
 * and `getElementAndParentsForElement`): up to and including `body` (never `html`), crossing open and
 * closed shadow roots to their host — so the host appears in the chain — and stopping at a
 * non-element parent (the iframe's own document: the chain of an element in an iframe ends at the
 * iframe's body, as the iframe's own SDK records it).
 */
export function targetElementList(el: Element): Element[] {
  const list: Element[] = [el];
  const seen = new Set<Element>(list);
  let cur: Element = el;
  while (cur.parentNode && !isTag(cur, 'body')) {
    if (list.length >= MAX_DEPTH) break;
    const parent: Node = cur.parentNode;
    const next = isShadowRoot(parent) ? parent.host : parent.nodeType === 1 ? (parent as Element) : null;
    if (!next || seen.has(next)) break;
    seen.add(next);
    list.push(next);
    cur = next;
  }
  return list;
}

/**
 * `parentIsUsefulElement` of `getElementAndParentsForElement`: some ancestor is a compatible tag or
 * has `cursor: pointer`. Quirk kept: a shadow host is skipped (the SDK `continue`s past it without
 * checking), so a click inside a `<button>`'s shadow tree is not "inside a button".
 */
export function hasUsefulAncestor(el: Element): boolean {
  let cur: Element = el;
  while (cur.parentNode && !isTag(cur, 'body')) {
    const parent: Node = cur.parentNode;
    if (isShadowRoot(parent)) {
      cur = parent.host;
      continue;
    }
    if (parent.nodeType !== 1) break;
    const parentEl = parent as Element;
    if (AUTOCAPTURE_COMPATIBLE_TAGS.includes(parentEl.tagName.toLowerCase()) || computedCursor(parentEl) === 'pointer') return true;
    cur = parentEl;
  }
  return false;
}
