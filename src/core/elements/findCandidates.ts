import { AUTOCAPTURE_COMPATIBLE_TAGS, computedCursor, hasClassName, isTag } from './autocaptureRules';
import { autocaptureVerdict, IGNORE_SELECTOR, isDisabled } from './autocaptureVerdict';

/**
 * The element whose cursor this one inherits: its parent, or the host for a shadow root's child.
 * (Slotted children inherit from their slot in the flat tree; the inspector treats them as their
 * light-DOM parent's, which only matters when a slot sets its own cursor.)
 */
function cursorParent(el: Element): Element | null {
  const parent = el.parentNode;
  if (!parent) return null;
  if (parent.nodeType === 11) return (parent as ShadowRoot).host ?? null;
  return parent.nodeType === 1 ? (parent as Element) : null;
}

/** The element itself is what a user sees as clickable: a compatible tag, `contenteditable="true"`, or where `cursor: pointer` starts. */
function isInteractive(el: Element, pointer: boolean, parentPointer: boolean): boolean {
  return AUTOCAPTURE_COMPATIBLE_TAGS.includes(el.tagName.toLowerCase()) || el.getAttribute('contenteditable') === 'true' || (pointer && !parentPointer);
}

/**
 * What the inspector highlights: the SDK captures it AND it is itself interactive — a compatible tag,
 * `contenteditable="true"`, or the element that introduces `cursor: pointer` (its parent's cursor is
 * not pointer; the children that merely inherit it are captured too, but as parts of this one).
 */
export function isCandidate(el: Element): boolean {
  if (!autocaptureVerdict(el).captured) return false;
  const parent = cursorParent(el);
  return isInteractive(el, computedCursor(el) === 'pointer', !!parent && computedCursor(parent) === 'pointer');
}

/** Rendered and not hidden: not `display: none` (itself or an ancestor), not `visibility: hidden`, not zero-size. */
export function hasVisibleBox(el: Element): boolean {
  const checkVisibility = (el as Element & { checkVisibility?: (options?: Record<string, boolean>) => boolean }).checkVisibility;
  if (typeof checkVisibility === 'function') {
    if (!checkVisibility.call(el, { visibilityProperty: true })) return false;
  } else {
    const view = el.ownerDocument.defaultView;
    const style = view?.getComputedStyle(el);
    if (style && (style.display === 'none' || style.visibility === 'hidden')) return false;
  }
  const rect = el.getBoundingClientRect();
  return rect.width > 0 && rect.height > 0;
}

function contentDocumentOf(iframe: Element): Document | null {
  try {
    // A cross-origin frame's document is null (or throws SecurityError in older engines).
    return (iframe as HTMLIFrameElement).contentDocument ?? null;
  } catch {
    return null;
  }
}

/**
 * One pass over a document: every candidate, deep into open shadow roots and same-origin iframes
 * (an iframe's elements as the iframe's own SDK would see them: their chain ends at its body), in
 * document order (a host's shadow tree before its light children). Computed styles are read once per
 * element for the cursor, and not at all inside excluded subtrees.
 */
export function findCandidates(root: Document, options: { visibleOnly?: boolean } = {}): Element[] {
  const found: Element[] = [];
  // The elements that block their subtree — the default ignore list, disabled controls — found by
  // the browser's selector engine once per document or shadow root: one `matches` per element
  // for each cost a third of the pass on a 10,000-element page.
  const blocking = new Set<Element>();
  const collectBlocking = (scope: Document | ShadowRoot): void => {
    for (const el of scope.querySelectorAll(IGNORE_SELECTOR)) blocking.add(el);
    for (const el of scope.querySelectorAll(':disabled')) if (isDisabled(el)) blocking.add(el);
  };

  // `blocked`: an element here or above drops the event (ph-no-capture, the ignore list) or swallows
  // the click (a disabled control): nothing below is a candidate.
  const visit = (el: Element, blockedAbove: boolean, parentPointer: boolean): void => {
    const blocked = blockedAbove || hasClassName(el, 'ph-no-capture') || blocking.has(el);
    const pointer = !blocked && computedCursor(el) === 'pointer';
    if (!blocked && isInteractive(el, pointer, parentPointer) && !isHiddenInput(el)) found.push(el);
    if (isTag(el, 'iframe')) {
      const doc = contentDocumentOf(el);
      if (doc) visitDocument(doc);
    }
    const shadow = el.shadowRoot;
    if (shadow) {
      collectBlocking(shadow);
      for (let child = shadow.firstElementChild; child; child = child.nextElementSibling) visit(child, blocked, pointer);
    }
    for (let child = el.firstElementChild; child; child = child.nextElementSibling) visit(child, blocked, pointer);
  };

  const visitDocument = (doc: Document): void => {
    const body = doc.body;
    if (!body) return;
    collectBlocking(doc);
    const html = doc.documentElement;
    visit(body, false, !!html && html !== body && computedCursor(html) === 'pointer');
  };

  visitDocument(root);
  return options.visibleOnly ? found.filter(hasVisibleBox) : found;
}

function isHiddenInput(el: Element): boolean {
  return isTag(el, 'input') && (el as HTMLInputElement).type === 'hidden';
}
