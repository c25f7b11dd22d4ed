import { defineContentScript } from 'wxt/utils/define-content-script';
import { toggleInspector } from '../../src/overlay/toggleInspector';

/**
 * The inspector overlay, injected on demand by the background (`inspector.toggle`, through
 * `scripting.executeScript`): nothing of it runs on a page until the user opens it. Injected again,
 * it closes. Isolated world: the page's scripts never see the overlay's code or state.
 *
 * No `matches`: WXT adds a runtime script's matches to the manifest's `host_permissions`, and the
 * inspector needs none: `activeTab` (the popup click) or the site being enabled gives access.
 */
export default defineContentScript({
  registration: 'runtime',
  main: (ctx) => toggleInspector(ctx),
});
