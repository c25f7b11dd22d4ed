// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installEventShield, isUserClick } from '../../../src/overlay/eventShield';

let host: HTMLElement;
let inside: HTMLButtonElement;
let pageButton: HTMLButtonElement;
let remove: () => void;
const onPageEvent = vi.fn();
/** What the site's SDK would see: listeners on `document` in the capture phase, as autocapture registers them. */
const siteHeard = vi.fn();

beforeEach(() => {
  document.body.innerHTML = '<button id="page">page</button>';
  pageButton = document.getElementById('page') as HTMLButtonElement;
  host = document.createElement('actionlens-inspector');
  const shadow = host.attachShadow({ mode: 'open' });
  inside = document.createElement('button');
  shadow.append(inside);
  document.documentElement.append(host);
  for (const type of ['click', 'pointerdown', 'keydown']) document.addEventListener(type, siteHeard, { capture: true });
  remove = installEventShield(window, { host: () => host, onPageEvent });
});

afterEach(() => {
  remove();
  for (const type of ['click', 'pointerdown', 'keydown']) document.removeEventListener(type, siteHeard, { capture: true });
  vi.clearAllMocks();
});

const click = (target: Element) => target.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true }));
/** A click as the browser makes it for real input (happy-dom makes every event untrusted). */
const userClick = (target: Element) => {
  const event = new MouseEvent('click', { bubbles: true, composed: true, cancelable: true });
  Object.defineProperty(event, 'isTrusted', { value: true });
  return target.dispatchEvent(event);
};

/** A key press as the browser makes it for real input. */
const userKey = (target: Element, type: 'keydown' | 'keyup', key: string, init: KeyboardEventInit = {}) => {
  const event = new KeyboardEvent(type, { key, bubbles: true, composed: true, cancelable: true, ...init });
  Object.defineProperty(event, 'isTrusted', { value: true });
  target.dispatchEvent(event);
  return event;
};

describe('keyboard activation of the overlay’s buttons', () => {
  it('Enter clicks on keydown, Space on keyup, once each, as the user’s click; the browser’s own activation is cancelled', () => {
    const overlayHeard = vi.fn((event: Event) => expect(isUserClick(event)).toBe(true));
    inside.addEventListener('click', overlayHeard);
    expect(userKey(inside, 'keydown', 'Enter').defaultPrevented).toBe(true);
    expect(overlayHeard).toHaveBeenCalledTimes(1);
    userKey(inside, 'keyup', 'Enter');
    expect(overlayHeard).toHaveBeenCalledTimes(1);
    expect(userKey(inside, 'keydown', ' ').defaultPrevented).toBe(true);
    expect(overlayHeard).toHaveBeenCalledTimes(1);
    userKey(inside, 'keyup', ' ');
    expect(overlayHeard).toHaveBeenCalledTimes(2);
    expect(siteHeard).not.toHaveBeenCalled();
  });

  it('leaves other keys, modified presses, disabled buttons, the page’s presses and the page’s own buttons alone', () => {
    const overlayHeard = vi.fn();
    inside.addEventListener('click', overlayHeard);
    expect(userKey(inside, 'keydown', 'a').defaultPrevented).toBe(false);
    userKey(inside, 'keydown', 'Enter', { ctrlKey: true });
    inside.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, cancelable: true }));
    inside.disabled = true;
    userKey(inside, 'keydown', 'Enter');
    expect(overlayHeard).not.toHaveBeenCalled();
    const pageHeard = vi.fn();
    pageButton.addEventListener('click', pageHeard);
    expect(userKey(pageButton, 'keydown', 'Enter').defaultPrevented).toBe(false);
    expect(pageHeard).not.toHaveBeenCalled();
  });
});

describe('the event shield', () => {
  it.each([
    ['click', () => new MouseEvent('click', { bubbles: true, composed: true })],
    ['pointerdown', () => new PointerEvent('pointerdown', { bubbles: true, composed: true })],
    ['keydown', () => new KeyboardEvent('keydown', { key: 'a', bubbles: true, composed: true })],
  ])('keeps the overlay’s %s from the site', (_, event) => {
    inside.dispatchEvent(event());
    expect(siteHeard).not.toHaveBeenCalled();
    expect(onPageEvent).not.toHaveBeenCalled();
  });

  it('still delivers a click to the overlay itself, once, without letting it out of the shadow root', () => {
    const overlayHeard = vi.fn((event: Event) => expect(isUserClick(event)).toBe(true));
    inside.addEventListener('click', overlayHeard);
    userClick(inside);
    expect(overlayHeard).toHaveBeenCalledTimes(1);
    expect(siteHeard).not.toHaveBeenCalled();
  });

  it('hands the overlay no click the page made (element.click(), dispatchEvent)', () => {
    const overlayHeard = vi.fn();
    inside.addEventListener('click', overlayHeard);
    click(inside);
    inside.click();
    expect(overlayHeard).toHaveBeenCalledTimes(0);
    // Not composed: it never reaches the shield, and it is no user click either.
    const local = new MouseEvent('click', { bubbles: true, composed: false });
    inside.dispatchEvent(local);
    expect(isUserClick(local)).toBe(false);
  });

  it('hands the page’s own events to inspect mode before the site sees them', () => {
    const order: string[] = [];
    onPageEvent.mockImplementation(() => order.push('inspector'));
    siteHeard.mockImplementation(() => order.push('site'));
    click(pageButton);
    expect(order).toEqual(['inspector', 'site']);
  });

  it('removes every listener', () => {
    remove();
    click(pageButton);
    click(inside);
    expect(onPageEvent).not.toHaveBeenCalled();
    expect(siteHeard).toHaveBeenCalledTimes(2);
  });
});
