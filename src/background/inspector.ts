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
