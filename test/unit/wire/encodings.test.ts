import lzString from 'lz-string';
import { describe, expect, it } from 'vitest';
import { decodeRequest } from '../../../src/core/wire';
import { RECEIVED_AT, WIRE_FORMATS, base64Utf8, gzipText, withBodyAsBytes, withBodyAsString } from './wireBodies';

const pageview = {
  uuid: '018f3b6e-0000-7000-8000-000000000001',
  event: '$pageview',
  properties: { distinct_id: 'anon-1', token: 'phc_test', $current_url: 'http://h/', title: 'Grüße 🎉 ü — 中文' },
  timestamp: '2024-05-01T12:00:00.000Z',
};
const click = {
  uuid: '018f3b6e-0000-7000-8000-000000000002',
  event: '$autocapture',
  properties: { distinct_id: 'anon-1', token: 'phc_test', $event_type: 'click', $elements_chain: 'button.btn:text="Buy"' },
  timestamp: '2024-05-01T12:00:01.000Z',
};

const ENVELOPES = [
  {
    envelope: 'batch',
    payload: { api_key: 'phc_test', batch: [pageview, click], sent_at: '2024-05-01T12:00:05.000Z' },
    names: ['$pageview', '$autocapture'],
  },
  { envelope: 'array', payload: [pageview, click], names: ['$pageview', '$autocapture'] },
  { envelope: 'single', payload: pageview, names: ['$pageview'] },
] as const;

const cases = WIRE_FORMATS.flatMap((format) =>
  ENVELOPES.map(({ envelope, payload, names }) => ({ ...format, format: format.name, envelope, payload, names })),
);

describe('decodeRequest: every encoding × every envelope', () => {
  it.each(cases)('$format × $envelope', ({ build, payload, encoding, envelope, names }) => {
    const result = decodeRequest({ ...build(payload), receivedAt: RECEIVED_AT });

    expect(result.undecodable).toBeUndefined();
    expect(result.encoding).toBe(encoding);
    expect(result.envelope).toBe(envelope);
    expect(result.events.map((e) => e.event)).toEqual(names);
    expect(result.events[0]).toEqual(pageview);
  });

  it.each(cases)('$format × $envelope, body as the other representation', ({ build, payload, encoding, names }) => {
    const input = build(payload);
    const other = typeof input.body === 'string' ? withBodyAsBytes(input) : withBodyAsString(input);

    const result = decodeRequest(other);

    expect(result.encoding).toBe(encoding);
    expect(result.events.map((e) => e.event)).toEqual(names);
    expect(result.events[0]?.properties.title).toBe('Grüße 🎉 ü — 中文');
  });
});

describe('decodeRequest: detection is by payload, URL markers only break ties', () => {
  const events = [pageview];

  it.each([
    {
      name: 'gzip magic bytes without a marker',
      url: 'http://h/e/',
      body: gzipText(JSON.stringify(events)),
      encoding: 'gzip',
    },
    {
      name: 'gzip magic bytes with a wrong marker',
      url: 'http://h/e/?compression=base64',
      body: gzipText(JSON.stringify(events)),
      encoding: 'gzip',
    },
    {
      name: 'gzip-js marker but the body is plain JSON (a proxy inflated it)',
      url: 'http://h/e/?compression=gzip-js',
      body: JSON.stringify(events),
      encoding: 'json',
    },
    {
      name: 'base64 marker but the body is plain JSON',
      url: 'http://h/e/?compression=base64',
      body: JSON.stringify(events),
      encoding: 'json',
    },
    {
      name: 'base64 marker on a bare (non-form) body',
      url: 'http://h/e/?compression=base64',
      body: base64Utf8(JSON.stringify([{ event: 'x' }])),
      encoding: 'base64',
    },
    {
      name: 'base64 marker on a bare body ending in ==',
      url: 'http://h/e/?compression=base64',
      body: base64Utf8(JSON.stringify({ event: 'x' })),
      encoding: 'base64',
    },
    {
      name: 'base64 marker on a bare body ending in =',
      url: 'http://h/e/?compression=base64',
      body: base64Utf8(JSON.stringify({ event: 'xy' })),
      encoding: 'base64',
    },
    {
      name: 'lz64 marker on a bare body',
      url: 'http://h/e/?compression=lz64',
      body: lzString.compressToBase64(JSON.stringify({ event: 'xy' })),
      encoding: 'lz64',
    },
    {
      name: 'form body without a form content type',
      url: 'http://h/e/',
      body: `data=${encodeURIComponent(base64Utf8(JSON.stringify(events)))}`,
      encoding: 'base64',
    },
    {
      name: 'form body declared as text/plain',
      url: 'http://h/e/',
      contentType: 'text/plain',
      body: `data=${encodeURIComponent(base64Utf8(JSON.stringify(events)))}`,
      encoding: 'base64',
    },
    {
      name: 'form content type with charset',
      url: 'http://h/e/',
      contentType: 'application/x-www-form-urlencoded; charset=UTF-8',
      body: `data=${encodeURIComponent(JSON.stringify(events))}`,
      encoding: 'json',
    },
    {
      name: 'form field after other fields',
      url: 'http://h/e/',
      body: `ver=1&data=${encodeURIComponent(base64Utf8(JSON.stringify(events)))}&ip=1`,
      encoding: 'base64',
    },
    {
      name: 'unescaped + in a base64 form field (became a space)',
      url: 'http://h/e/',
      body: `data=${base64Utf8(JSON.stringify([{ event: '>>>?', properties: {} }]))}`,
      encoding: 'base64',
    },
    {
      name: 'URL-safe base64',
      url: 'http://h/e/',
      body: `data=${Buffer.from(JSON.stringify([{ event: '>>>?', properties: {} }])).toString('base64url')}`,
      encoding: 'base64',
    },
    {
      name: 'JSON with a UTF-8 BOM and whitespace',
      url: 'http://h/e/',
      body: new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(`\n ${JSON.stringify(events)} \n`)]),
      encoding: 'json',
    },
  ] as const)('$name', ({ url, body, encoding, ...rest }) => {
    const contentType = 'contentType' in rest ? rest.contentType : null;
    const result = decodeRequest({ url, body, contentType, receivedAt: RECEIVED_AT });

    expect(result.undecodable).toBeUndefined();
    expect(result.encoding).toBe(encoding);
    expect(result.events).toHaveLength(1);
  });
});

describe('decodeRequest: text is UTF-8', () => {
  const title = 'emoji 🎉🇩🇪 umlaut ü ß, CJK 中文, RTL עברית, escaped \u2028 and "quotes" \\ backslash';
  const payload = [{ event: 'custom', properties: { title, [title]: 'key too' } }];

  it.each(WIRE_FORMATS)('$name keeps multi-byte characters', ({ build }) => {
    const [event] = decodeRequest(build(payload)).events;

    expect(event?.properties.title).toBe(title);
    expect(event?.properties[title]).toBe('key too');
  });

  it('reads the CESU-8 that posthog-js _base64Encode makes of an emoji (1.130–1.449)', () => {
    // 🎉 as posthog-js utf8Encode writes it: each surrogate as its own 3-byte sequence.
    const cesu = [0x5b, 0x7b, 0x22, 0x65, 0x76, 0x65, 0x6e, 0x74, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0xbc, 0xed, 0xbe, 0x89, 0x22, 0x7d, 0x5d];
    const body = `data=${encodeURIComponent(btoa(String.fromCharCode(...cesu)))}`;

    expect(decodeRequest({ url: 'http://h/e/?compression=base64', body }).events[0]?.event).toBe('🎉');
  });

  it('replaces invalid UTF-8 instead of failing', () => {
    const body = new Uint8Array([...new TextEncoder().encode('[{"event":"a'), 0xff, 0xc3, ...new TextEncoder().encode('b"}]')]);

    expect(decodeRequest({ url: 'http://h/e/', body }).events[0]?.event).toBe('a\ufffd\ufffdb');
  });
});

describe('decodeRequest: large bodies', () => {
  it('inflates a gzip body spanning several input slices', () => {
    const batch = Array.from({ length: 2_000 }, (_, i) => ({
      uuid: `uuid-${i}`,
      event: `event-${i}`,
      properties: { distinct_id: `user-${i % 7}`, noise: Math.sin(i).toString(36).repeat(8) },
    }));
    const body = gzipText(JSON.stringify({ api_key: 'phc_test', batch, sent_at: '2024-05-01T12:00:05.000Z' }));
    expect(body.length).toBeGreaterThan(2 * 16 * 1024); // gzip.ts feeds the inflater 16 KiB at a time

    const result = decodeRequest({ url: 'http://h/e/', body });

    expect(result.undecodable).toBeUndefined();
    expect(result.events).toHaveLength(2_000);
    expect(result.events[1_999]?.properties.noise).toBe(batch[1_999]?.properties.noise);
  });
});
