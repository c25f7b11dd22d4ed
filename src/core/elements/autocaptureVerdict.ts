import {
  AUTOCAPTURE_COMPATIBLE_TAGS,
  AUTOCAPTURE_IGNORE_SELECTORS,
  computedCursor,
  hasClassName,
  isSensitiveElement,
  isTag,
  shouldCaptureElement,
} from './autocaptureRules';
import { hasUsefulAncestor, targetElementList } from './targetElementList';

export type AutocaptureEventType = 'click' | 'change' | 'submit';

/**
 * Why the SDK sends nothing for an element:
 * - `ph-no-capture`: the element or an ancestor has class `ph-no-capture` (the event is dropped);
 * - `ph-no-autocapture`: the element or an ancestor matches `.ph-no-autocapture` or
 *   `[data-ph-no-autocapture]` (the default `css_selector_ignorelist`);
 * - `not-interactive`: not a compatible tag, not `contenteditable="true"`, no `cursor: pointer`,
 *   and no compatible or pointer ancestor;
 * - `disabled-tag`: a disabled form control — the browser dispatches no click to it at all;
 * - `hidden-input`: `<input type="hidden">` has no box, so nothing can be clicked or changed;
 * - `document-root`: `html`, which the SDK never records.
 */
export type AutocaptureExclusionCode = 'ph-no-capture' | 'ph-no-autocapture' | 'not-interactive' | 'disabled-tag' | 'hidden-input' | 'document-root';

export interface AutocaptureVerdict {
  /** Some interaction with the element sends `$autocapture` (a click; for a form, its submit). */
  captured: boolean;
  exclusion?: { code: AutocaptureExclusionCode; message: string; element?: Element };
  /** The SDK drops this element's text and (for value-bearing controls) all but name/id/class/aria-label. */
  sensitive: boolean;
  /** The DOM events on this element the SDK turns into `$autocapture`. */
  eventTypes: AutocaptureEventType[];
}

export const IGNORE_SELECTOR = AUTOCAPTURE_IGNORE_SELECTORS.join(', ');
const VALUE_TAGS: readonly string[] = ['input', 'select', 'textarea'];

/** `elementMatchesCSSSelector` against the default ignore list (quirks-mode class matching included). */
export function matchesIgnoreList(el: Element): boolean {
  try {
    return el.matches(IGNORE_SELECTOR);
  } catch {
    return false;
  }
}

/**
 * A disabled control (`:disabled`, directly or through a disabled fieldset). A disabled fieldset
 * itself does not count: clicks on the ordinary elements inside it are dispatched (observed in
 * Chromium), only its controls are disabled.
 */
export function isDisabled(el: Element): boolean {
  if (isTag(el, 'fieldset')) return false;
  try {
    return el.matches(':disabled');
  } catch {
    return false;
  }
}

/**
 * The disabled control that swallows clicks on `el`: browsers dispatch no click to a disabled
 * control nor to anything inside it (observed in Chromium: a span inside a disabled button gets no
 * click, so the SDK sends nothing).
 */
export function disabledControl(el: Element): Element | undefined {
  return targetElementList(el).find(isDisabled);
}

/**
 * `shouldCaptureDomEvent` for one event type, given the facts the SDK reads. Kept as a function of
 * facts so the one-pass candidate search (findCandidates) applies the very same switch.
 */
export function capturedEventTypes(el: Element, pointer: boolean, usefulAncestor: boolean): AutocaptureEventType[] {
  const tag = el.tagName.toLowerCase();
  if (tag === 'form') return pointer ? ['click', 'submit'] : ['submit'];
  if (VALUE_TAGS.includes(tag)) return ['click', 'change'];
  if (pointer || usefulAncestor || AUTOCAPTURE_COMPATIBLE_TAGS.includes(tag) || el.getAttribute('contenteditable') === 'true') return ['click'];
  return [];
}

function excluded(code: AutocaptureExclusionCode, message: string, sensitive: boolean, element?: Element): AutocaptureVerdict {
  return { captured: false, exclusion: element ? { code, message, element } : { code, message }, sensitive, eventTypes: [] };
}

/** Whether and how posthog-js 1.449.2 (default config) autocaptures interactions with `el`. */
export function autocaptureVerdict(el: Element): AutocaptureVerdict {
  const sensitive = !shouldCaptureElement(el) || isSensitiveElement(el);
  if (isTag(el, 'html')) return excluded('document-root', 'The SDK never records clicks on the html element.', sensitive);
  const list = targetElementList(el);
  const ignored = list.find(matchesIgnoreList);
  if (ignored) {
    return excluded('ph-no-autocapture', 'Inside an element marked ph-no-autocapture: autocapture ignores it.', sensitive, ignored);
  }
  const noCapture = list.find((item) => hasClassName(item, 'ph-no-capture'));
  if (noCapture) return excluded('ph-no-capture', 'Inside an element with class ph-no-capture: the SDK drops the event.', sensitive, noCapture);
  if (isTag(el, 'input') && (el as HTMLInputElement).type === 'hidden') {
    return excluded('hidden-input', 'A hidden input is never shown, so it is never clicked or changed.', sensitive);
  }
  const disabled = disabledControl(el);
  if (disabled) return excluded('disabled-tag', 'A disabled control: the browser sends no click to it.', sensitive, disabled);
  const pointer = computedCursor(el) === 'pointer';
  const eventTypes = capturedEventTypes(el, pointer, !pointer && hasUsefulAncestor(el));
  if (eventTypes.length === 0) {
    return excluded('not-interactive', 'Not a link, button, form control or label, no cursor: pointer, and nothing around it is.', sensitive);
  }
  return { captured: true, sensitive, eventTypes };
}

export function isAutocapturable(el: Element): boolean {
  return autocaptureVerdict(el).captured;
}
