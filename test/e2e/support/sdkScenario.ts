import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import type { ProjectApi } from '../../../src/project-api/server';
import { tabIdOf, type LoadedExtension } from './extension';
import { compareCapture, isExact, tokenOf, type CaptureComparison, type EventRef } from './scenario/compareCapture';
import type { IngestProxy } from './scenario/ingestProxy';
import type { ScenarioInstanceConfig, ScenarioPageState } from './scenario/pageApp';
import { apiEventsOf, type ApiEvent } from './scenario/projectEvents';
import type { ScenarioPageDefinition, ScenarioSite } from './scenario/scenarioSite';
import { readTabEvents } from './tabBuffer';

/**
 * The capture matrix: real posthog-js versions that differ on the wire, each in several
 * configurations, every page running the same scenario — pageview, clicks, a change, a submit,
 * identify, alias, group, an SPA route change, reset, and a navigation away whose last batch
 * leaves by sendBeacon on unload. The driver below runs a page and compares what the project API
 * stored with what the extension buffered for the tab.
 */

export interface SdkVersion {
  pkg: string;
  version: string;
  /** `capture_pageview: 'history_change'` exists (1.300+); 1.130 only knows a boolean. */
  historyChangePageviews: boolean;
  /** `api_transport` when not set: 1.130 uses XHR unless told `'fetch'`; newer versions fetch. */
  defaultTransport: 'XHR' | 'fetch';
}

const require = createRequire(import.meta.url);
const installedVersion = (pkg: string) => (require(`${pkg}/package.json`) as { version: string }).version;

export function sdkVersions(): SdkVersion[] {
  return [
    { pkg: 'posthog-js-1-130', historyChangePageviews: false, defaultTransport: 'XHR' as const },
    { pkg: 'posthog-js-1-300', historyChangePageviews: true, defaultTransport: 'fetch' as const },
    { pkg: 'posthog-js', historyChangePageviews: true, defaultTransport: 'fetch' as const },
  ].map((sdk) => ({ ...sdk, version: installedVersion(sdk.pkg) }));
}

export type ConfigurationId = 'default' | 'no-compression' | 'reverse-proxy' | 'xhr' | 'fetch' | 'two-instances';

/** The servers every page talks to: two projects (two tokens) and a reverse proxy to the first. */
export interface MatrixBackends {
  primary: ProjectApi;
  /** A second local project API: the seeded API holds one project, so the second token lives here. */
  secondary: ProjectApi;
  proxy: IngestProxy;
}

export interface MatrixInstance extends ScenarioInstanceConfig {
  api: ProjectApi;
}

export interface MatrixPage {
  sdk: SdkVersion;
  configuration: ConfigurationId;
  instances: MatrixInstance[];
  definition: ScenarioPageDefinition;
}

/**
 * Configurations per version. `api_transport: 'XHR'` is 1.130's default already, so 1.130 also runs
 * `api_transport: 'fetch'`, its only other transport.
 */
export function configurationsOf(sdk: SdkVersion): ConfigurationId[] {
  const transports: ConfigurationId[] = sdk.defaultTransport === 'XHR' ? ['xhr', 'fetch'] : ['xhr'];
  return ['default', 'no-compression', 'reverse-proxy', ...transports, 'two-instances'];
}

/**
 * Init options common to every page. The remote config is left on (the local API serves
 * `/decide/`, `/flags/` and `/array/<token>/config[.js]`): it is what switches autocapture on in
 * these versions, as on a real site, and its requests are the "other requests" the extension must
 * count without turning them into events.
 */
function baseOptions(apiHost: string, historyPageviews: boolean): Record<string, unknown> {
  return {
    api_host: apiHost,
    // posthog-js drops every event from user agents on its bot list, and HeadlessChrome is on it.
    opt_out_useragent_filter: true,
    capture_pageview: historyPageviews ? 'history_change' : true,
  };
}

function optionsUnderTest(configuration: ConfigurationId): Record<string, unknown> {
  switch (configuration) {
    case 'no-compression':
      return { disable_compression: true };
    case 'xhr':
      return { api_transport: 'XHR' };
    case 'fetch':
      return { api_transport: 'fetch' };
    default:
      return {};
  }
}

export function matrixPages(backends: MatrixBackends, runId: string): MatrixPage[] {
  return sdkVersions().flatMap((sdk) =>
    configurationsOf(sdk).map((configuration): MatrixPage => {
      const id = `${sdk.version}/${configuration}`;
      const extra = optionsUnderTest(configuration);
      const instance = (name: string, api: ProjectApi, apiHost: string): MatrixInstance => {
        const suffix = `${sdk.version}-${configuration}-${name}-${runId}`;
        // posthog-js wraps history.pushState once per window: only the first instance can use it.
        const capturesHistoryPageviews = sdk.historyChangePageviews && name === 'posthog';
        return {
          api,
          token: api.projectToken,
          name,
          userId: `user-${suffix}`,
          aliasId: `alias-${suffix}`,
          groupKey: `company-${suffix}`,
          options: { ...baseOptions(apiHost, capturesHistoryPageviews), ...extra },
          capturesHistoryPageviews,
        };
      };
      const instances =
        configuration === 'two-instances'
          ? [instance('posthog', backends.primary, backends.primary.url), instance('second', backends.secondary, backends.secondary.url)]
          : [instance('posthog', backends.primary, configuration === 'reverse-proxy' ? backends.proxy.apiHost : backends.primary.url)];
      return {
        sdk,
        configuration,
        instances,
        definition: {
          id,
          pkg: sdk.pkg,
          config: {
            title: `posthog-js ${sdk.version} · ${configuration}`,
            basePath: `/p/${id}`,
            instances: instances.map(({ api: _api, ...config }) => config),
          },
        },
      };
    }),
  );
}

/** A page's requests as the browser saw them: the flags calls the extension must count. */
export interface ObservedRequest {
  method: string;
  url: string;
  hasBody: boolean;
}

export interface ScenarioRun {
  page: Page;
  tabId: number;
  /** Per instance, every distinct id it used (anonymous, identified, anonymous after reset). */
  distinctIds: string[][];
  requests: ObservedRequest[];
}

const READY_TIMEOUT_MS = 15_000;
/** posthog-js flushes its queue every ~3 s; the unload beacon lands a moment after navigation. */
const DELIVERY_TIMEOUT_MS = 12_000;
const POLL_MS = 250;

/** Remote config and flags calls with a body: the extension sees them and must count them as "other". */
const FLAGS_CALL_PATH = /\/(decide|flags)\/?$/;

/**
 * Runs the whole scenario in a fresh tab, then navigates away so the last batch leaves by
 * sendBeacon. Waits until the API has stored what leaves on unload — every instance's click on the
 * "Leave" link and its `$pageleave` (1.130 beacons them separately).
 */
export async function runScenario(extension: LoadedExtension, site: ScenarioSite, matrixPage: MatrixPage): Promise<ScenarioRun> {
  // Scenario pages share one origin and posthog-js keeps ids in a cookie too: start as a new visitor.
  await extension.context.clearCookies();
  const page = await extension.context.newPage();
  const requests: ObservedRequest[] = [];
  page.on('request', (request) => {
    requests.push({ method: request.method(), url: request.url(), hasBody: request.postDataBuffer() !== null });
  });
  try {
    return await driveScenario(extension, site, matrixPage, page, requests);
  } catch (error) {
    await page.close();
    throw error;
  }
}

async function driveScenario(
  extension: LoadedExtension,
  site: ScenarioSite,
  matrixPage: MatrixPage,
  page: Page,
  requests: ObservedRequest[],
): Promise<ScenarioRun> {
  const url = site.pageUrl(matrixPage.definition.id);
  await page.goto(url);
  const tabId = await tabIdOf(extension, url);
  // Autocapture starts once the remote config has been applied; clicks before that are not events.
  await page.waitForFunction(() => window.__scenario?.autocaptureReady() === true, null, { timeout: READY_TIMEOUT_MS });

  await page.click('#buy');
  await page.fill('#company-name', 'Scenario Inc');
  await page.press('#company-name', 'Tab'); // blur: the input's `change`
  await page.click('#signup-submit');
  await page.click('#login');
  await page.click('#alias');
  await page.click('#join-company');
  // Let one batch leave the ordinary way (fetch or XHR) before the rest goes out on unload.
  await waitForApi(matrixPage, (events, instance) => events.some((event) => event.event === '$groupidentify' && event.distinct_id === instance.userId));

  await page.click('#to-settings');
  await page.click('#logout');
  await page.click('#buy');
  const distinctIds = await page.evaluate(() => (window.__scenario as ScenarioPageState).distinctIds);
  await Promise.all([page.waitForURL(site.leaveUrl), page.click('#leave')]);
  await waitForApi(
    matrixPage,
    (events) =>
      events.some((event) => event.event === '$pageleave') &&
      events.some((event) => event.event === '$autocapture' && (event.elements_chain ?? '').includes('attr__id="leave"')),
    distinctIds,
  );
  return { page, tabId, distinctIds, requests };
}

async function waitForApi(
  matrixPage: MatrixPage,
  done: (events: ApiEvent[], instance: MatrixInstance) => boolean,
  distinctIds?: string[][],
): Promise<void> {
  const deadline = Date.now() + DELIVERY_TIMEOUT_MS;
  for (;;) {
    const states = await Promise.all(
      matrixPage.instances.map(async (instance, index) => done(await apiEventsOf(instance.api, distinctIds?.[index] ?? [instance.userId]), instance)),
    );
    if (states.every(Boolean)) return;
    if (Date.now() > deadline) throw new Error(`${matrixPage.definition.id}: the project API did not receive the expected events within ${DELIVERY_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

export interface PageResult {
  id: string;
  comparisons: CaptureComparison[];
  /** Buffered events whose token belongs to none of the page's instances. */
  foreign: EventRef[];
  undecodable: { url: string; reason: string }[];
  otherRequests: number;
  /** Flags/decide calls with a body the page made (the collector forwards exactly those). */
  flagsCalls: number;
  /** Buffered events that came from a flags/decide request (must be none). */
  eventsFromFlagsCalls: number;
  /** Buffered events whose request path no posthog-js default uses: recognised by payload. */
  eventsOnCustomPath: number;
  /** Per instance, the API's events by name. */
  apiEventNames: Record<string, number>[];
  /** Per instance, the transport of the buffered `$pageleave` (the unload batch), if buffered. */
  pageleaveTransports: (string | null)[];
  apiEvents: ApiEvent[][];
}

/** The events paths posthog-js versions use by default (the capture API's own list). */
const KNOWN_EVENTS_PATH = /\/(e|i\/v0\/e|batch|capture|track|engage)\/?$/;

/**
 * Compares, per SDK instance, the events the project API stored for the instance's distinct ids
 * (those the page used, and any the buffer shows) with the tab's buffered events carrying the
 * instance's token. Polls until they agree or `timeoutMs` passes, and returns the last comparison.
 */
export async function compareTab(extension: LoadedExtension, matrixPage: MatrixPage, run: ScenarioRun, timeoutMs = 10_000): Promise<PageResult> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await compareOnce(extension, matrixPage, run);
    if ((result.comparisons.every(isExact) && result.foreign.length === 0) || Date.now() > deadline) return result;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function compareOnce(extension: LoadedExtension, matrixPage: MatrixPage, run: ScenarioRun): Promise<PageResult> {
  const buffer = await readTabEvents(extension, run.tabId);
  const tokens = new Set(matrixPage.instances.map((instance) => instance.token));
  const apiEvents: ApiEvent[][] = [];
  const comparisons: CaptureComparison[] = [];
  for (const [index, instance] of matrixPage.instances.entries()) {
    const buffered = buffer.events.filter((event) => tokenOf(event) === instance.token);
    const ids = new Set([...(run.distinctIds[index] ?? []), ...buffered.map((event) => String(event.properties['distinct_id'] ?? ''))]);
    ids.delete('');
    const stored = await apiEventsOf(instance.api, ids);
    apiEvents.push(stored);
    comparisons.push(compareCapture(instance.token, stored, buffered));
  }
  const pathOf = (url: string) => {
    try {
      return new URL(url).pathname;
    } catch {
      return url;
    }
  };
  return {
    id: matrixPage.definition.id,
    comparisons,
    foreign: buffer.events
      .filter((event) => !tokens.has(tokenOf(event) ?? ''))
      .map((event) => ({ event: event.event, distinctId: String(event.properties['distinct_id'] ?? ''), uuid: event.uuid ?? null, requestUrl: event.requestUrl })),
    undecodable: buffer.undecodable.map(({ url, reason }) => ({ url, reason })),
    otherRequests: buffer.otherRequests,
    flagsCalls: run.requests.filter((request) => request.method === 'POST' && request.hasBody && FLAGS_CALL_PATH.test(pathOf(request.url))).length,
    eventsFromFlagsCalls: buffer.events.filter((event) => FLAGS_CALL_PATH.test(pathOf(event.requestUrl))).length,
    eventsOnCustomPath: buffer.events.filter((event) => !KNOWN_EVENTS_PATH.test(pathOf(event.requestUrl))).length,
    apiEventNames: apiEvents.map((events) => countBy(events, (event) => event.event)),
    pageleaveTransports: matrixPage.instances.map(
      (instance) => buffer.events.find((event) => event.event === '$pageleave' && tokenOf(event) === instance.token)?.transport ?? null,
    ),
    apiEvents,
  };
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}
