import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { expect } from '@playwright/test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { TabEvents } from '../../../src/capture/tabEvents';
import { GECKO_ID } from '../../../src/platform/manifest';
import { ARTIFACTS } from '../../e2e/support/screenshots';

/** Built by `npm run build:e2e:firefox` (the test script builds it before these tests run). */
export const EXTENSION_DIR = resolve('.output/firefox-mv3-e2e');

/**
 * The UUID Firefox gives the extension, fixed through `extensions.webextensions.uuids` before it
 * is installed, so its pages have a known URL: `moz-extension://<uuid>/popup.html`.
 */
export const EXTENSION_UUID = '5d0c4a51-6a57-4b8e-9d51-3c2f1e7a8b90';
export const EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}/`;

/** Debian's Firefox ESR, or the one FIREFOX_PATH names. Tests never download a browser. */
export function firefoxPath(): string {
  const path = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
  if (!existsSync(path)) {
    throw new Error(`Firefox not found at ${path}. Install Debian's package (apt-get install firefox-esr) or set FIREFOX_PATH to a Firefox binary.`);
  }
  return path;
}

/** What the extension's pages see as `browser` (only the calls tests make). */
export interface ExtensionApis {
  runtime: {
    getManifest(): Record<string, any>;
    getBackgroundPage(): Promise<Window | null>;
    sendMessage(message: unknown): Promise<unknown>;
  };
  tabs: {
    query(query: object): Promise<{ id?: number; url?: string }[]>;
    getCurrent(): Promise<{ id?: number } | undefined>;
    remove(tabId: number): Promise<void>;
  };
  permissions: { getAll(): Promise<{ origins?: string[]; permissions?: string[] }> };
  scripting: {
    getRegisteredContentScripts(): Promise<{ id: string; world?: string; runAt?: string; allFrames?: boolean }[]>;
    executeScript(injection: object): Promise<{ frameId: number; result?: unknown }[]>;
  };
  sidebarAction: { isOpen(details: object): Promise<boolean> };
  extension: { getViews(filter: { type: 'sidebar' | 'tab' | 'popup' }): Window[] };
}

export interface FirefoxExtension {
  browser: Browser;
  /** Opens one of our pages as a tab, e.g. `popup.html?tabId=3`. */
  openPage(path: string): Promise<Page>;
  /** Runs `fn` in an extension page, with the WebExtension APIs as its first argument. */
  evaluate<A, R>(fn: (apis: ExtensionApis, arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** Opens a web page in a new tab and finds the id Firefox gave that tab. */
  openSite(url: string): Promise<{ page: Page; tabId: number }>;
  /** A tab's event buffer, asked of the background exactly as the popup asks (`events.list`). */
  readTabEvents(tabId: number): Promise<TabEvents>;
  close(): Promise<void>;
}

/**
 * Navigates a tab to one of our pages. Two Firefox facts shape this: WebDriver BiDi refuses to
 * navigate to `moz-extension:` URLs unless the browser was started with
 * `--remote-allow-system-access`, and it sends no navigation events for documents in the
 * extension process (bug 1755014), so `page.goto` would wait forever. The BiDi command itself
 * does wait for the page's load.
 */
async function navigateToExtensionPage(page: Page, path: string): Promise<void> {
  const context = (page.mainFrame() as unknown as { browsingContext: { navigate(url: string, wait: 'complete'): Promise<void> } }).browsingContext;
  await context.navigate(EXTENSION_ORIGIN + path, 'complete');
}

/**
 * Firefox ESR with the test build installed as a temporary add-on (BiDi `webExtension.install`,
 * as `about:debugging` does). Firefox grants a temporary add-on the manifest's `host_permissions`
 * at install (`extensions.originControls.grantByDefault`, on by default), which the tests check.
 */
export async function launchFirefoxExtension({
  prefs = {},
  keepOnboarding = false,
}: {
  prefs?: Record<string, unknown>;
  /** The install opens the onboarding page in a tab; it is closed once open unless this is set. */
  keepOnboarding?: boolean;
} = {}): Promise<FirefoxExtension> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    args: ['--remote-allow-system-access'],
    defaultViewport: { width: 1280, height: 800 },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      ...prefs,
    },
  });
  try {
    const installed = await browser.installExtension(EXTENSION_DIR);
    if (installed !== GECKO_ID) throw new Error(`installed ${installed}, expected ${GECKO_ID}`);
  } catch (error) {
    await browser.close();
    throw error;
  }

  let probe: Page | null = null;
  const openPage = async (path: string) => {
    const page = await browser.newPage();
    await navigateToExtensionPage(page, path);
    return page;
  };
  const evaluate = async <A, R>(fn: (apis: ExtensionApis, arg: A) => R | Promise<R>, arg: A): Promise<R> => {
    if (!probe || probe.isClosed()) probe = await openPage('options.html');
    // The function's source runs in the page, so it must not close over anything here. BiDi
    // evaluates it outside the page's content security policy, which forbids eval.
    return probe.evaluate(`(${fn.toString()})(browser, ${JSON.stringify(arg)})`) as Promise<R>;
  };

  const extension: FirefoxExtension = {
    browser,
    openPage,
    evaluate,
    async openSite(url) {
      const page = await browser.newPage();
      await page.goto(url);
      const tabId = await evaluate(async (apis, wanted) => (await apis.tabs.query({})).find((tab) => tab.url === wanted)?.id ?? null, page.url());
      if (tabId == null) throw new Error(`no tab shows ${page.url()}`);
      return { page, tabId };
    },
    async readTabEvents(tabId) {
      const reply = (await evaluate((apis, id) => apis.runtime.sendMessage({ type: 'events.list', payload: { tabId: id } }), tabId)) as
        | { ok: true; value: TabEvents }
        | { ok: false; error: string };
      if (!reply.ok) throw new Error(`events.list failed: ${reply.error}`);
      return reply.value;
    },
    async close() {
      await browser.close();
    },
  };
  await presetSitesRegistered(extension);
  await expect.poll(() => onboardingTabs(extension), { timeout: 10_000, message: 'the onboarding page opens after the install' }).toBe(1);
  if (!keepOnboarding) await closeOnboarding(extension);
  return extension;
}

/**
 * The onboarding tabs open now. Found as extension views (`extension.getViews`): an extension
 * without the `tabs` permission is not told other tabs' URLs.
 */
export function onboardingTabs(extension: FirefoxExtension): Promise<number> {
  return extension.evaluate((apis) => apis.extension.getViews({ type: 'tab' }).filter((view) => view.location.pathname === '/onboarding.html').length, null);
}

async function closeOnboarding(extension: FirefoxExtension): Promise<void> {
  await extension.evaluate(async (apis) => {
    for (const view of apis.extension.getViews({ type: 'tab' })) {
      if (view.location.pathname !== '/onboarding.html') continue;
      const tab = await (view as Window & { browser: typeof apis }).browser.tabs.getCurrent();
      if (tab?.id != null) await apis.tabs.remove(tab.id);
    }
  }, null);
}

/**
 * The test build enables 127.0.0.1 in `runtime.onInstalled`, a moment after the event page
 * starts; a page opened before that would load without the capture scripts.
 */
async function presetSitesRegistered(extension: FirefoxExtension): Promise<void> {
  await expect
    .poll(() => extension.evaluate(async (apis) => (await apis.scripting.getRegisteredContentScripts()).map((script) => script.id), null), { timeout: 10_000 })
    .toContain('capture http://127.0.0.1/*');
}

/** Saves a screenshot under test/artifacts/firefox/ for a person to look at (see test/e2e/support/screenshots.ts). */
export async function screenshot(page: Page, name: string, { fullPage = true }: { fullPage?: boolean } = {}): Promise<string> {
  const path = resolve(ARTIFACTS, 'firefox', `${name}.png`) as `${string}.png`;
  mkdirSync(dirname(path), { recursive: true });
  await page.screenshot({ path, fullPage });
  return path;
}
