import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bundlePosthogPage } from '../../../support/posthogBundle';
import { SCENARIO_CONFIG_ELEMENT_ID, type ScenarioPageConfig } from './pageApp';

/** One page of the matrix: which posthog-js package it loads and how it is configured. */
export interface ScenarioPageDefinition {
  /** URL-safe and unique, e.g. `1.449.2/default`; the page lives at `/p/<id>`. */
  id: string;
  pkg: string;
  config: ScenarioPageConfig;
}

export interface ScenarioSite {
  url: string;
  pageUrl(id: string): string;
  /** Where the scenario navigates at the end: a plain page without an SDK. */
  leaveUrl: string;
  close(): Promise<void>;
}

export const PAGE_PREFIX = '/p/';
const LEAVE_PATH = '/bye';

/**
 * Serves the scenario pages on 127.0.0.1 (where the e2e build of the extension captures): one
 * bundle per posthog-js package, made once, and one HTML page per configuration. Each page's SPA
 * routes (`/p/<id>/settings`) serve the same HTML, as a single-page app's server would.
 */
export async function startScenarioSite(pages: readonly ScenarioPageDefinition[]): Promise<ScenarioSite> {
  const packages = [...new Set(pages.map((page) => page.pkg))];
  const bundles = new Map(
    await Promise.all(
      packages.map(
        async (pkg) =>
          [
            pkg,
            await bundlePosthogPage({
              pkg,
              entrySource: `import { startScenarioApp } from './test/e2e/support/scenario/pageApp';\nstartScenarioApp(posthog as any);`,
            }),
          ] as const,
      ),
    ),
  );

  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://scenario-site');
    if (pathname.startsWith('/assets/') && pathname.endsWith('.js')) {
      const bundle = bundles.get(decodeURIComponent(pathname.slice('/assets/'.length, -'.js'.length)));
      if (bundle) return send(response, 200, 'application/javascript; charset=utf-8', bundle);
    }
    if (pathname === LEAVE_PATH) return send(response, 200, 'text/html; charset=utf-8', leavePage());
    if (pathname.startsWith(PAGE_PREFIX)) {
      const page = pages.find((candidate) => pathname === `${PAGE_PREFIX}${candidate.id}` || pathname.startsWith(`${PAGE_PREFIX}${candidate.id}/`));
      if (page) return send(response, 200, 'text/html; charset=utf-8', scenarioPage(page));
    }
    send(response, 404, 'text/plain; charset=utf-8', 'Not Found');
  });
  await listen(server);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    pageUrl: (id) => `${url}${PAGE_PREFIX}${id}`,
    leaveUrl: `${url}${LEAVE_PATH}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' }).end(body);
}

function listen(server: ReturnType<typeof createServer>): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
}

const STYLE = `
  body { font: 15px/1.4 system-ui, sans-serif; margin: 0; color: #1d1f24; }
  header { display: flex; align-items: center; gap: 16px; padding: 12px 24px; background: #f3f4f7; border-bottom: 1px solid #dcdfe6; }
  header h1 { font-size: 16px; margin: 0 auto 0 0; }
  main { padding: 24px; display: grid; gap: 20px; max-width: 720px; }
  section, form { border: 1px solid #dcdfe6; border-radius: 8px; padding: 16px; display: flex; gap: 10px; align-items: center; flex-wrap: wrap; }
  button { font: inherit; padding: 6px 12px; border-radius: 6px; border: 1px solid #b8bdc9; background: #fff; cursor: pointer; }
  button.primary { background: #1d4aff; border-color: #1d4aff; color: #fff; }
`;

function scenarioPage(page: ScenarioPageDefinition): string {
  // `<` escaped so the configuration cannot end its script element.
  const config = JSON.stringify(page.config).replace(/</g, '\\u003c');
  const title = escapeHtml(page.config.title);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title><style>${STYLE}</style>
<script id="${SCENARIO_CONFIG_ELEMENT_ID}" type="application/json">${config}</script></head>
<body>
<header><h1>${title}</h1>
  <nav><button id="to-settings" type="button">Settings</button> <a id="leave" href="${LEAVE_PATH}">Leave the app</a></nav>
</header>
<main>
  <h2 id="route">Home</h2>
  <section class="plans"><strong>Team plan</strong>
    <button id="buy" class="btn primary" type="button" data-attr="choose-team">Choose Team</button></section>
  <form id="signup">
    <label for="company-name">Company</label><input id="company-name" name="company" type="text">
    <button id="signup-submit" type="submit">Sign up</button>
  </form>
  <section class="account">
    <button id="login" type="button">Log in</button>
    <button id="alias" type="button">Link account</button>
    <button id="join-company" type="button">Join company</button>
    <button id="logout" type="button">Log out</button>
  </section>
  <p id="status" role="status"></p>
</main>
<script src="/assets/${encodeURIComponent(page.pkg)}.js"></script>
</body></html>`;
}

function leavePage(): string {
  return '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Left</title></head><body><p>You left the app.</p></body></html>';
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);
}
