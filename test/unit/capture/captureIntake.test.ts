import 'fake-indexeddb/auto';
import { gzipSync, strToU8 } from 'fflate';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createCaptureIntake } from '../../../src/capture/captureIntake';
import { subscribe, type FeedMessage } from '../../../src/capture/eventFeed';
import { forgetAllTabs, readTab } from '../../../src/capture/eventStore';
import { NATIVE_MIN_BYTES } from '../../../src/core/wire/gzip';
import { MAX_EVENTS_PER_TAB } from '../../../src/capture/tabEvents';
import type { CapturedRequest } from '../../../src/messaging/protocol';
import { FIXTURE_TOKEN, RECORDED_VERSIONS, readWireFixture, type RecordedRequest } from '../../fixtures/wire/wireFixture';

/** A recorded posthog-js request as the page-world collector forwards it. */
function asCaptured(request: RecordedRequest, index: number): CapturedRequest {
  return {
    id: `req-${index}`,
    url: request.url,
    method: request.method,
    contentType: request.contentType,
    transport: request.secFetchMode === 'no-cors' ? 'beacon' : 'fetch',
    sentAt: request.receivedAt,
    body: { kind: 'base64', base64: request.bodyBase64 },
  };
}

const jsonRequest = (id: string, body: string, url = 'https://t.example/e/'): CapturedRequest => ({
  id,
  url,
  method: 'POST',
  contentType: 'application/json',
  transport: 'fetch',
  sentAt: Date.parse('2026-01-01T00:00:10Z'),
  body: { kind: 'text', text: body },
});

describe('capture intake', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    await forgetAllTabs();
  });

  it.each(RECORDED_VERSIONS)('stores every event real posthog-js %s sent, in the sender tab only', async (version) => {
    const intake = createCaptureIntake();
    const requests = readWireFixture(version).requests.map(asCaptured);
    const stored = await intake.ingest(5, requests);
    expect(stored).toEqual(requests.map((request) => request.id));

    const buffer = await readTab(5);
    expect(buffer.requestsSeen).toBe(requests.length);
    expect(buffer.undecodable).toEqual([]);
    const names = buffer.events.map((event) => event.event);
    expect(names).toEqual(expect.arrayContaining(['$pageview', '$autocapture', 'custom', '$identify', '$create_alias', '$groupidentify']));
    expect(buffer.events.every((event) => event.properties.token === FIXTURE_TOKEN)).toBe(true);
    expect(new Set(buffer.events.map((event) => event.key)).size).toBe(buffer.events.length);
    expect(buffer.events.some((event) => event.transport === 'beacon')).toBe(true);
    expect((await readTab(6)).events).toEqual([]);
  });

  it('counts remote-config calls apart and reports undecodable bodies with their reason', async () => {
    const intake = createCaptureIntake();
    await intake.ingest(1, [
      jsonRequest('flags', '{"token":"phc_x","distinct_id":"a"}', 'https://t.example/flags/?v=2'),
      jsonRequest('broken', '{"event": "x", ', 'https://t.example/e/'),
    ]);
    const buffer = await readTab(1);
    expect(buffer.otherRequests).toBe(1);
    expect(buffer.otherBytes).toBe(35);
    expect(buffer.undecodable).toHaveLength(1);
    expect(buffer.undecodable[0]).toMatchObject({ requestId: 'broken', url: 'https://t.example/e/' });
    expect(buffer.undecodable[0]!.reason).toMatch(/JSON/);
  });

  it('keeps events once when the same request arrives twice (a retry after a lost answer)', async () => {
    const intake = createCaptureIntake();
    const body = JSON.stringify({ api_key: 'phc_x', batch: [{ uuid: 'u-1', event: 'a', properties: { distinct_id: 'd' } }] });
    await intake.ingest(2, [jsonRequest('r1', body)]);
    await intake.ingest(2, [jsonRequest('r1', body)]);
    const buffer = await readTab(2);
    expect(buffer.events.map((event) => event.key)).toEqual(['u-1']);
    expect(buffer.duplicates).toBe(1);
  });

  it('serialises concurrent writes to one tab so no batch overwrites another', async () => {
    const intake = createCaptureIntake();
    const batches = Array.from({ length: 20 }, (_, i) =>
      jsonRequest(`r${i}`, JSON.stringify({ uuid: `u-${i}`, event: `e${i}`, properties: { distinct_id: 'd' } })),
    );
    await Promise.all(batches.map((request) => intake.ingest(3, [request])));
    const buffer = await readTab(3);
    expect(buffer.events).toHaveLength(20);
    expect(buffer.requestsSeen).toBe(20);
  });

  it('appends concurrent requests in the order they arrived, however long each takes to decode', async () => {
    const intake = createCaptureIntake();
    // Large enough to be inflated natively, over several tasks; the small one decodes at once.
    const pad = 'x'.repeat(Math.ceil(NATIVE_MIN_BYTES / 300));
    const batch = Array.from({ length: 300 }, (_, i) => ({ uuid: `big-${i}`, event: 'e', properties: { distinct_id: 'd', pad } }));
    const large: CapturedRequest = {
      ...jsonRequest('large', ''),
      contentType: 'text/plain',
      body: { kind: 'base64', base64: Buffer.from(gzipSync(strToU8(JSON.stringify({ api_key: 'phc_x', batch })))).toString('base64') },
    };
    const small = jsonRequest('small', JSON.stringify({ uuid: 'small', event: 'e', properties: { distinct_id: 'd' } }));
    await Promise.all([intake.ingest(10, [large]), intake.ingest(10, [small])]);
    const keys = (await readTab(10)).events.map((event) => event.key);
    expect(keys).toHaveLength(301);
    expect(keys.at(-1)).toBe('small');
  });

  it('caps the buffer and counts what it dropped', async () => {
    const intake = createCaptureIntake();
    const batch = Array.from({ length: MAX_EVENTS_PER_TAB + 25 }, (_, i) => ({ uuid: `u-${i}`, event: 'e', properties: { distinct_id: 'd' } }));
    await intake.ingest(4, [jsonRequest('big', JSON.stringify(batch))]);
    const buffer = await readTab(4);
    expect(buffer.events).toHaveLength(MAX_EVENTS_PER_TAB);
    expect(buffer.dropped).toBe(25);
    expect(buffer.events[0]!.key).toBe('u-25');
    expect(buffer.events.map((event) => event.seq)).toEqual(Array.from({ length: MAX_EVENTS_PER_TAB }, (_, i) => i + 26));
  });

  it('summarises session recordings instead of storing them', async () => {
    const intake = createCaptureIntake();
    const snapshots = Array.from({ length: 30 }, (_, i) => ({ uuid: `s-${i}`, event: '$snapshot', properties: { distinct_id: 'd', $snapshot_data: [{ type: 3 }] } }));
    await intake.ingest(7, [jsonRequest('rec', JSON.stringify(snapshots), 'https://t.example/s/?ver=1.449.2')]);
    const buffer = await readTab(7);
    expect(buffer.events).toEqual([]);
    expect(buffer).toMatchObject({ recordingRequests: 1, snapshots: 30, undecodable: [] });
    expect(buffer.recordingBytes).toBeGreaterThan(1000);
  });

  it("starts a new page when the top frame's document changes, and tells open views", async () => {
    const intake = createCaptureIntake();
    const messages: FeedMessage[] = [];
    const unsubscribe = subscribe(8, (message) => messages.push(message));
    const one = (id: string) => jsonRequest(id, JSON.stringify({ uuid: id, event: '$pageview', properties: { distinct_id: 'd' } }));
    await intake.ingest(8, [one('a')], { frameId: 0, documentId: 'doc-1', url: 'https://t.example/' });
    await intake.ingest(8, [one('b')], { frameId: 3, documentId: 'frame-doc', url: 'https://t.example/frame' });
    await intake.ingest(8, [one('c')], { frameId: 0, documentId: 'doc-2', url: 'https://t.example/pricing' });
    const buffer = await readTab(8);
    expect(buffer.pages.map((page) => [page.page, page.url, page.firstSeq])).toEqual([
      [1, 'https://t.example/', 1],
      [2, 'https://t.example/pricing', 3],
    ]);
    expect(buffer.events.map((event) => [event.key, event.page])).toEqual([['a', 1], ['b', 1], ['c', 2]]);
    await expect.poll(() => messages.length).toBe(3);
    expect(messages.map((message) => message.kind === 'appended' && message.events.map((e) => e.key))).toEqual([['a'], ['b'], ['c']]);
    unsubscribe();
  });

  it('clears and forgets a tab', async () => {
    const intake = createCaptureIntake();
    await intake.ingest(9, [jsonRequest('r', JSON.stringify({ uuid: 'u', event: 'e', properties: { distinct_id: 'd' } }))]);
    await intake.clear(9);
    const cleared = await readTab(9);
    expect(cleared.events).toEqual([]);
    expect(cleared.nextSeq).toBe(2);
    await intake.forget(9);
    expect((await readTab(9)).nextSeq).toBe(1);
  });
});
