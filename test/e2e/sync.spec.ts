import { expect, test, type Page } from '@playwright/test';
import type { ActionsList, Reply } from '../../src/messaging/protocol';
import { createWorkload, E2E_FAULTS, serverHolds, syncProgress } from '../support/syncWorkload';
import { connectToStack } from './support/connect';
import { launchExtension, type LoadedExtension } from './support/extension';
import { screenshot } from './support/screenshots';
import { startStack, type Stack } from './support/stack';

/**
 * Sync against the real local project API with its fault switch on: 200 random operations made
 * through the extension while the API fails in every way it can and the service worker is stopped
 * again and again must end with the server holding exactly what was asked, and the popup saying so.
 */

let stack: Stack;
let extension: LoadedExtension;

test.beforeEach(async () => {
  stack = await startStack();
  extension = await launchExtension();
});

test.afterEach(async () => {
  await extension?.close();
  await stack?.close();
});

/** Sends a protocol message from one of our pages, as the views do. */
async function send<T>(page: Page, type: string, payload: unknown): Promise<T> {
  const reply = await page.evaluate(
    ([type, payload]) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type, payload }),
    [type, payload] as const,
  );
  const answer = reply as Reply<T>;
  if (!answer.ok) throw new Error(`${type}: ${answer.error}`);
  return answer.value;
}

test('200 random operations through injected faults and stopped workers end synced: none lost, none duplicated', async () => {
  test.setTimeout(300_000);
  await connectToStack(extension, stack);
  const popup = await extension.openPage('popup.html?view=actions');
  stack.api.faults.set({ ...E2E_FAULTS, seed: Number(process.env.SYNC_SEED ?? 9) });
  const workload = createWorkload(Number(process.env.SYNC_SEED ?? 9));
  const started = Date.now();
  let stops = 0;
  await workload.run(
    200,
    async (op) => {
      if (op.kind === 'delete') {
        await send(popup, 'actions.delete', { key: op.key });
        return null;
      }
      const result = await send<{ ok: boolean; key?: string; message: string }>(popup, 'actions.save', { key: op.key, action: op.action });
      if (!result.ok) throw new Error(result.message);
      return result.key!;
    },
    async ({ index }) => {
      // The browser stops the worker mid-stream, five times over.
      if (index % 40 === 20) {
        await extension.stopWorker();
        stops++;
      }
    },
  );
  const sent = Date.now();
  // Faults off; the switch keeps counting what the extension sends until it is synced.
  stack.api.faults.set({});
  await expect
    .poll(() => syncProgress(() => send<ActionsList>(popup, 'actions.list', {})), { timeout: 240_000, intervals: [1000] })
    .toMatchObject({ state: 'synced', pending: 0, failed: 0, conflicts: 0 });
  const stats = stack.api.faults.stats();
  expect(await serverHolds({ ...stack.api })).toEqual(workload.expected());
  expect(stops).toBe(5);
  // Every kind of fault was met on the way.
  for (const kind of ['serverError', 'rateLimit', 'unauthorized', 'dropAfterCommit', 'badJson'] as const) expect(stats.byFault[kind] ?? 0).toBeGreaterThan(0);
  console.log(
    `sync e2e: 200 ops in ${((sent - started) / 1000).toFixed(1)} s, synced after ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
      `${stats.requests} requests, faults ${JSON.stringify(stats.byFault)}, peak in flight ${stats.peakInFlight}`,
  );
  expect(stats.peakInFlight).toBeLessThanOrEqual(4);
  await screenshot(popup, 'sync/after-faults-synced');
});
