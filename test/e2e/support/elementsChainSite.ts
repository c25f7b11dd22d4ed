import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProjectApi, type ProjectApi } from '../../../src/project-api/server';
import { bundlePosthogPage } from '../../support/posthogBundle';
import { ELEMENTS_PAGE_BODY, FRAME_PAGE_BODY, NO_NAVIGATION_SCRIPT } from './elementsChainPage';

/** What the page script records: every event the SDK captured, and every DOM event our listeners saw. */
export interface RecordedSdkEvent {
  event: string;
  eventType: unknown;
  chain: unknown;
  /** `$elements`, when the SDK sent them (1.449 leaves them out once the remote config says `elementsChainAsString`). */
  elements: unknown;
}

export interface ElementsChainSite {
  api: ProjectApi;
  /** The page for an SDK package (`posthog-js`, `posthog-js-1-300`, …); `remoteConfig: false` sets `advanced_disable_flags`. */
  pageUrl(pkg: string, options?: { remoteConfig?: boolean }): string;
  close(): Promise<void>;
}

/**
 * The page script: the SDK at its default autocapture configuration (plus what a headless test
 * needs), a synchronous record of what it captures (`eventCaptured`, emitted inside `capture()` in
 * every version tested), the DOM events as a capture-phase listener on the document sees them
 * (`composedPath()[0]`, the target the SDK reads), and `core/elements` bundled into the page so
 * both sides look at the very same DOM.
 */
function pageScript(apiHost: string, token: string): string {
  return `
    import * as elements from './src/core/elements';
    const w = window as any;
    w.__elements = elements;
    w.__sdkEvents = [];
    w.__domEvents = [];
    for (const type of ['click', 'change', 'submit']) {
      document.addEventListener(type, (event) => { w.__domEvents.push({ type, target: event.composedPath()[0] }); }, { capture: true });
    }
    posthog.init(${JSON.stringify(token)}, {
      api_host: ${JSON.stringify(apiHost)},
      opt_out_useragent_filter: true, // HeadlessChrome is on posthog-js's bot list
      // \`?remote-config=off\`: no flags call, which in 1.449 also means no remote config (1.130
      // does not know the option and asks /decide/ anyway).
      ...(new URLSearchParams(location.search).get('remote-config') === 'off' ? { advanced_disable_flags: true } : {}),
      capture_pageview: false,
      disable_session_recording: true,
      persistence: 'memory',
    } as any);
    posthog.on('eventCaptured', (event: any) => {
      w.__sdkEvents.push({ event: event.event, eventType: event.properties.$event_type, chain: event.properties.$elements_chain, elements: event.properties.$elements });
    });
  `;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const html = (body: string) => `<!doctype html><html><head><meta charset="utf-8"><title>elements</title></head><body>${body}<script>${NO_NAVIGATION_SCRIPT}</script><script src="sdk.js"></script></body></html>`;

/** The local project API (fresh data dir) and a site serving the fixture page once per SDK version. */
export async function startElementsChainSite(pkgs: readonly string[]): Promise<ElementsChainSite> {
  const dataDir = mkdtempSync(join(tmpdir(), 'actionlens-elements-'));
  const api = await createProjectApi({ dataDir, port: 0 });
  const scripts = new Map<string, string>();
  for (const pkg of pkgs) scripts.set(pkg, await bundlePosthogPage({ pkg, entrySource: pageScript(api.url, api.projectToken) }));
  const site = createServer((req, res) => {
    const [, pkg, file] = new URL(req.url ?? '/', 'http://x').pathname.split('/');
    const script = scripts.get(pkg ?? '');
    if (!script) res.writeHead(404).end();
    else if (file === 'sdk.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    else if (file === 'frame') res.writeHead(200, { 'content-type': 'text/html' }).end(html(FRAME_PAGE_BODY));
    else res.writeHead(200, { 'content-type': 'text/html' }).end(html(ELEMENTS_PAGE_BODY));
  });
  const siteUrl = await listen(site);
  return {
    api,
    pageUrl: (pkg, options = {}) => `${siteUrl}/${pkg}/${options.remoteConfig === false ? '?remote-config=off' : ''}`,
    async close() {
      site.closeAllConnections();
      await new Promise<void>((resolve) => site.close(() => resolve()));
      await api.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
