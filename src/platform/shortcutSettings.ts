import { browser } from 'wxt/browser';

interface ShortcutApis {
  commands: { openShortcutSettings?(): Promise<void> };
}

/**
 * Opens the browser's page for changing extension shortcuts. Firefox (137+) has an API for it: a
 * tab cannot be opened on `about:addons`. Chrome lets an extension open chrome://extensions/shortcuts
 * with `tabs.create` (a link to it from our page would be blocked).
 */
export async function openShortcutSettings(): Promise<void> {
  const { commands } = browser as unknown as ShortcutApis;
  if (commands.openShortcutSettings) await commands.openShortcutSettings();
  else await browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
}
