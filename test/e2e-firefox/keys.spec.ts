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

type Call = { hook: 'command'; tabId: number } | { hook: 'menu'; tabId: number };
/** Calls the event page's listener; runs in an extension page, so it closes over nothing. */
const callBackground = (call: Call) =>
  extension.evaluate(async (apis, { hook, tabId }) => {
    const hooks = ((await apis.runtime.getBackgroundPage()) as unknown as { actionlensTest: Record<string, (...args: unknown[]) => Promise<void>> }).actionlensTest;
    if (hook === 'command') await hooks.onKeyboardCommand!('toggle-inspector', { id: tabId });
    else await hooks.onContextMenuClick!({ menuItemId: 'inspect-element', frameId: 0 }, { id: tabId });
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
