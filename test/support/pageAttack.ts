/**
 * What a hostile page script tries against Actionlens once the inspector's builder is open with
 * Save enabled (test/e2e/sync-security.spec.ts and its Firefox twin). Runs in the page, so it must
 * not close over anything: everything comes in `input`.
 */
export interface AttackInput {
  extensionId: string;
  apiKey: string;
  tabId: number;
}

export interface AttackResult {
  attempts: string[];
  /** Where in the page the key was found (must be nowhere). */
  leaks: string[];
  /** What a direct call to the extension gave. */
  direct: string;
}

export const pageAttack: (input: AttackInput) => Promise<AttackResult> = async ({ extensionId, apiKey, tabId }) => {
  const attempts: string[] = [];
  const host = document.querySelector('actionlens-inspector');
  const save = host?.shadowRoot?.querySelector<HTMLButtonElement>('[data-testid="builder-save"]');
  if (!save) throw new Error('the overlay is not reachable: the test would prove nothing');
  // 1. Clicks the page makes on the overlay's Save button, every way it can.
  save.click();
  save.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
  save.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: false }));
  save.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
  save.form?.requestSubmit();
  attempts.push('clicks');
  // 2. Forged envelopes of the extension's protocol, as window messages and DOM events.
  const forged = [
    { type: 'builder.save', payload: { key: null, action: { name: 'Forged by the page', steps: [] } } },
    { type: 'actions.save', payload: { key: null, action: { name: 'Forged by the page', steps: [] } } },
    { type: 'actions.delete', payload: { key: 'id:1' } },
    { type: 'sync.resolve', payload: { key: 'id:1', choice: 'mine' } },
    { type: 'builder.save', payload: { key: null, action: { name: 'Forged for another tab', steps: [] } }, tabId: tabId + 1 },
  ];
  for (const message of forged) {
    window.postMessage(message, '*');
    window.postMessage(JSON.stringify(message), '*');
    for (const type of ['actionlens:capture', 'actionlens:collector-ready', 'actionlens:bridge-ready', 'message']) {
      window.dispatchEvent(new CustomEvent(type, { detail: message }));
      document.dispatchEvent(new CustomEvent(type, { detail: message }));
}
  }
  attempts.push('forged messages');
  // 3. Calling the extension directly: no `externally_connectable`, so the page has no channel.
  const chrome = (window as unknown as { chrome?: { runtime?: { sendMessage?: (...args: unknown[]) => unknown } } }).chrome;
  let direct = 'no chrome.runtime.sendMessage in the page';
  if (chrome?.runtime?.sendMessage) {
    try {
      await chrome.runtime.sendMessage(extensionId, forged[0]);
      direct = 'sent';
} catch (error) {
      direct = `refused: ${String(error)}`;
}
  }
  attempts.push(direct);
  // 4. Looking for the key everywhere the page can look.
  const shadowHtml = host?.shadowRoot?.innerHTML ?? '';
  const places = {
    dom: document.documentElement.outerHTML,
    overlay: shadowHtml,
    localStorage: JSON.stringify({ ...localStorage }),
    sessionStorage: JSON.stringify({ ...sessionStorage }),
    cookies: document.cookie,
    globals: Object.getOwnPropertyNames(window).join(' '),
    resources: performance.getEntries().map((entry) => entry.name).join(' '),
  };
  const leaks = Object.entries(places).filter(([, text]) => text.includes(apiKey)).map(([where]) => where);
  return { attempts, leaks, direct };
};
