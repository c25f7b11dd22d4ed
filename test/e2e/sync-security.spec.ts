import { expect, test } from '@playwright/test';
import { InspectorPage } from './pages/inspector';
import { connectToStack } from './support/connect';
import { DemoSitePage } from './support/demoSite';
import { launchExtension, tabIdOf, type LoadedExtension } from './support/extension';
import { createAction } from './support/projectActions';
import { startStack, type Stack } from './support/stack';
import { pageAttack } from '../support/pageAttack';

/**
 * A page script is hostile: it must not obtain the API key, and nothing it does may make the
 * extension write to the project API — forged window messages and DOM events, clicks it makes on
 * the overlay's own Save button (the overlay's shadow root is open), direct calls to the extension,
 * and messages claiming to be the overlay or another tab. The local API's fault switch, with every
 * rate at 0, counts what reaches `/actions`: not one write may arrive until the user clicks.
 */

let stack: Stack;
let extension: LoadedExtension;

test.beforeAll(async () => {
  stack = await startStack();
  extension = await launchExtension();
  await connectToStack(extension, stack);
});

test.afterAll(async () => {
  await extension?.close();
  await stack?.close();
});

interface ChromeApi {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  storage: { local: { get(keys: null): Promise<Record<string, unknown>> }; session: { get(keys: null): Promise<Record<string, unknown>> } };
}

const writes = () => stack.api.faults.log().filter((entry) => entry.method !== 'GET');

test('a page script cannot read the key or make the extension write to the project API', async () => {
  const action = await createAction(stack.api, { name: 'Viewed pricing', steps: [{ event: '$pageview', url: '/pricing' }] });
  const site = new DemoSitePage(await extension.context.newPage(), stack.demo.url);
  await site.open('/');
  const tabId = await tabIdOf(extension, site.page.url());
  const popup = await extension.openPage(`popup.html?tabId=${tabId}`);
  // The builder open on a valid action, Save enabled: the most a page could hope to abuse.
  const reply = await popup.evaluate(
    ({ tab, key }) => (globalThis as unknown as { chrome: ChromeApi }).chrome.runtime.sendMessage({ type: 'actions.edit', payload: { tabId: tab, key } }),
    { tab: tabId, key: `id:${action.id}` },
  );
  expect(reply).toEqual({ ok: true, value: { open: true } });
  await site.page.bringToFront();
  const inspector = new InspectorPage(site.page);
  const builder = inspector.host().getByTestId('action-builder');
  await expect(builder.getByTestId('builder-name')).toHaveValue('Viewed pricing');
  await builder.getByTestId('builder-name').fill('Renamed by the user');
  await expect(builder.getByTestId('builder-save')).toBeEnabled();
  stack.api.faults.set({});

  const extensionId = extension.extensionId;
  const apiKey = stack.api.apiKey;
  const found = await site.page.evaluate(
    pageAttack,
    { extensionId, apiKey, tabId },
  );
  expect(found.leaks).toEqual([]);
  expect(found.direct).not.toBe('sent');

  // 5. Extension pages may not speak for the overlay or for another tab.
  const asOverlay = await popup.evaluate(
    () => (globalThis as unknown as { chrome: ChromeApi }).chrome.runtime.sendMessage({ type: 'builder.save', payload: { key: null, action: { name: 'From the popup', steps: [] } } }),
  );
  expect(asOverlay).toMatchObject({ ok: false });

  // The key is in no storage area a content script can read.
  const worker = await extension.worker();
  const stored = await worker.evaluate(async () => {
    const chrome = (globalThis as unknown as { chrome: ChromeApi }).chrome;
    return JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.session.get(null)]);
  });
  expect(stored).not.toContain(apiKey);

  // Give anything that slipped through time to arrive: nothing did.
  await site.page.waitForTimeout(1500);
  expect(writes()).toEqual([]);
  const names = (await (await fetch(`${stack.api.url}/api/projects/${stack.api.projectId}/actions/`, { headers: { authorization: `Bearer ${apiKey}` } })).json()) as {
    results: Array<{ name: string }>;
  };
  expect(names.results.map((a) => a.name)).toEqual(['Viewed pricing']);

  // The user's own click still saves, through the same button.
  await builder.getByTestId('builder-save').click();
  await expect(builder.getByTestId('builder-result')).toHaveAttribute('data-sent', 'true');
  expect(writes().map((entry) => entry.method)).toEqual(['PATCH']);
});
