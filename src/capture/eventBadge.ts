import { browser } from 'wxt/browser';

/** The toolbar icon shows how many events the tab has sent, so capture is visibly working. */
export async function showEventCount(tabId: number, count: number): Promise<void> {
  try {
    await browser.action.setBadgeBackgroundColor({ tabId, color: '#1d4aff' });
    await browser.action.setBadgeText({ tabId, text: count === 0 ? '' : count > 999 ? '999+' : String(count) });
  } catch {
    // The tab may have closed in the meantime; the badge is a hint, never worth an error.
  }
}
