import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeRequest } from '../../../src/core/wire';
import { bundlePosthogPage } from '../../support/posthogBundle';

export const SITE_TOKEN = 'phc_collector_e2e';

/** One event as the stand-in PostHog API received it. */
export interface ReceivedEvent {
  uuid: string | undefined;
  event: string;
  distinctId: string | undefined;
  /** `sec-fetch-mode: no-cors` marks a `sendBeacon` request (newer SDKs put no marker in the URL). */
  beacon: boolean;
}

export interface PosthogSite {
  /** The page with the SDK; `/next` is a page without it, to navigate to. */
  url: string;
  received: ReceivedEvent[];
  close(): Promise<void>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A site running a real posthog-js (`pkg`, e.g. `posthog-js` or `posthog-js-1-130`) and, on a
 * second port as on a real site, a stand-in PostHog API that decodes and records every event it
 * receives. Both on 127.0.0.1, where the e2e build captures.
 */
export async function startPosthogSite(pkg: string, initOptions: Record<string, unknown> = {}): Promise<PosthogSite> {
  const received: ReceivedEvent[] = [];
  const api = createServer((req, res) => void answerApi(req, res, received));
  const apiHost = await listen(api);
  const script = await bundlePosthogPage({
    pkg,
    entrySource: `
      posthog.init(${JSON.stringify(SITE_TOKEN)}, {
        api_host: ${JSON.stringify(apiHost)},
        opt_out_useragent_filter: true, // a headless or automated browser is a bot to posthog-js otherwise
        advanced_disable_flags: true,
        advanced_disable_decide: true,
        autocapture: false,
        capture_pageview: true,
        persistence: 'localStorage',
        ...${JSON.stringify(initOptions)},
      } as any); // older versions' config types lack some of these options
    `,
  });
  const site = createServer((req, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/sdk.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    else if (path === '/') res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>sdk</title><h1>with the SDK</h1><script src="/sdk.js"></script>');
    else res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>next</title><h1>next page</h1>');
  });
  const url = await listen(site);
  return {
    url: `${url}/`,
    received,
    async close() {
      await Promise.all([closeServer(site), closeServer(api)]);
    },
  };
}

async function answerApi(req: IncomingMessage, res: ServerResponse, received: ReceivedEvent[]): Promise<void> {
  const body = await bodyOf(req);
  res.setHeader('access-control-allow-origin', req.headers.origin ?? '*');
  res.setHeader('access-control-allow-credentials', 'true');
  if (req.method === 'OPTIONS') {
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
    res.setHeader('access-control-allow-headers', req.headers['access-control-request-headers'] ?? '*');
    res.writeHead(204).end();
    return;
  }
  if (req.method === 'POST' && body.length > 0) {
    const decoded = decodeRequest({ url: `http://${req.headers.host}${req.url}`, method: 'POST', contentType: req.headers['content-type'] ?? null, body: new Uint8Array(body) });
    const beacon = req.headers['sec-fetch-mode'] === 'no-cors';
    for (const event of decoded.events) received.push({ uuid: event.uuid, event: event.event, distinctId: event.properties.distinct_id as string | undefined, beacon });
  }
  // Remote config and anything else: an empty JSON object is a valid "nothing configured".
  res.writeHead(200, { 'content-type': 'application/json' }).end(req.url?.startsWith('/e') || req.url?.startsWith('/i/') ? '{"status":1}' : '{}');
}
