import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createCaptureIntake } from '../../../src/capture/captureIntake';
import { MAX_EVENTS_PER_TAB } from '../../../src/capture/tabEvents';
import type { CapturedRequest } from '../../../src/messaging/protocol';
import { tabEventsItem } from '../../../src/storage/items';
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
  beforeEach(() => fakeBrowser.reset());

  it.each(RECORDED_VERSIONS)('stores every event real posthog-js %s sent, in the sender tab only', async (version) => {
    const intake = createCaptureIntake();
    const requests = readWireFixture(version).requests.map(asCaptured);
    const stored = await intake.ingest(5, requests);
    expect(stored).toEqual(requests.map((request) => request.id));

    const buffer = (await tabEventsItem(5).getValue())!;
    expect(buffer.requestsSeen).toBe(requests.length);
    expect(buffer.undecodable).toEqual([]);
    const names = buffer.events.map((event) => event.event);
    expect(names).toEqual(expect.arrayContaining(['$pageview', '$autocapture', 'custom', '$identify', '$create_alias', '$groupidentify']));
    expect(buffer.events.every((event) => event.properties.token === FIXTURE_TOKEN)).toBe(true);
    expect(new Set(buffer.events.map((event) => event.key)).size).toBe(buffer.events.length);
    expect(buffer.events.some((event) => event.transport === 'beacon')).toBe(true);
    expect(await tabEventsItem(6).getValue()).toBeNull();
  });

  it('counts remote-config calls apart and reports undecodable bodies with their reason', async () => {
    const intake = createCaptureIntake();
    await intake.ingest(1, [
      jsonRequest('flags', '{"token":"phc_x","distinct_id":"a"}', 'https://t.example/flags/?v=2'),
      jsonRequest('broken', '{"event": "x", ', 'https://t.example/e/'),
    ]);
    const buffer = (await tabEventsItem(1).getValue())!;
    expect(buffer.otherRequests).toBe(1);
    expect(buffer.undecodable).toHaveLength(1);
    expect(buffer.undecodable[0]).toMatchObject({ requestId: 'broken', url: 'https://t.example/e/' });
    expect(buffer.undecodable[0]!.reason).toMatch(/JSON/);
  });

  it('keeps events once when the same request arrives twice (a retry after a lost answer)', async () => {
    const intake = createCaptureIntake();
    const body = JSON.stringify({ api_key: 'phc_x', batch: [{ uuid: 'u-1', event: 'a', properties: { distinct_id: 'd' } }] });
    await intake.ingest(2, [jsonRequest('r1', body)]);
    await intake.ingest(2, [jsonRequest('r1', body)]);
    expect((await tabEventsItem(2).getValue())!.events.map((event) => event.key)).toEqual(['u-1']);
  });

  it('serialises concurrent writes to one tab so no batch overwrites another', async () => {
    const intake = createCaptureIntake();
    const batches = Array.from({ length: 20 }, (_, i) =>
      jsonRequest(`r${i}`, JSON.stringify({ uuid: `u-${i}`, event: `e${i}`, properties: { distinct_id: 'd' } })),
    );
    await Promise.all(batches.map((request) => intake.ingest(3, [request])));
    const buffer = (await tabEventsItem(3).getValue())!;
    expect(buffer.events).toHaveLength(20);
    expect(buffer.requestsSeen).toBe(20);
  });

  it('caps the buffer and counts what it dropped', async () => {
    const intake = createCaptureIntake();
    const batch = Array.from({ length: MAX_EVENTS_PER_TAB + 25 }, (_, i) => ({ uuid: `u-${i}`, event: 'e', properties: { distinct_id: 'd' } }));
    await intake.ingest(4, [jsonRequest('big', JSON.stringify(batch))]);
    const buffer = (await tabEventsItem(4).getValue())!;
    expect(buffer.events).toHaveLength(MAX_EVENTS_PER_TAB);
    expect(buffer.dropped).toBe(25);
    expect(buffer.events[0]!.key).toBe('u-25');
  });

  it('clears and forgets a tab', async () => {
    const intake = createCaptureIntake();
    await intake.ingest(9, [jsonRequest('r', JSON.stringify({ uuid: 'u', event: 'e', properties: { distinct_id: 'd' } }))]);
    await intake.clear(9);
    expect((await tabEventsItem(9).getValue())!.events).toEqual([]);
    await intake.forget(9);
    expect(await tabEventsItem(9).getValue()).toBeNull();
  });
});
