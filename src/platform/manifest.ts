/**
 * What the two browsers' manifests differ in. WXT already maps the `sidepanel` entrypoint to
 * Chrome's `side_panel` (adding the `sidePanel` permission) or Firefox's `sidebar_action`, and the
 * background to a service worker or an event page (`background.scripts`); the rest is here.
 */

import { manifestCommands } from './commands';

/** Firefox needs a fixed id for Manifest V3; it is also the id tests preset a page UUID for. */
export const GECKO_ID = 'actionlens@actionlens.dev';

/** Firefox 128 is the first with MAIN-world content scripts (`scripting` `world: 'MAIN'`). */
export const FIREFOX_MIN_VERSION = '128.0';

/** The keys one browser has and the other does not; `permissions` are added to the shared ones. */
export function browserManifest(browser: string) {
  const commands = manifestCommands(browser);
  if (browser !== 'firefox') return { permissions: ['sidePanel'], side_panel: { default_path: 'sidepanel.html' }, commands };
  return {
    permissions: [],
    commands,
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        strict_min_version: FIREFOX_MIN_VERSION,
        // Actionlens sends nothing to its authors: captured events stay in the browser, and the
        // only server it talks to is the project API the user configures, at the user's request.
        data_collection_permissions: { required: ['none'] },
      },
    },
  };
}
