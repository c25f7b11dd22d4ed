import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './testServer';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

async function personOf(distinctId: string) {
  const res = await server.call('GET', `/api/projects/1/persons/?distinct_id=${encodeURIComponent(distinctId)}`);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ next: null, previous: null });
  return res.body.results[0] as
    | { id: number; uuid: string; name: string; distinct_ids: string[]; properties: Record<string, unknown>; created_at: string; is_identified: boolean }
    | undefined;
}

describe('persons', () => {
  it('creates a person on first sight of a distinct id', async () => {
    await server.capture([{ event: '$pageview', distinct_id: 'first-sight' }]);
    const person = await personOf('first-sight');
    expect(person).toMatchObject({ distinct_ids: ['first-sight'], is_identified: false, name: 'first-sight', properties: {} });
    expect(person?.uuid).toMatch(/^[0-9a-f-]{36}$/);
    const byUuid = await server.call('GET', `/api/projects/1/persons/${person?.uuid}/`);
    expect(byUuid.body).toEqual(person);
    expect((await server.call('GET', `/api/projects/1/persons/${person?.id}/`)).body.uuid).toBe(person?.uuid);
    expect((await server.call('GET', '/api/projects/1/persons/00000000-0000-0000-0000-000000000000/')).status).toBe(404);
  });

  it('does not create a person for $process_person_profile: false', async () => {
    await server.capture([{ event: '$pageview', distinct_id: 'personless', properties: { $process_person_profile: false, $set: { a: 1 } } }]);
    expect(await personOf('personless')).toBeUndefined();
  });

  it('$identify merges the anonymous person into the identified one', async () => {
    await server.capture([{ event: '$pageview', distinct_id: 'anon-1', properties: { $set: { seen_anon: true, shared: 'anon' } } }]);
    await server.capture([{ event: '$pageview', distinct_id: 'user-1', properties: { $set: { shared: 'user' } } }]);
    await server.capture([
      { event: '$identify', distinct_id: 'user-1', properties: { $anon_distinct_id: 'anon-1', $set: { email: 'u1@example.com' } } },
    ]);
    const person = await personOf('anon-1');
    expect(person).toMatchObject({ is_identified: true, name: 'u1@example.com' });
    expect(person?.distinct_ids.sort()).toEqual(['anon-1', 'user-1']);
    // The identified person's values win a conflict.
    expect(person?.properties).toEqual({ seen_anon: true, shared: 'user', email: 'u1@example.com' });
    expect((await personOf('user-1'))?.uuid).toBe(person?.uuid);
    // Events of the merged-away person now point at the survivor.
    const events = await server.call('GET', '/api/projects/1/events/?distinct_id=anon-1');
    expect(events.body.results[0].person.uuid).toBe(person?.uuid);
  });

  it('$identify from a personless anonymous user creates one identified person', async () => {
    await server.capture([{ event: '$pageview', distinct_id: 'anon-2', properties: { $process_person_profile: false } }]);
    await server.capture([{ event: '$identify', distinct_id: 'user-2', properties: { $anon_distinct_id: 'anon-2' } }]);
    const person = await personOf('anon-2');
    expect(person?.distinct_ids).toEqual(['user-2', 'anon-2']);
    expect(person?.is_identified).toBe(true);
  });

  it('never merges away an already identified person (PostHog’s illegal merge)', async () => {
    await server.capture([{ event: '$identify', distinct_id: 'user-a', properties: { $anon_distinct_id: 'anon-a' } }]);
    await server.capture([{ event: '$identify', distinct_id: 'user-b', properties: { $anon_distinct_id: 'anon-b' } }]);
    await server.capture([{ event: '$identify', distinct_id: 'user-b', properties: { $anon_distinct_id: 'user-a' } }]);
    expect((await personOf('user-a'))?.uuid).not.toBe((await personOf('user-b'))?.uuid);
    // ...unless asked with $merge_dangerously.
    await server.capture([{ event: '$merge_dangerously', distinct_id: 'user-b', properties: { alias: 'user-a' } }]);
    expect((await personOf('user-a'))?.uuid).toBe((await personOf('user-b'))?.uuid);
  });

  it('$create_alias adds the alias to the person', async () => {
    await server.capture([{ event: '$identify', distinct_id: 'user-3', properties: { $anon_distinct_id: 'anon-3' } }]);
    await server.capture([{ event: '$create_alias', distinct_id: 'user-3', properties: { alias: 'alias-3' } }]);
    const person = await personOf('alias-3');
    expect(person?.distinct_ids).toEqual(['user-3', 'anon-3', 'alias-3']);
    // An alias whose own person is anonymous is merged in.
    await server.capture([{ event: '$pageview', distinct_id: 'other-anon' }]);
    await server.capture([{ event: '$create_alias', distinct_id: 'user-3', properties: { alias: 'other-anon' } }]);
    expect((await personOf('other-anon'))?.uuid).toBe(person?.uuid);
  });

  it('$set_once never overwrites; $set does; $unset removes', async () => {
    await server.capture([
      { event: 'e1', distinct_id: 'props', properties: { $set_once: { first_plan: 'free', plan: 'free' } } },
      { event: 'e2', distinct_id: 'props', properties: { $set_once: { first_plan: 'pro', signup: 'x' }, $set: { plan: 'pro' } } },
      { event: 'e3', distinct_id: 'props', $set: { plan: 'team', temp: 1 }, $set_once: { first_plan: 'team' } },
    ]);
    expect((await personOf('props'))?.properties).toEqual({ first_plan: 'free', plan: 'team', signup: 'x', temp: 1 });
    await server.capture([{ event: 'e4', distinct_id: 'props', properties: { $unset: ['temp'] } }]);
    expect((await personOf('props'))?.properties).toEqual({ first_plan: 'free', plan: 'team', signup: 'x' });
  });

  it('$groupidentify stores the group and merges $group_set', async () => {
    await server.capture([
      { event: '$groupidentify', distinct_id: 'grouper', properties: { $group_type: 'company', $group_key: 'c1', $group_set: { name: 'C', size: 1 } } },
      { event: '$groupidentify', distinct_id: 'grouper', properties: { $group_type: 'company', $group_key: 'c1', $group_set: { size: 2 } } },
    ]);
    const db = new Database(join(server.dataDir, 'project-api.sqlite'), { readonly: true });
    try {
      const row = db.prepare("SELECT properties FROM groups WHERE group_type = 'company' AND group_key = 'c1'").get() as { properties: string };
      expect(JSON.parse(row.properties)).toEqual({ name: 'C', size: 2 });
    } finally {
      db.close();
    }
  });

  it('lists persons newest first with limit/offset links', async () => {
    const page = await server.call('GET', '/api/projects/1/persons/?limit=2');
    expect(page.body.results).toHaveLength(2);
    expect(page.body.next).toContain('offset=2');
    expect(page.body.previous).toBeNull();
  });

  it('names a person by email, then name, then the first distinct id', async () => {
    await server.capture([{ event: 'x', distinct_id: 'named', properties: { $set: { name: 'Ada' } } }]);
    expect((await personOf('named'))?.name).toBe('Ada');
  });
});
