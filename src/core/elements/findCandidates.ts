import { AUTOCAPTURE_COMPATIBLE_TAGS, computedCursor, hasClassName, isTag } from './autocaptureRules';
import { autocaptureVerdict, IGNORE_SELECTOR, isDisabled, matchesIgnoreList } from './autocaptureVerdict';

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

const COMPATIBLE_TAGS = new Set(AUTOCAPTURE_COMPATIBLE_TAGS);

/**
 * `tagName.toLowerCase()` is a compatible tag, as the SDK asks it. `localName` answers first without
 * making a string per element; it differs from the lower-cased `tagName` only for prefixed names.
 */
function hasCompatibleTag(el: Element): boolean {
  return COMPATIBLE_TAGS.has(el.localName) && COMPATIBLE_TAGS.has(el.tagName.toLowerCase());
}

/** The element itself is what a user sees as clickable: a compatible tag, `contenteditable="true"`, or where `cursor: pointer` starts. */
function isInteractive(el: Element, pointer: boolean, parentPointer: boolean): boolean {
  return (pointer && !parentPointer) || hasCompatibleTag(el) || el.getAttribute('contenteditable') === 'true';
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

/**
 * Rendered and not hidden: not `display: none` (itself or an ancestor), not `visibility: hidden`.
 * Answered from styles alone, without the layout a box needs.
 */
export function isRendered(el: Element): boolean {
  const checkVisibility = (el as Element & { checkVisibility?: (options?: Record<string, boolean>) => boolean }).checkVisibility;
  if (typeof checkVisibility === 'function') return checkVisibility.call(el, { visibilityProperty: true });
  const style = el.ownerDocument.defaultView?.getComputedStyle(el);
  return !style || (style.display !== 'none' && style.visibility !== 'hidden');
}

/** Rendered, not hidden and not zero-size. */
export function hasVisibleBox(el: Element): boolean {
  if (!isRendered(el)) return false;
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

/** Every element `findCandidates` must look at twice: the blocking ones and the editable ones. */
const SPECIAL_SELECTOR = `.ph-no-capture, ${IGNORE_SELECTOR}, :disabled, [contenteditable]`;

export interface FindOptions {
  /**
   * Only rendered ones (`isRendered`): what the inspector draws. Zero-size boxes are still in;
   * whoever reads the boxes drops them, so that a page's boxes are read once, not twice (each
   * `getBoundingClientRect` costs microseconds even on a laid-out page: 11 ms for 3,300 links).
   */
  renderedOnly?: boolean;
}

/**
 * One pass over a document: every candidate, deep into open shadow roots and same-origin iframes
 * (an iframe's elements as the iframe's own SDK would see them: their chain ends at its body), in
 * document order (a host's shadow tree before its light children). An element's computed cursor is
 * read at most once, and only where it decides something (never inside excluded subtrees).
 */
export function findCandidates(root: Document, options: FindOptions = {}): Element[] {
  const found: Element[] = [];
  // What the pass asks of some elements only, found by the browser's selector engine once per
  // document or shadow root rather than asked of each element (on a 10,000-element page one
  // `matches` or attribute read per element for each costs more than the rest of the pass):
  // - `blocking`: the element drops the event (`ph-no-capture`, the default ignore list) or swallows
  //   the click (a disabled control), so nothing at or below it is a candidate;
  // - `editable`: `contenteditable="true"`.
  // One query finds them all; each hit is then checked as the SDK checks (a class selector is
  // case-insensitive in quirks mode, the SDK's class test is not).
  const blocking = new Set<Element>();
  const editable = new Set<Element>();
  const collect = (scope: Document | ShadowRoot): void => {
    for (const el of scope.querySelectorAll(SPECIAL_SELECTOR)) {
      if (hasClassName(el, 'ph-no-capture') || matchesIgnoreList(el) || isDisabled(el)) blocking.add(el);
      if (el.getAttribute('contenteditable') === 'true') editable.add(el);
    }
  };

  const visit = (el: Element, view: Window | null, blockedAbove: boolean, parentPointer: boolean): void => {
    const blocked = blockedAbove || blocking.has(el);
    const shadow = el.shadowRoot;
    const firstChild = el.firstElementChild;
    let pointer = false;
    if (!blocked) {
      const byTag = hasCompatibleTag(el) || editable.has(el);
      // The cursor is read only where it decides something: whether this element starts
      // `cursor: pointer` (a candidate by that alone), or what its children inherit. A leaf that is
      // a candidate by its tag, or under a pointer already, needs no answer — most links are both.
      if (firstChild || shadow || (!byTag && !parentPointer)) pointer = !!view && view.getComputedStyle(el).cursor === 'pointer'; // computedCursor, inlined
      if ((byTag || (pointer && !parentPointer)) && !isHiddenInput(el)) found.push(el);
    }
    if (el.localName === 'iframe' && isTag(el, 'iframe')) {
      const doc = contentDocumentOf(el);
      if (doc) visitDocument(doc);
    }
    if (shadow) {
      collect(shadow);
      for (let child = shadow.firstElementChild; child; child = child.nextElementSibling) visit(child, view, blocked, pointer);
    }
    for (let child = firstChild; child; child = child.nextElementSibling) visit(child, view, blocked, pointer);
  };

  const visitDocument = (doc: Document): void => {
    const body = doc.body;
    const view = doc.defaultView;
    if (!body) return;
    collect(doc);
    const html = doc.documentElement;
    visit(body, view, false, !!html && html !== body && computedCursor(html) === 'pointer');
  };

  visitDocument(root);
  return options.renderedOnly ? found.filter(isRendered) : found;
}

function isHiddenInput(el: Element): boolean {
  return isTag(el, 'input') && (el as HTMLInputElement).type === 'hidden';
}
