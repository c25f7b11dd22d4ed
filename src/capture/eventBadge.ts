import { browser } from 'wxt/browser';
import { readTabMeta } from './eventStore';

/**
 * The toolbar icon of a tab says one of two things. Normally, how many events the tab has sent, so
 * capture is visibly working. After a keyboard command or the context menu failed there, "!" with
 * the reason in the tooltip (no notification: that would need the `notifications` permission, and
 * no page of ours opened uninvited) until the next success or the next page load, and then the
 * count again. The tooltip is the state: the browser keeps it per tab across worker restarts.
 */
/** The manifest's `action.default_title`. */
const DEFAULT_TITLE = 'Actionlens';
const PROBLEM_PREFIX = `${DEFAULT_TITLE}: `;
const COUNT_COLOUR = '#1d4aff';
const PROBLEM_COLOUR = '#b42318';

export async function showEventCount(tabId: number, count: number): Promise<void> {
  try {
    if ((await browser.action.getTitle({ tabId })).startsWith(PROBLEM_PREFIX)) return; // "!" stays until cleared
    await browser.action.setBadgeBackgroundColor({ tabId, color: COUNT_COLOUR });
    await browser.action.setBadgeText({ tabId, text: count === 0 ? '' : count > 999 ? '999+' : String(count) });
  } catch {
    // The tab may have closed in the meantime; the badge is a hint, never worth an error.
  }
}

export async function showTabProblem(tabId: number, message: string): Promise<void> {
  await Promise.all([
    browser.action.setBadgeText({ tabId, text: '!' }),
    browser.action.setBadgeBackgroundColor({ tabId, color: PROBLEM_COLOUR }),
    browser.action.setTitle({ tabId, title: `${PROBLEM_PREFIX}${message}` }),
  ]).catch(() => undefined); // the tab may be gone
}

/** Back to the event count, if a problem was shown (otherwise nothing changes). */
export async function clearTabProblem(tabId: number): Promise<void> {
  try {
    if (!(await browser.action.getTitle({ tabId })).startsWith(PROBLEM_PREFIX)) return;
    await browser.action.setTitle({ tabId, title: DEFAULT_TITLE });
    await showEventCount(tabId, (await readTabMeta(tabId)).count);
  } catch {
    // the tab may be gone
  }
}
