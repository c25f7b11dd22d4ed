import { expect, test, type Worker } from '@playwright/test';
import { InspectorPage } from './pages/inspector';
import { PopupPage } from './pages/popup';
import { DemoSitePage } from './support/demoSite';
import { launchExtension, tabIdOf, type LoadedExtension } from './support/extension';
import { screenshot } from './support/screenshots';
import { startStack, type Stack } from './support/stack';

/**
 * Keyboard commands and the context menu. Playwright can neither press a command's keys nor click
 * a browser menu, so the test build exposes the background's two listeners (`actionlensTest`, see
 * entrypoints/background.ts) and the tests call them as the browser would; the right-click itself
 * is real, so the content script remembers the element as it would for a user.
 */

test.describe.configure({ mode: 'serial' });

let stack: Stack;
let extension: LoadedExtension;

test.beforeAll(async () => {
  stack = await startStack();
  extension = await launchExtension();
});

test.afterAll(async () => {
  await extension?.close();
  await stack?.close();
});

interface TestHooks {
  onKeyboardCommand(command: string, tab: { id: number }): Promise<void>;
  onContextMenuClick(info: { menuItemId: string; frameId: number }, tab: { id: number }): Promise<void>;
}

const command = (worker: Worker, name: string, tabId: number) =>
  worker.evaluate(([name, id]) => (globalThis as unknown as { actionlensTest: TestHooks }).actionlensTest.onKeyboardCommand(name, { id }), [name, tabId] as const);
const menuClick = (worker: Worker, tabId: number) =>
  worker.evaluate((id) => (globalThis as unknown as { actionlensTest: TestHooks }).actionlensTest.onContextMenuClick({ menuItemId: 'inspect-element', frameId: 0 }, { id }), tabId);

test('the inspector command toggles; the menu item pins the right-clicked element; the popup lists the shortcuts', async () => {
  const site = new DemoSitePage(await extension.context.newPage(), stack.demo.url);
  await site.open('/');
  const tabId = await tabIdOf(extension, site.page.url());
  const inspector = new InspectorPage(site.page);
  const worker = await extension.worker();

  await command(worker, 'toggle-inspector', tabId);
  await inspector.waitOpen();
  await command(worker, 'toggle-inspector', tabId);
  await expect(inspector.host()).toHaveCount(0);

  // Closed: the menu opens the inspector pinned on what was right-clicked (its button, from the label).
  await site.page.getByRole('button', { name: 'See pricing' }).click({ button: 'right' });
  await menuClick(worker, tabId);
  await inspector.waitOpen();
  await expect(inspector.field('panel-text')).toHaveText('See pricing');
  // Open: the menu moves the pin and leaves the inspector open.
  await site.heroCta().click({ button: 'right' });
  await menuClick(worker, tabId);
  await expect(inspector.field('panel-text')).toHaveText('Start free trial');
  await expect(inspector.field('panel-selector')).toHaveText('[data-attr="hero-start-trial"]');
  await screenshot(site.page, 'keys/context-menu-pinned', { fullPage: false });

  const popup = await PopupPage.open(extension, tabId);
  await expect(popup.shortcut('toggle-inspector')).toHaveText('Inspector Alt+Shift+L');
  await expect(popup.shortcut('open-side-panel')).toHaveText('Side panel Alt+Shift+O');
  await expect(popup.page.getByTestId('change-shortcuts')).toBeVisible();
  await screenshot(popup.page, 'keys/popup-shortcuts');
});

test('where the inspector cannot run, the command leaves a "!" on the icon with the reason', async () => {
  const worker = await extension.worker();
  // Opened by the extension, which learns its id (without `tabs` it could not read a browser page's URL).
  const tabId = await worker.evaluate(async () => {
    const tabs = (globalThis as unknown as { chrome: { tabs: { create(p: object): Promise<{ id: number; status?: string }> } } }).chrome.tabs;
    return (await tabs.create({ url: 'chrome://version' })).id;
  });
  // Loaded first: a page load clears the "!".
  await expect.poll(() => worker.evaluate(async (id) => (await (globalThis as unknown as { chrome: { tabs: { get(id: number): Promise<{ status?: string }> } } }).chrome.tabs.get(id)).status, tabId)).toBe('complete');
  await command(worker, 'toggle-inspector', tabId);
  const badgeOf = () =>
    worker.evaluate(async (id) => {
      const action = (globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string>; getTitle(d: object): Promise<string> } } }).chrome.action;
      return { text: await action.getBadgeText({ tabId: id }), title: await action.getTitle({ tabId: id }) };
    }, tabId);
  const badge = await badgeOf();
  expect(badge.text).toBe('!');
  expect(badge.title).toContain('The inspector cannot run on this page');

  // The next page of that tab shows the event count again, and the tooltip is ours.
  await worker.evaluate(([id, url]) => (globalThis as unknown as { chrome: { tabs: { update(id: number, p: object): Promise<unknown> } } }).chrome.tabs.update(id, { url }), [tabId, `${stack.demo.url}/`] as const);
  await expect.poll(badgeOf).toEqual({ text: expect.stringMatching(/^[1-9]\d*$/), title: 'Actionlens' });
});

/** The id of the tab's frame showing `pathname` (the worker asks every frame where it is). */
const frameIdOf = (worker: Worker, tabId: number, pathname: string) =>
  worker.evaluate(
    async ([id, wanted]) => {
      const scripting = (globalThis as unknown as { chrome: { scripting: { executeScript(i: object): Promise<{ frameId: number; result: string }[]> } } }).chrome.scripting;
      const frames = await scripting.executeScript({ target: { tabId: id, allFrames: true }, func: () => location.pathname });
      return frames.find((frame) => frame.result === wanted)?.frameId ?? null;
    },
    [tabId, pathname] as const,
  );

test('a right-click in a same-origin frame: the menu item opens the inspector pinned on that element', async () => {
  const site = new DemoSitePage(await extension.context.newPage(), stack.demo.url);
  // Its own address: other tabs of this file show the landing page too.
  await site.open('/?framed');
  const tabId = await tabIdOf(extension, site.page.url());
  // A frame of the site's own pricing page, as a site might embed one of its pages.
  await site.page.evaluate((src) => {
    const frame = document.createElement('iframe');
    frame.src = src;
    frame.style.cssText = 'width:1000px;height:700px;display:block';
    document.querySelector('main')!.prepend(frame);
  }, `${stack.demo.url}/pricing`);
  const plan = site.page.frameLocator('iframe').getByRole('button', { name: 'Choose plan' }).nth(1);
  await expect(plan).toBeVisible();
  const worker = await extension.worker();
  // The frame's id, as the menu's click data would carry it.
  let frameId = null as number | null;
  await expect.poll(async () => (frameId = await frameIdOf(worker, tabId, '/pricing'))).not.toBeNull();

  await plan.click({ button: 'right' });
  await worker.evaluate(
    ([id, frame]) => (globalThis as unknown as { actionlensTest: TestHooks }).actionlensTest.onContextMenuClick({ menuItemId: 'inspect-element', frameId: frame }, { id }),
    [tabId, frameId!] as const,
  );
  const inspector = new InspectorPage(site.page);
  await inspector.waitOpen();
  await expect(inspector.field('panel-text')).toHaveText('Choose plan');
  await screenshot(site.page, 'keys/context-menu-frame-pinned', { fullPage: false });
});
