import { browser } from 'wxt/browser';

/**
 * Access to a site or to the project API's host. The calls are the same in both browsers; what
 * differs is who may take access away. Chrome treats the manifest's `host_permissions` as
 * required: neither the extension nor the user can remove them. Firefox (Manifest V3) treats
 * every host permission as the user's to grant and revoke: it grants the manifest's at install
 * (Firefox 127+) and about:addons → Permissions takes any of them back. Production builds list no
 * hosts in the manifest, so the difference shows in the test build only; `permissions.onRemoved`
 * tells the background either way.
 */

export function hasHostAccess(pattern: string): Promise<boolean> {
  return browser.permissions.contains({ origins: [pattern] });
}

/**
 * Asks the user for one host. Call it straight from the click, with nothing awaited first: both
 * browsers show the prompt only inside the click's user gesture, and Firefox accepts the call only
 * while the click handler itself is running, not after an `await`.
 */
export function requestHostAccess(pattern: string): Promise<boolean> {
  return browser.permissions.request({ origins: [pattern] });
}

/** Gives a host back. False where the browser keeps it: Chrome, for a host the manifest lists. */
export async function releaseHostAccess(pattern: string): Promise<boolean> {
  if (!(await hasHostAccess(pattern))) return true;
  try {
    return await browser.permissions.remove({ origins: [pattern] });
  } catch {
    return false;
  }
}
