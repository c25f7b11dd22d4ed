import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface IngestProxy {
  /** The `api_host` to give posthog-js, e.g. `http://127.0.0.1:4711/ingest-xyz`. */
  apiHost: string;
  /** The events path the SDK is told to use, relative to `apiHost`. */
  eventsPath: string;
  /** Every request forwarded: what the page asked for and what the API was asked for. */
  forwarded: { method: string; path: string; upstreamPath: string; status: number }[];
  close(): Promise<void>;
}

export interface IngestProxyOptions {
  /** The project API's origin, e.g. `http://127.0.0.1:8010`. */
  upstream: string;
  /** Default `/ingest-xyz`. */
  prefix?: string;
  /** Default `/collect-xyz/`: a path no posthog-js version uses, so only the payload says "PostHog". */
  eventsPath?: string;
}

const UPSTREAM_EVENTS_PATH = '/i/v0/e/';
/** Remote config answers name the events endpoint (`analytics.endpoint`); every version reads it. */
const REMOTE_CONFIG_PATH = /^\/(decide|flags|array\/[^/]+\/config(\.js)?)\/?$/;

/**
 * A site's reverse proxy for PostHog, as the PostHog docs describe them (Next.js rewrites, a
 * Cloudflare worker): `<prefix>/*` is forwarded to the project API with the prefix removed.
 * It also moves event ingestion to a path of its own — the remote config it passes on names
 * `eventsPath` as the events endpoint, and requests there go to the API's `/i/v0/e/` — so the
 * extension can only recognise those requests by their payload, not by a known path.
 */
export async function startIngestProxy(options: IngestProxyOptions): Promise<IngestProxy> {
  const prefix = options.prefix ?? '/ingest-xyz';
  const eventsPath = options.eventsPath ?? '/collect-xyz/';
  const upstream = new URL(options.upstream);
  const forwarded: IngestProxy['forwarded'] = [];

  const server = createServer((incoming, outgoing) => {
    const url = new URL(incoming.url ?? '/', 'http://proxy');
    if (!url.pathname.startsWith(`${prefix}/`)) {
      outgoing.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
      return;
    }
    const path = url.pathname.slice(prefix.length);
    const upstreamPath = path === eventsPath ? UPSTREAM_EVENTS_PATH : path;
    const entry = { method: incoming.method ?? 'GET', path: url.pathname, upstreamPath, status: 0 };
    forwarded.push(entry);
    forward(incoming, outgoing, upstream, `${upstreamPath}${url.search}`, REMOTE_CONFIG_PATH.test(path) ? eventsPath : null, (status) => {
      entry.status = status;
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    apiHost: `http://127.0.0.1:${port}${prefix}`,
    eventsPath,
    forwarded,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function forward(
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  upstream: URL,
  pathAndQuery: string,
  rewriteEventsEndpointTo: string | null,
  done: (status: number) => void,
): void {
  const headers = { ...incoming.headers, host: upstream.host, 'accept-encoding': 'identity' };
  const proxied = httpRequest(
    { hostname: upstream.hostname, port: upstream.port, method: incoming.method, path: pathAndQuery, headers },
    (response) => {
      const status = response.statusCode ?? 502;
      done(status);
      if (!rewriteEventsEndpointTo) {
        outgoing.writeHead(status, response.headers);
        response.pipe(outgoing);
        return;
      }
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        // The same JSON key in `/decide/`, `/flags/`, `/array/<token>/config` and inside config.js.
        const body = Buffer.concat(chunks)
          .toString('utf8')
          .replaceAll(`"endpoint":"${UPSTREAM_EVENTS_PATH}"`, `"endpoint":"${rewriteEventsEndpointTo}"`);
        const { 'content-length': _length, ...rest } = response.headers;
        outgoing.writeHead(status, { ...rest, 'content-length': Buffer.byteLength(body) }).end(body);
      });
    },
  );
  proxied.on('error', () => {
    done(502);
    if (!outgoing.headersSent) outgoing.writeHead(502).end();
    else outgoing.destroy();
  });
  incoming.pipe(proxied);
}
