/**
 * Sync of 1,000 actions against the real local project API (issue 9): the engine of
 * `src/sync/syncEngine.ts` as the background runs it, in Node, with `storage.local` replaced by an
 * in-memory area that copies every value in and out (structured clone) as the browser's does.
 *
 * - pull: 1,000 actions on the server read into an empty cache;
 * - push: 1,000 creates made locally, sent until the server has them all and the engine says synced;
 * - baseline: the same 1,000 creates as one `fetch` after another (no outbox, no limit) in the same run;
 * - 429 storm: 150 creates while the API throttles (10% of requests start a 2 s `Retry-After`
 *   window, during which it answers 429 to everything): no request may start inside a window the
 *   engine was told about.
 *
 * Requests, peak concurrency and the 429 timing are measured on the client's side (sent → answered),
 * where the limits apply; the storm is the API's own fault switch (`--faults`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { createProjectApi } from '../../src/project-api/server';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../e2e/support/chromium';
import { MemoryArea } from '../support/memoryArea';
import { createSyncEngine, type SyncEngine } from '../../src/sync/syncEngine';
import { percentile } from './percentile';

const ACTIONS = 1_000;

interface ApiAddress {
  url: string;
  projectId: number;
  apiKey: string;
}
const RUNS = 5;


const actionBody = (name: string, index: number) => ({
  name,
  description: '',
  steps: [{ event: '$autocapture', selector: `[data-attr="cta-${index}"]`, text: `Button ${index}` }, { event: '$pageview', url: `/page-${index}` }],
});

/**
 * The local project API in its own process, as it runs beside the browser (`npm run api`): the
 * engine and the server do not share one event loop. Faults, when asked, are its `--faults` plan.
 */
async function startApi(faults?: unknown): Promise<{ api: ApiAddress; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'actionlens-sync-bench-'));
  const args = ['--import', 'tsx', 'src/project-api/main.ts', '--port', '0', '--data-dir', dir, ...(faults ? ['--faults', JSON.stringify(faults)] : [])];
  // Node itself (not npx), so that SIGTERM reaches the server and not a wrapper.
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const api = await new Promise<ApiAddress>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (\S+)/.exec(out)?.[1];
      const projectId = /project id:\s+(\d+)/.exec(out)?.[1];
      const apiKey = /personal API key:\s+(\S+)/.exec(out)?.[1];
      if (url && projectId && apiKey) resolve({ url, projectId: Number(projectId), apiKey });
    });
    child.once('exit', (code) => reject(new Error(`the project API exited (${code}): ${out}`)));
  });
  child.stdout.resume();
  return {
    api,
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Each request as the client saw it: when it was sent and answered, and a 429's Retry-After. */
interface Sent {
  sentAt: number;
  answeredAt: number;
  status: number;
  retryAfterMs: number | null;
}

/** The engine's `fetch`, recording every request from the client's side (in flight = sent, not yet answered). */
function recordingFetch(log: Sent[], peak: { now: number; max: number }): typeof fetch {
  return async (input, init) => {
    const sentAt = performance.now();
    peak.now++;
    peak.max = Math.max(peak.max, peak.now);
    try {
      const response = await fetch(input, init);
      const header = response.headers.get('retry-after');
      log.push({ sentAt, answeredAt: performance.now(), status: response.status, retryAfterMs: header === null ? null : Number(header) * 1000 });
      return response;
    } finally {
      peak.now--;
    }
  };
}

function engineFor(api: ApiAddress, log: Sent[] = [], peak = { now: 0, max: 0 }): SyncEngine {
  return createSyncEngine({
    storage: new MemoryArea(),
    connection: async () => ({ host: api.url, apiKey: api.apiKey, projectId: api.projectId }),
    scheduleWake: () => undefined,
    changed: () => undefined,
    fetch: recordingFetch(log, peak),
  });
}

async function post(api: ApiAddress, body: unknown): Promise<void> {
  const response = await fetch(`${api.url}/api/projects/${api.projectId}/actions/`, {
    method: 'POST',
    headers: { authorization: `Bearer ${api.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`seed: ${response.status}`);
  await response.text();
}

async function seed(api: ApiAddress, count: number, prefix: string): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < count) {
        const index = next++;
        await post(api, actionBody(`${prefix} ${index}`, index));
      }
    }),
  );
}

async function untilSynced(sync: SyncEngine, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const list = await sync.list();
    if (list.state === 'ok' && list.sync.state === 'synced') return;
    if (Date.now() > until) throw new Error(`not synced: ${JSON.stringify(list.state === 'ok' ? list.sync : list)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface Run {
  pullMs: number;
  pullRequests: number;
  pushMs: number;
  pushRequests: number;
  peak: number;
  baselineMs: number;
}

async function oneRun(run: number): Promise<Run> {
  const { api, close } = await startApi();
  try {
    await seed(api, ACTIONS, `Existing ${run}`);
    const peak = { now: 0, max: 0 };
    const sent: Sent[] = [];
    const sync = engineFor(api, sent, peak);
    let started = performance.now();
    const pulled = await sync.list({ refresh: true });
    const pullMs = performance.now() - started;
    if (pulled.state !== 'ok' || pulled.entries.length !== ACTIONS) throw new Error('pull did not read every action');
    const pullRequests = sent.length;
    started = performance.now();
    for (let index = 0; index < ACTIONS; index++) {
      const saved = await sync.save(null, actionBody(`New ${run} ${index}`, index));
      if (!saved.ok) throw new Error(saved.message);
    }
    await untilSynced(sync, 120_000);
    const pushMs = performance.now() - started;
    const pushRequests = sent.length - pullRequests;
    sync.dispose();

    // Baseline: the same creates, one plain request after another.
    started = performance.now();
    for (let index = 0; index < ACTIONS; index++) await post(api, actionBody(`Plain ${run} ${index}`, index));
    const baselineMs = performance.now() - started;
    return { pullMs, pullRequests, pushMs, pushRequests, peak: peak.max, baselineMs };
  } finally {
    await close();
  }
}

async function storm(): Promise<{ creates: number; requests: number; throttled: number; early: number; ms: number; peak: number }> {
  const { api, close } = await startApi({ rates: { rateLimit: 0.1 }, retryAfterSeconds: 2, storm: true, seed: 7 });
  try {
    const sent: Sent[] = [];
    const peak = { now: 0, max: 0 };
    const sync = engineFor(api, sent, peak);
    const creates = 150;
    const started = performance.now();
    for (let index = 0; index < creates; index++) await sync.save(null, actionBody(`Storm ${index}`, index));
    await untilSynced(sync, 180_000);
    const ms = performance.now() - started;
    sync.dispose();
    // Early: sent after the client had a 429's answer and before its Retry-After expired. (A request
    // already in flight when another's 429 arrived is not early: it left before anyone knew.)
    const answers = sent.filter((request) => request.status === 429 && request.retryAfterMs !== null);
    const early = sent.filter((request) => answers.some((answer) => request.sentAt > answer.answeredAt && request.sentAt < answer.answeredAt + answer.retryAfterMs!)).length;
    const onServer = (await (await fetch(`${api.url}/api/projects/${api.projectId}/actions/`, { headers: { authorization: `Bearer ${api.apiKey}` } })).json()) as { results: unknown[] };
    if (onServer.results.length !== creates) throw new Error(`storm: ${onServer.results.length} actions on the server, expected ${creates}`);
    return { creates, requests: sent.length, throttled: answers.length, early, ms, peak: peak.max };
  } finally {
    await close();
  }
}

/**
 * The same full sync in the built test extension (`npm run build:e2e`) in Chromium: the real
 * service worker and `storage.local`, driven with the messages the views send. Wall time only (the
 * request counts are the Node rows').
 */
/**
 * The same sync in the built test extension (`npm run build:e2e`) in Chromium: the real service
 * worker and `storage.local`, driven with the messages the views send, against the local project API
 * (in this process, for its fault switch). Wall times only (the request counts are the Node rows').
 *
 * - pull: `actions.list {refresh}` over 1,000 actions;
 * - saves: 1,000 `actions.save` messages, each stored before its answer, sent as they come;
 * - queued: 1,000 more saves made while the API rate-limits (a 429 with a 40 s `Retry-After`, so the
 *   outbox holds them all), then the time from the end of the pause to synced: the sync itself.
 */
/**
 * The floor for sending from the extension: the same bodies POSTed by a bare loop in the same service
 * worker, 4 in flight, nothing stored. A string, so that the bench's transpiler adds no helpers the
 * worker lacks.
 */
const BARE_POSTS_IN_WORKER = `async ({ url, key, projectId, prefix, count }) => {
  const started = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const index = next++;
      const body = { name: prefix + ' ' + index, description: '', steps: [{ event: '$autocapture', selector: '[data-attr="cta-' + index + '"]', text: 'Button ' + index }, { event: '$pageview', url: '/page-' + index }] };
      const response = await fetch(url + '/api/projects/' + projectId + '/actions/', { method: 'POST', headers: { authorization: 'Bearer ' + key, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (response.status !== 201) throw new Error('bare POST answered ' + response.status);
      await response.json();
    }
  };
  await Promise.all([lane(), lane(), lane(), lane()]);
  return performance.now() - started;
}`;

type BrowserRun = { pullMs: number; pushMs: number; enqueueMs: number; drainMs: number; bareMs: number };

async function inChromium(run: number): Promise<BrowserRun> {
  const dir = mkdtempSync(join(tmpdir(), 'actionlens-sync-bench-'));
  const api = await createProjectApi({ dataDir: dir, port: 0 });
  const profile = mkdtempSync(join(tmpdir(), 'actionlens-sync-bench-profile-'));
  const extensionDir = join(process.cwd(), '.output/chrome-mv3-e2e');
  const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), headless: true, args: chromiumArgs(extensionDir) });
  try {
    await seed(api, ACTIONS, `Existing ${run}`);
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const origin = `chrome-extension://${new URL(worker.url()).host}`;
    const options = await context.newPage();
    await options.goto(`${origin}/options.html`);
    await options.getByLabel('Local project API (bundled)').check();
    await options.getByLabel('URL').fill(api.url);
    await options.getByLabel('Project id').fill(String(api.projectId));
    await options.getByLabel('Personal API key').fill(api.apiKey);
    await options.getByRole('button', { name: 'Save' }).click();
    await options.locator('[data-testid="connection-result"][data-ok="true"]').waitFor({ timeout: 30_000 });
    const send = (type: string, payload: unknown) =>
      options.evaluate(
        ([type, payload]) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<any> } } }).chrome.runtime.sendMessage({ type, payload }),
        [type, payload] as const,
      );
    const saveMany = (prefix: string, from: number, count: number) =>
      options.evaluate(
        async ([prefix, from, count]) => {
          const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<any> } } }).chrome.runtime;
          for (let index = from; index < from + count; index++) {
            const reply = await runtime.sendMessage({
              type: 'actions.save',
              payload: { key: null, action: { name: `${prefix} ${index}`, description: '', steps: [{ event: '$autocapture', selector: `[data-attr="cta-${index}"]`, text: `Button ${index}` }, { event: '$pageview', url: `/page-${index}` }] } },
            });
            if (!reply.ok || !reply.value.ok) throw new Error(JSON.stringify(reply));
          }
        },
        [prefix, from, count] as const,
      );
    const untilSyncedInBrowser = async (since: number) => {
      for (;;) {
        const status = await send('sync.status', {});
        if (status.value?.state === 'synced') return performance.now();
        if (performance.now() - since > 180_000) throw new Error(`Chromium not synced: ${JSON.stringify(status.value)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };

    let started = performance.now();
    const pulled = await send('actions.list', { refresh: true });
    const pullMs = performance.now() - started;
    if (pulled.value?.entries?.length !== ACTIONS) throw new Error(`Chromium pull read ${pulled.value?.entries?.length} actions`);

    started = performance.now();
    await saveMany('New', 0, ACTIONS);
    const enqueueMs = performance.now() - started;
    const pushMs = (await untilSyncedInBrowser(started)) - started;

    // The outbox fills while the API holds every request back, then drains.
    api.faults.set({ rates: { rateLimit: 1 }, retryAfterSeconds: 40, storm: true });
    await saveMany('Queued', 0, 1);
    for (;;) {
      const status = await send('sync.status', {});
      if (status.value?.state === 'rate-limited') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await saveMany('Queued', 1, ACTIONS - 1);
    api.faults.clear();
    // The engine's pause ends at `retryAt` (epoch ms; one clock for the browser and this process).
    const retryAt = (await send('sync.status', {})).value.retryAt as number;
    if (Date.now() > retryAt - 1000) throw new Error('the queued saves took longer than the pause: raise Retry-After');
    await untilSyncedInBrowser(performance.now());
    const drainMs = Date.now() - retryAt;
    const onServer = (await (await fetch(`${api.url}/api/projects/${api.projectId}/actions/`, { headers: { authorization: `Bearer ${api.apiKey}` } })).json()) as { results: unknown[] };
    if (onServer.results.length !== 3 * ACTIONS) throw new Error(`${onServer.results.length} actions on the server, expected ${3 * ACTIONS}`);
    const args = JSON.stringify({ url: api.url, key: api.apiKey, projectId: api.projectId, prefix: 'Bare', count: ACTIONS });
    const bareMs = (await worker.evaluate(`(${BARE_POSTS_IN_WORKER})(${args})`)) as number;
    return { pullMs, pushMs, enqueueMs, drainMs, bareMs };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `SYNC_BENCH=chromium` or `storm`: that part only, printed in one line. */
const onlyBrowser = process.env.SYNC_BENCH === 'chromium';
if (process.env.SYNC_BENCH === 'storm') {
  const result = await storm();
  console.log(`429 storm: ${result.requests} requests, ${result.throttled} answered 429, ${result.early} early, peak ${result.peak}, synced after ${(result.ms / 1000).toFixed(1)} s`);
  process.exit(0);
}
const runs: Run[] = [];
for (let run = 0; run < (onlyBrowser ? 0 : RUNS); run++) runs.push(await oneRun(run));
if (onlyBrowser) {
  const only = [await inChromium(0)];
  console.log(`in Chromium: pull ${only[0]!.pullMs.toFixed(0)} ms, saves ${only[0]!.enqueueMs.toFixed(0)} ms, push ${only[0]!.pushMs.toFixed(0)} ms, queued drain ${only[0]!.drainMs.toFixed(0)} ms, bare POSTs ${only[0]!.bareMs.toFixed(0)} ms`);
  process.exit(0);
}
const median = (pick: (run: Run) => number) => percentile(runs.map(pick), 50);
const stormResult = await storm();
const browserRuns: BrowserRun[] = [];
for (let run = 0; run < 3; run++) browserRuns.push(await inChromium(run));
const browserFull = browserRuns.map((run) => run.pullMs + run.pushMs);

const fullMs = median((run) => run.pullMs + run.pushMs);
console.log(`## Sync: 1,000 actions against the local project API (issue 9)

Median of ${RUNS} runs, each on a fresh local project API holding ${ACTIONS} actions; the engine is
\`src/sync/syncEngine.ts\` in Node with an in-memory, structured-cloning storage area.

| | median | runs | requests | target |
| --- | ---: | --- | ---: | --- |
| pull ${ACTIONS} actions | ${median((run) => run.pullMs).toFixed(0)} ms | ${runs.map((run) => run.pullMs.toFixed(0)).join(' / ')} | ${runs[0]!.pullRequests} | |
| push ${ACTIONS} creates until synced | ${median((run) => run.pushMs).toFixed(0)} ms | ${runs.map((run) => run.pushMs.toFixed(0)).join(' / ')} | ${runs[0]!.pushRequests} | |
| **full sync (pull + push)** | **${fullMs.toFixed(0)} ms** | ${runs.map((run) => (run.pullMs + run.pushMs).toFixed(0)).join(' / ')} | | ≤ 5,000 ms |
| baseline: ${ACTIONS} plain POSTs one after another | ${median((run) => run.baselineMs).toFixed(0)} ms | ${runs.map((run) => run.baselineMs.toFixed(0)).join(' / ')} | ${ACTIONS} | |
| push ÷ baseline | ${(median((run) => run.pushMs) / median((run) => run.baselineMs)).toFixed(2)} | | | |
| in Chromium, the built extension (median of 3): pull | ${percentile(browserRuns.map((run) => run.pullMs), 50).toFixed(0)} ms | ${browserRuns.map((run) => run.pullMs.toFixed(0)).join(' / ')} | | |
| in Chromium: the 1,000 saves (messages, each stored before its answer) | ${percentile(browserRuns.map((run) => run.enqueueMs), 50).toFixed(0)} ms | ${browserRuns.map((run) => run.enqueueMs.toFixed(0)).join(' / ')} | | |
| in Chromium: synced after the last save | ${percentile(browserRuns.map((run) => run.pushMs - run.enqueueMs), 50).toFixed(0)} ms | ${browserRuns.map((run) => (run.pushMs - run.enqueueMs).toFixed(0)).join(' / ')} | | |
| in Chromium: push until synced (saves included) | ${percentile(browserRuns.map((run) => run.pushMs), 50).toFixed(0)} ms | ${browserRuns.map((run) => run.pushMs.toFixed(0)).join(' / ')} | | |
| **in Chromium: 1,000 queued changes sent, from the end of the rate limit to synced** | **${percentile(browserRuns.map((run) => run.drainMs), 50).toFixed(0)} ms** | ${browserRuns.map((run) => run.drainMs.toFixed(0)).join(' / ')} | | ≤ 5,000 ms |
| in Chromium, baseline: ${ACTIONS} bare POSTs from the same service worker, 4 in flight, nothing stored | ${percentile(browserRuns.map((run) => run.bareMs), 50).toFixed(0)} ms | ${browserRuns.map((run) => run.bareMs.toFixed(0)).join(' / ')} | ${ACTIONS} | |
| in Chromium: queued changes sent ÷ bare POSTs | ${(percentile(browserRuns.map((run) => run.drainMs), 50) / percentile(browserRuns.map((run) => run.bareMs), 50)).toFixed(2)} | ${browserRuns.map((run) => (run.drainMs / run.bareMs).toFixed(2)).join(' / ')} | | |
| in Chromium: pull + saves + sending | **${percentile(browserFull, 50).toFixed(0)} ms** | ${browserFull.map((ms) => ms.toFixed(0)).join(' / ')} | | ≤ 5,000 ms |
| peak requests in flight | ${Math.max(...runs.map((run) => run.peak))} | ${runs.map((run) => run.peak).join(' / ')} | | ≤ 4 |

429 storm: ${stormResult.creates} creates while 10% of requests open a 2 s throttle window — ${stormResult.requests} requests,
${stormResult.throttled} answered 429, **${stormResult.early} started before a
Retry-After the engine had been given expired** (target 0), peak ${stormResult.peak} in flight, all ${stormResult.creates}
on the server once, synced after ${(stormResult.ms / 1000).toFixed(1)} s.
`);
