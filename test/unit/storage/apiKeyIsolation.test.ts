import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHandlers } from '../../../src/background/handlers';
import { createCaptureIntake } from '../../../src/capture/captureIntake';
import { createRouter, type Sender } from '../../../src/messaging/router';
import { currentContext } from '../../../src/platform/extensionContext';
import { SecretAccessError, readApiKey, writeApiKey } from '../../../src/storage/secretStore';

/**
 * The personal API key may be read by the background and the options page only. Content scripts
 * share `browser.storage.local` (and can be given `storage.session`), so the key must never be in
 * any storage area; it lives in the extension origin's IndexedDB, which a content script (running
 * with the page's origin) cannot open, and our own code refuses to read it anywhere else.
 */

const KEY = 'phx_super_secret_key_0123456789';
const ORIGIN = `chrome-extension://${fakeBrowser.runtime.id}`;

type Scope = typeof globalThis;
const scope = (url: string, withDocument: boolean) => ({ location: new URL(url), ...(withDocument ? { document: {} } : {}) }) as unknown as Scope;

const contexts = {
  background: scope(`${ORIGIN}/`, false),
  'firefox event page': scope(`${ORIGIN}/_generated_background_page.html`, true),
  options: scope(`${ORIGIN}/options.html`, true),
  popup: scope(`${ORIGIN}/popup.html?tabId=3`, true),
  'side panel': scope(`${ORIGIN}/sidepanel.html`, true),
  'content script': scope('https://shop.example/checkout', true),
  'web page': scope('http://127.0.0.1:8020/', true),
};

async function everyStorageArea(): Promise<string> {
  const areas = await Promise.all([
    fakeBrowser.storage.local.get(null),
    fakeBrowser.storage.sync.get(null),
    fakeBrowser.storage.session.get(null),
  ]);
  return JSON.stringify(areas);
}

describe('the stored API key', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    // The fake browser has no permissions API; the connection test needs one answer from it.
    vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async () => true);
    await writeApiKey(KEY, contexts.background);
  });
  afterEach(() => vi.restoreAllMocks());

  it.each([
    ['background', true],
    ['firefox event page', true],
    ['options', true],
    ['popup', false],
    ['side panel', false],
    ['content script', false],
    ['web page', false],
  ] as const)('%s can read it: %s', async (context, readable) => {
    if (readable) await expect(readApiKey(contexts[context])).resolves.toBe(KEY);
    else await expect(readApiKey(contexts[context])).rejects.toBeInstanceOf(SecretAccessError);
  });

  it('classifies contexts from their global scope', () => {
    expect(currentContext(contexts.background)).toBe('background');
    expect(currentContext(contexts['firefox event page'])).toBe('background');
    expect(currentContext(contexts.options)).toBe('options');
    expect(currentContext(contexts.popup)).toBe('extension-page');
    expect(currentContext(contexts['content script'])).toBe('web');
    expect(currentContext({} as Scope)).toBe('web');
  });

  it('never reaches a storage area or another context through the message protocol', async () => {
    vi.stubGlobal('location', contexts.background.location);
    const route = createRouter(createHandlers(createCaptureIntake()), {
      extensionId: fakeBrowser.runtime.id,
      extensionOrigin: `${ORIGIN}/`,
    });
    const options = { id: fakeBrowser.runtime.id, url: `${ORIGIN}/options.html` };
    const popup = { id: fakeBrowser.runtime.id, url: `${ORIGIN}/popup.html` };
    const content = { id: fakeBrowser.runtime.id, url: 'https://shop.example/', tab: { id: 4 } } as Sender;

    // Saving from the options page (the connection test fails: nothing listens on port 9).
    const draft = { target: 'local', host: 'http://127.0.0.1:9', projectId: '1', apiKey: KEY };
    const saved = await route({ type: 'connection.save', payload: { draft } }, options);
    expect(saved.ok).toBe(true);
    expect(JSON.stringify(saved)).not.toContain(KEY);
    expect(await everyStorageArea()).not.toContain(KEY);
    expect(await readApiKey(contexts.background)).toBe(KEY);

    // What the popup can ask for holds a hint, not the key.
    const seen = await route({ type: 'connection.get', payload: {} }, popup);
    expect(seen).toMatchObject({ ok: true, value: { keyHint: 'phx_…6789', host: 'http://127.0.0.1:9' } });
    expect(JSON.stringify(seen)).not.toContain(KEY);

    // A content script may not even ask.
    expect((await route({ type: 'connection.get', payload: {} }, content)).ok).toBe(false);
    expect((await route({ type: 'connection.save', payload: { draft } }, content)).ok).toBe(false);
    expect((await route({ type: 'connection.save', payload: { draft } }, popup)).ok).toBe(false);
    vi.unstubAllGlobals();
  });
});
