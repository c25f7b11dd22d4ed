import { browser, type Browser } from 'wxt/browser';
import { enabledSitesItem } from '../storage/items';
import { inspectContextTarget } from './inspector';
import { clearTabProblem, showTabProblem } from '../capture/eventBadge';

export const INSPECT_MENU_ID = 'inspect-element';
export const INSPECT_MENU_TITLE = 'Inspect this element with Actionlens';

/** Right-clicks on content, not on our toolbar icon. */
const CONTEXTS = ['page', 'frame', 'link', 'image', 'selection', 'editable', 'video', 'audio'] as const;

/**
 * Where the item shows: documents of the enabled sites only, since only there does our content
 * script remember what was right-clicked (and only there does the user expect Actionlens). With no
 * site enabled it is hidden: an empty `documentUrlPatterns` is not "nowhere" in every browser.
 */
export function menuScope(sites: readonly string[]): { visible: boolean; documentUrlPatterns?: string[] } {
  return sites.length > 0 ? { visible: true, documentUrlPatterns: [...sites] } : { visible: false };
}

/**
 * Creates the item afresh at every background start (menus survive a stopped worker in Chrome but
 * not always a restarted Firefox; removing first avoids a duplicate id) and follows the site list.
 */
export function registerContextMenu(): void {
  const create = async () => {
    await browser.contextMenus.removeAll();
    browser.contextMenus.create({ id: INSPECT_MENU_ID, title: INSPECT_MENU_TITLE, contexts: [...CONTEXTS], ...menuScope(await enabledSitesItem.getValue()) });
  };
  const created = create().catch((error: unknown) => console.error('Actionlens: the context menu item could not be created', error));
  // After the item exists (a site enabled at install would otherwise update nothing).
  enabledSitesItem.watch((sites) => void created.then(() => browser.contextMenus.update(INSPECT_MENU_ID, menuScope(sites ?? []))).catch(() => undefined));
  browser.contextMenus.onClicked.addListener((info, tab) => void onContextMenuClick(info, tab));
}

/** `contextMenus.onClicked`: the inspector pinned on what was right-clicked in that frame. */
export async function onContextMenuClick(info: Pick<Browser.contextMenus.OnClickData, 'menuItemId' | 'frameId'>, tab?: Browser.tabs.Tab): Promise<void> {
  if (info.menuItemId !== INSPECT_MENU_ID || tab?.id == null) return;
  try {
    await inspectContextTarget(tab.id, info.frameId ?? 0);
    await clearTabProblem(tab.id);
  } catch (error) {
    await showTabProblem(tab.id, error instanceof Error ? error.message : String(error));
  }
}
