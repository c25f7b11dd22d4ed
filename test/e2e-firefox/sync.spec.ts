import { expect, test } from '@playwright/test';
import type { ActionsList, Reply } from '../../src/messaging/protocol';
import { startStack, type Stack } from '../e2e/support/stack';
import { createWorkload, E2E_FAULTS, serverHolds, syncProgress } from '../support/syncWorkload';
import { connectToStack } from './support/connect';
import { launchFirefoxExtension, screenshot, type FirefoxExtension } from './support/firefox';

/**
 * The Chrome sync test (test/e2e/sync.spec.ts) in Firefox, where the background is an event page.
 * Firefox suspends it after `extensions.background.idle.timeout` ms without work; the test sets that
 * to 1 s and pauses five times, so the page is really unloaded and started again mid-stream.
 */

let stack: Stack;
let extension: FirefoxExtension;

test.beforeEach(async () => {
  stack = await startStack();
  extension = await launchFirefoxExtension({ prefs: { 'extensions.background.idle.timeout': 1000 } });
});

test.afterEach(async () => {
  await extension?.close();
  await stack?.close();
});

async function send<T>(type: string, payload: unknown): Promise<T> {
  const reply = (await extension.evaluate((apis, message) => apis.runtime.sendMessage(message), { type, payload })) as Reply<T>;
  if (!reply.ok) throw new Error(`${type}: ${reply.error}`);
  return reply.value;
}

/** A mark on the running event page's global object: gone once Firefox unloaded the page. */
const markBackground = () =>
  extension.evaluate(async (apis) => {
    const page = (await apis.runtime.getBackgroundPage()) as (Window & { __syncMark?: boolean }) | null;
    if (page) page.__syncMark = true;
    return !!page;
  }, null);
const backgroundMarked = () =>
  extension.evaluate(async (apis) => {
    const page = (await apis.runtime.getBackgroundPage()) as (Window & { __syncMark?: boolean }) | null;
    return page?.__syncMark === true;
  }, null);

test('200 random operations through injected faults and suspended event pages end synced: none lost, none duplicated', async () => {
  test.setTimeout(300_000);
  await connectToStack(extension, stack);
  stack.api.faults.set({ ...E2E_FAULTS, seed: 21 });
  const workload = createWorkload(21);
  let restarts = 0;
  await workload.run(
    200,
    async (op) => {
      if (op.kind === 'delete') {
        await send('actions.delete', { key: op.key });
        return null;
      }
      const result = await send<{ ok: boolean; key?: string; message: string }>('actions.save', { key: op.key, action: op.action });
      if (!result.ok) throw new Error(result.message);
      return result.key!;
    },
    async ({ index }) => {
      if (index % 40 !== 20) return;
      expect(await markBackground()).toBe(true);
      // Idle long enough for Firefox to unload the event page (the mark goes with it).
      await expect.poll(backgroundMarked, { timeout: 20_000, intervals: [1500] }).toBe(false);
      restarts++;
    },
  );
  // Faults off; the switch keeps counting what the extension sends until it is synced.
  stack.api.faults.set({});
  await expect
    .poll(() => syncProgress(() => send<ActionsList>('actions.list', {})), { timeout: 240_000, intervals: [1000] })
    .toMatchObject({ state: 'synced', pending: 0, failed: 0, conflicts: 0 });
  const stats = stack.api.faults.stats();
  expect(await serverHolds({ ...stack.api })).toEqual(workload.expected());
  expect(restarts).toBe(5);
  expect(stats.peakInFlight).toBeLessThanOrEqual(4);
  console.log(`firefox sync e2e: ${stats.requests} requests, faults ${JSON.stringify(stats.byFault)}, peak in flight ${stats.peakInFlight}`);
  const popup = await extension.openPage('popup.html?view=actions');
  await screenshot(popup, 'sync/after-faults-synced');
});
