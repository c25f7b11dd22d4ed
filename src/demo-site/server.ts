import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bundleDemoApp, type DemoAsset } from './bundleDemoApp';
import { faviconSvg, renderIndexHtml } from './indexHtml';

export interface DemoSiteOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1. */
  host?: string;
  /** Base URL of the project API posthog-js sends to, e.g. http://127.0.0.1:8010 */
  apiHost: string;
  /** The project's public token, `phc_…` */
  projectToken: string;
}

export interface DemoSite {
  url: string;
  close(): Promise<void>;
}

/** Bundles the demo app once, then serves it: assets under /assets/, index.html for every other route. */
export async function startDemoSite(options: DemoSiteOptions): Promise<DemoSite> {
  const host = options.host ?? '127.0.0.1';
  const assets = await bundleDemoApp({
    // posthog-js appends paths like "/e/" itself; a trailing slash would double it.
    apiHost: options.apiHost.replace(/\/+$/, ''),
    projectToken: options.projectToken,
  });
  const html = renderIndexHtml();

  const server = createServer((request, response) => {
    handleRequest(request, response, assets, html);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Browsers keep connections alive; without this, close() waits for them to time out.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function handleRequest(request: IncomingMessage, response: ServerResponse, assets: Map<string, DemoAsset>, html: string): void {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    send(response, 405, 'text/plain; charset=utf-8', 'Method Not Allowed', { allow: 'GET, HEAD' });
    return;
  }
  const { pathname } = new URL(request.url ?? '/', 'http://demo-site');

  if (pathname.startsWith('/assets/')) {
    const asset = assets.get(pathname.slice('/assets/'.length));
    if (asset) send(response, 200, asset.contentType, asset.contents, { 'cache-control': 'no-cache' });
    else send(response, 404, 'text/plain; charset=utf-8', 'Not Found');
    return;
  }
  if (pathname === '/favicon.svg' || pathname === '/favicon.ico') {
    send(response, 200, 'image/svg+xml', faviconSvg, { 'cache-control': 'max-age=3600' });
    return;
  }
  // SPA fallback: every route renders client-side. Paths that name a file are real 404s, so a
  // missing asset fails loudly instead of coming back as HTML.
  if (/\.[a-z0-9]+$/i.test(pathname)) {
    send(response, 404, 'text/plain; charset=utf-8', 'Not Found');
    return;
  }
  send(response, 200, 'text/html; charset=utf-8', html, { 'cache-control': 'no-store' });
}

function send(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string | Uint8Array,
  headers: Record<string, string> = {},
): void {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  response.writeHead(status, { 'content-type': contentType, 'content-length': String(bytes.byteLength), ...headers });
  response.end(response.req.method === 'HEAD' ? undefined : bytes);
}
