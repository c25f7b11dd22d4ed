/**
 * UTF-8 → string, tolerant of the CESU-8 that posthog-js's base64 path produces.
 *
 * posthog-js `_base64Encode` (1.130.2 `utils/index.js`, 1.300.0 `utils/encode-utils.js`, still in
 * 1.449.2) runs `utf8Encode`, which encodes each UTF-16 code unit on its own: an emoji (a surrogate
 * pair) becomes two 3-byte sequences `ED A0..AF xx ED B0..BF xx` instead of one 4-byte sequence.
 * A strict UTF-8 decoder turns those into U+FFFD; decoding the surrogates back to code units
 * restores the pair. (The gzip path uses fflate's `strToU8`, which is real UTF-8.)
 */

// The non-fatal decoder is several times faster than `{ fatal: true }` in V8; a U+FFFD in its
// output (rare: only for invalid UTF-8 or a literal U+FFFD) sends the bytes to the careful path.
const fast = new TextDecoder('utf-8');

const PIECE_BYTES = 64 * 1024;

export function decodeUtf8(bytes: Uint8Array): string {
  let text: string | undefined;
  if (bytes.length <= PIECE_BYTES) {
    text = withoutReplacement(fast.decode(bytes));
  } else {
    const pieces = new Utf8Pieces();
    for (let start = 0; start < bytes.length; start += PIECE_BYTES) pieces.push(bytes.subarray(start, start + PIECE_BYTES));
    text = pieces.end();
  }
  return text ?? decodeUtf8Lenient(bytes);
}

/**
 * UTF-8 that arrives in pieces (a stream's chunks, or a large body cut up: Chromium's
 * `TextDecoder` takes several times longer per byte on megabytes at once than on 64 KiB pieces)
 * → one string. `end()` is undefined when the text holds a U+FFFD: then the bytes need
 * `decodeUtf8`, which knows whether it stands for CESU-8.
 */
export class Utf8Pieces {
  private readonly decoder = new TextDecoder('utf-8');
  private readonly pieces: string[] = [];

  push(bytes: Uint8Array): void {
    this.pieces.push(this.decoder.decode(bytes, { stream: true }));
  }

  end(): string | undefined {
    this.pieces.push(this.decoder.decode());
    return withoutReplacement(this.pieces.join(''));
  }
}

function withoutReplacement(text: string): string | undefined {
  return text.includes('\uFFFD') ? undefined : text;
}

const REPLACEMENT = 0xfffd;
const CHUNK = 0x2000;

function decodeUtf8Lenient(bytes: Uint8Array): string {
  const units: number[] = [];
  let text = '';
  const flush = () => {
    text += String.fromCharCode(...units);
    units.length = 0;
  };
  const continuation = (at: number) => at < bytes.length && ((bytes[at] ?? 0) & 0xc0) === 0x80;

  for (let i = 0; i < bytes.length; ) {
    const b0 = bytes[i] ?? 0;
    if (b0 < 0x80) {
      units.push(b0);
      i += 1;
    } else if (b0 >= 0xc2 && b0 <= 0xdf && continuation(i + 1)) {
      units.push(((b0 & 0x1f) << 6) | ((bytes[i + 1] ?? 0) & 0x3f));
      i += 2;
    } else if (b0 >= 0xe0 && b0 <= 0xef && continuation(i + 1) && continuation(i + 2)) {
      const unit = ((b0 & 0x0f) << 12) | (((bytes[i + 1] ?? 0) & 0x3f) << 6) | ((bytes[i + 2] ?? 0) & 0x3f);
      // Overlong 3-byte forms are invalid; surrogates (0xD800–0xDFFF) are the CESU-8 case and are
      // kept as code units, so a high + low pair becomes one character again.
      units.push(unit < 0x800 ? REPLACEMENT : unit);
      i += 3;
    } else if (b0 >= 0xf0 && b0 <= 0xf4 && continuation(i + 1) && continuation(i + 2) && continuation(i + 3)) {
      const codePoint =
        ((b0 & 0x07) << 18) |
        (((bytes[i + 1] ?? 0) & 0x3f) << 12) |
        (((bytes[i + 2] ?? 0) & 0x3f) << 6) |
        ((bytes[i + 3] ?? 0) & 0x3f);
      if (codePoint < 0x10000 || codePoint > 0x10ffff) {
        units.push(REPLACEMENT);
      } else {
        const offset = codePoint - 0x10000;
        units.push(0xd800 | (offset >> 10), 0xdc00 | (offset & 0x3ff));
      }
      i += 4;
    } else {
      units.push(REPLACEMENT);
      i += 1;
    }
    if (units.length >= CHUNK) flush();
  }
  flush();
  return text;
}
