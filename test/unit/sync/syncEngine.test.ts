import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActionWrite } from '../../../src/core/actions/schema';
import { MemoryArea } from '../../support/memoryArea';
import type { KeyValueArea } from '../../../src/sync/scopeStore';
import { createSyncEngine, type SyncEngine } from '../../../src/sync/syncEngine';
import { seededRandom } from '../../../src/core/seededRandom';
import { startTestServer, type TestServer } from '../project-api/testServer';

/**
 * The sync engine against the real local project API. Faults are made in `fetch` here (the request
 * reaches the server, the answer is lost or replaced); the fault switch of the API itself is used by
 * the end-to-end tests.
 */


type Fault = 'none' | 'drop-after' | 'drop-before' | '503' | '429';

let server: TestServer;
let area: MemoryArea;
let faults: Fault[];
let requests: string[];

/** Passes the request to the server, then plays the next fault from `faults`. */
const faultyFetch: typeof fetch = async (input, init) => {
  const fault = faults.shift() ?? 'none';
  const url = new URL(String(input));
  requests.push(`${init?.method ?? 'GET'} ${url.pathname} ${fault}`);
  if (fault === 'drop-before') throw new TypeError('fetch failed');
  if (fault === '503') return new Response('{"detail":"down"}', { status: 503 });
  if (fault === '429') return new Response('{"detail":"slow down"}', { status: 429, headers: { 'Retry-After': '0' } });
  const response = await fetch(input, init);
  if (fault === 'drop-after') {
    await response.text();
    throw new TypeError('fetch failed');
  }
  return response;
};

/**
 * An engine as one service worker runs it. `stop` is the browser stopping that worker: nothing of it
 * runs on — no request leaves, an answer in flight is lost, no storage write lands — and the next
 * engine starts from what is stored.
 */
function engine(): SyncEngine & { stop(): void } {
  let alive = true;
  const storage: KeyValueArea = {
    get: (keys) => area.get(keys),
    set: async (items) => {
      if (alive) await area.set(items);
    },
    remove: async (keys) => {
      if (alive) await area.remove(keys);
    },
  };
  const lifeFetch: typeof fetch = async (input, init) => {
    if (!alive) throw new TypeError('worker stopped');
    const response = await faultyFetch(input, init);
    if (!alive) throw new TypeError('worker stopped');
    return response;
  };
  const sync = createSyncEngine({
    storage,
    connection: async () => ({ host: server.api.url, apiKey: server.api.apiKey, projectId: server.api.projectId }),
    scheduleWake: () => undefined,
    changed: () => undefined,
    fetch: lifeFetch,
    // Retries at once: the policy's delays are tested in retryPolicy.test.ts.
    random: () => 0,
    timeoutMs: 5_000,
  });
  return Object.assign(sync, {
    stop() {
      alive = false;
      sync.dispose();
    },
  });
}

const action = (name: string, selector = '.buy'): ActionWrite => ({
  name,
  description: '',
  steps: [{ event: '$autocapture', selector }],
});

async function serverActions() {
  const response = await server.call('GET', `/api/projects/${server.api.projectId}/actions/`);
  return (response.body.results as Array<{ id: number; name: string; steps: Array<{ selector: string | null }> }>).map((a) => ({
    id: a.id,
    name: a.name,
    selectors: a.steps.map((step) => step.selector),
  }));
}

type ServerAction = Awaited<ReturnType<typeof serverActions>>[number];

/**
 * Polls the server's list until `holds` (or `tries` run out): every 2 ms by default, to stop a
 * worker inside the engine's 100 ms window before its answers are written.
 */
async function untilServer(holds: (actions: ServerAction[]) => boolean, { tries = 400, everyMs = 2 } = {}) {
  for (let tried = 0; !holds(await serverActions()) && tried < tries; tried++) await new Promise((resolve) => setTimeout(resolve, everyMs));
}

/** Runs the engine until nothing is queued (retries are due at once with `random: () => 0`… and 1 s backoff). */
async function settle(sync: SyncEngine, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const list = await sync.list();
    if (list.state === 'ok' && list.sync.pending === 0) return list;
    if (Date.now() > until) throw new Error(`not settled: ${JSON.stringify(list.state === 'ok' ? list.sync : list)}`);
    await sync.pump();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeEach(async () => {
  server = await startTestServer();
  area = new MemoryArea();
  faults = [];
  requests = [];
});

afterEach(async () => {
  await server.stop();
});

describe('sync engine against the local project API', () => {
  it('creates, edits (PATCH of the changed fields only) and deletes', async () => {
    const sync = engine();
    const saved = await sync.save(null, action('Clicked buy'), { waitMs: 3000 });
    expect(saved).toMatchObject({ ok: true, sent: true });
    const key = saved.ok ? saved.key : '';
    expect(key).toMatch(/^id:\d+$/);
    expect(await serverActions()).toEqual([{ id: expect.any(Number), name: 'Clicked buy', selectors: ['.buy'] }]);

    const edited = await sync.save(key, action('Clicked buy', '.buy-now'), { waitMs: 3000 });
    expect(edited).toMatchObject({ ok: true, sent: true });
    expect(requests.filter((line) => line.startsWith('PATCH'))).toHaveLength(1);
    expect((await serverActions())[0]!.selectors).toEqual(['.buy-now']);

    await sync.remove(key);
    const list = await settle(sync);
    expect(list.state === 'ok' && list.entries).toEqual([]);
    expect(await serverActions()).toEqual([]);
  });

  it('adopts a create whose answer was lost instead of creating it twice', async () => {
    const sync = engine();
    await sync.list();
    faults = ['drop-after'];
    const saved = await sync.save(null, action('Signed up'), { waitMs: 200 });
    expect(saved).toMatchObject({ ok: true, sent: false });
    const list = await settle(sync);
    expect(await serverActions()).toHaveLength(1);
    expect(list.state === 'ok' && list.entries.map((entry) => entry.status.state)).toEqual(['synced']);
    // Reconciled with one read of the list, not a second POST.
    expect(requests.filter((line) => line.startsWith('POST'))).toHaveLength(1);
  });

  it('marks a conflict when a lost create’s name now holds other content', async () => {
    const sync = engine();
    await sync.list();
    faults = ['drop-before'];
    await sync.save(null, action('Checkout', '.mine'), { waitMs: 100 });
    // Meanwhile someone else made "Checkout" on the server.
    await server.call('POST', `/api/projects/${server.api.projectId}/actions/`, { body: action('Checkout', '.theirs') });
    const until = Date.now() + 10_000;
    let list = await sync.list();
    while (!(list.state === 'ok' && list.sync.conflicts === 1) && Date.now() < until) {
      await sync.pump();
      await new Promise((resolve) => setTimeout(resolve, 50));
      list = await sync.list();
    }
    expect(list.state === 'ok' && list.sync.conflicts).toBe(1);
    expect(await serverActions()).toHaveLength(1);
  });

  it('retries 503 and 429, then sends once', async () => {
    const sync = engine();
    await sync.list();
    faults = ['503', '429'];
    await sync.save(null, action('Retried'), { waitMs: 0 });
    await settle(sync);
    expect(await serverActions()).toHaveLength(1);
  });

  it('never overwrites a concurrent edit of the same field: conflict, then each resolution', async () => {
    const sync = engine();
    const saved = await sync.save(null, action('Pricing', '.a'), { waitMs: 3000 });
    const key = saved.ok ? saved.key : '';
    const id = Number(key.slice(3));
    const patch = (body: unknown) => server.call('PATCH', `/api/projects/${server.api.projectId}/actions/${id}/`, { body });

    // Someone changes the steps; we change them too, from the copy we had.
    await patch({ steps: [{ event: '$autocapture', selector: '.theirs' }] });
    await sync.save(key, action('Pricing', '.mine'), { waitMs: 3000 });
    let list = await settle(sync);
    let entry = list.state === 'ok' ? list.entries[0]! : null;
    expect(entry?.status).toMatchObject({ state: 'conflict', op: 'edit', theirs: { steps: [{ selector: '.theirs' }] } });
    expect((await serverActions())[0]!.selectors).toEqual(['.theirs']);

    await sync.resolve(key, 'merge');
    list = await settle(sync);
    expect((await serverActions())[0]!.selectors).toEqual(['.theirs', '.mine']);

    await patch({ name: 'Pricing (theirs)' });
    await sync.save(key, { ...action('Pricing (mine)', '.mine') }, { waitMs: 3000 });
    await settle(sync);
    await sync.resolve(key, 'mine');
    await settle(sync);
    expect((await serverActions())[0]).toMatchObject({ name: 'Pricing (mine)', selectors: ['.mine'] });

    await patch({ name: 'Pricing (theirs again)' });
    await sync.save(key, action('Pricing (mine again)', '.mine'), { waitMs: 3000 });
    await settle(sync);
    await sync.resolve(key, 'theirs');
    list = await settle(sync);
    expect((await serverActions())[0]).toMatchObject({ name: 'Pricing (theirs again)' });
    entry = list.state === 'ok' ? list.entries[0]! : null;
    expect(entry).toMatchObject({ status: { state: 'synced' }, action: { name: 'Pricing (theirs again)' } });
  });

  it('sends an edit of a field nobody else touched without a conflict', async () => {
    const sync = engine();
    const saved = await sync.save(null, action('Docs', '.a'), { waitMs: 3000 });
    const key = saved.ok ? saved.key : '';
    await server.call('PATCH', `/api/projects/${server.api.projectId}/actions/${key.slice(3)}/`, { body: { description: 'theirs' } });
    await sync.save(key, action('Docs', '.b'), { waitMs: 3000 });
    await settle(sync);
    const response = await server.call('GET', `/api/projects/${server.api.projectId}/actions/${key.slice(3)}/`);
    expect(response.body).toMatchObject({ description: 'theirs', steps: [{ selector: '.b' }] });
  });

  it('resumes from storage in a new engine (a stopped worker), reconciling what was in flight', async () => {
    const first = engine();
    await first.list();
    // The POST reaches the server but the worker "stops" before the answer: the op stays uncertain.
    faults = ['drop-after'];
    await first.save(null, action('Across restarts'), { waitMs: 50 });
    first.stop();
    const second = engine();
    const list = await settle(second);
    expect(await serverActions()).toHaveLength(1);
    expect(list.state === 'ok' && list.entries.map((entry) => [entry.action.name, entry.status.state])).toEqual([['Across restarts', 'synced']]);
  });

  it('writes a burst of answers together, not one write per answer', async () => {
    const sync = engine();
    await sync.list();
    const saving = area.set.bind(area);
    let writes = 0;
    area.set = async (items) => {
      writes++;
      return saving(items);
    };
    for (let index = 0; index < 12; index++) await sync.save(null, action(`Burst ${index}`, `.burst-${index}`));
    const afterSaves = writes;
    await settle(sync);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await serverActions()).toHaveLength(12);
    expect(writes - afterSaves).toBeLessThan(6);
    // What is stored is what the next worker needs: nothing queued, every action with its server id.
    const next = engine();
    const list = await next.list();
    expect(list.state === 'ok' && list.sync.pending).toBe(0);
  });

  it('a worker stopped before its answers were written sends nothing twice', async () => {
    const first = engine();
    await first.list();
    for (let index = 0; index < 12; index++) await first.save(null, action(`Unwritten ${index}`, `.unwritten-${index}`));
    await untilServer((actions) => actions.length >= 12, { tries: 200, everyMs: 5 });
    first.stop();
    const list = await settle(engine());
    expect((await serverActions()).map((a) => a.name).sort()).toEqual(Array.from({ length: 12 }, (_, index) => `Unwritten ${index}`).sort());
    expect(list.state === 'ok' && list.entries.every((entry) => entry.status.state === 'synced')).toBe(true);
  });

  it('a worker stopped right after a later change of the same action landed sends no stale earlier one', async () => {
    // The edit's answer is only in memory (written within 100 ms) when the delete behind it goes; a
    // worker stopped then would start again from an outbox that still holds the edit, and send it
    // against the delete that already landed. The next change of an action waits for that write.
    const first = engine();
    await first.list();
    const created = await first.save(null, action('Renamed then deleted'), { waitMs: 2_000 });
    if (!created.ok) throw new Error(created.message);
    await first.save(created.key, action('Renamed'));
    await first.remove(created.key);
    await untilServer((actions) => actions.length === 0);
    expect(await serverActions()).toEqual([]);
    first.stop();
    const list = await settle(engine());
    expect(list.state === 'ok' && list.sync).toMatchObject({ state: 'synced', conflicts: 0, failed: 0 });
    expect(list.state === 'ok' && list.entries).toEqual([]);
  });

  it('a worker stopped right after an edit of a just-created action landed makes no second copy', async () => {
    const first = engine();
    await first.list();
    const created = await first.save(null, action('Created'));
    await first.save(created.ok ? created.key : null, action('Created, then renamed'));
    await untilServer((actions) => actions.some((a) => a.name === 'Created, then renamed'));
    first.stop();
    const list = await settle(engine());
    expect(list.state === 'ok' && list.sync).toMatchObject({ state: 'synced', conflicts: 0, failed: 0 });
    expect((await serverActions()).map((a) => a.name)).toEqual(['Created, then renamed']);
  });

  it('a change after a restart, of an edit the stopped worker sent unanswered, is neither a conflict nor lost', async () => {
    // The stopped worker's edit landed, but the outbox still holds it as never sent: the next change
    // must not be folded into it as if the server still had the copy before it.
    for (const next of ['delete', 'edit'] as const) {
      const first = engine();
      await first.list();
      const created = await first.save(null, action(`Edited, then ${next}`), { waitMs: 2_000 });
      if (!created.ok) throw new Error(created.message);
      await first.save(created.key, action(`Edited, then ${next}`, '.first-edit'));
      await untilServer((actions) => actions.some((a) => a.selectors[0] === '.first-edit'));
      first.stop();
      const second = engine();
      if (next === 'delete') await second.remove(created.key);
      else await second.save(created.key, action(`Edited, then ${next}`, '.second-edit'));
      const list = await settle(second);
      expect(list.state === 'ok' && list.sync).toMatchObject({ state: 'synced', conflicts: 0, failed: 0 });
      second.stop();
    }
    expect((await serverActions()).map((a) => `${a.name} ${a.selectors.join(',')}`)).toEqual(['Edited, then edit .second-edit']);
  });

  it('a local action deleted before it was sent never reaches the server', async () => {
    const sync = engine();
    await sync.list();
    faults = ['drop-before', 'drop-before'];
    const saved = await sync.save(null, action('Never mind'), { waitMs: 0 });
    const key = saved.ok ? saved.key : '';
    // The first attempt failed before reaching the server (no answer): the create is uncertain, so
    // a delete after it is queued rather than dropping the create.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await sync.remove(key);
    await settle(sync);
    expect(await serverActions()).toEqual([]);
  });

  it('refuses a name another action of the project has, before sending', async () => {
    const sync = engine();
    await sync.save(null, action('Taken'), { waitMs: 3000 });
    expect(await sync.save(null, action('Taken'))).toMatchObject({ ok: false, problem: 'validation', field: 'name' });
  });

  it('says which scope the key lacks and waits without losing the change', async () => {
    const readOnly = server.api.createApiKey(['action:read']);
    const sync = createSyncEngine({
      storage: area,
      connection: async () => ({ host: server.api.url, apiKey: readOnly, projectId: server.api.projectId }),
      scheduleWake: () => undefined,
      changed: () => undefined,
    });
    const saved = await sync.save(null, action('No scope'), { waitMs: 3000 });
    expect(saved).toMatchObject({ ok: true, sent: false });
    const list = await sync.list();
    expect(list.state === 'ok' && list.sync).toMatchObject({ state: 'blocked', pending: 1, message: expect.stringContaining('Key lacks action:write') });
  });

  it('200 random creates, edits and deletes through faults and restarts end exactly as asked', async () => {
    const random = seededRandom(Number(process.env.SYNC_FUZZ_SEED ?? 20261202));
    const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const kinds: Fault[] = ['none', 'none', 'none', 'none', 'drop-after', 'drop-before', '503', '429'];
    let sync = engine();
    await sync.list();
    const expected = new Map<string, { name: string; selector: string }>();
    let names = 0;
    for (let i = 0; i < 200; i++) {
      faults.push(...Array.from({ length: 3 }, () => pick(kinds)));
      const keys = [...expected.keys()];
      const roll = random();
      if (roll < 0.45 || keys.length === 0) {
        const value = { name: `Action ${names++}`, selector: `.s${i}` };
        const saved = await sync.save(null, action(value.name, value.selector));
        expect(saved.ok).toBe(true);
        if (saved.ok) expected.set(saved.key, value);
      } else if (roll < 0.8) {
        const key = pick(keys);
        const value = random() < 0.5 ? { ...expected.get(key)!, selector: `.e${i}` } : { ...expected.get(key)!, name: `Action ${names++}` };
        const saved = await sync.save(key, action(value.name, value.selector));
        if (!saved.ok) throw new Error(`edit refused: ${saved.problem} ${saved.message}`);
        if (saved.ok) {
          expected.delete(key);
          expected.set(saved.key, value);
        }
      } else {
        const key = pick(keys);
        await sync.remove(key);
        expected.delete(key);
      }
      await new Promise((resolve) => setTimeout(resolve, random() * 10));
      if (i % 40 === 39 || random() < 0.08) {
        // The browser stops the worker, at any moment: answers in flight and unwritten ones are
        // lost, and a new engine starts from what is stored.
        sync.stop();
        sync = engine();
      }
    }
    faults = [];
    const list = await settle(sync, 60_000);
    expect(list.state === 'ok' && list.sync).toMatchObject({ state: 'synced', conflicts: 0, failed: 0 });
    const onServer = (await serverActions()).map((a) => `${a.name} ${a.selectors.join(',')}`).sort();
    expect(onServer).toEqual([...expected.values()].map((v) => `${v.name} ${v.selector}`).sort());
  }, 90_000);
});
