/**
 * Decodes what real posthog-js versions sent from Chromium (recorded by
 * test/fixtures/wire/record.ts): every event request decodes, and each version's format is the
 * one actually observed.
 */
import { gunzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { type CapturedEvent, type DecodeResult, decodeRequest } from '../../../src/core/wire';
import {
  FIXTURE_TOKEN,
  RECORDED_VERSIONS,
  type RecordedRequest,
  readWireFixture,
  toDecodeInput,
} from '../../fixtures/wire/wireFixture';
import { withBodyAsString } from './wireBodies';

interface Decoded {
  request: RecordedRequest;
  path: string;
  query: URLSearchParams;
  result: DecodeResult;
}

function decodeFixture(version: string): Decoded[] {
  return readWireFixture(version).requests.map((request) => {
    const url = new URL(request.url);
    return { request, path: url.pathname, query: url.searchParams, result: decodeRequest(toDecodeInput(request)) };
  });
}

const isEventRequest = (d: Decoded) => d.request.method === 'POST' && d.path === '/e/';
const isBeacon = (d: Decoded) => d.request.secFetchMode === 'no-cors';
const eventsOf = (decoded: Decoded[]) => decoded.flatMap((d) => d.result.events);
const named = (events: CapturedEvent[], name: string) => events.filter((e) => e.event === name);

/** The inner JSON items of a recorded body, decoded independently of src/core/wire. */
function rawItems(request: RecordedRequest): Record<string, unknown>[] {
  const bytes = Buffer.from(request.bodyBase64, 'base64');
  const text =
    bytes[0] === 0x1f
      ? strFromU8(gunzipSync(bytes))
      : Buffer.from(decodeURIComponent(bytes.toString('latin1').replace(/^data=/, '')), 'base64').toString('latin1');
  const value = JSON.parse(text) as unknown;
  return (Array.isArray(value) ? value : ((value as { batch?: unknown[] }).batch ?? [value])) as Record<string, unknown>[];
}

describe.each(RECORDED_VERSIONS)('recorded posthog-js %s', (version) => {
  const decoded = decodeFixture(version);
  const eventRequests = decoded.filter(isEventRequest);
  const events = eventsOf(eventRequests);

  it('has event requests, including one beacon', () => {
    expect(eventRequests.length).toBeGreaterThanOrEqual(4);
    expect(decoded.filter(isBeacon)).toHaveLength(1);
  });

  it('decodes every event request completely', () => {
    for (const { request, result } of eventRequests) {
      expect(result.undecodable, request.url).toBeUndefined();
      expect(result.events.length, request.url).toBeGreaterThan(0);
      expect(result.events.length, request.url).toBe(rawItems(request).length);
    }
  });

  it('gives every event a uuid, a name, a distinct_id, the token and an ISO timestamp', () => {
    for (const event of events) {
      expect(event.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(event.event).toBeTruthy();
      expect(event.properties.distinct_id).toEqual(expect.any(String));
      expect(event.properties.token).toBe(FIXTURE_TOKEN);
      expect(new Date(event.timestamp).toISOString()).toBe(event.timestamp);
    }
  });

  it('contains the scripted events in order', () => {
    expect(events.map((e) => e.event)).toEqual([
      '$pageview',
      '$identify',
      '$autocapture',
      'custom',
      '$create_alias',
      '$groupidentify',
      '$autocapture',
      'before_unload',
      '$pageleave',
    ]);
  });

  it('keeps UTF-8 text intact', () => {
    expect(named(events, 'custom')[0]?.properties.emoji).toBe('🎉 ü');
  });

  it('records the identify flow: $anon_distinct_id, $set, $set_once, alias, group, a new id after reset', () => {
    const [identify] = named(events, '$identify');
    const [pageview] = named(events, '$pageview');
    expect(identify?.properties.distinct_id).toBe('user-1');
    expect(identify?.properties.$anon_distinct_id).toBe(pageview?.properties.distinct_id);
    expect(identify?.$set).toEqual({ email: 'a@b.c' });
    expect(identify?.$set_once).toMatchObject({ first_seen: 'x' });
    expect(named(events, '$create_alias')[0]?.properties).toMatchObject({ distinct_id: 'user-1', alias: 'alias-1' });
    expect(named(events, '$groupidentify')[0]?.properties).toMatchObject({
      $group_type: 'company',
      $group_key: 'c1',
      $group_set: { name: 'C' },
    });

    const [pageleave] = named(events, '$pageleave');
    expect([pageview?.properties.distinct_id, 'user-1']).not.toContain(pageleave?.properties.distinct_id);
  });

  it('decodes the unload beacon', () => {
    const beacon = decoded.find(isBeacon);
    expect(beacon?.request.method).toBe('POST');
    expect(beacon?.result.events.map((e) => e.event)).toEqual(['$autocapture', 'before_unload', '$pageleave']);
  });

  it('decodes the same bodies handed over as strings', () => {
    for (const { request, result } of eventRequests) {
      const input = toDecodeInput(request);
      // Form bodies arrive as text, gzip as a binary string.
      const bytes = Buffer.from(request.bodyBase64, 'base64');
      const asString = bytes[0] === 0x1f ? withBodyAsString(input) : { ...input, body: bytes.toString('utf8') };
      expect(decodeRequest(asString).events).toEqual(result.events);
    }
  });
});

describe('what each version puts on the wire', () => {
  it('1.130.2: XHR base64 forms marked ?compression=base64; single objects, queued bare arrays with offset; beacon marked beacon=1', () => {
    const decoded = decodeFixture('1.130.2');
    const eventRequests = decoded.filter(isEventRequest);

    for (const d of eventRequests) {
      expect(d.result.encoding).toBe('base64');
      expect(d.request.contentType).toBe('application/x-www-form-urlencoded');
      expect(d.query.get('compression')).toBe('base64');
      expect(d.query.get('ver')).toBe('1.130.2');
    }
    expect(eventRequests.map((d) => d.result.envelope)).toEqual(['single', 'single', 'array', 'array']);
    expect(eventRequests.filter((d) => !isBeacon(d)).map((d) => d.request.secFetchMode)).toEqual(['cors', 'cors', 'cors']);
    expect(decoded.find(isBeacon)?.query.get('beacon')).toBe('1');

    // $autocapture carries the element array only; $elements_chain came later.
    for (const click of named(eventsOf(eventRequests), '$autocapture')) {
      expect(click.properties.$elements_chain).toBeUndefined();
      expect(click.properties.$elements).toEqual(
        expect.arrayContaining([expect.objectContaining({ tag_name: 'button', attr__id: 'buy' })]),
      );
    }

    // identify triggers a /decide/ call (base64 form too) that carries no events.
    const decide = decoded.filter((d) => d.path === '/decide/');
    expect(decide).toHaveLength(1);
    expect(decide[0]?.result).toMatchObject({ events: [], encoding: 'base64' });
    expect(decide[0]?.result.undecodable?.reason).toMatch(/^not an event payload \(JSON object with keys token, distinct_id, groups/);
  });

  it('1.300.0: fetch gzip marked ?compression=gzip-js; single objects, queued bare arrays with offset; beacon marked beacon=1', () => {
    const decoded = decodeFixture('1.300.0');
    const eventRequests = decoded.filter(isEventRequest);

    expect(decoded).toEqual(eventRequests);
    for (const d of eventRequests) {
      expect(d.result.encoding).toBe('gzip');
      expect(d.request.contentType).toBe('text/plain');
      expect(d.query.get('compression')).toBe('gzip-js');
      expect(d.query.get('ver')).toBe('1.300.0');
    }
    expect(eventRequests.map((d) => d.result.envelope)).toEqual(['single', 'single', 'array', 'array']);
    expect(decoded.find(isBeacon)?.query.get('beacon')).toBe('1');
    for (const click of named(eventsOf(eventRequests), '$autocapture')) {
      expect(click.properties.$elements_chain).toMatch(/^button\.btn\.btn-primary:/);
    }
  });

  it('1.449.2: fetch gzip, no URL marker, always the {api_key, batch, sent_at} envelope; only sec-fetch-mode marks the beacon', () => {
    const decoded = decodeFixture('1.449.2');
    const eventRequests = decoded.filter(isEventRequest);

    expect(decoded).toEqual(eventRequests);
    for (const d of eventRequests) {
      expect(d.result.encoding).toBe('gzip');
      expect(d.result.envelope).toBe('batch');
      expect(d.request.contentType).toBe('text/plain');
      expect(new URL(d.request.url).search).toBe('');
    }
    expect(eventRequests.map((d) => d.request.secFetchMode)).toEqual(['cors', 'cors', 'cors', 'no-cors']);
    for (const d of eventRequests) {
      for (const item of rawItems(d.request)) {
        expect(item).toHaveProperty('timestamp');
        expect(item).not.toHaveProperty('offset');
      }
    }
    for (const click of named(eventsOf(eventRequests), '$autocapture')) {
      expect(click.properties.$elements_chain).toMatch(/^button\.btn\.btn-primary:/);
    }
  });

  it.each(['1.130.2', '1.300.0'])('%s: the timed queue flush sends offset, decoded as receivedAt − offset', (version) => {
    const flush = decodeFixture(version).find((d) => isEventRequest(d) && d.result.envelope === 'array' && !isBeacon(d));
    const items = rawItems(flush!.request);

    expect(items.map((item) => item.event)).toEqual(['$autocapture', 'custom', '$create_alias', '$groupidentify']);
    items.forEach((item, i) => {
      expect(item).not.toHaveProperty('timestamp');
      expect(item.offset).toEqual(expect.any(Number));
      expect(flush!.result.events[i]?.timestamp).toBe(new Date(flush!.request.receivedAt - (item.offset as number)).toISOString());
    });
  });

  it.each(['1.130.2', '1.300.0'])('%s: the unload beacon is a bare array that keeps timestamp (no offset)', (version) => {
    const beacon = decodeFixture(version).find(isBeacon);
    const items = rawItems(beacon!.request);

    expect(beacon?.result.envelope).toBe('array');
    items.forEach((item, i) => {
      expect(item).not.toHaveProperty('offset');
      expect(beacon?.result.events[i]?.timestamp).toBe(item.timestamp);
    });
  });
});
