import type { Context, Hono } from 'hono';
import { decodeBody } from '../../core/wire';
import { decodeRequest, type CapturedEvent } from '../../core/wire/index';
import { ApiError, invalidProjectToken, missingProjectToken } from '../errors';
import { type Ingestor, tokenOf } from '../ingest';
import type { ProjectStore } from '../store/projects';

/** Every path a posthog-js version has sent events to; `/engage/` took legacy people updates. */
export const INGESTION_PATHS = ['/e', '/i/v0/e', '/batch', '/capture', '/track', '/engage'] as const;

const malformed = (reason: string): ApiError =>
  new ApiError(400, { type: 'validation_error', code: 'invalid_payload', detail: `Malformed request data: ${reason}`, attr: null });

export async function requestBytes(c: Context): Promise<Uint8Array> {
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return new Uint8Array();
  return new Uint8Array(await c.req.arrayBuffer());
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Legacy `/engage/` bodies are people updates, not events: `{$set, $set_once, $token, $distinct_id}`.
 * PostHog's capture turned them into `$identify` events carrying the updates; so does this.
 */
function engageEvents(input: Parameters<typeof decodeBody>[0], receivedAt: number): CapturedEvent[] {
  let value: unknown;
  try {
    value = decodeBody(input).value;
  } catch {
    return [];
  }
  return (Array.isArray(value) ? value : [value]).filter(isRecord).flatMap((update): CapturedEvent[] => {
    const distinctId = update['$distinct_id'] ?? update['distinct_id'];
    if (typeof distinctId !== 'string' && typeof distinctId !== 'number') return [];
    const event: CapturedEvent = {
      event: '$identify',
      properties: { distinct_id: distinctId, token: update['$token'] ?? update['token'] },
      timestamp: new Date(receivedAt).toISOString(),
    };
    if (isRecord(update['$set'])) event.$set = update['$set'];
    if (isRecord(update['$set_once'])) event.$set_once = update['$set_once'];
    if (Array.isArray(update['$unset'])) event.properties['$unset'] = update['$unset'];
    return [event];
  });
}

/**
 * Capture endpoints, POST and GET `?data=`: bodies are decoded by the shared `core/wire` decoder
 * (gzip, base64 form, lz64, plain JSON; batch, array or single event). The project token comes from
 * the events (the envelope's `api_key` is copied onto them) or `?token=`. Answers `{status: 1}`
 * like PostHog; 400 with the decoder's reason for a body it cannot read; 401 for a missing or
 * unknown token.
 */
export function registerIngestionRoutes(app: Hono, projects: ProjectStore, ingestor: Ingestor): void {
  const capture = async (c: Context) => {
    const receivedAt = Date.now();
    const input = {
      url: c.req.url,
      method: c.req.method,
      contentType: c.req.header('content-type') ?? null,
      body: await requestBytes(c),
      receivedAt,
    };
    const decoded = decodeRequest(input);
    let events = decoded.events;
    if (decoded.undecodable) {
      events = c.req.path.startsWith('/engage') ? engageEvents(input, receivedAt) : [];
      if (events.length === 0) throw malformed(decoded.undecodable.reason);
    }
    const token = tokenOf(events) ?? c.req.query('token') ?? c.req.query('api_key');
    if (!token) throw missingProjectToken();
    const project = projects.projectByToken(token);
    if (!project) throw invalidProjectToken();
    ingestor.ingest(project.id, events, receivedAt);
    return c.json({ status: 1 });
  };
  for (const path of INGESTION_PATHS) {
    app.post(path, capture);
    app.get(path, capture);
  }
}
