import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestServer, type TestServer } from './testServer';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const base = '/api/projects/@current/actions/';

async function create(body: Record<string, unknown>) {
  const res = await server.call('POST', base, { body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe('actions', () => {
  it('creates an action and returns every PostHog field', async () => {
    const action = await create({
      name: 'Clicked buy',
      description: 'Primary CTA',
      tags: ['checkout', 'checkout', ' cta '],
      steps: [
        { event: '$autocapture', selector: 'button.buy', text: 'Buy', text_matching: 'exact', url: '/pricing', url_matching: 'contains' },
        { event: '$pageview', url: '^https://x\\.test/$', url_matching: 'regex' },
      ],
    });
    expect(action).toMatchObject({
      id: expect.any(Number),
      name: 'Clicked buy',
      description: 'Primary CTA',
      tags: ['checkout', 'cta'],
      post_to_slack: false,
      slack_message_format: '',
      created_at: expect.any(String),
      created_by: { email: expect.any(String), uuid: expect.any(String) },
      deleted: false,
      is_calculating: false,
      last_calculated_at: null,
      team_id: 1,
      is_action: true,
      bytecode_error: null,
      pinned_at: null,
    });
    expect(action.steps[0]).toEqual({
      event: '$autocapture',
      properties: null,
      selector: 'button.buy',
      // PostHog's build_selector_regex (PR #83169) for this selector.
      selector_regex: '(^|;)button.*?\\.buy[^;]*?($|;|:([^;^\\s]*(;|$|\\s)))',
      tag_name: null,
      text: 'Buy',
      text_matching: 'exact',
      href: null,
      href_matching: null,
      url: '/pricing',
      url_matching: 'contains',
    });
    const fetched = await server.call('GET', `${base}${action.id}/`);
    expect(fetched.body).toEqual(action);
  });

  it('lists live actions as {count, next, previous, results}', async () => {
    const res = await server.call('GET', base);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ next: null, previous: null });
    expect(res.body.count).toBe(res.body.results.length);
    expect(res.body.results.some((a: { name: string }) => a.name === 'Clicked buy')).toBe(true);
  });

  it('refuses a duplicate name with PostHog’s unique error', async () => {
    const first = await create({ name: 'Signup' });
    const res = await server.call('POST', base, { body: { name: 'Signup' } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      type: 'validation_error',
      code: 'unique',
      detail: `This project already has an action with this name, ID ${first.id}`,
      attr: 'name',
    });
    const renamed = await create({ name: 'Signup 2' });
    const clash = await server.call('PATCH', `${base}${renamed.id}/`, { body: { name: 'Signup' } });
    expect(clash.status).toBe(400);
    expect(clash.body.code).toBe('unique');
  });

  it('PATCH updates only the fields given', async () => {
    const action = await create({ name: 'Partial', description: 'keep me', steps: [{ event: '$pageview' }] });
    const res = await server.call('PATCH', `${base}${action.id}/`, { body: { description: 'changed' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Partial', description: 'changed' });
    expect(res.body.steps).toEqual(action.steps);
    const steps = await server.call('PATCH', `${base}${action.id}/`, { body: { steps: [{ event: 'signed_up' }] } });
    expect(steps.body.steps.map((s: { event: string }) => s.event)).toEqual(['signed_up']);
    expect(steps.body.description).toBe('changed');
  });

  it('ignores read-only and unknown fields in a write body', async () => {
    const action = await create({
      name: 'Read only',
      id: 999_999,
      team_id: 42,
      created_at: '2000-01-01T00:00:00Z',
      created_by: { id: 77 },
      is_calculating: true,
      is_action: false,
      bytecode_error: 'x',
      last_calculated_at: '2000-01-01T00:00:00Z',
      whatever: 1,
      steps: [{ event: '$autocapture', selector: 'a', selector_regex: 'ignored', isNew: true }],
    });
    expect(action.id).not.toBe(999_999);
    expect(action).toMatchObject({ team_id: 1, is_calculating: false, is_action: true, bytecode_error: null, last_calculated_at: null });
    expect(action.created_at.startsWith('2000')).toBe(false);
    // Computed from the selector, whatever the client sent.
    expect(action.steps[0].selector_regex).toBe('(^|;)a[^;]*?($|;|:([^;^\\s]*(;|$|\\s)))');
    expect(action).not.toHaveProperty('whatever');
  });

  it.each([
    ['no selector', undefined, null],
    ['a null selector', null, null],
    ['an empty selector', '', null],
    ['a selector of spaces (no parts: an empty regex)', '   ', ''],
    ['a selector the server fails on', 'li nth-child(2)', null],
    ['a child combinator', 'div > a', '(^|;)a[^;]*?($|;|:([^;^\\s]*(;|$|\\s)))div[^;]*?($|;|:([^;^\\s]*(;|$|\\s))).*'],
    ['an attribute', '[data-attr="cta"]', '(^|;).*?data\\-attr="cta".*?[^;]*?($|;|:([^;^\\s]*(;|$|\\s)))'],
  ])('selector_regex for %s', async (label, selector, regex) => {
    const action = await create({ name: `regex ${label}`, steps: [{ event: '$autocapture', ...(selector !== undefined && { selector }) }] });
    expect(action.steps[0].selector_regex).toBe(regex);
  });

  it('selector_regex follows a PATCH of the selector and appears in the list', async () => {
    const action = await create({ name: 'Regex follows', steps: [{ event: '$autocapture', selector: '.a' }] });
    const patched = await server.call('PATCH', `${base}${action.id}/`, { body: { steps: [{ event: '$autocapture', selector: '#b' }] } });
    expect(patched.body.steps[0].selector_regex).toBe('(^|;).*?attr_id="b".*?[^;]*?($|;|:([^;^\\s]*(;|$|\\s)))');
    const list = await server.call('GET', base);
    const listed = list.body.results.find((a: { id: number }) => a.id === action.id);
    expect(listed.steps[0].selector_regex).toBe(patched.body.steps[0].selector_regex);
  });

  it('soft delete via PATCH {deleted: true} hides the action and frees its name', async () => {
    const action = await create({ name: 'Temporary' });
    const deleted = await server.call('PATCH', `${base}${action.id}/`, { body: { deleted: true } });
    expect(deleted.status).toBe(200);
    expect(deleted.body.deleted).toBe(true);
    const list = await server.call('GET', base);
    expect(list.body.results.some((a: { id: number }) => a.id === action.id)).toBe(false);
    // Still readable by id, as in PostHog.
    expect((await server.call('GET', `${base}${action.id}/`)).body.deleted).toBe(true);
    const again = await create({ name: 'Temporary' });
    expect(again.id).not.toBe(action.id);
    // Restoring the deleted one would now clash.
    const restore = await server.call('PATCH', `${base}${action.id}/`, { body: { deleted: false } });
    expect(restore.status).toBe(400);
    expect(restore.body.code).toBe('unique');
  });

  it('DELETE is 405 with DRF’s wording', async () => {
    const action = await create({ name: 'Undeletable' });
    const res = await server.call('DELETE', `${base}${action.id}/`);
    expect(res.status).toBe(405);
    expect(res.body).toMatchObject({ detail: 'Method "DELETE" not allowed.', type: 'invalid_request', code: 'method_not_allowed' });
    expect((await server.call('GET', `${base}${action.id}/`)).status).toBe(200);
  });

  it('PUT replaces the writable fields and needs a name', async () => {
    const action = await create({ name: 'Put me', description: 'old', steps: [{ event: 'a' }] });
    const missing = await server.call('PUT', `${base}${action.id}/`, { body: { description: 'new' } });
    expect(missing.status).toBe(400);
    expect(missing.body.attr).toBe('name');
    const res = await server.call('PUT', `${base}${action.id}/`, { body: { name: 'Put me', description: 'new' } });
    expect(res.body).toMatchObject({ name: 'Put me', description: 'new' });
  });

  it.each([
    ['a missing name', {}, 'name', 'This field is required.'],
    ['a blank name', { name: '   ' }, 'name', 'This field may not be blank.'],
    ['a number as name', { name: 5 }, 'name', undefined],
    ['a bad text_matching', { name: 'x1', steps: [{ event: '$autocapture', text_matching: 'fuzzy' }] }, 'steps__0__text_matching', '"fuzzy" is not a valid choice.'],
    ['steps that are not a list', { name: 'x2', steps: 'nope' }, 'steps', undefined],
    ['tags that are not strings', { name: 'x3', tags: [1] }, 'tags__0', undefined],
    ['a bad pinned_at', { name: 'x4', pinned_at: 'yesterday' }, 'pinned_at', undefined],
  ])('400 invalid_input naming the field for %s', async (_name, body, attr, detail) => {
    const res = await server.call('POST', base, { body });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ type: 'validation_error', code: 'invalid_input', attr });
    if (detail) expect(res.body.detail).toBe(detail);
  });

  it('400 for a body that is not JSON, and the server keeps answering', async () => {
    const res = await server.call('POST', base, { body: '{"name": "x",' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ type: 'invalid_request', code: 'parse_error' });
    expect(res.body.detail).toMatch(/JSON parse error/);
    const array = await server.call('POST', base, { body: '[1,2]' });
    expect(array.status).toBe(400);
    expect((await server.call('GET', base)).status).toBe(200);
  });

  it.each(['abc', '999999'])('unknown action id %s is 404', async (id) => {
    expect((await server.call('GET', `${base}${id}/`)).status).toBe(404);
    expect((await server.call('PATCH', `${base}${id}/`, { body: { name: 'x' } })).status).toBe(404);
  });

  it('accepts paths without the trailing slash', async () => {
    expect((await server.call('GET', '/api/projects/1/actions')).status).toBe(200);
  });
});

describe('an exception inside a handler', () => {
  it('answers 500 JSON, is logged, and the server stays up', async () => {
    const action = await create({ name: 'Corrupted' });
    const setSteps = (json: string) => {
      const db = new Database(join(server.dataDir, 'project-api.sqlite'));
      try {
        db.prepare('UPDATE actions SET steps = ? WHERE id = ?').run(json, action.id);
      } finally {
        db.close();
      }
    };
    setSteps('{not json');
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const res = await server.call('GET', `${base}${action.id}/`);
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ type: 'server_error', code: 'error', detail: 'A server error occurred.', attr: null });
      expect(logged).toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
    expect((await server.call('GET', '/api/users/@me/')).status).toBe(200);
    setSteps('[]');
    expect((await server.call('GET', `${base}${action.id}/`)).status).toBe(200);
  });
});
