/**
 * The decoders `decode.bench.ts` times, with no Node or browser API beyond what both have
 * (`performance`, `TextDecoder`, `DecompressionStream`, `Response`): it runs them in Node and,
 * bundled, in a Chromium service worker, where the extension's background decodes.
 */
import { gunzipSync } from 'fflate';
import { decodeRequest, decodeRequestAsync } from '../../src/core/wire';

/** Returns the number of events decoded, so every run is checked to have decoded the whole batch. */
type Decoder = (body: Uint8Array) => number | Promise<number>;

const text = new TextDecoder();
const url = 'http://127.0.0.1/i/v0/e/';

const batchLength = (value: unknown) => (value as { batch: unknown[] }).batch.length;

export const DECODERS = {
  decodeRequest: (body) => decodeRequest({ url, method: 'POST', contentType: 'text/plain', body }).events.length,
  decodeRequestAsync: async (body) => (await decodeRequestAsync({ url, method: 'POST', contentType: 'text/plain', body })).events.length,
  /**
   * What any decoder must do at least, inflating with fflate as `decodeRequest` does: the
   * issue's baseline, which decodes the text in one piece (slow in Chromium for megabytes).
   */
  'fflate + JSON.parse': (body) => batchLength(JSON.parse(text.decode(gunzipSync(body)))),
  /**
   * The same with the platform's native inflater, its chunks decoded as they come (faster in
   * Chromium than decoding the whole text at once).
   */
  'DecompressionStream + JSON.parse': async (body) => {
    const inflate = new DecompressionStream('gzip');
    const writer = inflate.writable.getWriter();
    void writer.write(body as Uint8Array<ArrayBuffer>);
    void writer.close();
    const reader = inflate.readable.getReader();
    const chunks = new TextDecoder();
    const pieces: string[] = [];
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) pieces.push(chunks.decode(chunk.value, { stream: true }));
    pieces.push(chunks.decode());
    return batchLength(JSON.parse(pieces.join('')));
  },
} satisfies Record<string, Decoder>;

export type DecoderName = keyof typeof DECODERS;

/** Decodes `body` `rounds` times with the named decoder; wall-clock milliseconds. */
export async function decodeRepeatedly(name: DecoderName, body: Uint8Array, events: number, rounds: number): Promise<number> {
  const decode: Decoder = DECODERS[name];
  const started = performance.now();
  for (let round = 0; round < rounds; round++) {
    const decoded = decode(body);
    // Sync decoders are not awaited: a microtask per body is a cost of the async ones only.
    const count = typeof decoded === 'number' ? decoded : await decoded;
    if (count !== events) throw new Error(`${name} decoded ${count} of ${events} events`);
  }
  return performance.now() - started;
}
