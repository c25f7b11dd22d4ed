import { browser } from 'wxt/browser';

/**
 * What went wrong with a keyboard command or a menu item, where the user looks next: the toolbar
 * icon of that tab shows "!" and its tooltip says why. No notification (that would need the
 * `notifications` permission), no page of ours opened uninvited. Cleared by the next success.
 */
export async function showTabProblem(tabId: number, message: string): Promise<void> {
  await Promise.all([
    browser.action.setBadgeText({ tabId, text: '!' }),
    browser.action.setBadgeBackgroundColor({ tabId, color: '#b42318' }),
    browser.action.setTitle({ tabId, title: `Actionlens: ${message}` }),
  ]).catch(() => undefined); // the tab may be gone
}

export async function clearTabProblem(tabId: number): Promise<void> {
  await Promise.all([browser.action.setBadgeText({ tabId, text: '' }), browser.action.setTitle({ tabId, title: 'Actionlens' })]).catch(() => undefined);
}
