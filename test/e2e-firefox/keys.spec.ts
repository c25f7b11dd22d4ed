import { expect, test } from '@playwright/test';
import { startStack, type Stack } from '../e2e/support/stack';
import { InspectorPage } from './pages/inspector';
import { PopupPage } from './pages/popup';
import { launchFirefoxExtension, screenshot, type FirefoxExtension } from './support/firefox';

/**
 * Keyboard commands and the context menu in Firefox: the twin of test/e2e/keys.spec.ts. The test
 * build puts the background's two listeners on its event page (`actionlensTest`); the tests call
 * them as Firefox would, after a real right-click on the page.
 */

test.describe.configure({ mode: 'serial' });

let stack: Stack;
let extension: FirefoxExtension;

test.beforeAll(async () => {
  stack = await startStack();
  extension = await launchFirefoxExtension();
});

test.afterAll(async () => {
  await extension?.close();
  await stack?.close();
});

const HERO_CTA = '[data-attr="hero-start-trial"]';
const SEE_PRICING = '.hero-actions .btn-secondary';

type Call = { hook: 'command'; tabId: number } | { hook: 'menu'; tabId: number; frameId?: number };
/** Calls the event page's listener; runs in an extension page, so it closes over nothing. */
const callBackground = (call: Call) =>
  extension.evaluate(async (apis, call) => {
    const hooks = ((await apis.runtime.getBackgroundPage()) as unknown as { actionlensTest: Record<string, (...args: unknown[]) => Promise<void>> }).actionlensTest;
    if (call.hook === 'command') await hooks.onKeyboardCommand!('toggle-inspector', { id: call.tabId });
    else await hooks.onContextMenuClick!({ menuItemId: 'inspect-element', frameId: call.frameId ?? 0 }, { id: call.tabId });
  }, call);

test('the inspector command toggles; the menu item pins the right-clicked element; the popup lists the shortcuts', async () => {
  const { page, tabId } = await extension.openSite(new URL('/', stack.demo.url).href);
  await page.waitForSelector(SEE_PRICING, { visible: true });
  const inspector = new InspectorPage(page);

  await callBackground({ hook: 'command', tabId });
  await inspector.waitOpen();
  await callBackground({ hook: 'command', tabId });
  await inspector.waitClosed();

  await page.click(SEE_PRICING, { button: 'right' });
  await callBackground({ hook: 'menu', tabId });
  await inspector.waitOpen();
  await inspector.waitText('panel-text', 'See pricing');
  await page.click(HERO_CTA, { button: 'right' });
  await callBackground({ hook: 'menu', tabId });
  await inspector.waitText('panel-text', 'Start free trial');
  await screenshot(page, 'keys/context-menu-pinned', { fullPage: false });

  const popup = await PopupPage.open(extension, tabId);
  expect(await popup.shortcut('toggle-inspector')).toBe('Inspector Alt+Shift+L');
  expect(await popup.shortcut('_execute_sidebar_action')).toBe('Sidebar Alt+Shift+O');
  // Firefox ESR 140 has commands.openShortcutSettings(), so the way to change them is offered.
  expect(await popup.page.$('[data-testid="change-shortcuts"]')).not.toBeNull();
  await screenshot(popup.page, 'keys/popup-shortcuts');
});

test('a right-click in a same-origin frame: the menu item opens the inspector pinned on that element', async () => {
  // Its own address: the first test's tab shows the landing page too.
  const { page, tabId } = await extension.openSite(new URL('/?framed', stack.demo.url).href);
  await page.waitForSelector(SEE_PRICING, { visible: true });
  const frameUrl = new URL('/pricing', stack.demo.url).href;
  await page.evaluate((src) => {
    const frame = document.createElement('iframe');
    frame.src = src;
    frame.style.cssText = 'width:1000px;height:700px;display:block';
    document.querySelector('main')!.prepend(frame);
  }, frameUrl);
  const frameIdOf = () =>
    extension.evaluate(async (apis, id) => {
      const frames = await apis.scripting.executeScript({ target: { tabId: id, allFrames: true }, func: () => location.pathname });
      return frames.find((frame) => frame.result === '/pricing')?.frameId ?? null;
    }, tabId);
  let frameId = null as number | null;
  await expect.poll(async () => (frameId = await frameIdOf()) !== null && (await page.frames().find((f) => f.url() === frameUrl)?.$('.plan-card--featured button')) != null, { timeout: 15_000 }).toBe(true);

  // A right-click at the user's point (Firefox ESR 140 refuses BiDi clicks located in a frame).
  const frame = page.frames().find((f) => f.url() === frameUrl)!;
  const inFrame = await frame.$eval('.plan-card--featured button', (button) => {
    const box = button.getBoundingClientRect();
    return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
  });
  const origin = await page.$eval('iframe', (iframe) => {
    const box = iframe.getBoundingClientRect();
    return { x: box.left + iframe.clientLeft, y: box.top + iframe.clientTop };
  });
  await page.mouse.click(origin.x + inFrame.x, origin.y + inFrame.y, { button: 'right' });
  await callBackground({ hook: 'menu', tabId, frameId: frameId! });
  const inspector = new InspectorPage(page);
  await inspector.waitOpen();
  await inspector.waitText('panel-text', 'Choose plan');
  await screenshot(page, 'keys/context-menu-frame-pinned', { fullPage: false });
});
