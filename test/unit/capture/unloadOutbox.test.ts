import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { drainOutbox, forgetOutboxTokens, issueOutboxToken, OUTBOX_KEY_PREFIX, writeOutbox } from '../../../src/capture/unloadOutbox';
import type { CapturedRequest } from '../../../src/messaging/protocol';

/**
 * The unload outbox: what a leaving document parks in storage.local is filed under the tab its
 * token was issued for, once, and nothing else gets in.
 */

const request = (id: string, text = '{"event":"x","properties":{"token":"phc_x"}}'): CapturedRequest => ({
  id,
  url: 'https://site.example/e/',
  method: 'POST',
  contentType: 'application/json',
  transport: 'beacon',
  sentAt: 1_700_000_000_000,
  body: { kind: 'text', text },
});

let ingested: Array<{ tabId: number; ids: string[] }>;
const ingest = vi.fn(async (tabId: number, requests: CapturedRequest[]) => {
  ingested.push({ tabId, ids: requests.map((r) => r.id) });
});
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

async function openTab(): Promise<number> {
  const tab = await fakeBrowser.tabs.create({ url: 'https://site.example/' });
  return tab.id!;
}

beforeEach(() => {
  fakeBrowser.reset();
  ingested = [];
  ingest.mockClear();
});

describe('unload outbox', () => {
  it('files a parked entry under the token’s tab and deletes it', async () => {
    const tabId = await openTab();
    const token = await issueOutboxToken(tabId);
    writeOutbox(token, 0, [request('a'), request('b')]);
    await flush();
    expect(await drainOutbox(ingest)).toEqual({ ingested: 1, discarded: 0 });
    expect(ingested).toEqual([{ tabId, ids: ['a', 'b'] }]);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('deletes unread what has an unknown token, a closed tab or a malformed body', async () => {
    const tabId = await openTab();
    const closed = await openTab();
    const token = await issueOutboxToken(tabId);
    const closedToken = await issueOutboxToken(closed);
    const getTab = fakeBrowser.tabs.get.bind(fakeBrowser.tabs);
    vi.spyOn(fakeBrowser.tabs, 'get').mockImplementation(async (id) => {
      if (id === closed) throw new Error(`No tab with id: ${id}`);
      return getTab(id);
    });
    await fakeBrowser.storage.local.set({
      [`${OUTBOX_KEY_PREFIX}${crypto.randomUUID()}.0`]: { requests: [request('forged')], writtenAt: 1 },
      [`${OUTBOX_KEY_PREFIX}not-a-token.0`]: { requests: [request('forged')], writtenAt: 1 },
      [`${OUTBOX_KEY_PREFIX}${closedToken}.0`]: { requests: [request('late')], writtenAt: 1 },
      [`${OUTBOX_KEY_PREFIX}${token}.0`]: { requests: [{ ...request('bad'), transport: 'websocket' }], writtenAt: 1 },
      'some.other.key': 'kept',
    });
    expect(await drainOutbox(ingest)).toEqual({ ingested: 0, discarded: 4 });
    expect(ingest).not.toHaveBeenCalled();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ 'some.other.key': 'kept' });
  });

  it('keeps an entry whose ingest failed for the next start', async () => {
    const tabId = await openTab();
    const token = await issueOutboxToken(tabId);
    writeOutbox(token, 0, [request('a')]);
    await flush();
    const failing = vi.fn(async () => {
      throw new Error('IndexedDB is closing');
    });
    expect(await drainOutbox(failing)).toEqual({ ingested: 0, discarded: 0 });
    expect(await drainOutbox(ingest)).toEqual({ ingested: 1, discarded: 0 });
    expect(ingested).toEqual([{ tabId, ids: ['a'] }]);
  });

  it('takes in an entry once when the change event and the start-up sweep name it together', async () => {
    const tabId = await openTab();
    const token = await issueOutboxToken(tabId);
    writeOutbox(token, 0, [request('a')]);
    await flush();
    const key = `${OUTBOX_KEY_PREFIX}${token}.0`;
    await Promise.all([drainOutbox(ingest, [key]), drainOutbox(ingest)]);
    expect(ingested).toEqual([{ tabId, ids: ['a'] }]);
  });

  it('keeps the newest requests that fit the cap', async () => {
    const tabId = await openTab();
    const token = await issueOutboxToken(tabId);
    const big = 'x'.repeat(900 * 1024);
    writeOutbox(token, 0, [request('old', big), request('mid', big), request('new', big)]);
    await flush();
    await drainOutbox(ingest);
    expect(ingested).toEqual([{ tabId, ids: ['mid', 'new'] }]);
  });

  it('keeps a bounded number of tokens per tab and forgets a closed tab’s', async () => {
    const tabId = await openTab();
    const other = await openTab();
    const first = await issueOutboxToken(tabId, 1);
    for (let i = 2; i <= 17; i++) await issueOutboxToken(tabId, i);
    const otherToken = await issueOutboxToken(other, 1);
    const keys = Object.keys(await fakeBrowser.storage.session.get(null));
    expect(keys).toHaveLength(17);
    expect(keys.some((key) => key.endsWith(first))).toBe(false);
    await forgetOutboxTokens(tabId);
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).toEqual([expect.stringContaining(otherToken)]);
  });
});
