import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { dropDraftIfClosed, forgetTab } from '../src/background/actions';
import { onContextMenuClick, registerContextMenu } from '../src/background/contextMenu';
import { onKeyboardCommand } from '../src/background/keyboardCommands';
import { createHandlers } from '../src/background/handlers';
import { openOnboarding } from '../src/background/onboarding';
import { registerSync } from '../src/background/sync';
import { createCaptureIntake } from '../src/capture/captureIntake';
import { clearTabProblem } from '../src/capture/eventBadge';
import { drainOutbox, forgetOutboxTokens, OUTBOX_KEY_PREFIX } from '../src/capture/unloadOutbox';
import type { CapturedRequest } from '../src/messaging/protocol';
import { forgetTabPersistence } from '../src/identity/persistenceStore';
import { createRouter } from '../src/messaging/router';
import { enableSite, onPermissionsRemoved, reconcileSites } from '../src/site-access/siteAccess';

/** The test build (`npm run build:e2e`, also `npm start`) captures on 127.0.0.1 from the first start. */
const PRESET_SITES = import.meta.env.WXT_TEST_BUILD === '1' ? ['http://127.0.0.1/*'] : [];

export default defineBackground(() => {
  const intake = createCaptureIntake();
  const route = createRouter(createHandlers(intake), {
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/'),
  });

  // Listeners are registered synchronously so a message that wakes the worker is not missed.
  // sendResponse + `return true` keeps the channel open in every browser version we support.
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    void route(message, sender).then(sendResponse);
    return true;
  });
  // A leaving document's last captures, parked in storage.local (see capture/unloadOutbox.ts). The
  // change wakes a stopped worker; the sweep at every start takes what arrived while none ran. An
  // outbox entry's document is gone, so its events join the tab's current page.
  const ingestLeftover = (tabId: number, requests: CapturedRequest[]) => intake.ingest(tabId, requests);
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    const keys = Object.keys(changes).filter((key) => key.startsWith(OUTBOX_KEY_PREFIX) && changes[key]?.newValue !== undefined);
    if (keys.length > 0) void drainOutbox(ingestLeftover, keys);
  });
  void drainOutbox(ingestLeftover);
  registerSync();
  browser.commands.onCommand.addListener((command, tab) => void onKeyboardCommand(command, tab));
  registerContextMenu();
  // Playwright can neither press a command's keys nor click a context menu: the test build lets
  // the e2e tests call the same two listeners from the worker (Chrome) or event page (Firefox).
  if (import.meta.env.WXT_TEST_BUILD === '1') Object.assign(globalThis, { actionlensTest: { onKeyboardCommand, onContextMenuClick } });
  browser.permissions.onRemoved.addListener(() => void onPermissionsRemoved());
  // A page load takes the inspector (and its builder's draft) away; an SPA navigation does not.
  browser.tabs.onUpdated.addListener((tabId, info) => {
    // A key's or the menu's "!" was about the page that is now going away.
    if (info.status === 'loading') void clearTabProblem(tabId);
    if (info.status === 'complete') void dropDraftIfClosed(tabId);
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    void intake.forget(tabId);
    void forgetOutboxTokens(tabId);
    void forgetTabPersistence(tabId);
    void forgetTab(tabId);
  });
  browser.runtime.onStartup.addListener(() => {
    void reconcileSites();
    // Tab ids start afresh with the browser: last session's buffers belong to no tab.
    void intake.forgetAll();
  });
  browser.runtime.onInstalled.addListener(async ({ reason }) => {
    await reconcileSites();
    for (const pattern of PRESET_SITES) await enableSite(pattern);
    await openOnboarding(reason);
  });
});
