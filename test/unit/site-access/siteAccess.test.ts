import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { disableSite, enableSite, onPermissionsRemoved, reconcileSites } from '../../../src/site-access/siteAccess';
import { sitePatternFor } from '../../../src/site-access/sitePattern';
import { enabledSitesItem } from '../../../src/storage/items';

type Script = Browser.scripting.RegisteredContentScript;

/**
 * The fake browser has no `permissions` or `scripting`: these stand-ins keep the state those APIs
 * keep in Chrome (granted origins, registered scripts), so the logic above them runs unchanged.
 */
function stubBrowserState(granted: string[]) {
  const origins = new Set(granted);
  const scripts = new Map<string, Script>();
  vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async (p: Browser.permissions.Permissions) =>
    (p.origins ?? []).every((o) => origins.has(o)),
  );
  vi.spyOn(fakeBrowser.permissions, 'remove').mockImplementation(async (p: Browser.permissions.Permissions) => {
    p.origins?.forEach((o) => origins.delete(o));
    return true;
  });
  vi.spyOn(fakeBrowser.scripting, 'getRegisteredContentScripts').mockImplementation(async () => [...scripts.values()]);
  vi.spyOn(fakeBrowser.scripting, 'registerContentScripts').mockImplementation(async (list: Script[]) => {
    for (const script of list) {
      if (scripts.has(script.id)) throw new Error(`Duplicate script ID '${script.id}'`);
      scripts.set(script.id, script);
    }
  });
  vi.spyOn(fakeBrowser.scripting, 'unregisterContentScripts').mockImplementation(async (filter?: { ids?: string[] }) => {
    for (const id of filter?.ids ?? [...scripts.keys()]) scripts.delete(id);
  });
  return { origins, scripts };
}

describe('sitePatternFor', () => {
  it.each([
    ['https://shop.example/cart?x=1', 'https://shop.example/*'],
    ['http://127.0.0.1:8020/pricing', 'http://127.0.0.1/*'],
    ['http://localhost:3000/', 'http://localhost/*'],
    ['chrome://extensions/', null],
    ['file:///tmp/a.html', null],
    ['about:blank', null],
    ['not a url', null],
    [null, null],
  ])('%s → %s', (url, pattern) => expect(sitePatternFor(url)).toBe(pattern));
});

describe('site access', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
  });

  it('registers the page-world collector at document_start in all frames, and the bridge, for a granted site', async () => {
    const { scripts } = stubBrowserState(['https://shop.example/*']);
    expect(await enableSite('https://shop.example/*')).toEqual({ enabled: true });
    const capture = scripts.get('capture https://shop.example/*');
    expect(capture).toMatchObject({
      matches: ['https://shop.example/*'],
      js: ['content-scripts/capture.js'],
      world: 'MAIN',
      runAt: 'document_start',
      allFrames: true,
      persistAcrossSessions: true,
    });
    expect(scripts.get('bridge https://shop.example/*')).toMatchObject({ js: ['content-scripts/content.js'], runAt: 'document_start' });
    expect(scripts.get('bridge https://shop.example/*')?.world).toBeUndefined();
    expect(await enabledSitesItem.getValue()).toEqual(['https://shop.example/*']);
    // Enabling twice is harmless.
    expect(await enableSite('https://shop.example/*')).toEqual({ enabled: true });
    expect(scripts.size).toBe(2);
  });

  it('refuses a site without its permission, and a pattern that is not a site', async () => {
    const { scripts } = stubBrowserState([]);
    expect((await enableSite('https://shop.example/*')).enabled).toBe(false);
    expect((await enableSite('<all_urls>')).reason).toContain('not a site pattern');
    expect((await enableSite('https://*/*')).enabled).toBe(false);
    expect(scripts.size).toBe(0);
  });

  it('unregisters a site whose permission the user removed in the browser', async () => {
    const { origins, scripts } = stubBrowserState(['https://a.example/*', 'https://b.example/*']);
    await enableSite('https://a.example/*');
    await enableSite('https://b.example/*');
    origins.delete('https://a.example/*');
    await onPermissionsRemoved();
    expect([...scripts.keys()].sort()).toEqual(['bridge https://b.example/*', 'capture https://b.example/*']);
    expect(await enabledSitesItem.getValue()).toEqual(['https://b.example/*']);
  });

  it('disabling unregisters and gives the permission back', async () => {
    const { origins, scripts } = stubBrowserState(['https://a.example/*']);
    await enableSite('https://a.example/*');
    await disableSite('https://a.example/*', { revoke: true });
    expect(scripts.size).toBe(0);
    expect(origins.has('https://a.example/*')).toBe(false);
  });

  it('reconciles registrations with enabled sites and current permissions at startup', async () => {
    const { scripts } = stubBrowserState(['https://kept.example/*']);
    await enabledSitesItem.setValue(['https://kept.example/*', 'https://revoked.example/*']);
    scripts.set('capture https://old.example/*', { id: 'capture https://old.example/*', matches: ['https://old.example/*'], js: ['content-scripts/capture.js'] } as Script);
    await reconcileSites();
    expect([...scripts.keys()].sort()).toEqual(['bridge https://kept.example/*', 'capture https://kept.example/*']);
    expect(await enabledSitesItem.getValue()).toEqual(['https://kept.example/*']);
  });
});
