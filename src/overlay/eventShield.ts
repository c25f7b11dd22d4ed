/**
 * Every pointer, mouse, touch and key event type the site's SDK could turn into data: posthog-js
 * autocapture (click, pointer*, on `document`, capture), rage clicks (autocapture's click handler),
 * heatmaps (click and mousemove on `document`, capture), dead clicks (click, mousedown, mouseup on
 * `window`, capture). Checked against posthog-js 1.449.2 and @posthog/browser-common 0.11.0.
 */
export const SHIELDED_EVENTS = [
  'pointerdown', 'pointerup', 'pointermove', 'pointercancel', 'pointerover', 'pointerout',
  'mousedown', 'mouseup', 'mousemove', 'mouseover', 'mouseout',
  'click', 'dblclick', 'auxclick', 'contextmenu',
  'touchstart', 'touchmove', 'touchend',
  'keydown', 'keyup', 'keypress',
] as const;

export interface EventShieldOptions {
  /** The overlay's shadow host, once mounted; events whose path crosses it are the overlay's. */
  host(): Element | null;
  /** Every other event of these types, still in the capture phase on `window`, before the site. */
  onPageEvent(event: Event): void;
  /** A key pressed while the focus is in the overlay, after it was kept from the page. */
  onOverlayKey?(event: KeyboardEvent): void;
}

/**
 * Keeps the overlay's own events from the page: listeners on `window` in the capture phase run
 * before every listener on `document` and below, so the SDK's autocapture, rage-click and heatmap
 * listeners never see them. The dead-clicks extension also listens on `window`, and was there
 * first; it skips elements under `.ph-no-capture`, which the overlay's shadow tree carries at its
 * root (its walk up the tree stops at a shadow root, so the host's class alone would not do).
 *
 * Stopping a click on `window` also keeps it from the overlay's own React root, so the shield
 * hands the overlay a copy that is not `composed` (it cannot leave the shadow root), and cancels
 * the original, so that a button's activation runs once, from the copy.
 */
export function installEventShield(win: Window, options: EventShieldOptions): () => void {
  const listener = (event: Event) => {
    const host = options.host();
    if (host && event.composedPath().includes(host)) {
      event.stopImmediatePropagation();
      if (event.type === 'click') redispatchInside(event as MouseEvent);
      if (event.type === 'keydown' || event.type === 'keyup') activateByKey(event as KeyboardEvent);
      if (event.type === 'keydown') options.onOverlayKey?.(event as KeyboardEvent);
      return;
    }
    options.onPageEvent(event);
  };
  for (const type of SHIELDED_EVENTS) win.addEventListener(type, listener, { capture: true });
  return () => {
    for (const type of SHIELDED_EVENTS) win.removeEventListener(type, listener, { capture: true });
  };
}

/** The copies this shield made of the user's clicks (the page cannot add to this set). */
const userClickCopies = new WeakSet<Event>();

/**
 * Whether a click in the overlay is the user's. Our shadow root is open, so a page script can reach
 * its buttons and `click()` them or dispatch clicks of its own; those are never trusted, and never
 * copies the shield made (the shield drops untrusted clicks before copying). Anything that writes
 * to the project API checks this first.
 */
export function isUserClick(event: Event): boolean {
  return event.isTrusted || userClickCopies.has(event);
}

function redispatchInside(event: MouseEvent): void {
  const target = event.composedPath()[0];
  if (!(target instanceof Node)) return;
  event.preventDefault();
  // A click the page made (element.click(), dispatchEvent) is not handed to the overlay.
  if (!event.isTrusted) return;
  const { bubbles, cancelable, clientX, clientY, screenX, screenY, button, buttons, detail, ctrlKey, shiftKey, altKey, metaKey } = event;
  const copy = () => {
    const click = new MouseEvent('click', { bubbles, cancelable, composed: false, clientX, clientY, screenX, screenY, button, buttons, detail, ctrlKey, shiftKey, altKey, metaKey });
    userClickCopies.add(click);
    target.dispatchEvent(click);
  };
  // A checkbox or radio button toggles before the click is dispatched, and back when it is
  // cancelled — at the end of this dispatch. Its copy must come after that, or the two undo each
  // other; the copy then toggles it once, as the user meant.
  if (isToggle(target)) setTimeout(copy);
  else copy();
}

/**
 * Enter (on keydown) and Space (on keyup) on one of the overlay's buttons or `<summary>`s click it,
 * as the browser would. We do it ourselves, with the browser's own activation cancelled: Firefox
 * does not activate a focused button in our shadow root while the shield holds the page's events
 * (seen in Firefox ESR 140: keydown, keypress and keyup arrive, no click follows), and one way for
 * both browsers keeps a press from clicking twice. Only the user's presses, never the page's.
 */
function activateByKey(event: KeyboardEvent): void {
  if (!event.isTrusted || event.ctrlKey || event.altKey || event.metaKey) return;
  const target = event.composedPath()[0];
  if (!(target instanceof Element) || !(target.localName === 'button' || target.localName === 'summary')) return;
  if ((target as HTMLButtonElement).disabled) return;
  const enter = event.key === 'Enter';
  const space = event.key === ' ';
  if (!enter && !space) return;
  event.preventDefault(); // no native activation, no page scroll on Space
  if ((enter && event.type === 'keydown') || (space && event.type === 'keyup')) {
    const click = new MouseEvent('click', { bubbles: true, cancelable: true, composed: false, detail: 0, shiftKey: event.shiftKey });
    userClickCopies.add(click);
    target.dispatchEvent(click);
  }
}

function isToggle(node: Node): boolean {
  return node instanceof HTMLInputElement && (node.type === 'checkbox' || node.type === 'radio');
}
