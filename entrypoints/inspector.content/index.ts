import { defineContentScript } from 'wxt/utils/define-content-script';
import { toggleInspector } from '../../src/overlay/toggleInspector';

/**
 * The inspector overlay, injected on demand by the background (`inspector.toggle`, through
 * `scripting.executeScript`): nothing of it runs on a page until the user opens it. Injected again,
 * it closes. Isolated world: the page's scripts never see the overlay's code or state.
 */
export default defineContentScript({
  registration: 'runtime',
  main: (ctx) => toggleInspector(ctx),
});
