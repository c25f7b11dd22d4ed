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
