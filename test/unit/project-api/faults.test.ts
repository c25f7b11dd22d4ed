import { Hono } from 'hono';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FaultInjector, type FaultPlanInput } from '../../../src/project-api/faults';
import { startTestServer, type TestServer } from './testServer';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());
afterEach(() => {
  server.api.faults.clear();
  server.api.faults.resetStats();
});

const base = '/api/projects/@current/actions/';
const faults = () => server.api.faults;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let counter = 0;
const uniqueName = (label: string) => `${label} ${++counter}`;

/** POSTs a new action; the status and body as the client saw them. */
function createAction(name: string) {
  return server.call('POST', base, { body: { name, steps: [{ event: '$pageview' }] } });
}

/** Whether an action of this name is stored, asked with faults off (re-setting the plan restarts its sequence). */
async function stored(name: string): Promise<boolean> {
  const plan = faults().plan;
  faults().clear();
  const list = await server.call('GET', base);
  if (plan) faults().set(plan);
  expect(list.status).toBe(200);
  return list.body.results.some((action: { name: string }) => action.name === name);
}

function lastEntry() {
  const log = faults().log();
  return log[log.length - 1];
}

describe('fault injection: off', () => {
  it('changes nothing and records nothing without a plan', async () => {
    const name = uniqueName('No plan');
    const res = await createAction(name);
    expect(res.status).toBe(201);
    expect(res.body.name).toBe(name);
    expect(faults().plan).toBeNull();
    expect(faults().stats()).toEqual({ requests: 0, byStatus: {}, byFault: {}, inFlight: 0, peakInFlight: 0 });
    expect(faults().log()).toEqual([]);
  });

  it('observes without faults when every rate is 0', async () => {
    faults().set({});
    const res = await createAction(uniqueName('Observed'));
    expect(res.status).toBe(201);
    expect(faults().stats()).toMatchObject({ requests: 1, byStatus: { '201': 1 }, byFault: { none: 1 }, inFlight: 0, peakInFlight: 1 });
    expect(lastEntry()).toMatchObject({ method: 'POST', path: '/api/projects/@current/actions/', fault: null, committed: true, handlerStatus: 201, status: 201 });
  });
});

describe('fault injection: before the handler (nothing stored)', () => {
  it('serverError answers 500 with PostHog’s body, or a proxy’s 502/503 page', async () => {
    faults().set({ rates: { serverError: 1 }, seed: 5 });
    const seen = new Set<number>();
    const names: string[] = [];
    for (let i = 0; i < 24; i++) {
      const name = uniqueName('Server error');
      names.push(name);
      const res = await createAction(name);
      seen.add(res.status);
      if (res.status === 500) {
        expect(res.body).toEqual({ type: 'server_error', code: 'error', detail: 'A server error occurred.', attr: null });
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      } else {
        expect([502, 503]).toContain(res.status);
        expect(res.headers.get('content-type')).toMatch(/^text\/html/);
        expect(res.body).toContain(`<h1>${res.status} `);
      }
    }
    expect(seen).toEqual(new Set([500, 502, 503]));
    for (const name of names) expect(await stored(name)).toBe(false);
    expect(faults().stats().byFault).toEqual({ serverError: 24 });
  });

  it('rateLimit answers 429 with Retry-After and PostHog’s throttled body', async () => {
    faults().set({ rates: { rateLimit: 1 }, storm: false, retryAfterSeconds: 3 });
    const name = uniqueName('Throttled');
    const before = Date.now();
    const res = await createAction(name);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(res.body).toEqual({
      type: 'throttled_error',
      code: 'throttled',
      detail: 'Request was throttled. Expected available in 3 seconds.',
      attr: null,
    });
    expect(lastEntry()).toMatchObject({ fault: 'rateLimit', inWindow: false, committed: false, status: 429, retryAfter: 3 });
    expect(lastEntry()!.retryAt).toBeGreaterThanOrEqual(before + 3000);
    expect(await stored(name)).toBe(false);

    faults().set({ rates: { rateLimit: 1 }, storm: false });
    const one = await createAction(uniqueName('Throttled'));
    expect(one.headers.get('retry-after')).toBe('1');
    expect(one.body.detail).toBe('Request was throttled. Expected available in 1 second.');
  });

  it('unauthorized answers 401 authentication_failed', async () => {
    faults().set({ rates: { unauthorized: 1 } });
    const name = uniqueName('Unauthorized');
    const res = await createAction(name);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      type: 'authentication_error',
      code: 'authentication_failed',
      detail: 'Personal API key found in request Authorization header is invalid.',
      attr: null,
    });
    expect(await stored(name)).toBe(false);
  });
});

describe('fault injection: the throttle window (storm)', () => {
  it('throttles every matching request until Retry-After runs out, then draws again', async () => {
    faults().set({ rates: { rateLimit: 1 }, retryAfterSeconds: 1 });
    const first = await createAction(uniqueName('Window'));
    expect(first.status).toBe(429);
    const opened = lastEntry()!;
    expect(opened).toMatchObject({ inWindow: false, retryAfter: 1 });

    // Inside the window: throttled, not drawn; other paths pass.
    const during = await Promise.all([1, 2, 3].map(() => createAction(uniqueName('Window'))));
    for (const res of during) {
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('1');
    }
    expect((await server.call('GET', '/api/projects/@current/')).status).toBe(200);
    const windowEntries = faults().log().slice(1);
    expect(windowEntries.map((entry) => entry.inWindow)).toEqual([true, true, true]);
    for (const entry of windowEntries) expect(entry.retryAt).toBe(opened.retryAt);

    await sleep(opened.retryAt! - Date.now() + 20);
    await createAction(uniqueName('Window'));
    expect(lastEntry()).toMatchObject({ fault: 'rateLimit', inWindow: false });
  });

  it('lets requests through between independent 429s with storm: false, not with the window', async () => {
    const plan: FaultPlanInput = { rates: { rateLimit: 0.4 }, retryAfterSeconds: 5, seed: 11 };
    const statuses = async (storm: boolean) => {
      faults().set({ ...plan, storm });
      const seen: number[] = [];
      for (let i = 0; i < 12; i++) seen.push((await server.call('GET', base)).status);
      return seen;
    };
    const independent = await statuses(false);
    const firstThrottle = independent.indexOf(429);
    expect(firstThrottle).toBeGreaterThanOrEqual(0);
    expect(independent.slice(firstThrottle)).toContain(200);

    const storm = await statuses(true);
    // The same seed draws the same first 429; from there the window holds every request.
    expect(storm.slice(0, firstThrottle)).toEqual(independent.slice(0, firstThrottle));
    expect(storm.slice(firstThrottle)).toEqual(Array(12 - firstThrottle).fill(429));
  });

  it('clear() closes the window', async () => {
    faults().set({ rates: { rateLimit: 1 }, retryAfterSeconds: 60 });
    expect((await server.call('GET', base)).status).toBe(429);
    faults().clear();
    expect((await server.call('GET', base)).status).toBe(200);
  });
});

describe('fault injection: after the handler (stored)', () => {
  it('slow holds the answer slowMs after the write', async () => {
    faults().set({ rates: { slow: 1 }, slowMs: 1000 });
    const name = uniqueName('Slow');
    const started = Date.now();
    let answered = false;
    const pending = createAction(name).finally(() => (answered = true));
    // Stored before the answer leaves (asked once the server holds the answer: `stored` clears the plan).
    await expect.poll(() => lastEntry()?.committed).toBe(true);
    expect(await stored(name)).toBe(true);
    expect(answered).toBe(false);
    const res = await pending;
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    expect(res.status).toBe(201);
    expect(res.body.name).toBe(name);
    const entry = faults().log().find((e) => e.fault === 'slow')!;
    expect(entry).toMatchObject({ committed: true, handlerStatus: 201, status: 201, clientAborted: false });
    expect(entry.end! - entry.start).toBeGreaterThanOrEqual(990);
  });

  it('slow ends when the client gives up (its timeout), and counts it as gone', async () => {
    faults().set({ rates: { slow: 1 }, slowMs: 10_000 });
    const name = uniqueName('Timed out');
    await expect(
      fetch(`${server.api.url}${base}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.api.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name }),
        signal: AbortSignal.timeout(200),
      }),
    ).rejects.toThrow();
    await expect.poll(() => faults().stats().inFlight).toBe(0);
    const entry = faults().log().find((e) => e.fault === 'slow')!;
    expect(entry).toMatchObject({ committed: true, handlerStatus: 201, status: null, clientAborted: true });
    expect(entry.end! - entry.start).toBeLessThan(5_000);
    expect(faults().stats().byStatus).toEqual({ none: 1 });
    expect(await stored(name)).toBe(true);
  });

  it('dropAfterCommit stores the write and closes the connection without an answer', async () => {
    faults().set({ rates: { dropAfterCommit: 1 } });
    const name = uniqueName('Dropped');
    await expect(createAction(name)).rejects.toThrow(/fetch failed/);
    expect(await stored(name)).toBe(true);
    expect(faults().log()[0]).toMatchObject({ fault: 'dropAfterCommit', committed: true, handlerStatus: 201, status: null });
    expect(faults().stats()).toMatchObject({ byStatus: { none: 1 }, byFault: { dropAfterCommit: 1 }, inFlight: 0 });
    // The server itself is fine.
    faults().clear();
    expect((await server.call('GET', base)).status).toBe(200);
  });

  it('badJson stores the write and answers 200 JSON of the wrong shape, CORS headers kept', async () => {
    faults().set({ rates: { badJson: 1 }, seed: 3 });
    const shapes = new Set<string>();
    const names: string[] = [];
    for (let i = 0; i < 8; i++) {
      const name = uniqueName('Bad JSON');
      names.push(name);
      const res = await server.call('POST', base, { body: { name }, headers: { origin: 'chrome-extension://abc' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      shapes.add(JSON.stringify(res.body));
    }
    expect(shapes).toEqual(new Set(['{"detail":"ok"}', '[]']));
    expect(lastEntry()).toMatchObject({ fault: 'badJson', committed: true, handlerStatus: 201, status: 200 });
    for (const name of names) expect(await stored(name)).toBe(true);
  });
});

describe('fault injection: plan', () => {
  it('draws the same faults for the same seed and requests', async () => {
    const plan: FaultPlanInput = {
      rates: { serverError: 0.15, rateLimit: 0.1, unauthorized: 0.15, badJson: 0.2, slow: 0.1 },
      storm: false,
      slowMs: 0,
      seed: 42,
    };
    const run = async (seed: number) => {
      faults().set({ ...plan, seed });
      faults().resetStats();
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await server.call('GET', base)).status);
      return { faults: faults().log().map((entry) => entry.fault), statuses };
    };
    const first = await run(42);
    expect(new Set(first.faults)).toEqual(new Set([null, 'serverError', 'rateLimit', 'unauthorized', 'badJson', 'slow']));
    expect(await run(42)).toEqual(first);
    expect((await run(43)).faults).not.toEqual(first.faults);
  });

  it('only touches matching paths and methods', async () => {
    faults().set({ rates: { serverError: 1 } });
    // Default: the actions endpoints only.
    expect((await server.call('GET', '/api/projects/@current/')).status).toBe(200);
    expect((await server.call('GET', '/api/users/@me/')).status).toBe(200);
    expect((await server.capture([{ event: 'e', distinct_id: 'd' }])).status).toBe(200);
    expect([500, 502, 503]).toContain((await server.call('GET', `${base}1/`)).status);
    expect(faults().stats().requests).toBe(1);

    faults().set({ rates: { serverError: 1 }, paths: '^/api/users/' });
    expect((await server.call('GET', base)).status).toBe(200);
    expect([500, 502, 503]).toContain((await server.call('GET', '/api/users/@me/')).status);

    faults().set({ rates: { unauthorized: 1 }, methods: ['post', 'PATCH'] });
    expect((await server.call('GET', base)).status).toBe(200);
    expect((await createAction(uniqueName('Method'))).status).toBe(401);
    expect(faults().plan?.methods).toEqual(['POST', 'PATCH']);
  });

  it('refuses a bad plan and fills in the defaults', () => {
    expect(() => faults().set({ rates: { serverError: 0.6, slow: 0.5 } })).toThrow(/add up to more than 1/);
    expect(() => faults().set({ rates: { slow: -0.1 } })).toThrow();
    expect(() => faults().set({ paths: '(' })).toThrow(/regular expression/);
    expect(() => faults().set({ rate: { slow: 1 } } as never)).toThrow();
    expect(faults().plan).toBeNull();
    expect(faults().set({ rates: { slow: 0.5 } })).toEqual({
      rates: { serverError: 0, rateLimit: 0, unauthorized: 0, slow: 0.5, dropAfterCommit: 0, badJson: 0 },
      retryAfterSeconds: 1,
      storm: true,
      slowMs: 12_000,
      paths: '^/api/projects/[^/]+/actions',
      seed: 1,
    });
  });

  it('starts with the plan given to createProjectApi', async () => {
    await server.restart({ faults: { rates: { unauthorized: 1 } } });
    try {
      expect((await server.call('GET', base)).status).toBe(401);
    } finally {
      await server.restart({ faults: undefined });
    }
    expect(faults().plan).toBeNull();
  });
});

describe('fault injection: stats and log', () => {
  it('counts requests in flight and the peak with parallel requests', async () => {
    faults().set({ rates: { slow: 1 }, slowMs: 800 });
    const pending = Array.from({ length: 6 }, () => server.call('GET', base));
    await expect.poll(() => faults().stats().inFlight).toBe(6);
    await Promise.all(pending);
    expect(faults().stats()).toMatchObject({ requests: 6, inFlight: 0, peakInFlight: 6, byStatus: { '200': 6 }, byFault: { slow: 6 } });

    faults().resetStats();
    expect(faults().stats()).toEqual({ requests: 0, byStatus: {}, byFault: {}, inFlight: 0, peakInFlight: 0 });
    faults().set({ rates: { slow: 1 }, slowMs: 150 });
    // At most three at a time, as a client with a concurrency limit of 3 sends them.
    const queue = Array.from({ length: 7 }, (_, i) => i);
    await Promise.all(
      [1, 2, 3].map(async () => {
        while (queue.shift() !== undefined) await server.call('GET', base);
      }),
    );
    const stats = faults().stats();
    expect(stats).toMatchObject({ requests: 7, inFlight: 0, peakInFlight: 3 });
    // The log tells the same story: never more than three overlapping.
    const log = faults().log();
    const overlapping = log.map((entry) => log.filter((other) => other.start <= entry.start && other.end! > entry.start).length);
    expect(Math.max(...overlapping)).toBeLessThanOrEqual(3);
    for (const entry of log) expect(entry.end).not.toBeNull();
  });

  it('keeps the log bounded and works in-process (app.request) too', async () => {
    const injector = new FaultInjector({ logLimit: 3 });
    const app = new Hono();
    app.use('*', injector.middleware());
    app.get('/api/projects/:id/actions', (c) => c.json({ results: [] }));
    app.get('/other', (c) => c.text('ok'));

    injector.set({ rates: { badJson: 0.5 }, seed: 9 });
    for (let i = 0; i < 5; i++) await app.request('/api/projects/1/actions');
    await app.request('/other');
    const log = injector.log();
    expect(log.map((entry) => entry.seq)).toEqual([3, 4, 5]);
    expect(injector.stats().requests).toBe(5);

    const seen: string[] = [];
    const stop = injector.watch((entry) => seen.push(`${entry.method} ${entry.status}`));
    await app.request('/api/projects/1/actions');
    stop();
    await app.request('/api/projects/1/actions');
    expect(seen).toEqual(['GET 200']);
  });
});
