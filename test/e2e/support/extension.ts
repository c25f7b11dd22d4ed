import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, expect, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './chromium';

/** Built by `npm run build:e2e` (the test script builds it before Playwright runs). */
export const EXTENSION_DIR = resolve('.output/chrome-mv3-e2e');

export interface LoadedExtension {
  context: BrowserContext;
  extensionId: string;
  /** The background service worker, as it is now (it may be stopped and restarted). */
  worker(): Promise<Worker>;
  /** Opens one of our pages as a tab, e.g. `popup.html?tabId=3`. */
  openPage(path: string): Promise<Page>;
  /** Stops every service worker through CDP, as the browser does when it idles. */
  stopWorker(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Loads the test build in a fresh profile. The install opens the onboarding page in a tab of its
 * own; it is closed here once it has opened, so specs start from the same tabs as before, unless
 * `keepOnboarding` (the onboarding spec).
 */
export async function launchExtension({ keepOnboarding = false }: { keepOnboarding?: boolean } = {}): Promise<LoadedExtension> {
  const profile = mkdtempSync(join(tmpdir(), 'actionlens-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: chromiumArgs(EXTENSION_DIR),
    viewport: { width: 1280, height: 800 },
  });
  const worker = async () => context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL((await worker()).url()).host;
  await presetSitesRegistered(await worker());
  const onboarding = await onboardingPage(context, extensionId);
  if (!keepOnboarding) await onboarding.close();
  return {
    context,
    extensionId,
    worker,
    async openPage(path) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
    async stopWorker() {
      const page = context.pages()[0] ?? (await context.newPage());
      const cdp = await context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * The test build enables 127.0.0.1 in `runtime.onInstalled`, a moment after the worker starts; a
 * page opened before that would load without the capture scripts, as it would for a user.
 */
async function presetSitesRegistered(worker: Worker): Promise<void> {
  await expect
    .poll(
      () =>
        worker.evaluate(async () => {
          const api = (globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<{ id: string }[]> } } }).chrome;
          return (await api.scripting.getRegisteredContentScripts()).map((script) => script.id);
        }),
      { timeout: 10_000 },
    )
    .toContain('capture http://127.0.0.1/*');
}

export const onboardingUrl = (extensionId: string) => `chrome-extension://${extensionId}/onboarding.html`;

/** The tab `runtime.onInstalled` opens after the install (see src/background/onboarding.ts). */
export async function onboardingPage(context: BrowserContext, extensionId: string): Promise<Page> {
  const find = () => context.pages().find((page) => page.url() === onboardingUrl(extensionId));
  await expect.poll(() => Boolean(find()), { timeout: 10_000, message: 'the onboarding page opens after the install' }).toBe(true);
  return find()!;
}

/** The id Chrome gave a page's tab, found through the extension (Playwright does not expose it). */
export async function tabIdOf(extension: LoadedExtension, url: string): Promise<number> {
  const worker = await extension.worker();
  const id = await worker.evaluate(async (wanted) => {
    const tabs: { id?: number; url?: string }[] = await (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } }).chrome.tabs.query({});
    return tabs.find((tab) => tab.url === wanted)?.id ?? null;
  }, url);
  if (id == null) throw new Error(`no tab shows ${url}`);
  return id;
}
