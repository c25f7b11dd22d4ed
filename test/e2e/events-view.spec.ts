import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { PopupPage } from './pages/popup';
import { DemoSitePage } from './support/demoSite';
import { launchExtension, tabIdOf, type LoadedExtension } from './support/extension';
import { screenshot } from './support/screenshots';
import { startStack, type Stack } from './support/stack';
import { readTabEvents } from './support/tabBuffer';

/** The Events view over a real session on the demo site: filters, detail, pause, export, pages. */

let stack: Stack;
let extension: LoadedExtension;
let site: Page;
let tabId: number;
let popup: PopupPage;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  stack = await startStack();
  extension = await launchExtension();
  site = await extension.context.newPage();
  const demo = new DemoSitePage(site, stack.demo.url);
  await demo.open('/');
  tabId = await tabIdOf(extension, site.url());
  await demo.heroCta().click();
  await demo.signUp({ name: 'Ada Lovelace', email: 'ada@example.com', password: 'correct horse battery', company: 'Analytical Engines' });
  await expect.poll(async () => (await readTabEvents(extension, tabId)).events.map((e) => e.event), { timeout: 20_000 }).toContain('$identify');
  popup = await PopupPage.open(extension, tabId);
});

test.afterAll(async () => {
  await extension?.close();
  await stack?.close();
});

test('lists the session newest first, with the clicked element readable in the detail', async () => {
  const buffer = await readTabEvents(extension, tabId);
  await expect(popup.eventCount()).toHaveText(`${buffer.events.length} events`);
  await expect(popup.rows().first()).toContainText(buffer.events.at(-1)!.event);
  await popup.search('hero-start-trial');
  await popup.openEvent('$autocapture');
  const elements = popup.page.getByTestId('elements');
  await expect(elements).toContainText('button');
  await expect(elements).toContainText('[data-attr="hero-start-trial"]');
  await expect(popup.page.getByTestId('event-detail')).toContainText('gzip');
  await screenshot(popup.page, 'events-view/detail-autocapture');
  await popup.search('');
  await popup.page.getByRole('button', { name: 'Close event details' }).click();
});

test('filters by category, by name and by free text across properties', async () => {
  const buffer = await readTabEvents(extension, tabId);
  const total = buffer.events.length;
  const autocaptures = buffer.events.filter((e) => e.event === '$autocapture').length;
  await popup.toggleCategory('Autocapture');
  await expect(popup.eventCount()).toHaveText(`${total - autocaptures} of ${total} events`);
  await expect(popup.eventList()).not.toContainText('$autocapture');
  await popup.toggleCategory('Autocapture');

  await popup.search('ada@example.com');
  await expect(popup.eventList()).toContainText('$identify');
  await expect(popup.eventList()).not.toContainText('$autocapture');
  await popup.search('');

  await popup.pickName('$pageview');
  const pageviews = buffer.events.filter((e) => e.event === '$pageview').length;
  await expect(popup.eventCount()).toHaveText(`${pageviews} of ${total} events`);
  await popup.pickName('$pageview');
  await expect(popup.eventCount()).toHaveText(`${total} events`);
});

test('pause holds new events until resumed', async () => {
  const before = (await readTabEvents(extension, tabId)).events.length;
  await popup.page.getByTestId('pause').click();
  await site.evaluate(() => (window as unknown as { posthog: { capture(name: string): void } }).posthog.capture('while_paused'));
  await expect.poll(async () => (await readTabEvents(extension, tabId)).events.length, { timeout: 20_000 }).toBeGreaterThan(before);
  await expect(popup.page.getByTestId('pause')).toHaveText(/Resume \(\d+ new\)/);
  await expect(popup.eventList()).not.toContainText('while_paused');
  await popup.page.getByTestId('pause').click();
  await expect(popup.eventList()).toContainText('while_paused');
});

test('exports the shown events as JSON and CSV', async () => {
  const buffer = await readTabEvents(extension, tabId);
  const [json] = await Promise.all([popup.page.waitForEvent('download'), popup.page.getByRole('button', { name: 'JSON' }).click()]);
  const exported = JSON.parse(readFileSync((await json.path())!, 'utf8')) as { uuid: string; event: string }[];
  expect(exported.map((e) => e.uuid).sort()).toEqual(buffer.events.map((e) => e.uuid).sort());
  const [csv] = await Promise.all([popup.page.waitForEvent('download'), popup.page.getByRole('button', { name: 'CSV' }).click()]);
  const lines = readFileSync((await csv.path())!, 'utf8').trim().split('\r\n');
  expect(lines[0]).toBe('timestamp,event,distinct_id,uuid,current_url,lib_version,token,transport,properties');
  expect(lines).toHaveLength(buffer.events.length + 1);
});

test('follows the tab across a full navigation and marks the new page', async () => {
  await site.goto(`${stack.demo.url}/pricing`);
  await expect.poll(async () => (await readTabEvents(extension, tabId)).pages.length, { timeout: 20_000 }).toBeGreaterThan(1);
  await expect(popup.page.locator('.page-boundary').first()).toContainText('/pricing');
  await screenshot(popup.page, 'events-view/page-boundary');
});

test('a request that looks like PostHog but is broken is listed as undecodable, with the reason', async () => {
  await site.evaluate((api) => fetch(`${api}/e/`, { method: 'POST', body: '{"event": "broken', headers: { 'content-type': 'application/json' } }).catch(() => undefined), stack.api.url);
  await expect(popup.page.getByTestId('undecodable')).toContainText('could not be decoded');
  await popup.page.getByTestId('undecodable').locator('summary').click();
  await expect(popup.page.getByTestId('undecodable')).toContainText('JSON');
});

test('a page forging captures only ever fills its own tab, and only up to the rate limit', async () => {
  const other = await extension.context.newPage();
  await other.goto(`${stack.demo.url}/login`);
  const otherTab = await tabIdOf(extension, other.url());
  await expect.poll(async () => (await readTabEvents(extension, otherTab)).events.length, { timeout: 20_000 }).toBeGreaterThan(0);
  const otherBefore = (await readTabEvents(extension, otherTab)).events.length;
  const before = (await readTabEvents(extension, tabId)).events.length;

  await site.evaluate(() => {
    for (let i = 0; i < 1000; i++) {
      const body = JSON.stringify({ uuid: `forged-${i}`, event: 'forged', properties: { distinct_id: 'x', token: 'phc_forged' } });
      const detail = JSON.stringify({ id: `f${i}`, url: `${location.origin}/e/`, method: 'POST', contentType: 'application/json', transport: 'fetch', sentAt: Date.now(), body: { kind: 'text', text: body } });
      window.dispatchEvent(new CustomEvent('actionlens:capture', { detail }));
    }
  });
  await expect.poll(async () => (await readTabEvents(extension, tabId)).events.filter((e) => e.event === 'forged').length, { timeout: 20_000 }).toBeGreaterThan(0);
  await site.waitForTimeout(1500);
  const forged = (await readTabEvents(extension, tabId)).events.filter((e) => e.event === 'forged').length;
  expect(forged).toBeLessThanOrEqual(300);
  expect((await readTabEvents(extension, tabId)).events.length).toBeLessThanOrEqual(before + 300 + 20);
  expect((await readTabEvents(extension, otherTab)).events.filter((e) => e.event === 'forged')).toEqual([]);
  expect((await readTabEvents(extension, otherTab)).events.length).toBeGreaterThanOrEqual(otherBefore);
  await other.close();
});
