import { expect, test } from '@playwright/test';
import { startStack, type Stack } from '../e2e/support/stack';
import { createAction } from '../e2e/support/projectActions';
import { pageAttack } from '../support/pageAttack';
import { InspectorPage } from './pages/inspector';
import { connectToStack } from './support/connect';
import { EXTENSION_UUID, launchFirefoxExtension, type FirefoxExtension } from './support/firefox';

/** test/e2e/sync-security.spec.ts in Firefox: the same hostile page script, the same verdict. */

let stack: Stack;
let extension: FirefoxExtension;

test.beforeAll(async () => {
  stack = await startStack();
  extension = await launchFirefoxExtension();
  await connectToStack(extension, stack);
});

test.afterAll(async () => {
  await extension?.close();
  await stack?.close();
});

const writes = () => stack.api.faults.log().filter((entry) => entry.method !== 'GET');

test('a page script cannot read the key or make the extension write to the project API', async () => {
  const action = await createAction(stack.api, { name: 'Viewed pricing', steps: [{ event: '$pageview', url: '/pricing' }] });
  const { page, tabId } = await extension.openSite(`${stack.demo.url}/`);
  const reply = await extension.evaluate((apis, payload) => apis.runtime.sendMessage({ type: 'actions.edit', payload }), { tabId, key: `id:${action.id}` });
  expect(reply).toEqual({ ok: true, value: { open: true } });
  await page.bringToFront();
  const inspector = new InspectorPage(page);
  await inspector.waitAttribute('builder-name', 'value', 'Viewed pricing');
  await inspector.fill('builder-name', 'Renamed by the user');
  stack.api.faults.set({});

  const found = await page.evaluate(pageAttack, { extensionId: EXTENSION_UUID, apiKey: stack.api.apiKey, tabId });
  expect(found.leaks).toEqual([]);
  expect(found.direct).not.toBe('sent');
  // Our pages may not speak for the overlay.
  const asOverlay = await extension.evaluate((apis) => apis.runtime.sendMessage({ type: 'builder.save', payload: { key: null, action: { name: 'From a page', steps: [] } } }), null);
  expect(asOverlay).toMatchObject({ ok: false });
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(writes()).toEqual([]);

  await inspector.click('builder-save');
  await inspector.waitAttribute('builder-result', 'data-sent', 'true');
  expect(writes().map((entry) => entry.method)).toEqual(['PATCH']);
  await page.close();
});
