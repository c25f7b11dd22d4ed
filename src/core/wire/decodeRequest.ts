import { type DecodedBody, decodeBody, decodeGzipText, gzipTextNatively } from './bodyEncodings';
import { readEnvelope } from './envelope';
import { type CapturedEvent, type EventContext, toCapturedEvent, wireEventSchema } from './eventSchema';
import { UndecodableBody } from './undecodable';

export interface DecodeInput {
  url: string; // full URL incl. query (e.g. http://h/e/?compression=gzip-js&ver=1.130.2&_=...)
  method?: string;
  contentType?: string | null;
  body: Uint8Array | string;
  receivedAt?: number; // ms epoch when the request was observed; base for `offset` when no sent_at; default Date.now()
}

export type WireEncoding = 'json' | 'gzip' | 'base64' | 'lz64';

export interface DecodeResult {
  events: CapturedEvent[];
  encoding?: WireEncoding; // what the body turned out to be
  envelope?: 'batch' | 'array' | 'single';
  undecodable?: { reason: string }; // human-readable and specific
}

/**
 * An observed SDK request → the events in it, for every format posthog-js has used (see
 * `bodyEncodings.ts` and `envelope.ts`). Never throws: whatever cannot be decoded comes back as
 * `{ events: [], undecodable: { reason } }`. Items that are not events are skipped; only a body
 * with no event at all is undecodable.
 */
export function decodeRequest(input: DecodeInput): DecodeResult {
  return decodeEvents(input, () => decodeBody(input));
}

/**
 * `decodeRequest`, with large gzip bodies inflated by the platform's `DecompressionStream` where
 * there is one: 1.4–1.9 times the events per second for a 2 MB batch in a Chromium service
 * worker. (Not in Node, whose `DecompressionStream` is slower than fflate: the project API uses
 * `decodeRequest`.) The same result for every input: whatever the native inflater does not take
 * — smaller bodies, other encodings, any failure — is decoded by `decodeRequest`. Never rejects.
 */
export async function decodeRequestAsync(input: DecodeInput): Promise<DecodeResult> {
  const text = await gzipTextNatively(input).catch(() => undefined);
  return text === undefined ? decodeRequest(input) : decodeEvents(input, () => decodeGzipText(text));
}

function decodeEvents(input: DecodeInput, readBody: () => DecodedBody): DecodeResult {
  let encoding: WireEncoding | undefined;
  try {
    const body = readBody();
    encoding = body.encoding;
    const envelope = readEnvelope(body.value);
    const context: EventContext = { sentAt: envelope.sentAt, receivedAt: observedAt(input.receivedAt) };
    if (envelope.apiKey !== undefined) context.apiKey = envelope.apiKey;

    const events: CapturedEvent[] = [];
    for (const item of envelope.items) {
      const wire = wireEventSchema.safeParse(item);
      if (wire.success) events.push(toCapturedEvent(wire.data, context));
    }
    const result: DecodeResult = { events, encoding, envelope: envelope.kind };
    if (events.length === 0) {
      result.undecodable = { reason: noEventReason(envelope.kind, envelope.items.length) };
    }
    return result;
  } catch (error) {
    const known = encoding ?? (error instanceof UndecodableBody ? error.encoding : undefined);
    return { events: [], ...(known && { encoding: known }), undecodable: { reason: reasonOf(error) } };
  }
}

function observedAt(receivedAt: number | undefined): number {
  return typeof receivedAt === 'number' && Number.isFinite(receivedAt) ? receivedAt : Date.now();
}

function noEventReason(envelope: NonNullable<DecodeResult['envelope']>, items: number): string {
  if (items === 0) return `body is JSON but no event in it (empty ${envelope === 'batch' ? '`batch`' : 'array'})`;
  return `body is JSON but no event in it (${items} ${items === 1 ? 'item' : 'items'} without a string \`event\`)`;
}

function reasonOf(error: unknown): string {
  if (error instanceof UndecodableBody) return error.message;
  // Not expected; keep the extension alive and say what happened.
  return `decoder error: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
}
