import { defineContentScript } from 'wxt/utils/define-content-script';
import { startContentBridge } from '../../src/capture/contentBridge';

/** Isolated-world bridge between the page-world collector and the background. */
export default defineContentScript({
  registration: 'runtime',
  runAt: 'document_start',
  main() {
    startContentBridge(window);
  },
});
