// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { contextTargetPath, requestContextPin } from '../../../src/background/inspector';
import { acceptContextPins, CONTEXT_TARGET, contextTarget, PIN_CONTEXT_TARGET, PIN_ON_OPEN, rememberContextTarget } from '../../../src/overlay/inspect/contextTarget';

const registry = globalThis as unknown as Record<symbol, unknown>;
const OPEN = Symbol.for('actionlens.inspector.open');

afterEach(() => {
  for (const key of [CONTEXT_TARGET, PIN_CONTEXT_TARGET, PIN_ON_OPEN]) delete registry[Symbol.for(key)];
  delete registry[OPEN];
  document.body.innerHTML = '';
});

function rightClick(element: Element) {
  element.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, cancelable: true, composed: true }));
}

describe('the right-clicked element', () => {
  it('is remembered even when the page stops the event, and forgotten once it leaves the document', () => {
    document.body.innerHTML = '<button id="buy"><span id="label">Buy</span></button>';
    document.getElementById('buy')!.addEventListener('contextmenu', (event) => event.stopPropagation());
    const stop = rememberContextTarget(window);
    rightClick(document.getElementById('label')!);
    expect(contextTarget()).toBe(document.getElementById('label'));
    document.getElementById('buy')!.remove();
    expect(contextTarget()).toBeNull();
    stop();
  });

  it('the inspector opened from the menu pins it once, and pins again when asked while open', () => {
    document.body.innerHTML = '<a id="first">First</a><a id="second">Second</a>';
    rememberContextTarget(window);
    rightClick(document.getElementById('first')!);
    // The background, the inspector closed: the request waits for it.
    expect(requestContextPin(true)).toBe('closed');
    const pin = vi.fn();
    const stop = acceptContextPins(pin);
    registry[OPEN] = true;
    expect(pin).toHaveBeenCalledWith(document.getElementById('first'));
    expect(registry[Symbol.for(PIN_ON_OPEN)]).toBeUndefined();

    rightClick(document.getElementById('second')!);
    expect(requestContextPin(true)).toBe('open');
    expect(pin).toHaveBeenLastCalledWith(document.getElementById('second'));

    // A right-click in a frame: left open, nothing pinned.
    expect(requestContextPin(false)).toBe('open');
    expect(pin).toHaveBeenCalledTimes(2);
    stop();
    expect(registry[Symbol.for(PIN_CONTEXT_TARGET)]).toBeUndefined();
  });

  it('an inspector opened later from the popup pins nothing once the request was withdrawn', () => {
    document.body.innerHTML = '<a id="first">First</a>';
    rememberContextTarget(window);
    rightClick(document.getElementById('first')!);
    requestContextPin(true);
    requestContextPin(false);
    const pin = vi.fn();
    acceptContextPins(pin)();
    expect(pin).not.toHaveBeenCalled();
  });

  it('a right-click found again by its path (child indexes, -1 into an open shadow root): how a same-origin frame hands it to the top document', () => {
    document.body.innerHTML = '<main><p>text</p><div id="host"></div></main>';
    const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<span>a</span><button id="inner"><b>Buy</b></button>';
    rememberContextTarget(window);
    const bold = shadow.querySelector('b')!;
    bold.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, cancelable: true, composed: true }));
    const path = contextTargetPath();
    expect(path?.frames).toEqual([]);
    expect(path?.target).toContain(-1);

    delete registry[Symbol.for(CONTEXT_TARGET)];
    const pin = vi.fn();
    acceptContextPins(pin);
    registry[OPEN] = true;
    expect(requestContextPin(true, path)).toBe('open');
    expect(pin).toHaveBeenCalledWith(bold);

    // A path that no longer leads anywhere pins nothing.
    bold.remove();
    expect(requestContextPin(true, path)).toBe('open');
    expect(pin).toHaveBeenCalledTimes(1);
  });
});
