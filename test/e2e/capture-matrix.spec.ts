import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { createProjectApi, type ProjectApi } from '../../src/project-api/server';
import { PopupPage } from './pages/popup';
import { launchExtension, type LoadedExtension } from './support/extension';
import { startIngestProxy, type IngestProxy } from './support/scenario/ingestProxy';
import { startScenarioSite, type ScenarioSite } from './support/scenario/scenarioSite';
import type { ApiEvent } from './support/scenario/projectEvents';
import { screenshot } from './support/screenshots';
import { compareTab, matrixPages, runScenario, sdkVersions, type MatrixPage, type PageResult, type ScenarioRun } from './support/sdkScenario';

/**
 * Issue 3, "Done when" 1: real posthog-js at three versions that differ on the wire, each in every
 * configuration (default, `disable_compression`, a reverse proxy on a custom path, the other
 * `api_transport`, two instances with two tokens), one page each running the whole scenario. Every
 * event the local project API stored must be in that tab's buffer with the same name, distinct id
 * and uuid: 0 lost, 0 duplicated, nothing the API never received.
 *
 * One browser, one pair of APIs and one site for all pages, pages run one after another in fresh
 * tabs. A version's configurations are steps of one test with soft assertions, so one failing
 * configuration does not hide the others.
 */

interface Backends {
  primary: ProjectApi;
  secondary: ProjectApi;
  proxy: IngestProxy;
  dataDirs: string[];
}

let backends: Backends;
let site: ScenarioSite;
let extension: LoadedExtension;
let pages: MatrixPage[];

test.beforeAll(async () => {
  test.setTimeout(60_000);
  const dataDirs = [mkdtempSync(join(tmpdir(), 'actionlens-matrix-a-')), mkdtempSync(join(tmpdir(), 'actionlens-matrix-b-'))];
  const [primary, secondary] = await Promise.all(dataDirs.map((dataDir) => createProjectApi({ dataDir, port: 0, compression: true })));
  const proxy = await startIngestProxy({ upstream: primary!.url });
  backends = { primary: primary!, secondary: secondary!, proxy, dataDirs };
  pages = matrixPages(backends, Date.now().toString(36));
  [site, extension] = await Promise.all([startScenarioSite(pages.map((page) => page.definition)), launchExtension()]);
});

test.afterAll(async () => {
  await extension?.close();
  await site?.close();
  await backends?.proxy.close();
  await Promise.all([backends?.primary.close(), backends?.secondary.close()]);
  for (const dir of backends?.dataDirs ?? []) rmSync(dir, { recursive: true, force: true });
});

for (const sdk of sdkVersions()) {
  test(`posthog-js ${sdk.version}: every event the project API received is in the tab's buffer, once`, async () => {
    test.setTimeout(150_000);
    for (const matrixPage of pages.filter((page) => page.sdk.pkg === sdk.pkg)) {
      await test.step(matrixPage.configuration, async () => {
        const started = Date.now();
        const id = matrixPage.definition.id;
        let run: ScenarioRun;
        try {
          run = await runScenario(extension, site, matrixPage);
        } catch (error) {
          expect.soft(error instanceof Error ? error.message : String(error), `${id}: the scenario did not complete`).toBeNull();
          console.log(`${id.padEnd(26)} scenario did not complete`);
          return;
        }
        const result = await compareTab(extension, matrixPage, run);
        console.log(summaryLine(result, Date.now() - started));
        expectScenarioCovered(matrixPage, result);
        expectExactCapture(matrixPage, result);

        if (matrixPage.configuration === 'default') {
          const popup = await PopupPage.open(extension, run.tabId);
          await expect.soft(popup.eventList()).toContainText('$autocapture');
          await screenshot(popup.page, `capture-matrix/posthog-js-${sdk.version}`);
          await popup.page.close();
        }
        await run.page.close();
      });
    }
  });
}

/** The scenario really happened on the wire: what the API stored, whatever the extension saw. */
function expectScenarioCovered(matrixPage: MatrixPage, result: PageResult): void {
  const id = matrixPage.definition.id;
  matrixPage.instances.forEach((instance, index) => {
    const events = result.apiEvents[index] ?? [];
    const names = result.apiEventNames[index] ?? {};
    const label = `${id} (${instance.name}): the API's events`;
    expect.soft(names['$pageview'] ?? 0, `${label}: load and SPA route pageviews`).toBeGreaterThanOrEqual(2);
    expect.soft(autocaptureTypes(events), `${label}: autocapture click, change and submit`).toEqual(expect.arrayContaining(['change', 'click', 'submit']));
    for (const name of ['plan selected', '$identify', '$create_alias', '$groupidentify', '$pageleave']) {
      expect.soft(names[name] ?? 0, `${label}: ${name}`).toBeGreaterThanOrEqual(1);
    }
    const identify = events.find((event) => event.event === '$identify');
    expect.soft(identify?.distinct_id, `${label}: identify`).toBe(instance.userId);
    expect.soft(new Set(events.map((event) => event.distinct_id)).size, `${label}: anonymous, identified, anonymous after reset`).toBeGreaterThanOrEqual(3);
  });
  if (matrixPage.configuration === 'reverse-proxy') {
    expect.soft(result.eventsOnCustomPath, `${id}: events sent to the proxy's own path, recognised by payload`).toBeGreaterThan(0);
  }
}

/** The extension's side: the tab's buffer holds exactly what the API stored. */
function expectExactCapture(matrixPage: MatrixPage, result: PageResult): void {
  const id = matrixPage.definition.id;
  result.comparisons.forEach((comparison, index) => {
    const label = `${id} (${matrixPage.instances[index]!.name})`;
    expect.soft(comparison.received, `${label}: events stored by the API`).toBeGreaterThan(0);
    expect
      .soft(
        { lost: comparison.lost, duplicated: comparison.duplicated, unexpected: comparison.unexpected, mismatched: comparison.mismatched },
        `${label}: API events vs the tab's buffer (${comparison.matched}/${comparison.received} matched)`,
      )
      .toEqual({ lost: [], duplicated: [], unexpected: [], mismatched: [] });
    expect.soft(result.pageleaveTransports[index], `${label}: the unload batch ($pageleave) arrived by sendBeacon`).toBe('beacon');
  });
  expect.soft(result.foreign, `${id}: buffered events with a token of no instance on the page`).toEqual([]);
  expect.soft(result.undecodable, `${id}: undecodable requests`).toEqual([]);
  expect.soft(result.eventsFromFlagsCalls, `${id}: events taken from flags/decide calls`).toBe(0);
  expect.soft(result.otherRequests, `${id}: flags/decide calls counted as other requests`).toBe(result.flagsCalls);
}

function autocaptureTypes(events: readonly ApiEvent[]): string[] {
  const types = events.filter((event) => event.event === '$autocapture').map((event) => String(event.properties['$event_type']));
  return [...new Set(types)].sort();
}

function summaryLine(result: PageResult, elapsedMs: number): string {
  const totals = result.comparisons.reduce(
    (sum, comparison) => ({
      received: sum.received + comparison.received,
      matched: sum.matched + comparison.matched,
      lost: sum.lost + comparison.lost.length,
      duplicated: sum.duplicated + comparison.duplicated.length,
      unexpected: sum.unexpected + comparison.unexpected.length + comparison.mismatched.length,
    }),
    { received: 0, matched: 0, lost: 0, duplicated: 0, unexpected: 0 },
  );
  const transports = result.comparisons
    .flatMap((comparison) => Object.entries(comparison.transports))
    .reduce<Record<string, number>>((all, [name, count]) => ({ ...all, [name]: (all[name] ?? 0) + count }), {});
  return [
    result.id.padEnd(26),
    `api ${String(totals.received).padStart(3)}`,
    `matched ${String(totals.matched).padStart(3)}`,
    `lost ${totals.lost}`,
    `dup ${totals.duplicated}`,
    `extra ${totals.unexpected + result.foreign.length}`,
    `undecodable ${result.undecodable.length}`,
    `other ${result.otherRequests}/${result.flagsCalls}`,
    `via ${JSON.stringify(transports)}`,
    `${(elapsedMs / 1000).toFixed(1)} s`,
  ].join(' · ');
}
