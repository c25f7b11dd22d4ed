import { browser } from 'wxt/browser';

/**
 * The tab a view shows: `?tabId=N` when given (tests, and links from other views), else the active
 * tab of this window. The side panel stays open while the user switches tabs, so with `follow` it
 * follows them. No React here: the view starts reading the tab's events before its first render.
 */
export function watchCurrentTab(follow: boolean, onTab: (tabId: number) => void): () => void {
  const query = new URLSearchParams(location.search);
  if (query.has('tabId')) {
    const fromQuery = Number(query.get('tabId'));
    if (Number.isInteger(fromQuery) && fromQuery > 0) onTab(fromQuery);
    return () => {};
  }
  let windowId: number | undefined;
  void browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => {
    windowId = tab?.windowId;
    if (tab?.id != null) onTab(tab.id);
  });
  if (!follow) return () => {};
  const onActivated = (info: { tabId: number; windowId: number }) => {
    if (windowId === undefined || info.windowId === windowId) onTab(info.tabId);
  };
  browser.tabs.onActivated.addListener(onActivated);
  return () => browser.tabs.onActivated.removeListener(onActivated);
}
