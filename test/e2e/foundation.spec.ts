import { expect, test, type Page } from '@playwright/test';
import type { TabEvents } from '../../src/capture/tabEvents';
import { OptionsPage } from './pages/options';
import { PopupPage } from './pages/popup';
import { launchExtension, tabIdOf, type LoadedExtension } from './support/extension';
import { readTabEvents } from './support/tabBuffer';
import { screenshot } from './support/screenshots';
import { startStack, type Stack } from './support/stack';

/**
 * The foundation end to end: the built extension in Chromium, the real demo site with the real
 * posthog-js, the real local project API.
 */

let stack: Stack;
let extension: LoadedExtension;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  stack = await startStack();
  extension = await launchExtension();
});

test.afterAll(async () => {
  await extension?.close();
  await stack?.close();
});

/** The tab's buffer, as the background gives it to the popup. */
async function bufferOf(tabId: number): Promise<TabEvents | null> {
  return readTabEvents(extension, tabId);
}

async function eventNames(tabId: number): Promise<string[]> {
  return ((await bufferOf(tabId))?.events ?? []).map((event) => event.event);
}

async function openDemo(url: string): Promise<{ page: Page; tabId: number }> {
  const page = await extension.context.newPage();
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  return { page, tabId: await tabIdOf(extension, page.url()) };
}

test('a real posthog-js request is seen by the page-world script and counted by the background', async () => {
  const { page, tabId } = await openDemo(stack.demo.url);
  await page.locator('[data-attr="hero-start-trial"]').click();
  await expect.poll(() => eventNames(tabId), { timeout: 20_000 }).toEqual(expect.arrayContaining(['$pageview', '$autocapture']));

  const buffer = (await bufferOf(tabId))!;
  expect(buffer.requestsSeen).toBeGreaterThan(0);
  expect(buffer.undecodable).toEqual([]);
  const pageview = buffer.events.find((event) => event.event === '$pageview')!;
  expect(pageview.properties.token).toBe(stack.api.projectToken);
  expect(pageview.uuid).toMatch(/^[0-9a-f-]{36}$/);
  expect(pageview.requestUrl.startsWith(stack.api.url)).toBe(true);
  const click = buffer.events.find((event) => event.event === '$autocapture')!;
  expect(String(click.properties.$elements_chain)).toContain('attr__data-attr="hero-start-trial"');
  await screenshot(page, 'foundation/demo-site');

  const popup = await PopupPage.open(extension, tabId);
  await expect(popup.siteState()).toHaveText('capturing');
  await expect(popup.eventList()).toContainText('$pageview');
  await expect(popup.eventList()).toContainText('$autocapture');
  await popup.openEvent('$autocapture');
  await expect(popup.page.getByTestId('event-detail')).toContainText('hero-start-trial');
  await expect(popup.connectPrompt()).toBeVisible();
  await screenshot(popup.page, 'foundation/popup-events');
  await popup.page.close();

  // The toolbar badge counts the tab's events (polled: the SDK may still be sending).
  const badgeMatchesBuffer = async () => {
    const badge = await (await extension.worker()).evaluate(
      (id) => (globalThis as unknown as { chrome: { action: { getBadgeText(d: { tabId: number }): Promise<string> } } }).chrome.action.getBadgeText({ tabId: id }),
      tabId,
    );
    return Number(badge) > 0 && Number(badge) === (await bufferOf(tabId))!.events.length;
  };
  await expect.poll(badgeMatchesBuffer).toBe(true);

  // The side panel shows the same view (opened as a tab: Playwright cannot open the panel itself).
  const panel = await PopupPage.open(extension, tabId, 'sidepanel');
  await expect(panel.eventList()).toContainText('$autocapture');
  await expect(panel.page.getByRole('button', { name: 'Open side panel' })).toBeHidden();
  await screenshot(panel.page, 'foundation/sidepanel-events');
  await panel.page.close();
  await page.close();
});

test('"Enable on this site" turns capture on for localhost through the real code path', async () => {
  const url = stack.demo.url.replace('127.0.0.1', 'localhost');
  const { page, tabId } = await openDemo(url);
  const popup = await PopupPage.open(extension, tabId);
  await expect(popup.siteState()).toHaveText('off');
  await screenshot(popup.page, 'foundation/popup-site-off');
  expect(await eventNames(tabId)).toEqual([]);

  await popup.enableSite();
  await expect(popup.siteState()).toHaveText('capturing');
  await expect(popup.reloadNotice()).toBeVisible();
  const registered = await (await extension.worker()).evaluate(async () =>
    (globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<{ id: string; world?: string; runAt?: string; allFrames?: boolean }[]> } } }).chrome.scripting.getRegisteredContentScripts(),
  );
  expect(registered).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ id: 'capture http://localhost/*', world: 'MAIN', runAt: 'document_start', allFrames: true }),
      expect.objectContaining({ id: 'bridge http://localhost/*', runAt: 'document_start' }),
    ]),
  );

  await popup.reloadTab();
  await expect(popup.reloadNotice()).toBeHidden();
  await expect.poll(() => eventNames(tabId), { timeout: 20_000 }).toContain('$pageview');
  await expect(popup.eventList()).toContainText('$pageview');
  await popup.page.close();
  await page.close();
});

test('the options page connects to the local project API and says exactly what is wrong otherwise', async () => {
  const options = await OptionsPage.open(extension);
  const { api } = stack;

  await options.fill({ url: api.url, projectId: String(api.projectId), apiKey: 'phx_not_a_real_key' });
  await expect(await options.testConnection()).toHaveAttribute('data-problem', 'unauthorized');
  await expect(options.result()).toContainText('401');

  await options.fill({ url: api.url, projectId: '999', apiKey: api.apiKey });
  await expect(await options.testConnection()).toHaveAttribute('data-problem', 'project_not_found');

  const readOnly = api.createApiKey(['project:read', 'action:read', 'person:read']);
  await options.fill({ url: api.url, projectId: String(api.projectId), apiKey: readOnly });
  await expect(await options.testConnection()).toHaveAttribute('data-problem', 'missing_scopes');
  await expect(options.result()).toContainText('action:write');
  await expect(options.result()).toContainText('element:read');

  await options.fill({ url: 'http://127.0.0.1:9', projectId: '1', apiKey: api.apiKey });
  await expect(await options.testConnection()).toHaveAttribute('data-problem', 'unreachable');
  await screenshot(options.page, 'foundation/options-unreachable');

  await options.fill({ url: api.url, projectId: String(api.projectId), apiKey: api.apiKey });
  await expect(await options.testConnection()).toHaveAttribute('data-ok', 'true');
  await expect(await options.save()).toHaveAttribute('data-ok', 'true');
  await expect(options.result()).toContainText('Saved');
  await expect(options.page.getByLabel('Personal API key')).toHaveAttribute('placeholder', /Saved key phx_…/);
  await screenshot(options.page, 'foundation/options-connected');

  const { page, tabId } = await openDemo(stack.demo.url);
  const popup = await PopupPage.open(extension, tabId);
  await expect(popup.connectionSummary()).toContainText('Synced');
  await expect(popup.connectPrompt()).toBeHidden();
  await screenshot(popup.page, 'foundation/popup-connected');
  await popup.page.close();
  await page.close();
  await options.page.close();
});

test('events keep arriving after the service worker is stopped', async () => {
  const { page, tabId } = await openDemo(stack.demo.url);
  await expect.poll(() => eventNames(tabId), { timeout: 20_000 }).toContain('$pageview');
  const before = (await bufferOf(tabId))!.events.length;

  await extension.stopWorker();
  await page.locator('[data-attr="nav-signup"]').click();
  await expect.poll(async () => (await bufferOf(tabId))?.events.length ?? 0, { timeout: 20_000 }).toBeGreaterThan(before);
  expect(await eventNames(tabId)).toContain('$autocapture');
  await page.close();
});
