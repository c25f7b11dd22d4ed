import { defineContentScript } from 'wxt/utils/define-content-script';
import { startContentBridge } from '../../src/capture/contentBridge';
import { watchPersistence } from '../../src/identity/watchPersistence';
import { sendMessage } from '../../src/messaging/sendMessage';
import { rememberContextTarget } from '../../src/overlay/inspect/contextTarget';

/** Isolated-world bridge between the page-world collector and the background. */
export default defineContentScript({
  registration: 'runtime',
  runAt: 'document_start',
  main() {
    // The SDK's persistence is the top document's (same-origin frames share it).
    const persistence = window === window.top ? watchPersistence(window, (snapshots) => sendMessage('identity.persistence', { snapshots })) : null;
    startContentBridge(window, { onCapture: () => persistence?.afterCapture() });
    // For the context menu's "Inspect this element": the inspector pins what was right-clicked.
    rememberContextTarget(window);
  },
});
