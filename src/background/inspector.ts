import { browser } from 'wxt/browser';

/** The inspector's content script as WXT builds it (entrypoints/inspector.content). */
export const INSPECTOR_SCRIPT = '/content-scripts/inspector.js';

/**
 * Injects the inspector into a tab's top document; injecting it again closes it (the script
 * toggles, see entrypoints/inspector.content). Access comes from `activeTab`, which the click in
 * the popup grants for that tab, or from the site being enabled: no host access is asked for.
 */
export async function toggleInspector(tabId: number): Promise<{ open: boolean }> {
  let results: { result?: unknown }[];
  try {
    results = await browser.scripting.executeScript({ target: { tabId }, files: [INSPECTOR_SCRIPT] });
  } catch (error) {
    throw new Error(inspectorRefusal(error));
  }
  // The script's value is its main()'s promise, which executeScript awaits: true when it opened.
  return { open: results[0]?.result === true };
}

/**
 * Whether the inspector is open in the tab: reads the flag its script keeps in the extension's
 * isolated world of the top document (src/overlay/toggleInspector.ts). Without access to the tab
 * (no `activeTab` yet, a browser page) it cannot be open, since opening needs the same access.
 */
export async function inspectorState(tabId: number): Promise<{ open: boolean }> {
  try {
    const results = await browser.scripting.executeScript({ target: { tabId }, func: readInspectorOpen });
    return { open: results[0]?.result === true };
  } catch {
    return { open: false };
  }
}

/**
 * Where a right-clicked node sits, from the top document down, for a node in a same-origin frame:
 * each frame element's path, then the node's. A path is child indexes from the document, with -1
 * for "into this element's open shadow root".
 */
export interface ContextPath {
  frames: number[][];
  target: number[];
}

/**
 * The context menu's "Inspect this element": the inspector, open or opened now, pins the element
 * right-clicked (remembered by the bridge script of its document, see
 * src/overlay/inspect/contextTarget.ts). The inspector lives in the top document; a right-click in
 * a same-origin frame is found there by its path, which that frame's own script computes. In a
 * cross-origin frame it opens (or stays open) without a pin. Never closes an open inspector.
 */
export async function inspectContextTarget(tabId: number, frameId: number): Promise<{ open: boolean }> {
  let path: ContextPath | null = null;
  if (frameId !== 0) {
    const results = await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, func: contextTargetPath }).catch(() => []);
    path = (results[0]?.result as ContextPath | null | undefined) ?? null;
  }
  let state: unknown;
  try {
    const results = await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, func: requestContextPin, args: [frameId === 0 || path !== null, path] });
    state = results[0]?.result;
  } catch (error) {
    throw new Error(inspectorRefusal(error));
  }
  if (state === 'open') return { open: true };
  try {
    return await toggleInspector(tabId);
  } catch (error) {
    // Not opened: a later opening from the popup must not pin this old target.
    await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, func: requestContextPin, args: [false, null] }).catch(() => undefined);
    throw error;
  }
}

/**
 * Runs in a frame's isolated world (serialized by executeScript): the path of the node its bridge
 * script remembered, through every frame element up to the top document; null when there is none
 * or a parent is cross-origin (its frame element cannot be read).
 */
export function contextTargetPath(): ContextPath | null {
  const pathTo = (node: Node): number[] | null => {
    const steps: number[] = [];
    let current = node;
    while (current.nodeType !== Node.DOCUMENT_NODE) {
      const parent = current.parentNode;
      if (!parent) return null;
      steps.unshift(Array.prototype.indexOf.call(parent.childNodes, current));
      if (parent.nodeType === Node.DOCUMENT_FRAGMENT_NODE) {
        const host = (parent as ShadowRoot).host;
        if (!host) return null;
        steps.unshift(-1);
        current = host;
      } else {
        current = parent;
      }
    }
    return steps;
  };
  const target = (globalThis as Record<symbol, unknown>)[Symbol.for('actionlens.contextTarget')] as Node | null | undefined;
  if (!target || !target.isConnected) return null;
  const targetPath = pathTo(target);
  if (!targetPath) return null;
  const frames: number[][] = [];
  try {
    for (let view: Window = window; view !== view.top; view = view.parent) {
      const frame = view.frameElement;
      const framePath = frame ? pathTo(frame) : null;
      if (!framePath) return null;
      frames.unshift(framePath);
    }
  } catch {
    return null; // a cross-origin parent
  }
  return { frames, target: targetPath };
}

/**
 * Runs in the top document's isolated world (serialized by executeScript: it may use nothing from
 * this module, hence the spelled-out keys of contextTarget.ts). A `path` (a right-click in a
 * same-origin frame) is resolved to the node first and remembered as the right-clicked one. With the
 * inspector open, pins the right-clicked element now; closed, leaves the request for the inspector
 * to take as it opens.
 */
export function requestContextPin(pin: boolean, path: ContextPath | null = null): 'open' | 'closed' {
  const registry = globalThis as Record<symbol, unknown>;
  if (pin && path) {
    const follow = (root: Node, steps: number[]): Node | null => {
      let node: Node | null = root;
      for (const step of steps) {
        if (!node) return null;
        node = step === -1 ? ((node as Element).shadowRoot ?? null) : (node.childNodes[step] ?? null);
      }
      return node;
    };
    let doc: Document | null = document;
    for (const framePath of path.frames) {
      const frame: Node | null = doc ? follow(doc, framePath) : null;
      doc = frame && 'contentDocument' in frame ? ((frame as HTMLIFrameElement).contentDocument ?? null) : null;
    }
    const target = doc ? follow(doc, path.target) : null;
    if (target) registry[Symbol.for('actionlens.contextTarget')] = target;
    else pin = false;
  }
  const open = registry[Symbol.for('actionlens.inspector.open')] === true;
  const pinNow = registry[Symbol.for('actionlens.inspector.pinContextTarget')];
  if (open) {
    if (pin && typeof pinNow === 'function') pinNow();
    return 'open';
  }
  if (pin) registry[Symbol.for('actionlens.inspector.pinOnOpen')] = true;
  else delete registry[Symbol.for('actionlens.inspector.pinOnOpen')];
  return 'closed';
}

/** Runs in the tab (serialized by executeScript): it may use nothing from this module. */
function readInspectorOpen(): boolean {
  return (globalThis as Record<symbol, unknown>)[Symbol.for('actionlens.inspector.open')] === true;
}

/** The browser's refusal in words a user can act on. */
function inspectorRefusal(error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  if (/cannot be scripted|cannot access a chrome|chrome:\/\/|extensions gallery|about:|moz-extension|missing host permission|cannot access contents/i.test(reason)) {
    return `The inspector cannot run on this page: the browser keeps extensions out of its own pages and the extension stores, and out of sites they were not given (${reason}). On a website, click the Actionlens icon on that tab and press Inspect there.`;
  }
  return `The inspector could not be opened: ${reason}`;
}
