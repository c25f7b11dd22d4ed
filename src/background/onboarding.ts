import { browser } from 'wxt/browser';

export const ONBOARDING_PAGE = '/onboarding.html';

/**
 * After a fresh install, a tab with the onboarding page instead of a silent icon. Only for
 * `install`: an update or a browser update must not open it again, and a restarted worker or
 * event page gets no `onInstalled` at all.
 */
export async function openOnboarding(reason: string): Promise<void> {
  if (reason !== 'install') return;
  await browser.tabs.create({ url: browser.runtime.getURL(ONBOARDING_PAGE) });
}
