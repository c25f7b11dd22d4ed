import { browser } from 'wxt/browser';

interface ShortcutApis {
  commands: { openShortcutSettings?(): Promise<void> };
  runtime: { getBrowserInfo?(): Promise<unknown> };
}

const apis = () => browser as unknown as ShortcutApis;

/**
 * Whether this browser lets us open its shortcut settings: Firefox from 137 (an API: no tab may be
 * opened on `about:addons`; Firefox 128–136 has no way), Chrome always (below).
 */
export function canOpenShortcutSettings(): boolean {
  const { commands, runtime } = apis();
  return !!commands.openShortcutSettings || !runtime.getBrowserInfo;
}

/**
 * Opens the browser's page for changing extension shortcuts. Chrome lets an extension open
 * chrome://extensions/shortcuts with `tabs.create` (a link to it from our page would be blocked).
 */
export async function openShortcutSettings(): Promise<void> {
  const { commands } = apis();
  if (commands.openShortcutSettings) await commands.openShortcutSettings();
  else await browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
}
