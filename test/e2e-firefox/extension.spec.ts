import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { GECKO_ID } from '../../src/platform/manifest';
import { createProjectApi } from '../../src/project-api/server';
import { startPosthogSite } from '../e2e/support/posthogSite';
import { TEST_HOSTS } from '../../wxt.config';
import { OptionsPage } from './pages/options';
import { PopupPage, Sidebar } from './pages/popup';
import { EXTENSION_ORIGIN, launchFirefoxExtension, screenshot, type FirefoxExtension } from './support/firefox';

/**
 * The Firefox build end to end: the test build installed as a temporary add-on in Debian's
 * Firefox ESR, real posthog-js pages, the popup and the sidebar page opened as tabs.
 */

let extension: FirefoxExtension;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  extension = await launchFirefoxExtension();
});

test.afterAll(async () => {
  await extension?.close();
});

/** Events as (name, distinct id) pairs in a stable order, to compare what was sent with what is shown. */
const pairs = (events: { event: string; distinctId?: string | undefined }[]) =>
  events.map(({ event, distinctId }) => `${event} ${distinctId ?? ''}`).sort();

async function bufferedPairs(tabId: number): Promise<string[]> {
  const { events } = await extension.readTabEvents(tabId);
  return pairs(events.map((event) => ({ event: event.event, distinctId: event.properties.distinct_id as string | undefined })));
}

test('the extension loads: an event page, the sidebar, the test hosts granted, capture registered', async () => {
  const facts = await extension.evaluate(async (apis) => {
    const manifest = apis.runtime.getManifest();
    const background = await apis.runtime.getBackgroundPage();
    return {
      id: manifest.browser_specific_settings?.gecko?.id,
      background: manifest.background,
      sidebar: manifest.sidebar_action?.default_panel,
      sidePanel: manifest.side_panel ?? null,
      eventPage: background?.location.pathname,
      origins: (await apis.permissions.getAll()).origins,
      scripts: await apis.scripting.getRegisteredContentScripts(),
      connection: await apis.runtime.sendMessage({ type: 'connection.get', payload: {} }),
      origin: location.origin,
    };
  }, null);
  expect(facts.id).toBe(GECKO_ID);
  expect(`${facts.origin}/`).toBe(EXTENSION_ORIGIN);
  expect(facts.background).toMatchObject({ scripts: [`${EXTENSION_ORIGIN}background.js`], service_worker: null });
  // The document src/platform/extensionContext.ts recognises as the background.
  expect(facts.eventPage).toBe('/_generated_background_page.html');
  expect(facts.sidebar).toBe(`${EXTENSION_ORIGIN}sidepanel.html`);
  expect(facts.sidePanel).toBeNull();
  expect(facts.origins).toEqual(expect.arrayContaining(TEST_HOSTS));
  expect(facts.scripts).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ id: 'capture http://127.0.0.1/*', world: 'MAIN', runAt: 'document_start', allFrames: true }),
      expect.objectContaining({ id: 'bridge http://127.0.0.1/*', runAt: 'document_start' }),
    ]),
  );
  // The background's router accepts our own moz-extension:// pages as extension senders.
  expect(facts.connection).toEqual({ ok: true, value: null });
});

for (const [pkg, version] of [
  ['posthog-js', '1.449.2'],
  ['posthog-js-1-130', '1.130.2'],
] as const) {
  test(`posthog-js ${version}: the events the site sent are in the popup and the sidebar page; an unload beacon reaches the buffer`, async () => {
    const site = await startPosthogSite(pkg);
    try {
      const { page, tabId } = await extension.openSite(site.url);
      const user = `firefox-user-${version}`;
      await page.evaluate((id) => {
        const posthog = (window as unknown as { posthog: { capture(name: string, p: object): void; identify(id: string): void } }).posthog;
        posthog.capture('firefox check', { step: 1 });
        posthog.identify(id);
      }, user);
      const sent = () => site.received.map(({ event }) => event);
      await expect.poll(sent, { timeout: 20_000 }).toEqual(expect.arrayContaining(['$pageview', 'firefox check', '$identify']));
      await expect.poll(async () => (await bufferedPairs(tabId)).join('\n'), { timeout: 20_000 }).toBe(pairs(site.received).join('\n'));
      expect(site.received.some((event) => event.distinctId === user)).toBe(true);

      const popup = await PopupPage.open(extension, tabId);
      expect(await popup.siteState()).toBe('capturing');
      await expect.poll(async () => pairs(await popup.rows())).toEqual(pairs(site.received));
      expect(await popup.eventCount()).toBe(`${site.received.length} events`);
      expect(await popup.sidePanelButton()).toBe('Open sidebar');
      await screenshot(popup.page, `popup-events-${version}`);
      await popup.page.close();

      const sidebar = await PopupPage.open(extension, tabId, 'sidepanel');
      await expect.poll(async () => pairs(await sidebar.rows())).toEqual(pairs(site.received));
      expect(await sidebar.sidePanelButton()).toBeNull();
      await screenshot(sidebar.page, `sidebar-events-${version}`);
      await sidebar.page.close();

      // Queued, then flushed by the SDK's pagehide handler with sendBeacon as the page goes away.
      await page.bringToFront();
      await page.evaluate(() => (window as unknown as { posthog: { capture(name: string): void } }).posthog.capture('left the page'));
      await page.goto(`${site.url}next`);
      await expect.poll(() => site.received.find((event) => event.event === 'left the page')?.beacon, { timeout: 15_000 }).toBe(true);
      await expect.poll(async () => (await bufferedPairs(tabId)).join('\n'), { timeout: 20_000 }).toBe(pairs(site.received).join('\n'));
      const { events } = await extension.readTabEvents(tabId);
      expect(events.find((event) => event.event === 'left the page')?.transport).toBe('beacon');
      await page.close();
    } finally {
      await site.close();
    }
  });
}

test('"Open sidebar" opens Firefox\'s sidebar, which shows the active tab\'s events', async () => {
  const site = await startPosthogSite('posthog-js');
  try {
    const { page, tabId } = await extension.openSite(site.url);
    await expect.poll(async () => (await extension.readTabEvents(tabId)).events.map((event) => event.event), { timeout: 20_000 }).toContain('$pageview');
    const sidebar = new Sidebar(extension);
    expect(await sidebar.isOpen()).toBe(false);

    // A BiDi click is a user gesture to Firefox, which `sidebarAction.open()` requires.
    const popup = await PopupPage.open(extension, tabId);
    await popup.openSidePanel();
    await expect.poll(() => sidebar.isOpen()).toBe(true);
    // The sidebar belongs to the window and follows its active tab: first the popup's, then the site's.
    await page.bringToFront();
    await expect.poll(async () => pairs(await sidebar.rows()), { timeout: 20_000 }).toEqual(pairs(site.received));
    await popup.page.close();
    await page.close();
  } finally {
    await site.close();
  }
});

test('the Person view tells the identity story and flags a missing reset', async () => {
  const site = await startPosthogSite('posthog-js');
  try {
    const { page, tabId } = await extension.openSite(site.url);
    await page.evaluate(() => {
      const posthog = (window as unknown as { posthog: Record<string, (...args: unknown[]) => void> }).posthog;
      posthog.identify!('ff-user-1', { email: 'one@example.com' }, { first_plan: 'trial' });
      posthog.alias!('ff-helpdesk-1');
      posthog.group!('company', 'acme');
      posthog.reset!();
      posthog.capture!('browsing');
      posthog.identify!('ff-user-2');
      posthog.capture!('working');
    });
    await expect.poll(() => site.received.filter((event) => event.event === '$identify').length, { timeout: 20_000 }).toBe(2);
    await expect.poll(async () => (await bufferedPairs(tabId)).join('\n'), { timeout: 20_000 }).toBe(pairs(site.received).join('\n'));

    const person = await PopupPage.open(extension, tabId, 'popup', 'person');
    await expect.poll(() => person.currentDistinctId()).toBe('ff-user-2');
    expect(await person.identityState()).toBe('Identified');
    expect(await person.persistence()).toContain('localStorage');
    await expect.poll(() => person.transitionKinds()).toEqual(['first-seen', 'identify', 'alias', 'group', 'reset', 'identify']);
    expect(await person.warningKinds()).toEqual([]);
    await screenshot(person.page, 'person-view');
    await person.page.close();

    // Identify someone else without a reset: the view warns.
    await page.evaluate(() => {
      const posthog = (window as unknown as { posthog: Record<string, (...args: unknown[]) => void> }).posthog;
      posthog.identify!('ff-user-3');
      posthog.capture!('as_someone_else');
    });
    const sidebar = await PopupPage.open(extension, tabId, 'sidepanel', 'person');
    await expect.poll(() => sidebar.warningKinds(), { timeout: 20_000 }).toEqual(['switch-without-identify']);
    await screenshot(sidebar.page, 'sidebar-person-warning');
    await sidebar.page.close();
    await page.close();
  } finally {
    await site.close();
  }
});

test('"Enable on this site" registers capture at runtime (localhost) and events follow a reload', async () => {
  const site = await startPosthogSite('posthog-js');
  try {
    const { page, tabId } = await extension.openSite(site.url.replace('127.0.0.1', 'localhost'));
    const popup = await PopupPage.open(extension, tabId);
    await expect.poll(() => popup.siteState()).toBe('off');
    expect((await extension.readTabEvents(tabId)).events).toEqual([]);

    await popup.enableSite();
    await expect.poll(() => popup.siteState()).toBe('capturing');
    await expect.poll(() => popup.reloadNotice()).not.toBeNull();
    const registered = await extension.evaluate((apis) => apis.scripting.getRegisteredContentScripts(), null);
    expect(registered).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'capture http://localhost/*', world: 'MAIN' })]));

    await popup.reloadTab();
    await expect.poll(() => popup.reloadNotice()).toBeNull();
    // posthog-js 1.449 sends a page's first $pageview once the page is visible, and Firefox,
    // unlike headless Chromium, hides a tab behind the popup's.
    await page.bringToFront();
    await expect.poll(async () => (await popup.rows()).map((row) => row.event), { timeout: 20_000 }).toContain('$pageview');
    await popup.page.close();
    await page.close();
  } finally {
    await site.close();
  }
});

test('the options page saves a connection to the local project API', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'actionlens-api-'));
  const api = await createProjectApi({ dataDir, port: 0 });
  try {
    const options = await OptionsPage.open(extension);
    await options.fill({ url: api.url, projectId: String(api.projectId), apiKey: 'phx_not_a_real_key' });
    await options.testConnection();
    await expect.poll(async () => (await options.result())?.problem).toBe('unauthorized');

    await options.fill({ url: api.url, projectId: String(api.projectId), apiKey: api.apiKey });
    await options.save();
    await expect.poll(async () => (await options.result())?.ok).toBe('true');
    expect((await options.result())?.text).toContain('Saved');
    // The key went to the background's secret store; the page gets a hint back.
    expect(await options.apiKeyPlaceholder()).toMatch(/^Saved key phx_…/);
    await screenshot(options.page, 'options-connected');

    const site = await startPosthogSite('posthog-js');
    try {
      const { page, tabId } = await extension.openSite(site.url);
      const popup = await PopupPage.open(extension, tabId);
      await expect.poll(() => popup.connectionSummary()).toContain('Synced');
      await screenshot(popup.page, 'popup-connected');
      await popup.page.close();
      await page.close();
    } finally {
      await site.close();
    }
    await options.page.close();
  } finally {
    await api.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
