import { defineContentScript } from 'wxt/utils/define-content-script';
import { installCollector } from '../src/capture/pageCollector';

/**
 * Page-world collector. Registered at runtime for enabled sites only (see siteAccess), in the MAIN
 * world at document_start: posthog-js keeps its own `fetch` reference from load time.
 */
export default defineContentScript({
  registration: 'runtime',
  world: 'MAIN',
  runAt: 'document_start',
  main() {
    installCollector(window);
  },
});
