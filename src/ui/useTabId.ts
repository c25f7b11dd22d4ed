import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';

/**
 * The tab a view shows: `?tabId=N` when given (tests, and links from other views), else the active
 * tab of this window. The side panel stays open while the user switches tabs, so it follows them.
 */
export function useTabId(follow: boolean): number | null {
  const [tabId, setTabId] = useState<number | null>(() => {
    const fromQuery = Number(new URLSearchParams(location.search).get('tabId'));
    return Number.isInteger(fromQuery) && fromQuery > 0 ? fromQuery : null;
  });
  const fixed = new URLSearchParams(location.search).has('tabId');

  useEffect(() => {
    if (fixed) return;
    let windowId: number | undefined;
    void browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => {
      windowId = tab?.windowId;
      if (tab?.id != null) setTabId(tab.id);
    });
    if (!follow) return;
    const onActivated = (info: { tabId: number; windowId: number }) => {
      if (windowId === undefined || info.windowId === windowId) setTabId(info.tabId);
    };
    browser.tabs.onActivated.addListener(onActivated);
    return () => browser.tabs.onActivated.removeListener(onActivated);
  }, [fixed, follow]);

  return tabId;
}
