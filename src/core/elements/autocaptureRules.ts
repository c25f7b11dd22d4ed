/**
 * posthog-js autocapture's element rules, ported line for line from the SDK so the inspector says
 * exactly what the SDK records: `@posthog/browser-common` 0.11.0 (`dist/utils/autocapture-utils.js`
 * and `dist/autocapture.js`), which posthog-js 1.449.2 bundles as its autocapture.
 *
 * Only the DEFAULT configuration is mirrored. A site's own `autocapture` options — `url_allowlist`,
 * `dom_event_allowlist`, `element_allowlist`, `css_selector_allowlist`/`ignorelist`,
 * `element_attribute_ignorelist`, `mask_all_text`, `mask_all_element_attributes`, `capture_copied_text`
 * — live in the page's JavaScript and are invisible to us; on such a site the verdicts below can be
 * wrong in the direction of those options.
 */

export const AUTOCAPTURE_RULES = {
  sdk: 'posthog-js',
  version: '1.449.2',
  source: '@posthog/browser-common 0.11.0 autocapture',
} as const satisfies { sdk: 'posthog-js'; version: string; source: string };

/** `autocaptureCompatibleElements`: clicks on these (or inside them) are captured. */
export const AUTOCAPTURE_COMPATIBLE_TAGS: readonly string[] = ['a', 'button', 'form', 'input', 'select', 'textarea', 'label'];

/** `DEFAULT_AUTOCAPTURE_IGNORE_LIST`: the default `css_selector_ignorelist`, checked on the element and every ancestor. */
export const AUTOCAPTURE_IGNORE_SELECTORS: readonly string[] = ['.ph-no-autocapture', '[data-ph-no-autocapture]'];

/** `MAX_DOM_ANCESTOR_DEPTH`. */
const MAX_DOM_ANCESTOR_DEPTH = 1000;

const SENSITIVE_NAME = /^cc|cardnum|ccnum|creditcard|csc|cvc|cvv|exp|pass|pwd|routing|seccode|securitycode|securitynum|socialsec|socsec|ssn/i;
const CREDIT_CARD =
  /^(?:(4[0-9]{12}(?:[0-9]{3})?)|(5[1-5][0-9]{14})|(6(?:011|5[0-9]{2})[0-9]{12})|(3[47][0-9]{13})|(3(?:0[0-5]|[68][0-9])[0-9]{11})|((?:2131|1800|35[0-9]{3})[0-9]{11}))$/;
const SSN = /^(\d{3}-?\d{2}-?\d{4})$/;
const HAS_DIGIT = /\d/;

/** Input types whose attributes are kept (`isSensitiveElement`'s `allowedInputTypes`); note `radio` is not among them. */
const NON_SENSITIVE_INPUT_TYPES: readonly string[] = ['button', 'checkbox', 'submit', 'reset'];

export function isTag(el: Element, tag: string): boolean {
  return el.tagName.toLowerCase() === tag;
}

/** `splitClassString`: note `'  '` gives `['']`, which the SDK keeps. */
export function splitClassString(value: string): string[] {
  return value ? value.trim().split(/\s+/) : [];
}

/** `getClassNames`: `className` (an `SVGAnimatedString` on SVG elements), else the attribute. */
export function getClassNames(node: Node): string[] {
  const className = (node as Partial<Element>).className as unknown;
  let value = '';
  if (typeof className === 'string') value = className;
  else if (typeof className === 'object' && className !== null) {
    value = ('baseVal' in className ? (className as SVGAnimatedString).baseVal : null) || (node as Element).getAttribute('class') || '';
  }
  return splitClassString(value);
}

/** `shouldCaptureValue` with anchored regexes: a whole value that looks like a card number or an SSN is dropped. */
export function shouldCaptureValue(value: string | null | undefined): boolean {
  if (value === null || value === undefined) return false;
  // Both patterns need digits; most values have none, and this runs for every attribute and word.
  if (!HAS_DIGIT.test(value)) return true;
  const trimmed = value.trim();
  if (CREDIT_CARD.test(trimmed.replace(/[- ]/g, ''))) return false;
  if (SSN.test(trimmed)) return false;
  return true;
}

/**
 * `getClassNames(node).includes(name)`, splitting only when the class text contains the name (the
 * SDK splits on `\s+`, which unlike `classList` also separates at non-ASCII spaces).
 */
export function hasClassName(node: Node, name: string): boolean {
  if (node.nodeType !== 1) return false;
  const raw = (node as Element).getAttribute('class');
  return raw !== null && raw.includes(name) && getClassNames(node).includes(name);
}

/** `getClassNames(node)` includes `ph-sensitive` or `ph-no-capture`. */
function hasExcludingClass(node: Node): boolean {
  return hasClassName(node, 'ph-sensitive') || hasClassName(node, 'ph-no-capture');
}

/**
 * `shouldCaptureElement`: false under `ph-sensitive`/`ph-no-capture` (the element or an ancestor up
 * to, not including, `body`; the walk follows `parentNode`, so it stops at a shadow root), for
 * hidden and password inputs, and for names/ids that look like payment or identity fields (`exp`
 * alone is enough: `export-button` counts). Not capturing an element means: no text from it.
 */
export function shouldCaptureElement(el: Element): boolean {
  const seen = new Set<Node>();
  let depth = 0;
  for (let cur: Node = el; cur.parentNode && !(cur.nodeType === 1 && isTag(cur as Element, 'body')); cur = cur.parentNode) {
    if (depth++ >= MAX_DOM_ANCESTOR_DEPTH || seen.has(cur)) return false;
    seen.add(cur);
    if (hasExcludingClass(cur)) return false;
  }
  if (getClassNames(el).includes('ph-include')) return true;
  const type = (el as Partial<HTMLInputElement>).type || '';
  if (typeof type === 'string') {
    const lower = type.toLowerCase();
    if (lower === 'hidden' || lower === 'password') return false;
  }
  // `name` is a property of form controls, forms, anchors, iframes…; a form's `name` may be a control.
  const name = (el as Partial<HTMLInputElement>).name || el.id || '';
  if (typeof name === 'string' && SENSITIVE_NAME.test(name.replace(/[^a-zA-Z0-9]/g, ''))) return false;
  return true;
}

/** `isSensitiveElement`: value-bearing controls; only their name, id, class and aria-label attributes are kept. */
export function isSensitiveElement(el: Element): boolean {
  if (isTag(el, 'input') && !NON_SENSITIVE_INPUT_TYPES.includes((el as HTMLInputElement).type)) return true;
  return isTag(el, 'select') || isTag(el, 'textarea') || el.getAttribute('contenteditable') === 'true';
}

/** `isAngularStyleAttr`: Angular's per-component `_ngcontent-*`/`_nghost-*` attributes are never recorded. */
export function isAngularStyleAttr(name: string): boolean {
  return name.startsWith('_ngcontent') || name.startsWith('_nghost');
}

/** `makeSafeText`: whitespace-separated words that look like card numbers or SSNs dropped, newlines as spaces, 255 characters. */
export function makeSafeText(text: string): string {
  // Without digits no word can look like a card number or an SSN: the filter would keep every part.
  const safe = HAS_DIGIT.test(text) ? text.trim().split(/(\s+)/).filter((part) => shouldCaptureValue(part)).join('') : text.trim();
  return safe
    .replace(/[\r\n]/g, ' ')
    .replace(/[ ]+/g, ' ')
    .substring(0, 255);
}

/** `getSafeText`: the element's own text nodes (not its descendants'), each made safe; nothing from a sensitive element. */
export function getSafeText(el: Element): string {
  let text = '';
  if (shouldCaptureElement(el) && !isSensitiveElement(el)) {
    for (const child of Array.from(el.childNodes)) {
      if (child.nodeType === 3 && child.textContent) text += makeSafeText(child.textContent);
    }
  }
  return text.trim();
}

/** `getNestedSpanText`: the text of child `span`s, recursively through spans (not through other tags). */
function getNestedSpanText(el: Element): string {
  let text = '';
  for (const child of Array.from(el.childNodes)) {
    if (child.nodeType === 1 && isTag(child as Element, 'span')) {
      text = `${text} ${getSafeText(child as Element)}`.trim();
      if (child.childNodes.length) text = `${text} ${getNestedSpanText(child as Element)}`.trim();
    }
  }
  return text;
}

/** `getDirectAndNestedSpanText`: the text of links and buttons. */
export function getDirectAndNestedSpanText(el: Element): string {
  const text = `${getSafeText(el)} ${getNestedSpanText(el)}`.trim();
  return shouldCaptureValue(text) ? text : '';
}

/** `limitText`: cut with an ellipsis. */
export function limitText(length: number, text: string): string {
  return text.length > length ? `${text.slice(0, length)}...` : text;
}

/** The `cursor` the SDK reads (`getComputedStyle(el).getPropertyValue('cursor')`), via the element's own window. */
export function computedCursor(el: Element): string {
  const view = el.ownerDocument.defaultView;
  if (!view) return '';
  try {
    // The SDK's `getPropertyValue('cursor')`; the named property is the same value, a third cheaper.
    return view.getComputedStyle(el).cursor;
  } catch {
    return '';
  }
}
