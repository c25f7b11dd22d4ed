import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createHandlers } from '../src/background/handlers';
import { createCaptureIntake } from '../src/capture/captureIntake';
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
  browser.permissions.onRemoved.addListener(() => void onPermissionsRemoved());
  browser.tabs.onRemoved.addListener((tabId) => void intake.forget(tabId));
  browser.runtime.onStartup.addListener(() => {
    void reconcileSites();
    // Tab ids start afresh with the browser: last session's buffers belong to no tab.
    void intake.forgetAll();
  });
  browser.runtime.onInstalled.addListener(async () => {
    await reconcileSites();
    for (const pattern of PRESET_SITES) await enableSite(pattern);
  });
});
