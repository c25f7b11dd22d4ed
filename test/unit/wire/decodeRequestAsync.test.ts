/**
 * `decodeRequestAsync` must give exactly what `decodeRequest` gives, for every input: every
 * recorded request, every malformed body, and large gzip bodies — the only ones it inflates with
 * the platform's `DecompressionStream` (Node's here: zlib, like Chromium's) — whole, cut short,
 * corrupted or lying about their size.
 */
import { gzipSync, strToU8 } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type DecodeInput, MAX_BODY_BYTES, MAX_JSON_DEPTH, decodeRequest, decodeRequestAsync } from '../../../src/core/wire';
import { NATIVE_MIN_BYTES, gunzipTextNatively } from '../../../src/core/wire/gzip';
import { RECORDED_VERSIONS, readWireFixture, toDecodeInput } from '../../fixtures/wire/wireFixture';
import { MALFORMED_CASES, url } from './malformedBodies';
import { RECEIVED_AT, gzipText } from './wireBodies';

const recorded = RECORDED_VERSIONS.flatMap((version) =>
  readWireFixture(version).requests.map((request, index) => ({
    name: `posthog-js ${version} #${index}: ${request.method} ${new URL(request.url).pathname}`,
    input: toDecodeInput(request),
  })),
);

/** A 1.449-style batch of the recorded events, well above the size the native inflater starts at. */
const recordedEvents = recorded.flatMap(({ input }) => decodeRequest(input).events);
const batchText = JSON.stringify({
  api_key: 'phc_x',
  batch: Array.from({ length: 300 }, (_, i) => ({ ...recordedEvents[i % recordedEvents.length], uuid: `u-${i}` })),
  sent_at: '2024-05-01T12:00:09.000Z',
});
const batch = gzipText(batchText);

const request = (body: Uint8Array): DecodeInput => ({ url, contentType: 'text/plain', body, receivedAt: RECEIVED_AT });

/** posthog-js 1.449 compresses with the browser's CompressionStream, not fflate. */
async function compressionStreamGzip(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function withByte(bytes: Uint8Array, at: number, value: (byte: number) => number): Uint8Array {
  const copy = bytes.slice();
  copy[at] = value(copy[at]!);
  return copy;
}

function withTrailerSize(bytes: Uint8Array, size: number): Uint8Array {
  const copy = bytes.slice();
  new DataView(copy.buffer).setUint32(copy.length - 4, size, true);
  return copy;
}

const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((part) => [...part]));

/** posthog-js's base64 encoder writes CESU-8; inside gzip it only comes from hand-made senders. */
function cesu8Batch(): Uint8Array {
  const utf8 = strToU8(JSON.stringify({ batch: [{ event: 'party 🎉', properties: { pad: 'x'.repeat(NATIVE_MIN_BYTES) } }] }));
  const emoji = [0xf0, 0x9f, 0x8e, 0x89];
  const at = utf8.findIndex((_, i) => emoji.every((byte, k) => utf8[i + k] === byte));
  return gzipSync(concat(utf8.subarray(0, at), Uint8Array.from([0xed, 0xa0, 0xbc, 0xed, 0xbe, 0x89]), utf8.subarray(at + 4)));
}

const largeText = (text: string) => gzipText(text.padEnd(NATIVE_MIN_BYTES, ' '));

/** Large gzip bodies the native inflater must refuse, to leave the reason to the sync path. */
const LARGE_BROKEN_GZIP: { name: string; body: Uint8Array }[] = [
  ...[10, 100, batch.length >> 1, batch.length - 12, batch.length - 8, batch.length - 4].map((at) => ({
    name: `a flipped byte at ${at} of ${batch.length}`,
    body: withByte(batch, at, (byte) => byte ^ 0xff),
  })),
  { name: 'junk after the trailer', body: concat(batch, Uint8Array.from([1, 2, 3])) },
  { name: 'a second gzip member', body: concat(batch, batch) },
  { name: 'a trailer one byte short of the size', body: withTrailerSize(batch, batchText.length - 1) },
  { name: 'a trailer one byte over the size', body: withTrailerSize(batch, batchText.length + 1) },
  { name: 'a trailer over the body limit', body: withTrailerSize(batch, MAX_BODY_BYTES + 1) },
  { name: 'a bomb whose trailer says 64 KiB', body: withTrailerSize(gzipSync(new Uint8Array(4 * 1024 * 1024)), NATIVE_MIN_BYTES) },
  { name: 'CESU-8 text', body: cesu8Batch() },
  { name: 'a literal U+FFFD in the text', body: largeText('[{"event":"\uFFFD"}]') },
];

/** Large gzip bodies that inflate natively, and then fail exactly as they do in the sync path. */
const LARGE_BAD_CONTENT: { name: string; body: Uint8Array }[] = [
  { name: 'text that is not JSON', body: largeText('hello') },
  { name: 'JSON that is not an event payload', body: largeText('{"token":"phc_x"}') },
  { name: 'JSON nested too deep', body: largeText(`${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`) },
];

const truncations = Array.from({ length: 40 }, (_, i) => Math.floor((i * batch.length) / 40)).concat(
  Array.from({ length: 8 }, (_, i) => batch.length - 8 + i),
);

async function expectSameAsSync(input: DecodeInput): Promise<void> {
  const sync = decodeRequest(input);
  await expect(decodeRequestAsync(input)).resolves.toStrictEqual(sync);
}

describe('decodeRequestAsync: the same result as decodeRequest', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it.each(recorded)('$name', async ({ input }) => {
    await expectSameAsSync(input);
  });

  it.each(MALFORMED_CASES)('malformed: $name', async ({ input }) => {
    await expectSameAsSync(input);
  });

  it('a large batch, inflated natively (fflate and CompressionStream gzip)', async () => {
    const streamed = await compressionStreamGzip(batchText);
    for (const body of [batch, streamed]) {
      await expect(gunzipTextNatively(body, MAX_BODY_BYTES)).resolves.toBe(batchText);
      await expectSameAsSync(request(body));
      expect((await decodeRequestAsync(request(body))).events).toHaveLength(300);
    }
  });

  it.each(LARGE_BROKEN_GZIP)('a large body with $name: refused natively, decoded synchronously', async ({ body }) => {
    await expect(gunzipTextNatively(body, MAX_BODY_BYTES)).resolves.toBeUndefined();
    await expectSameAsSync(request(body));
  });

  it.each(LARGE_BAD_CONTENT)('a large body of $name: the same reason', async ({ body }) => {
    await expect(gunzipTextNatively(body, MAX_BODY_BYTES)).resolves.toEqual(expect.any(String));
    await expectSameAsSync(request(body));
    expect(decodeRequest(request(body)).undecodable?.reason).toBeTruthy();
  });

  it('a large body cut short anywhere: the same undecodable entry and reason', async () => {
    for (const length of truncations) {
      const input = request(batch.subarray(0, length));
      await expectSameAsSync(input);
      expect(decodeRequest(input).undecodable?.reason, `length ${length}`).toBeTruthy();
    }
  });

  it('small gzip bodies are left to fflate', async () => {
    await expect(gunzipTextNatively(gzipText('[{"event":"x"}]'), MAX_BODY_BYTES)).resolves.toBeUndefined();
  });

  it('without DecompressionStream, decodes synchronously', async () => {
    vi.stubGlobal('DecompressionStream', undefined);
    await expect(gunzipTextNatively(batch, MAX_BODY_BYTES)).resolves.toBeUndefined();
    await expectSameAsSync(request(batch));
    await expectSameAsSync(request(batch.subarray(0, batch.length - 20)));
  });
});
