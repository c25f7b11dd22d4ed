import {
  AUTOCAPTURE_COMPATIBLE_TAGS,
  getDirectAndNestedSpanText,
  getSafeText,
  isAngularStyleAttr,
  isSensitiveElement,
  isTag,
  limitText,
  shouldCaptureElement,
  shouldCaptureValue,
  splitClassString,
} from './autocaptureRules';
import type { AutocaptureEventType } from './autocaptureVerdict';
import { type SdkElement, sdkElementsToChain } from './elementsChain';
import { svgControlOf, visibleFromDocument } from './recordedElementFor';
import { targetElementList } from './targetElementList';

/** Attributes a sensitive element keeps (`getPropertiesFromElement`). */
const SENSITIVE_KEPT_ATTRIBUTES: readonly string[] = ['name', 'id', 'class', 'aria-label'];

function isTextTag(el: Element): boolean {
  return isTag(el, 'a') || isTag(el, 'button');
}

/** `getPropertiesFromElement` with the default config (no attribute masking, no ignore list). */
export function propertiesFromElement(el: Element, maskText: boolean, positions: SiblingPositions = siblingPositions): Record<string, unknown> {
  const tagName = el.tagName.toLowerCase();
  const props: Record<string, unknown> = { tag_name: tagName };
  if (AUTOCAPTURE_COMPATIBLE_TAGS.includes(tagName) && !maskText) {
    props['$el_text'] = limitText(1024, isTextTag(el) ? getDirectAndNestedSpanText(el) : getSafeText(el));
  }
  const sensitive = isSensitiveElement(el);
  // The SDK walks `el.attributes`; names and values read directly come in the same order without
  // an Attr object per attribute.
  for (const name of el.getAttributeNames()) {
    if (sensitive && !SENSITIVE_KEPT_ATTRIBUTES.includes(name)) continue;
    const raw = el.getAttribute(name) ?? '';
    if (shouldCaptureValue(raw) && !isAngularStyleAttr(name)) {
      const value = name === 'class' ? splitClassString(raw).join(' ') : raw;
      props[`attr__${name}`] = limitText(1024, value);
    }
  }
  const [nthChild, nthOfType] = positions(el);
  props['nth_child'] = nthChild;
  props['nth_of_type'] = nthOfType;
  return props;
}

/** `[nth_child, nth_of_type]` of an element among its parent's element children. */
export type SiblingPositions = (el: Element) => readonly [number, number];

/** The SDK's count of previous element siblings; `tagName` is compared as is (SVG tags keep their case). */
export function siblingPositions(el: Element): readonly [number, number] {
  let nthChild = 1;
  let nthOfType = 1;
  for (let sibling = el.previousElementSibling; sibling; sibling = sibling.previousElementSibling) {
    nthChild++;
    if (sibling.tagName === el.tagName) nthOfType++;
  }
  return [nthChild, nthOfType];
}

/**
 * `$elements` exactly as posthog-js builds them (`autocapturePropertiesForElement`) for an event of
 * `eventType` on `el`, which must already be the recorded element's original target (see
 * `recordedElementFor`; a text node's parent). Differences to keep in mind when reading a chain:
 * - the first element's text is set again without the 1024 limit; ancestors get text only when
 *   they are compatible tags; links and buttons add their nested spans' text;
 * - the href of the OUTERMOST `a` in the list is written onto the first element (`attr__href`), so
 *   a span inside a link carries the link's href;
 * - a click on SVG inside a button or link drops the SVG elements and starts at the control, and
 *   all text goes when anything between is not capturable or sensitive.
 */
export function sdkElementsFor(el: Element, eventType: AutocaptureEventType = 'click'): SdkElement[] {
  const list = targetElementList(el);
  const control = eventType === 'click' ? svgControlOf(el) : null;
  const controlIndex = control ? list.indexOf(control) : -1;
  let maskText = false;
  if (controlIndex > 0) maskText = list.slice(0, controlIndex + 1).some((item) => !shouldCaptureElement(item) || isSensitiveElement(item));

  const elements = list.map((item) => propertiesFromElement(item, maskText));
  if (controlIndex > 0) elements.splice(0, controlIndex);
  const target = controlIndex > 0 ? list[controlIndex]! : el;
  setFirstElementOverrides(elements[0]!, target, list, maskText);
  return elements;
}

/**
 * What the SDK writes onto the first element after building them all: its text again (without the
 * 1024 limit), and the href of the last `a` in the list — the outermost link, even when that one's
 * href is not captured and an inner link's was.
 */
export function setFirstElementOverrides(first: Record<string, unknown>, target: Element, list: readonly Element[], maskText: boolean): void {
  if (!maskText) first['$el_text'] = isTextTag(target) ? getDirectAndNestedSpanText(target) : getSafeText(target);
  let href: string | false = false;
  for (const item of list) {
    if (isTag(item, 'a')) {
      const hrefAttr = item.getAttribute('href');
      href = shouldCaptureElement(item) && !!hrefAttr && shouldCaptureValue(hrefAttr) ? hrefAttr : false;
    }
  }
  if (href) first['attr__href'] = href;
}

/**
 * `$elements_chain` for a click (or `eventType`) on `el`, byte for byte as posthog-js 1.449.2 sends
 * it and as ingestion stores it. The SDK always sends `$elements_chain`; it adds `$elements` too
 * unless the remote config says `elementsChainAsString`, and ingestion's chain from `$elements` is
 * the same string (both go through `elementsToString(extractElements(...))`).
 */
export function elementsChainFor(el: Element, eventType: AutocaptureEventType = 'click'): string {
  return sdkElementsToChain(sdkElementsFor(visibleFromDocument(el), eventType));
}
