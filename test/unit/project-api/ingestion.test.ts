import { gzipSync, strToU8 } from 'fflate';
import lzString from 'lz-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeRequest } from '../../../src/core/wire/index';
import { RECORDED_VERSIONS, readWireFixture, toDecodeInput, FIXTURE_TOKEN } from '../../fixtures/wire/wireFixture';
import { startTestServer, toJson, type TestServer } from './testServer';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

function event(name: string, distinctId: string, properties: Record<string, unknown> = {}) {
  return {
    uuid: crypto.randomUUID(),
    event: name,
    timestamp: new Date().toISOString(),
    properties: { distinct_id: distinctId, token: server.api.projectToken, ...properties },
  };
}

async function post(path: string, body: BodyInit, contentType = 'text/plain') {
  return toJson(await server.raw(path, { method: 'POST', headers: { 'content-type': contentType }, body }));
}

async function eventsOf(distinctId: string) {
  const res = await server.call('GET', `/api/projects/1/events/?distinct_id=${encodeURIComponent(distinctId)}&limit=1000`);
  expect(res.status).toBe(200);
  return res.body.results as { uuid: string; event: string; elements_chain: string; properties: Record<string, unknown>; timestamp: string }[];
}

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('capture endpoints accept every posthog-js encoding', () => {
  it.each<[string, (id: string) => { path: string; body: BodyInit; contentType?: string }]>([
    ['plain JSON single event to /e/', (id) => ({ path: '/e/', body: JSON.stringify(event('json_single', id)) })],
    ['plain JSON array to /batch/', (id) => ({ path: '/batch/', body: JSON.stringify([event('json_array', id)]), contentType: 'application/json' })],
    [
      'gzip {batch} without marker to /i/v0/e/ (1.449)',
      (id) => ({ path: '/i/v0/e/', body: gzipSync(strToU8(JSON.stringify({ api_key: server.api.projectToken, batch: [event('gzip_batch', id)] }))) }),
    ],
    ['gzip array with ?compression=gzip-js (1.300)', (id) => ({ path: '/e/?compression=gzip-js&ver=1.300.0', body: gzipSync(strToU8(JSON.stringify([event('gzip_array', id)]))) })],
    [
      'base64 form with ?compression=base64 (1.130)',
      (id) => ({
        path: '/e/?compression=base64',
        body: `data=${encodeURIComponent(base64(JSON.stringify([event('base64_form', id)])))}`,
        contentType: 'application/x-www-form-urlencoded',
      }),
    ],
    [
      'lz64 form (legacy)',
      (id) => ({
        path: '/capture/?compression=lz64',
        body: `data=${encodeURIComponent(lzString.compressToBase64(JSON.stringify([event('lz64_form', id)])))}`,
        contentType: 'application/x-www-form-urlencoded',
      }),
    ],
    ['JSON to /track/', (id) => ({ path: '/track/', body: JSON.stringify(event('track', id)) })],
  ])('%s', async (name, make) => {
    const distinctId = `enc-${name}`;
    const { path, body, contentType } = make(distinctId);
    const res = await post(path, body, contentType);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ status: 1 });
    const stored = await eventsOf(distinctId);
    expect(stored).toHaveLength(1);
  });

  it('GET /e/?data=<base64> works too', async () => {
    const data = encodeURIComponent(base64(JSON.stringify(event('get_data', 'enc-get'))));
    const res = await toJson(await server.raw(`/e/?data=${data}&ip=1`));
    expect(res.status).toBe(200);
    expect(await eventsOf('enc-get')).toHaveLength(1);
  });

  it('legacy /engage/ people updates become person properties', async () => {
    const body = `data=${encodeURIComponent(base64(JSON.stringify({ $set: { plan: 'pro' }, $token: server.api.projectToken, $distinct_id: 'engage-user' })))}`;
    const res = await post('/engage/?compression=base64', body, 'application/x-www-form-urlencoded');
    expect(res.status).toBe(200);
    const persons = await server.call('GET', '/api/projects/1/persons/?distinct_id=engage-user');
    expect(persons.body.results[0].properties).toEqual({ plan: 'pro' });
  });
});

describe('tokens', () => {
  it('401 invalid_api_key for an unknown token, like PostHog capture', async () => {
    const res = await server.capture([{ event: 'x', distinct_id: 'tok' }], { token: 'phc_unknown' });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ type: 'authentication_error', code: 'invalid_api_key', attr: null });
  });

  it('401 missing_api_key when no token is anywhere', async () => {
    const res = await post('/e/', JSON.stringify({ event: 'x', properties: { distinct_id: 'tok' } }));
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('missing_api_key');
  });

  it('takes the token from the properties, the envelope or ?token=', async () => {
    const noToken = { event: 'query_token', properties: { distinct_id: 'tok-q' } };
    expect((await post(`/e/?token=${server.api.projectToken}`, JSON.stringify(noToken))).status).toBe(200);
    expect(await eventsOf('tok-q')).toHaveLength(1);
  });
});

describe('malformed bodies', () => {
  const cases: [string, string, BodyInit, string, RegExp][] = [
    ['truncated gzip', '/e/', gzipSync(strToU8(JSON.stringify([{ event: 'x', properties: { distinct_id: 'bad' } }]))).slice(0, 20), 'text/plain', /gzip/i],
    ['bad base64', '/e/?compression=base64', 'data=bm90IGpzb24h$$', 'application/x-www-form-urlencoded', /base64/i],
    ['wrong JSON', '/e/', '{"event": "x", "properties": ', 'application/json', /JSON/],
    ['JSON that is not an event', '/e/', '{"hello": "world"}', 'application/json', /not an event payload/],
    ['an empty body', '/e/', '', 'text/plain', /empty/],
  ];
  it.each(cases)('%s → 400 with the decoder’s reason', async (_name, path, body, contentType, reason) => {
    const res = await post(path, body, contentType);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ type: 'validation_error', code: 'invalid_payload', attr: null });
    expect(res.body.detail).toMatch(reason);
  });

  it('the server keeps answering after malformed requests', async () => {
    for (const [, path, body, contentType] of cases) await post(path, body, contentType);
    const res = await server.capture([{ event: 'still_alive', distinct_id: 'alive' }]);
    expect(res.status).toBe(200);
    expect(await eventsOf('alive')).toHaveLength(1);
  });

  it('413 for a body over 20 MB', async () => {
    const res = await post('/e/', new Uint8Array(21 * 1024 * 1024).fill(0x20));
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('payload_too_large');
  });
});

describe('storage', () => {
  it('ignores an event whose uuid was already stored (PostHog dedup)', async () => {
    const duplicate = event('dup', 'dedup-user');
    await post('/e/', JSON.stringify(duplicate));
    await post('/e/', JSON.stringify([duplicate, { ...duplicate, event: 'changed' }]));
    const stored = await eventsOf('dedup-user');
    expect(stored.map((e) => e.event)).toEqual(['dup']);
  });

  it('builds elements_chain from $elements as PostHog ingestion does, and drops $elements', async () => {
    const elements = [
      { tag_name: 'button', $el_text: 'Buy "now"', attr__class: 'btn primary', attr__id: 'buy', nth_child: 2, nth_of_type: 1 },
      { tag_name: 'div', attr__class: 'card', nth_child: 1, nth_of_type: 1 },
    ];
    await post('/e/', JSON.stringify(event('$autocapture', 'chain-user', { $event_type: 'click', $elements: elements })));
    const [stored] = await eventsOf('chain-user');
    expect(stored?.elements_chain).toBe(
      'button.btn.primary:attr__class="btn primary"attr__id="buy"attr_id="buy"nth-child="2"nth-of-type="1"text="Buy \\"now\\"";div.card:attr__class="card"nth-child="1"nth-of-type="1"',
    );
    expect(stored?.properties).not.toHaveProperty('$elements');
  });

  it('keeps the SDK’s $elements_chain when sent', async () => {
    const chain = 'a.nav:href="/x"nth-child="1"nth-of-type="1"text="X"';
    await post('/e/', JSON.stringify(event('$rageclick', 'chain-user-2', { $elements_chain: chain })));
    expect((await eventsOf('chain-user-2'))[0]?.elements_chain).toBe(chain);
  });

  it('lists events newest first with filters and a next link', async () => {
    const t0 = Date.parse('2024-05-01T10:00:00Z');
    const batch = [0, 1, 2, 3, 4].map((i) => ({ ...event(i % 2 ? 'odd' : 'even', 'list-user'), timestamp: new Date(t0 + i * 1000).toISOString() }));
    await post('/e/', JSON.stringify(batch));
    const page1 = await server.call('GET', '/api/projects/1/events/?distinct_id=list-user&limit=2');
    expect(page1.body.results.map((e: { timestamp: string }) => e.timestamp)).toEqual(['2024-05-01T10:00:04.000Z', '2024-05-01T10:00:03.000Z']);
    expect(page1.body.results[0]).toMatchObject({ id: expect.any(String), uuid: expect.any(String), distinct_id: 'list-user', elements_chain: '', person: { distinct_ids: ['list-user'] } });
    const next = new URL(page1.body.next);
    const page2 = await server.call('GET', `${next.pathname}${next.search}`);
    expect(page2.body.results.map((e: { timestamp: string }) => e.timestamp)).toEqual(['2024-05-01T10:00:02.000Z', '2024-05-01T10:00:01.000Z']);
    const odd = await server.call('GET', '/api/projects/1/events/?distinct_id=list-user&event=odd');
    expect(odd.body.results).toHaveLength(2);
    const window = await server.call('GET', '/api/projects/1/events/?distinct_id=list-user&after=2024-05-01T10:00:01Z&before=2024-05-01T10:00:04Z');
    expect(window.body.results).toHaveLength(2);
    expect(window.body.next).toBeNull();
    const bad = await server.call('GET', '/api/projects/1/events/?limit=lots');
    expect(bad.status).toBe(400);
    expect(bad.body.attr).toBe('limit');
  });
});

describe('replay of real posthog-js requests (test/fixtures/wire)', () => {
  it.each(RECORDED_VERSIONS)('posthog-js %s: every recorded request is accepted and its events stored', async (version) => {
    const replay = await startTestServer({ projectToken: FIXTURE_TOKEN });
    try {
      const fixture = readWireFixture(version);
      const expected = new Set<string>();
      for (const request of fixture.requests) {
        for (const e of decodeRequest(toDecodeInput(request)).events) expected.add(e.uuid ?? '');
        const url = new URL(request.url);
        const res = await replay.raw(`${url.pathname}${url.search}`, {
          method: request.method,
          headers: request.contentType ? { 'content-type': request.contentType } : {},
          body: Buffer.from(request.bodyBase64, 'base64'),
        });
        expect(res.status, `${request.method} ${url.pathname}: ${await res.clone().text()}`).toBe(200);
      }
      expect(expected.size).toBeGreaterThan(5);
      const stored = await replay.call('GET', '/api/projects/1/events/?limit=1000');
      expect(stored.body.results).toHaveLength(expected.size);
      expect(new Set(stored.body.results.map((e: { uuid: string }) => e.uuid))).toEqual(expected);

      const autocaptures = stored.body.results.filter((e: { event: string }) => e.event === '$autocapture');
      expect(autocaptures.length).toBeGreaterThan(0);
      for (const e of autocaptures) expect(e.elements_chain).toMatch(/^button\.btn\.btn-primary:.*text="Buy now"/);

      // identify('user-1', {email}, {first_seen}) then alias('alias-1'): one identified person.
      const person = await replay.call('GET', '/api/projects/1/persons/?distinct_id=alias-1');
      expect(person.body.results).toHaveLength(1);
      expect(person.body.results[0]).toMatchObject({ is_identified: true, properties: { email: 'a@b.c', first_seen: 'x' }, name: 'a@b.c' });
      expect(person.body.results[0].distinct_ids).toEqual(expect.arrayContaining(['user-1', 'alias-1']));
    } finally {
      await replay.stop();
    }
  });
});
