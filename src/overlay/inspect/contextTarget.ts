/**
 * "Inspect this element with Actionlens" (the context menu): the page's own right-click is the
 * only place that knows the element, so the bridge content script remembers it, and the inspector
 * pins it when the background asks. Both live in the extension's isolated world of the document
 * (every content script and `executeScript` of ours share it), so nothing here is visible to the
 * page and no message carries an element.
 *
 * The keys are `Symbol.for` names: the background's injected function (src/background/inspector.ts)
 * spells them out, since `executeScript` serializes a function without its module.
 */
export const CONTEXT_TARGET = 'actionlens.contextTarget';
/** The open inspector's "pin what was right-clicked" function. */
export const PIN_CONTEXT_TARGET = 'actionlens.inspector.pinContextTarget';
/** Set when the inspector is opened from the menu: it pins the right-clicked element once it is up. */
export const PIN_ON_OPEN = 'actionlens.inspector.pinOnOpen';

type Registry = Record<symbol, unknown>;
const registry = () => globalThis as unknown as Registry;

/**
 * The bridge content script: remembers the target of the last `contextmenu` event in this document
 * (capture phase, so a page that stops the event or shows its own menu does not hide it).
 */
export function rememberContextTarget(win: Window): () => void {
  const onContextMenu = (event: Event) => {
    registry()[Symbol.for(CONTEXT_TARGET)] = event.composedPath()[0] ?? null;
  };
  win.addEventListener('contextmenu', onContextMenu, { capture: true, passive: true });
  return () => win.removeEventListener('contextmenu', onContextMenu, { capture: true });
}

/** The last right-clicked node of this document, if it is still in it. */
export function contextTarget(): Node | null {
  const target = registry()[Symbol.for(CONTEXT_TARGET)] as Node | null | undefined;
  return target && typeof target.nodeType === 'number' && target.isConnected ? target : null;
}

/**
 * The inspector, once it is up: answers the background's pin requests while it is open, and pins
 * at once when it was opened from the menu. `pin` gets the right-clicked node. Returns the cleanup.
 */
export function acceptContextPins(pin: (target: Node) => void): () => void {
  const pinTarget = () => {
    const target = contextTarget();
    if (target) pin(target);
  };
  const reg = registry();
  const hook = Symbol.for(PIN_CONTEXT_TARGET);
  const onOpen = Symbol.for(PIN_ON_OPEN);
  reg[hook] = pinTarget;
  if (reg[onOpen] === true) {
    delete reg[onOpen];
    pinTarget();
  }
  return () => {
    if (reg[hook] === pinTarget) delete reg[hook];
  };
}
