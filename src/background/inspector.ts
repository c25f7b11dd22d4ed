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
 * The context menu's "Inspect this element": the inspector, open or opened now, pins the element
 * right-clicked in the tab's top document (remembered by the bridge script, see
 * src/overlay/inspect/contextTarget.ts). The inspector lives in the top document only: a click in a
 * frame opens it (or leaves it open) without a pin. Never closes an open inspector.
 */
export async function inspectContextTarget(tabId: number, frameId: number): Promise<{ open: boolean }> {
  let state: unknown;
  try {
    const results = await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, func: requestContextPin, args: [frameId === 0] });
    state = results[0]?.result;
  } catch (error) {
    throw new Error(inspectorRefusal(error));
  }
  if (state === 'open') return { open: true };
  try {
    return await toggleInspector(tabId);
  } catch (error) {
    // Not opened: a later opening from the popup must not pin this old target.
    await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, func: requestContextPin, args: [false] }).catch(() => undefined);
    throw error;
  }
}

/**
 * Runs in the top document's isolated world (serialized by executeScript: it may use nothing from
 * this module, hence the spelled-out keys of contextTarget.ts). With the inspector open, pins the
 * right-clicked element now; closed, leaves the request for the inspector to take as it opens.
 */
export function requestContextPin(pin: boolean): 'open' | 'closed' {
  const registry = globalThis as Record<symbol, unknown>;
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
