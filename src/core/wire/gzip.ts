import { Gunzip } from 'fflate';
import { InflateError, inflateRawInto } from './inflate';
import { UndecodableBody } from './undecodable';
import { Utf8Pieces, decodeUtf8 } from './utf8';

/** Every gzip member starts with these two bytes (RFC 1952). */
export function hasGzipMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

const HEADER_AND_TRAILER_BYTES = 18;
/** Input is fed to the careful inflater in slices this big, so a gzip bomb is stopped near `maxBytes`. */
const INPUT_SLICE_BYTES = 16 * 1024;

/** Bodies that inflate to at most this share one output buffer (see `gunzipText`). */
const REUSED_BUFFER_BYTES = 256 * 1024;
let reusedBuffer: Uint8Array | undefined;

/**
 * The text of a single-member gzip body (what posthog-js sends: fflate `gzipSync` up to 1.300,
 * the browser's `CompressionStream` in 1.449): inflated, trailer checked, UTF-8 decoded.
 *
 * Fast path: inflated by `inflateRawInto` into a buffer of the trailer's ISIZE, which never grows
 * (so a bomb stops at `maxBytes`), then length and CRC32 checks. Anything that fails it — a cut-off
 * body reads a garbage ISIZE — is inflated again carefully by fflate, to say exactly what is wrong.
 * A small body is inflated into a buffer kept for the next one rather than a fresh typed array:
 * 1.2–1.6 times the events per second for batches of 1–50 events in a Chromium service worker.
 * The bytes never leave this function, only their text.
 */
export function gunzipText(bytes: Uint8Array, maxBytes: number): string {
  if (bytes.length < HEADER_AND_TRAILER_BYTES) {
    throw new UndecodableBody(`gzip stream truncated (${bytes.length} bytes)`, 'gzip');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const trailerCrc = view.getUint32(bytes.length - 8, true);
  const trailerSize = view.getUint32(bytes.length - 4, true);
  if (trailerSize <= maxBytes) {
    try {
      const out =
        trailerSize <= REUSED_BUFFER_BYTES
          ? (reusedBuffer ??= new Uint8Array(REUSED_BUFFER_BYTES)).subarray(0, trailerSize)
          : new Uint8Array(trailerSize);
      const written = inflateRawInto(bytes, gzipHeaderEnd(bytes), bytes.length - 8, out);
      if (written === trailerSize && trailerCrc === crc32(out)) return decodeUtf8(out);
    } catch (error) {
      // Fall through to the careful path for the precise reason.
      if (!(error instanceof InflateError)) throw error;
    }
  }
  return decodeUtf8(gunzipCarefully(bytes, maxBytes));
}

const FLAG_HCRC = 2;
const FLAG_EXTRA = 4;
const FLAG_NAME = 8;
const FLAG_COMMENT = 16;

/** Where the DEFLATE data starts after a gzip member's header (RFC 1952 §2.3). */
function gzipHeaderEnd(bytes: Uint8Array): number {
  if (!hasGzipMagic(bytes) || bytes[2] !== 8) throw new InflateError('not a gzip header');
  const flags = bytes[3]!;
  let pos = 10;
  if (flags & FLAG_EXTRA) pos += 2 + (bytes[pos]! | (bytes[pos + 1]! << 8));
  if (flags & FLAG_NAME) while (pos < bytes.length && bytes[pos++] !== 0);
  if (flags & FLAG_COMMENT) while (pos < bytes.length && bytes[pos++] !== 0);
  if (flags & FLAG_HCRC) pos += 2;
  if (pos > bytes.length - 8) throw new InflateError('gzip header runs into the trailer');
  return pos;
}

/**
 * Up to this inflated size, fflate into the reused buffer is as fast as the native stream in a
 * Chromium 156 service worker (whose fixed cost per body outweighs its faster inflating); above
 * it, the native stream is faster.
 */
export const NATIVE_MIN_BYTES = REUSED_BUFFER_BYTES + 1;

/**
 * The text of a gzip body, inflated by the platform's `DecompressionStream` (zlib, native code)
 * rather than by fflate, its chunks decoded as they come. Undefined wherever that might not give
 * exactly what `gunzipText` gives — no `DecompressionStream`, a smaller body, and every failure
 * (truncated, corrupt, another member or junk after the first, not the size its trailer says,
 * over `maxBytes`, a U+FFFD in the text) — so that the caller decodes synchronously instead,
 * which also says precisely what is wrong.
 */
export async function gunzipTextNatively(bytes: Uint8Array, maxBytes: number): Promise<string | undefined> {
  if (typeof DecompressionStream !== 'function' || !hasGzipMagic(bytes) || bytes.length < HEADER_AND_TRAILER_BYTES) {
    return undefined;
  }
  const size = trailerSize(bytes);
  if (size < NATIVE_MIN_BYTES || size > maxBytes) return undefined;
  try {
    const inflate = new DecompressionStream('gzip');
    const writer = inflate.writable.getWriter();
    // Errors surface on the reader; the writer's promises only need a handler. (A view of a
    // SharedArrayBuffer, which the type allows, is refused there like any other failure.)
    writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => undefined);
    writer.close().catch(() => undefined);
    const reader = inflate.readable.getReader();
    const text = new Utf8Pieces();
    let total = 0;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      total += chunk.value.length;
      if (total > size) {
        // Node's zlib reads on into further members; the trailer caps a bomb too.
        reader.cancel().catch(() => undefined);
        return undefined;
      }
      text.push(chunk.value);
    }
    return total === size ? text.end() : undefined;
  } catch {
    return undefined;
  }
}

/** ISIZE: the inflated size mod 2^32, the gzip trailer's last four bytes (little-endian). */
function trailerSize(bytes: Uint8Array): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(bytes.length - 4, true);
}

/**
 * fflate's streaming `Gunzip` does not notice a stream cut off inside the deflate data or the
 * trailer (it returns the bytes it got), so this streams in slices with a size cap and verifies
 * ISIZE and CRC32 itself.
 */
function gunzipCarefully(bytes: Uint8Array, maxBytes: number): Uint8Array {
  if (bytes.length < HEADER_AND_TRAILER_BYTES) {
    throw new UndecodableBody(`gzip stream truncated (${bytes.length} bytes)`, 'gzip');
  }

  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Gunzip((chunk) => {
    total += chunk.length;
    if (total > maxBytes) {
      throw new UndecodableBody(`gzip body inflates to more than ${maxBytes} bytes`, 'gzip');
    }
    chunks.push(chunk);
  });
  try {
    for (let start = 0; start < bytes.length; start += INPUT_SLICE_BYTES) {
      const end = Math.min(start + INPUT_SLICE_BYTES, bytes.length);
      inflater.push(bytes.subarray(start, end), end === bytes.length);
    }
  } catch (error) {
    throw describeInflateError(error);
  }

  const inflated = concat(chunks, total);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const trailerCrc = view.getUint32(bytes.length - 8, true);
  const trailerSize = view.getUint32(bytes.length - 4, true);
  if (trailerSize !== total % 2 ** 32) {
    throw new UndecodableBody('gzip stream truncated', 'gzip');
  }
  if (trailerCrc !== crc32(inflated)) {
    throw new UndecodableBody('gzip data is corrupt (CRC32 mismatch)', 'gzip');
  }
  return inflated;
}

function describeInflateError(error: unknown): unknown {
  if (error instanceof UndecodableBody) return error;
  // fflate error codes (fflate 0.8 `FlateErrorCode`): 0 unexpected EOF, 6 invalid gzip data
  // (header); 1–3 invalid block type / length-literal / distance.
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 0) return new UndecodableBody('gzip stream truncated', 'gzip');
  if (code === 6) return new UndecodableBody('gzip header is invalid', 'gzip');
  const message = error instanceof Error ? error.message : String(error);
  return new UndecodableBody(`gzip data is corrupt (${message})`, 'gzip');
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

let crcTables: Uint32Array | undefined;

/**
 * CRC-32 (IEEE 802.3, the one gzip uses); fflate does not export its own. Slicing-by-8 (eight
 * 256-entry tables, eight bytes per step): over twice the speed of a byte at a time, which took a
 * tenth of `decodeRequest`'s time for a large batch.
 */
function crc32(bytes: Uint8Array): number {
  const t = (crcTables ??= buildCrcTables());
  let crc = 0xffffffff;
  let i = 0;
  for (const end = bytes.length - 8; i <= end; i += 8) {
    const low = crc ^ (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24));
    crc =
      t[0x700 + (low & 0xff)]! ^
      t[0x600 + ((low >>> 8) & 0xff)]! ^
      t[0x500 + ((low >>> 16) & 0xff)]! ^
      t[0x400 + (low >>> 24)]! ^
      t[0x300 + bytes[i + 4]!]! ^
      t[0x200 + bytes[i + 5]!]! ^
      t[0x100 + bytes[i + 6]!]! ^
      t[bytes[i + 7]!]!;
  }
  for (; i < bytes.length; i++) crc = t[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Table k maps a byte to its CRC contribution k bytes further on. */
function buildCrcTables(): Uint32Array {
  const tables = new Uint32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    tables[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    for (let k = 1; k < 8; k++) {
      const previous = tables[(k - 1) * 256 + n]!;
      tables[k * 256 + n] = tables[previous & 0xff]! ^ (previous >>> 8);
    }
  }
  return tables;
}
