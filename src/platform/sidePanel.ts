import { browser } from 'wxt/browser';

/**
 * The persistent view next to the page: Chrome's side panel (`side_panel`, `sidePanel` API) or
 * Firefox's sidebar (`sidebar_action`, `sidebarAction` API). WXT writes the right manifest key
 * for each browser from `entrypoints/sidepanel/`; the page is the same.
 */
interface PanelApis {
  sidePanel?: { open(options: { tabId: number }): Promise<void> };
  sidebarAction?: { open(): Promise<void> };
}

const apis = () => browser as unknown as PanelApis;

/** What this browser calls the view, for button labels. */
export function sidePanelName(): 'side panel' | 'sidebar' {
  return apis().sidebarAction ? 'sidebar' : 'side panel';
}

/**
 * Opens the view for a tab. Both browsers accept this only inside a user gesture, so callers invoke
 * it straight from a click; nothing here is awaited before the browser's own call. Firefox's
 * sidebar belongs to the window, not the tab: it follows the active tab (see `ui/currentTab.ts`).
 */
export async function openSidePanel(tabId: number): Promise<void> {
  const { sidePanel, sidebarAction } = apis();
  if (sidePanel) await sidePanel.open({ tabId });
  else if (sidebarAction) await sidebarAction.open();
}
