import { browser } from 'wxt/browser';

/**
 * Opens the persistent view next to the page: Chrome's side panel or Firefox's sidebar. Both must
 * be called from a user gesture, so callers invoke this straight from a click.
 */
export async function openSidePanel(tabId: number): Promise<void> {
  const api = browser as unknown as {
    sidePanel?: { open(options: { tabId: number }): Promise<void> };
    sidebarAction?: { open(): Promise<void> };
  };
  if (api.sidePanel) await api.sidePanel.open({ tabId });
  else if (api.sidebarAction) await api.sidebarAction.open();
}
