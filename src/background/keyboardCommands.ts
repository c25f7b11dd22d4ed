import { browser, type Browser } from 'wxt/browser';
import { OPEN_SIDE_PANEL, TOGGLE_INSPECTOR } from '../platform/commands';
import { openSidePanel } from '../platform/sidePanel';
import { toggleInspector } from './inspector';
import { clearTabProblem, showTabProblem } from '../capture/eventBadge';

/**
 * `commands.onCommand`. The key press grants `activeTab` for the tab, as a click on the toolbar
 * icon does, so the inspector opens on any website exactly as the popup's Inspect button opens it
 * (the site need not be enabled, and no host access is asked for or kept). Firefox's sidebar
 * command is the browser's own (`_execute_sidebar_action`) and never reaches this listener.
 */
export function onKeyboardCommand(command: string, tab?: Browser.tabs.Tab): Promise<void> {
  // sidePanel.open must be called inside the key press's user gesture: nothing awaited before it.
  if (command === OPEN_SIDE_PANEL) return tab?.id != null ? openPanel(tab.id) : withActiveTab(openPanel);
  if (command === TOGGLE_INSPECTOR) return tab?.id != null ? toggleFromKeyboard(tab.id) : withActiveTab(toggleFromKeyboard);
  return Promise.resolve();
}

async function withActiveTab(run: (tabId: number) => Promise<void>): Promise<void> {
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  if (active?.id != null) await run(active.id);
}

async function openPanel(tabId: number): Promise<void> {
  try {
    await openSidePanel(tabId);
  } catch (error) {
    await showTabProblem(tabId, `the side panel did not open (${error instanceof Error ? error.message : String(error)})`);
  }
}

async function toggleFromKeyboard(tabId: number): Promise<void> {
  try {
    await toggleInspector(tabId);
    await clearTabProblem(tabId);
  } catch (error) {
    await showTabProblem(tabId, error instanceof Error ? error.message : String(error));
  }
}
