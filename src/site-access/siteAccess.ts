import { browser, type Browser } from 'wxt/browser';
import { PING, type SiteStatus } from '../messaging/protocol';
import { hasHostAccess, releaseHostAccess } from '../platform/hostAccess';
import { enabledSitesItem } from '../storage/items';
import { isSitePattern, sitePatternFor } from './sitePattern';

/** Built by WXT from `entrypoints/capture.content.ts` and `entrypoints/content/index.ts`. */
export const CAPTURE_SCRIPT = 'content-scripts/capture.js';
export const BRIDGE_SCRIPT = 'content-scripts/content.js';

const captureId = (pattern: string) => `capture ${pattern}`;
const bridgeId = (pattern: string) => `bridge ${pattern}`;

function scriptsFor(pattern: string): Browser.scripting.RegisteredContentScript[] {
  return [
    {
      id: captureId(pattern),
      matches: [pattern],
      js: [CAPTURE_SCRIPT],
      runAt: 'document_start',
      // Registered MAIN-world scripts need Firefox 128 (the Firefox build's strict_min_version).
      world: 'MAIN',
      allFrames: true,
      persistAcrossSessions: true,
    },
    {
      id: bridgeId(pattern),
      matches: [pattern],
      js: [BRIDGE_SCRIPT],
      runAt: 'document_start',
      allFrames: true,
      persistAcrossSessions: true,
    },
  ];
}

async function registeredIds(): Promise<Set<string>> {
  const scripts = await browser.scripting.getRegisteredContentScripts();
  return new Set(scripts.map((script) => script.id));
}

/** Registers the capture and bridge scripts for a site the user has granted. */
export async function enableSite(pattern: string): Promise<{ enabled: boolean; reason?: string }> {
  if (!isSitePattern(pattern)) return { enabled: false, reason: `"${pattern}" is not a site pattern` };
  if (!(await hasHostAccess(pattern))) {
    return { enabled: false, reason: `Actionlens has no access to ${pattern}: allow it when the browser asks` };
  }
  const existing = await registeredIds();
  const missing = scriptsFor(pattern).filter((script) => !existing.has(script.id));
  if (missing.length > 0) await browser.scripting.registerContentScripts(missing);
  const sites = await enabledSitesItem.getValue();
  if (!sites.includes(pattern)) await enabledSitesItem.setValue([...sites, pattern]);
  return { enabled: true };
}

/** Unregisters the scripts; with `revoke`, also gives the host permission back. */
export async function disableSite(pattern: string, { revoke }: { revoke: boolean }): Promise<void> {
  const existing = await registeredIds();
  const ids = [captureId(pattern), bridgeId(pattern)].filter((id) => existing.has(id));
  if (ids.length > 0) await browser.scripting.unregisterContentScripts({ ids });
  await enabledSitesItem.setValue((await enabledSitesItem.getValue()).filter((site) => site !== pattern));
  // Where the browser keeps the host (Chrome, for the test build's manifest hosts), unregistering is enough.
  if (revoke) await releaseHostAccess(pattern);
}

/**
 * Brings the registered scripts in line with the enabled sites and the permissions the user still
 * grants: run at install and at every browser start.
 */
export async function reconcileSites(): Promise<void> {
  const sites = await enabledSitesItem.getValue();
  const kept: string[] = [];
  for (const pattern of sites) {
    if (await hasHostAccess(pattern)) kept.push(pattern);
  }
  const wanted = new Set(kept.flatMap((pattern) => [captureId(pattern), bridgeId(pattern)]));
  const existing = await registeredIds();
  const stale = [...existing].filter((id) => !wanted.has(id));
  if (stale.length > 0) await browser.scripting.unregisterContentScripts({ ids: stale });
  const missing = kept.flatMap(scriptsFor).filter((script) => !existing.has(script.id));
  if (missing.length > 0) await browser.scripting.registerContentScripts(missing);
  if (kept.length !== sites.length) await enabledSitesItem.setValue(kept);
}

/** `permissions.onRemoved`: the user took a site's access away in the browser's own UI. */
export async function onPermissionsRemoved(): Promise<void> {
  const sites = await enabledSitesItem.getValue();
  for (const pattern of sites) {
    if (!(await hasHostAccess(pattern))) await disableSite(pattern, { revoke: false });
  }
}

async function bridgeRunning(tabId: number): Promise<boolean> {
  try {
    return (await browser.tabs.sendMessage(tabId, PING)) === true;
  } catch {
    return false;
  }
}

export async function siteStatus(tabId: number): Promise<SiteStatus> {
  let url: string | null = null;
  try {
    url = (await browser.tabs.get(tabId)).url ?? null;
  } catch {
    url = null;
  }
  const pattern = sitePatternFor(url);
  if (!pattern) {
    return { tabId, url, pattern: null, hostname: null, permitted: false, enabled: false, needsReload: false };
  }
  const permitted = await hasHostAccess(pattern);
  const enabled = permitted && (await enabledSitesItem.getValue()).includes(pattern);
  const needsReload = enabled && !(await bridgeRunning(tabId));
  return { tabId, url, pattern, hostname: new URL(url!).hostname, permitted, enabled, needsReload };
}
