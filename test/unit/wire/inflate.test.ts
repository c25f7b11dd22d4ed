import { constants, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InflateError, inflateRawInto } from '../../../src/core/wire/inflate';
import { seededRandom } from '../../../src/core/seededRandom';

/**
 * `inflateRawInto` against Node's zlib (the reference DEFLATE): every level, strategy and memory
 * level, text and random bytes, empty to 300 KB — and damaged streams, which must throw
 * `InflateError` or at worst produce other bytes (the gzip trailer's size and CRC32 catch those),
 * never hang, throw anything else or write past the buffer.
 */

function eventText(length: number, next: () => number): Buffer {
  let text = '';
  while (text.length < length) {
    text += JSON.stringify({ event: '$autocapture', properties: { $current_url: `https://example.com/p/${Math.floor(next() * 97)}`, x: next(), émoji: '🎉' } });
  }
  return Buffer.from(text).subarray(0, length);
}

function randomBytes(length: number, next: () => number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(next() * 256);
  return bytes;
}

const STRATEGIES = [constants.Z_DEFAULT_STRATEGY, constants.Z_FILTERED, constants.Z_HUFFMAN_ONLY, constants.Z_RLE, constants.Z_FIXED];

function inflate(raw: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size);
  const written = inflateRawInto(raw, 0, raw.length, out);
  return out.subarray(0, written);
}

describe('inflateRawInto', () => {
  it.each(Array.from({ length: 40 }, (_, seed) => seed))('inflates what zlib deflates exactly (seed %i)', (seed) => {
    const next = seededRandom(seed);
    for (let round = 0; round < 10; round++) {
      const length = Math.floor(next() ** 3 * 300_000);
      const kind = Math.floor(next() * 4);
      const data =
        kind === 0
          ? randomBytes(length, next)
          : kind === 1
            ? eventText(length, next)
            : kind === 2
              ? Buffer.alloc(length, Math.floor(next() * 256))
              : Buffer.concat([eventText(length >> 1, next), randomBytes(length >> 2, next)]);
      const options = { level: Math.floor(next() * 10), strategy: STRATEGIES[Math.floor(next() * STRATEGIES.length)], memLevel: 1 + Math.floor(next() * 9) };
      const raw = deflateRawSync(data, options);
      expect(Buffer.from(inflate(raw, data.length)).equals(data), JSON.stringify({ seed, round, length, kind, options })).toBe(true);
    }
  });

  it('inflates an empty stream and stored blocks over 64 KB', () => {
    expect(inflate(deflateRawSync(Buffer.alloc(0)), 0)).toHaveLength(0);
    const data = randomBytes(200_000, seededRandom(7));
    expect(Buffer.from(inflate(deflateRawSync(data, { level: 0 }), data.length)).equals(data)).toBe(true);
  });

  it('stops with an error when the output would not fit (a bomb stops at the caller’s size)', () => {
    const raw = deflateRawSync(Buffer.alloc(1_000_000));
    expect(() => inflateRawInto(raw, 0, raw.length, new Uint8Array(999_999))).toThrow(InflateError);
  });

  it.each([
    ['reserved block type 3', Uint8Array.of(0b111)],
    ['stored block whose length and complement disagree', Uint8Array.of(0b001, 0x05, 0x00, 0x00, 0x00)],
    ['nothing at all', new Uint8Array(0)],
  ])('rejects %s', (_name, raw) => {
    expect(() => inflateRawInto(raw, 0, raw.length, new Uint8Array(100))).toThrow(InflateError);
  });

  it('never throws anything but InflateError on cut-off or damaged streams, nor writes past the buffer', () => {
    const next = seededRandom(42);
    let rejected = 0;
    for (let round = 0; round < 3000; round++) {
      const data = eventText(500 + Math.floor(next() * 3000), next);
      const raw = Buffer.from(deflateRawSync(data, { level: round % 10 }));
      let damaged: Buffer;
      if (round % 2 === 0) {
        damaged = raw.subarray(0, Math.floor(next() * (raw.length - 1)));
      } else {
        damaged = Buffer.from(raw);
        for (let flips = 0; flips <= round % 4; flips++) damaged[Math.floor(next() * damaged.length)]! ^= 1 << Math.floor(next() * 8);
      }
      // A guard byte after the buffer the inflater is given: it must stay untouched.
      const backing = new Uint8Array(data.length + 1).fill(0xaa);
      try {
        const written = inflateRawInto(damaged, 0, damaged.length, backing.subarray(0, data.length));
        expect(written).toBeLessThanOrEqual(data.length);
        // A stream cut short by more than its final bits cannot inflate to the whole text.
        if (round % 2 === 0 && damaged.length < raw.length - 1) expect(Buffer.from(backing.subarray(0, written)).equals(data)).toBe(false);
      } catch (error) {
        expect(error).toBeInstanceOf(InflateError);
        rejected++;
      }
      expect(backing[data.length]).toBe(0xaa);
    }
    expect(rejected).toBeGreaterThan(1500);
  });
});
