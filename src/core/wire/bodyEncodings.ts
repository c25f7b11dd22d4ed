import lzString from 'lz-string';
import { decodeBase64 } from './base64';
import type { DecodeInput, WireEncoding } from './decodeRequest';
import { formField, formFieldNames, looksLikeForm, queryField } from './formFields';
import { gunzipText, gunzipTextNatively, hasGzipMagic } from './gzip';
import { parseJsonText } from './jsonText';
import { UndecodableBody } from './undecodable';
import { decodeUtf8 } from './utf8';

/** Larger bodies (raw or inflated) are refused: no analytics request is this big. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

export interface DecodedBody {
  value: unknown;
  encoding: WireEncoding;
}

/** What the SDK said it did, from `?compression=` (or the old form field of the same name). */
type CompressionHint = 'gzip' | 'base64' | 'lz64';

/**
 * Request body → parsed JSON, whatever posthog-js wrapped it in. The payload decides; URL markers
 * only break ties the bytes cannot (base64 vs lz64), because proxies rewrite URLs and 1.449 sends
 * gzip without any marker.
 */
export function decodeBody(input: DecodeInput): DecodedBody {
  const hint = compressionHint(input.url);

  if (input.body.length === 0) {
    // Very old SDKs sent events as GET `/e/?data=<base64>` (image/script transport).
    const data = queryField(input.url, 'data');
    if (data !== undefined) return decodeDataField(data, hint, 'query parameter `data`');
    throw new UndecodableBody('body is empty');
  }
  if (input.body.length > MAX_BODY_BYTES) {
    throw new UndecodableBody(`body is larger than ${MAX_BODY_BYTES} bytes`);
  }

  const bytes = typeof input.body === 'string' ? binaryStringBytes(input.body) : input.body;
  if (bytes && hasGzipMagic(bytes)) return decodeGzipText(gunzipText(bytes, MAX_BODY_BYTES));

  const text = typeof input.body === 'string' ? input.body : decodeUtf8(input.body);
  if (text.charCodeAt(0) === 0x1f && text.charCodeAt(1) === 0xfffd) {
    throw new UndecodableBody(
      'body is gzip that was decoded as UTF-8 text (bytes lost); pass the raw bytes',
      'gzip',
    );
  }
  const trimmed = text.trim();
  if (startsLikeJson(trimmed)) {
    return { value: parseJsonLayer(trimmed, 'json'), encoding: 'json' };
  }
  if (looksLikeForm(trimmed) || isFormContentType(input.contentType)) {
    const data = formField(trimmed, 'data');
    if (data === undefined) {
      const fields = formFieldNames(trimmed);
      throw new UndecodableBody(
        `form body has no \`data\` field${fields.length ? ` (fields: ${fields.slice(0, 8).join(', ')})` : ''}`,
      );
    }
    // Old SDKs could name the compression in the form instead of the URL.
    const formHint = parseCompressionHint(formField(trimmed, 'compression'));
    return decodeDataField(data, formHint ?? hint, 'form field `data`');
  }
  if (hint === 'base64' || hint === 'lz64') {
    return decodeDataField(trimmed, hint, 'body');
  }
  if (hint === 'gzip') {
    throw new UndecodableBody(
      'URL says compression=gzip-js but the body does not start with the gzip magic bytes 1f 8b',
    );
  }
  return { value: parseJsonText(trimmed), encoding: 'json' };
}

/**
 * For `decodeRequestAsync`: the text of a gzip body that the platform inflated natively, or
 * undefined where `decodeBody` must decide (any body that is not gzip bytes, or that the native
 * inflater did not take).
 */
export async function gzipTextNatively(input: DecodeInput): Promise<string | undefined> {
  if (typeof input.body === 'string' || input.body.length > MAX_BODY_BYTES) return undefined;
  return gunzipTextNatively(input.body, MAX_BODY_BYTES);
}

/** The text inside a gzip body, however it was inflated → its JSON. */
export function decodeGzipText(text: string): DecodedBody {
  return { value: parseJsonLayer(text, 'gzip', 'gzip body'), encoding: 'gzip' };
}

/**
 * The `data` value of a form body or query: base64 of UTF-8 JSON (posthog-js 1.130 XHR default),
 * LZString.compressToBase64 (legacy `lz64`), or plain JSON (very old SDKs).
 */
function decodeDataField(value: string, hint: CompressionHint | undefined, where: string): DecodedBody {
  const trimmed = value.trim();
  if (startsLikeJson(trimmed)) {
    return { value: parseJsonLayer(trimmed, 'json', `JSON ${where}`), encoding: 'json' };
  }
  if (hint === 'lz64') {
    const text = decompressLz64(trimmed, where);
    return { value: parseJsonLayer(text, 'lz64', `lz64 ${where}`), encoding: 'lz64' };
  }

  const base64 = decodeBase64(trimmed);
  if (!base64.ok) {
    throw hint === 'base64'
      ? new UndecodableBody(`base64 ${where} is not valid base64 (${base64.problem})`, 'base64')
      : new UndecodableBody(`${where} is neither JSON nor base64 (${base64.problem})`);
  }
  const text = decodeUtf8(base64.bytes);
  if (hint === 'base64' || startsLikeJson(text.trim())) {
    return { value: parseJsonLayer(text, 'base64', `base64 ${where}`), encoding: 'base64' };
  }
  // Unmarked and not base64 of JSON: LZString output is base64-alphabet too, so try it before
  // giving up (lz64 requests normally carry `compression=lz64`, but proxies drop query strings).
  const lz = lzString.decompressFromBase64(trimmed);
  if (lz && startsLikeJson(lz.trim())) {
    return { value: parseJsonLayer(lz, 'lz64', `lz64 ${where}`), encoding: 'lz64' };
  }
  return { value: parseJsonLayer(text, 'base64', `base64 ${where}`), encoding: 'base64' };
}

function decompressLz64(value: string, where: string): string {
  let text: string | null;
  try {
    text = lzString.decompressFromBase64(value);
  } catch {
    text = null;
  }
  if (!text) throw new UndecodableBody(`lz64 ${where} does not decompress`, 'lz64');
  return text;
}

/**
 * Parses the JSON inside an encoding layer; errors keep the encoding and name the layer
 * ("gzip body is not JSON: …").
 */
function parseJsonLayer(text: string, encoding: WireEncoding, layer?: string): unknown {
  try {
    return parseJsonText(text.trim());
  } catch (error) {
    if (error instanceof UndecodableBody) {
      throw new UndecodableBody(layer ? `${layer} is not JSON: ${error.message}` : error.message, encoding);
    }
    throw error;
  }
}

function compressionHint(url: string): CompressionHint | undefined {
  return parseCompressionHint(queryField(url, 'compression'));
}

function parseCompressionHint(value: string | undefined): CompressionHint | undefined {
  switch (value?.toLowerCase()) {
    case 'gzip':
    case 'gzip-js':
      return 'gzip';
    case 'base64':
      return 'base64';
    case 'lz64':
      return 'lz64';
    default:
      return undefined;
  }
}

/**
 * A gzip body handed over as a "binary string" (one char per byte, e.g. from
 * `FileReader.readAsBinaryString` or an XHR `send(string)` of bytes) → its bytes.
 * Undefined for ordinary text, which is decoded as text.
 */
function binaryStringBytes(text: string): Uint8Array | undefined {
  if (text.charCodeAt(0) !== 0x1f || text.charCodeAt(1) !== 0x8b) return undefined;
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff) {
      throw new UndecodableBody(
        `body starts with the gzip magic bytes but contains ${codePointName(code)} at position ${i}: ` +
          'it is not a binary string; pass the raw bytes',
        'gzip',
      );
    }
    bytes[i] = code;
  }
  return bytes;
}

function codePointName(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

function startsLikeJson(text: string): boolean {
  return text.startsWith('{') || text.startsWith('[');
}

function isFormContentType(contentType: string | null | undefined): boolean {
  return contentType?.toLowerCase().includes('application/x-www-form-urlencoded') ?? false;
}
