import { expect, test } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import type { Reply } from '../../src/messaging/protocol';
import { createAction } from '../e2e/support/projectActions';
import { startStack, type Stack } from '../e2e/support/stack';
import { connectToStack } from './support/connect';
import { launchFirefoxExtension, screenshot, type FirefoxExtension } from './support/firefox';
import { waitUntil } from './support/pageActions';

/**
 * Conflicts in Firefox (the Chrome twin is the last test of test/e2e/sync-views.spec.ts): edits made on
 * the local project API directly while this browser changes the same actions are never overwritten;
 * the Actions view shows both copies and each of its three buttons resolves as it says.
 */

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

const pageview = (url: string) => ({ event: '$pageview', url, url_matching: 'contains' as const });

async function send<T>(type: string, payload: unknown): Promise<T> {
  const reply = (await extension.evaluate((apis, message) => apis.runtime.sendMessage(message), { type, payload })) as Reply<T>;
  if (!reply.ok) throw new Error(`${type}: ${reply.error}`);
  return reply.value;
}

async function patch(id: number, body: unknown): Promise<void> {
  const response = await fetch(`${stack.api.url}/api/projects/${stack.api.projectId}/actions/${id}/`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${stack.api.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

async function onServer(id: number): Promise<{ name: string; steps: Array<{ url: string | null }> }> {
  const response = await fetch(`${stack.api.url}/api/projects/${stack.api.projectId}/actions/${id}/`, { headers: { authorization: `Bearer ${stack.api.apiKey}` } });
  return (await response.json()) as { name: string; steps: Array<{ url: string | null }> };
}

const row = (id: number) => `[data-testid="action-item"][data-key="id:${id}"]`;
const waitSync = (page: Page, id: number, state: string) =>
  waitUntil(page, ([selector, wanted]) => document.querySelector(selector)?.getAttribute('data-sync') === wanted, [row(id), state] as const, { timeout: 30_000 });

test('a concurrent edit on the server is a conflict, never overwritten; keep mine, take theirs and merge steps each work', async () => {
  const alpha = await createAction(stack.api, { name: 'Alpha', steps: [pageview('/a')] });
  const beta = await createAction(stack.api, { name: 'Beta', steps: [pageview('/b')] });
  const delta = await createAction(stack.api, { name: 'Delta', steps: [pageview('/about')] });
  await send('actions.list', { refresh: true });
  // Someone changes each one on the server…
  await patch(alpha.id, { name: 'Alpha (server)' });
  await patch(beta.id, { name: 'Beta (server)' });
  await patch(delta.id, { name: 'Delta (server)', steps: [pageview('/about'), pageview('/server-only')] });
  // …while this browser changes them from the copies it read before.
  await send('actions.save', { key: `id:${alpha.id}`, action: { name: 'Alpha (mine)', steps: [pageview('/a')] } });
  await send('actions.save', { key: `id:${beta.id}`, action: { name: 'Beta (mine)', steps: [pageview('/b')] } });
  await send('actions.save', { key: `id:${delta.id}`, action: { name: 'Delta (mine)', steps: [pageview('/about'), pageview('/mine-only')] } });

  const popup = await extension.openPage('popup.html?view=actions');
  for (const action of [alpha, beta, delta]) await waitSync(popup, action.id, 'conflict');
  // Nothing was overwritten.
  expect((await onServer(alpha.id)).name).toBe('Alpha (server)');
  expect((await onServer(delta.id)).steps.map((step) => step.url)).toEqual(['/about', '/server-only']);
  expect(await popup.$$eval('[data-testid="conflict-panel"]', (panels) => panels.length)).toBe(3);
  await screenshot(popup, 'sync/conflicts');

  await popup.click(`${row(alpha.id)} [data-testid="resolve-mine"]`);
  await waitSync(popup, alpha.id, 'synced');
  expect((await onServer(alpha.id)).name).toBe('Alpha (mine)');

  await popup.click(`${row(beta.id)} [data-testid="resolve-theirs"]`);
  await waitSync(popup, beta.id, 'synced');
  expect((await onServer(beta.id)).name).toBe('Beta (server)');

  await popup.click(`${row(delta.id)} [data-testid="resolve-merge"]`);
  await waitSync(popup, delta.id, 'synced');
  const merged = await onServer(delta.id);
  expect(merged.name).toBe('Delta (mine)');
  expect(merged.steps.map((step) => step.url)).toEqual(['/about', '/server-only', '/mine-only']);
  await waitUntil(popup, () => document.querySelector('[data-testid="sync-indicator"]')?.getAttribute('data-state') === 'synced', null, { timeout: 30_000 });
  await screenshot(popup, 'sync/conflicts-resolved');
  await popup.close();
});
