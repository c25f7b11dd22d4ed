/**
 * A DEFLATE (RFC 1951) decoder for the fast path of small gzip bodies: it inflates into a buffer the
 * caller gives and allocates nothing per body. Its Huffman tables live in typed arrays made once at
 * module load and rebuilt in place for each block.
 *
 * Why not fflate here: fflate builds a fresh lookup table of 2^(longest code) entries (up to 32,768)
 * for every dynamic block, and fresh typed arrays are slow in a Chromium service worker. For the
 * 1-event bodies posthog-js sends after each `$pageview` or `identify` (~900 bytes), that fixed cost
 * was most of the decoder's time. Here each table is a 2^10-entry primary lookup, filled per block,
 * with codes longer than 10 bits (rare: they belong to rare symbols) decoded canonically, bit by bit,
 * as zlib's `puff` does.
 *
 * Errors throw `InflateError`; the caller then inflates again with fflate's careful path, which says
 * exactly what is wrong. Output that would not fit `out` is an error too, so a gzip bomb stops at
 * the size the caller allowed.
 */

export class InflateError extends Error {
  override name = 'InflateError';
}

const FAST_BITS = 9;
const FAST_SIZE = 1 << FAST_BITS;
const MAX_BITS = 15;

/**
 * One Huffman code: a primary table indexed by the next FAST_BITS input bits (`symbol << 4 |
 * length`; 0 = a longer code), plus, for the longer codes, the canonical code's first code and first
 * symbol index per length and its symbols in canonical order.
 */
interface HuffmanTable {
  /** Bits that index `fast`: FAST_BITS, or the longest code's length if shorter (fewer slots to fill). */
  fastBits: number;
  fast: Uint16Array;
  count: Uint16Array;
  firstCode: Int32Array;
  firstIndex: Uint16Array;
  symbol: Uint16Array;
}

const newTable = (symbols: number): HuffmanTable => ({
  fastBits: FAST_BITS,
  fast: new Uint16Array(FAST_SIZE),
  count: new Uint16Array(MAX_BITS + 1),
  firstCode: new Int32Array(MAX_BITS + 1),
  firstIndex: new Uint16Array(MAX_BITS + 1),
  symbol: new Uint16Array(symbols),
});

/** REVERSED[x] is x's 15 bits in reverse order: DEFLATE's codes arrive most significant bit first. */
const REVERSED = new Uint16Array(1 << MAX_BITS);
for (let x = 1; x < REVERSED.length; x++) REVERSED[x] = (REVERSED[x >>> 1]! >>> 1) | ((x & 1) << (MAX_BITS - 1));

const lengthTable = newTable(288);
const distanceTable = newTable(32);
const codeLengthTable = newTable(19);
const fixedLengthTable = newTable(288);
const fixedDistanceTable = newTable(32);
const offsets = new Uint16Array(MAX_BITS + 2);
const nextCode = new Uint16Array(MAX_BITS + 2);
const codeLengths = new Uint8Array(288 + 32);

const LENGTH_BASE = Uint16Array.of(3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258);
const LENGTH_EXTRA = Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0);
const DISTANCE_BASE = Uint16Array.of(
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
);
const DISTANCE_EXTRA = Uint8Array.of(0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13);
/** The order in which a dynamic block lists its code length code's lengths. */
const CODE_LENGTH_ORDER = Uint8Array.of(16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15);

/**
 * Builds `table` from `lengths[start, start + n)`. Incomplete codes are allowed only where DEFLATE
 * allows them (a single distance code); an over-subscribed code is an error.
 */
function buildTable(table: HuffmanTable, lengths: Uint8Array, start: number, n: number): void {
  const { fast, count, firstCode, firstIndex, symbol } = table;
  count.fill(0);
  for (let i = 0; i < n; i++) count[lengths[start + i]!]!++;
  count[0] = 0;
  let left = 1;
  for (let len = 1; len <= MAX_BITS; len++) {
    left = (left << 1) - count[len]!;
    if (left < 0) throw new InflateError('over-subscribed Huffman code');
  }
  offsets[1] = 0;
  for (let len = 1; len < MAX_BITS; len++) offsets[len + 1] = offsets[len]! + count[len]!;
  for (let i = 0; i < n; i++) {
    const len = lengths[start + i]!;
    if (len !== 0) symbol[offsets[len]!++] = i;
  }

  let longest = MAX_BITS;
  while (longest > 1 && count[longest] === 0) longest--;
  const fastBits = Math.min(FAST_BITS, longest);
  const fastSize = 1 << fastBits;
  table.fastBits = fastBits;
  fast.fill(0, 0, fastSize);
  let code = 0;
  for (let len = 1; len <= MAX_BITS; len++) {
    // count[0] was zeroed, so the first code of length 1 is 0 as the canonical construction wants.
    code = (code + count[len - 1]!) << 1;
    nextCode[len] = code;
    firstCode[len] = code;
    firstIndex[len] = offsets[len]! - count[len]!;
  }
  for (let i = 0; i < n; i++) {
    const len = lengths[start + i]!;
    if (len === 0 || len > fastBits) continue;
    const reversed = REVERSED[nextCode[len]!++ << (MAX_BITS - len)]!;
    const entry = (i << 4) | len;
    for (let slot = reversed; slot < fastSize; slot += 1 << len) fast[slot] = entry;
  }
}

function buildFixedTables(): void {
  codeLengths.fill(8, 0, 144);
  codeLengths.fill(9, 144, 256);
  codeLengths.fill(7, 256, 280);
  codeLengths.fill(8, 280, 288);
  buildTable(fixedLengthTable, codeLengths, 0, 288);
  codeLengths.fill(5, 0, 30);
  buildTable(fixedDistanceTable, codeLengths, 0, 30);
}
buildFixedTables();

/**
 * A code longer than FAST_BITS, from the low MAX_BITS bits of `bits`: `symbol << 4 | length`, or -1
 * for bits that start no code of the table.
 */
function decodeLong(table: HuffmanTable, bits: number): number {
  const reversed = REVERSED[bits & ((1 << MAX_BITS) - 1)]!;
  const { count, firstCode, firstIndex, symbol } = table;
  for (let len = table.fastBits + 1; len <= MAX_BITS; len++) {
    const offset = (reversed >>> (MAX_BITS - len)) - firstCode[len]!;
    if (offset >= 0 && offset < count[len]!) return (symbol[firstIndex[len]! + offset]! << 4) | len;
  }
  return -1;
}

/**
 * Inflates the raw DEFLATE stream in `src[start, end)` into `out`; returns the number of bytes
 * written. Stops after the final block (what follows, e.g. the gzip trailer, is not read).
 *
 * One function with the bit buffer in locals and the reads written out where they happen: V8 keeps
 * locals in registers, while variables shared with inner closures live in a heap context, which
 * made a closure-based version 1.6 times slower.
 */
export function inflateRawInto(src: Uint8Array, start: number, end: number, out: Uint8Array): number {
  let pos = start;
  /** Up to 32 bits read ahead, least significant first; `bitCount` of them are valid. */
  let bits = 0;
  let bitCount = 0;
  let written = 0;
  const outLength = out.length;
  /** Bytes fed as zeros past `end`; if any of them is consumed, the stream was cut off. */
  let overrun = 0;
  let final = 0;

  do {
    while (bitCount < 3) {
      if (pos < end) bits |= src[pos++]! << bitCount;
      else overrun++;
      bitCount += 8;
    }
    final = bits & 1;
    const type = (bits >>> 1) & 3;
    bits >>= 3;
    bitCount -= 3;
    if (overrun * 8 > bitCount) throw new InflateError('unexpected end of data');

    if (type === 0) {
      // Stored block: drop the bits up to the byte boundary and give back the whole bytes the bit
      // buffer read ahead; LEN and NLEN follow.
      if (overrun > 0) throw new InflateError('unexpected end of data');
      pos -= bitCount >>> 3;
      bits = 0;
      bitCount = 0;
      if (pos + 4 > end) throw new InflateError('unexpected end of data');
      const length = src[pos]! | (src[pos + 1]! << 8);
      const complement = src[pos + 2]! | (src[pos + 3]! << 8);
      if ((length ^ 0xffff) !== complement) throw new InflateError('stored block length is corrupt');
      pos += 4;
      if (pos + length > end) throw new InflateError('unexpected end of data');
      if (written + length > outLength) throw new InflateError('output larger than expected');
      out.set(src.subarray(pos, pos + length), written);
      pos += length;
      written += length;
      continue;
    }

    let lengths: HuffmanTable;
    let distances: HuffmanTable;
    if (type === 1) {
      lengths = fixedLengthTable;
      distances = fixedDistanceTable;
    } else if (type === 2) {
      while (bitCount < 14) {
        if (pos < end) bits |= src[pos++]! << bitCount;
        else overrun++;
        bitCount += 8;
      }
      const literalCount = (bits & 31) + 257;
      const distanceCount = ((bits >>> 5) & 31) + 1;
      const codeLengthCount = ((bits >>> 10) & 15) + 4;
      bits >>= 14;
      bitCount -= 14;
      if (literalCount > 286 || distanceCount > 30) throw new InflateError('too many length or distance codes');
      codeLengths.fill(0, 0, 19);
      for (let i = 0; i < codeLengthCount; i++) {
        while (bitCount < 3) {
          if (pos < end) bits |= src[pos++]! << bitCount;
          else overrun++;
          bitCount += 8;
        }
        codeLengths[CODE_LENGTH_ORDER[i]!] = bits & 7;
        bits >>= 3;
        bitCount -= 3;
      }
      buildTable(codeLengthTable, codeLengths, 0, 19);
      const total = literalCount + distanceCount;
      let i = 0;
      while (i < total) {
        // A code length code (≤ 7 bits) and its repeat bits (≤ 7): 14 bits at most.
        while (bitCount < 14) {
          if (pos < end) bits |= src[pos++]! << bitCount;
          else overrun++;
          bitCount += 8;
        }
        const entry = codeLengthTable.fast[bits & ((1 << codeLengthTable.fastBits) - 1)]!;
        if (entry === 0) throw new InflateError('invalid code length code');
        bits >>= entry & 15;
        bitCount -= entry & 15;
        const symbol = entry >>> 4;
        if (symbol < 16) {
          codeLengths[i++] = symbol;
          continue;
        }
        let repeat: number;
        let value = 0;
        if (symbol === 16) {
          if (i === 0) throw new InflateError('repeat with no previous length');
          value = codeLengths[i - 1]!;
          repeat = 3 + (bits & 3);
          bits >>= 2;
          bitCount -= 2;
        } else if (symbol === 17) {
          repeat = 3 + (bits & 7);
          bits >>= 3;
          bitCount -= 3;
        } else {
          repeat = 11 + (bits & 127);
          bits >>= 7;
          bitCount -= 7;
        }
        if (i + repeat > total) throw new InflateError('too many code lengths');
        codeLengths.fill(value, i, i + repeat);
        i += repeat;
      }
      if (overrun * 8 > bitCount) throw new InflateError('unexpected end of data');
      if (codeLengths[256] === 0) throw new InflateError('no end-of-block code');
      buildTable(lengthTable, codeLengths, 0, literalCount);
      buildTable(distanceTable, codeLengths, literalCount, distanceCount);
      lengths = lengthTable;
      distances = distanceTable;
    } else {
      throw new InflateError('invalid block type');
    }

    const lengthFast = lengths.fast;
    const lengthMask = (1 << lengths.fastBits) - 1;
    const distanceFast = distances.fast;
    const distanceMask = (1 << distances.fastBits) - 1;
    for (;;) {
      while (bitCount < MAX_BITS) {
        if (pos < end) bits |= src[pos++]! << bitCount;
        else overrun++;
        bitCount += 8;
      }
      let entry = lengthFast[bits & lengthMask]!;
      if (entry === 0) {
        entry = decodeLong(lengths, bits);
        if (entry < 0) throw new InflateError('invalid literal/length code');
      }
      bits >>= entry & 15;
      bitCount -= entry & 15;
      const symbol = entry >>> 4;
      if (symbol < 256) {
        if (written >= outLength) throw new InflateError('output larger than expected');
        out[written++] = symbol;
        continue;
      }
      if (overrun * 8 > bitCount) throw new InflateError('unexpected end of data');
      if (symbol === 256) break;

      const lengthIndex = symbol - 257;
      if (lengthIndex >= 29) throw new InflateError('invalid length code');
      // Length extra bits (≤ 5) and then the distance code (≤ 15): refill for each.
      let extra = LENGTH_EXTRA[lengthIndex]!;
      while (bitCount < extra) {
        if (pos < end) bits |= src[pos++]! << bitCount;
        else overrun++;
        bitCount += 8;
      }
      const length = LENGTH_BASE[lengthIndex]! + (bits & ((1 << extra) - 1));
      bits >>= extra;
      bitCount -= extra;

      while (bitCount < MAX_BITS) {
        if (pos < end) bits |= src[pos++]! << bitCount;
        else overrun++;
        bitCount += 8;
      }
      let distanceEntry = distanceFast[bits & distanceMask]!;
      if (distanceEntry === 0) {
        distanceEntry = decodeLong(distances, bits);
        if (distanceEntry < 0) throw new InflateError('invalid distance code');
      }
      bits >>= distanceEntry & 15;
      bitCount -= distanceEntry & 15;
      const distanceSymbol = distanceEntry >>> 4;
      if (distanceSymbol >= 30) throw new InflateError('invalid distance code');
      extra = DISTANCE_EXTRA[distanceSymbol]!;
      while (bitCount < extra) {
        if (pos < end) bits |= src[pos++]! << bitCount;
        else overrun++;
        bitCount += 8;
      }
      const distance = DISTANCE_BASE[distanceSymbol]! + (bits & ((1 << extra) - 1));
      bits >>= extra;
      bitCount -= extra;
      if (overrun * 8 > bitCount) throw new InflateError('unexpected end of data');
      if (distance > written) throw new InflateError('distance too far back');
      if (written + length > outLength) throw new InflateError('output larger than expected');
      // Byte by byte: a match may overlap what it writes (distance < length repeats a pattern).
      for (let from = written - distance, stop = written + length; written < stop; ) out[written++] = out[from++]!;
    }
  } while (final === 0);
  return written;
}
