import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { lookUpPerson } from '../../../src/identity/personProfile';
import { createProjectApi, type ProjectApi } from '../../../src/project-api/server';
import { connectionItem } from '../../../src/storage/items';
import { deleteApiKey, writeApiKey } from '../../../src/storage/secretStore';

/** The Person view's server profile, against the real local project API over HTTP. */

let api: ProjectApi;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'actionlens-person-'));
  api = await createProjectApi({ dataDir, port: 0 });
  // The person: an anonymous id merged into a user id by $identify.
  const response = await fetch(`${api.url}/e/`, {
    method: 'POST',
    body: JSON.stringify({
      uuid: crypto.randomUUID(),
      event: '$identify',
      timestamp: new Date().toISOString(),
      properties: { distinct_id: 'user-1', $anon_distinct_id: 'anon-1', token: api.projectToken },
      $set: { email: 'one@example.com' },
    }),
  });
  expect(response.ok).toBe(true);
});

afterAll(async () => {
  await api?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(async () => {
  fakeBrowser.reset();
  // The key store answers the background only.
  vi.stubGlobal('location', new URL(`chrome-extension://${fakeBrowser.runtime.id}/`));
  await deleteApiKey();
});

async function connect(apiKey: string, host = api.url) {
  await connectionItem.setValue({ target: 'local', host, projectId: String(api.projectId), resolvedProjectId: api.projectId, keyHint: null, verifiedAt: null, projectName: null });
  await writeApiKey(apiKey);
}

describe('lookUpPerson', () => {
  it('is "not connected" without a connection', async () => {
    expect(await lookUpPerson('user-1')).toEqual({ state: 'not-connected' });
  });

  it('finds the person with all its distinct ids', async () => {
    await connect(api.apiKey);
    const lookup = await lookUpPerson('anon-1', 5);
    expect(lookup).toMatchObject({ state: 'found', fetchedAt: 5, person: { distinctIds: expect.arrayContaining(['user-1', 'anon-1']) } });
    expect(lookup.state === 'found' && lookup.person.properties.email).toBe('one@example.com');
  });

  it('says "not found" for an id the server has not ingested', async () => {
    await connect(api.apiKey);
    expect(await lookUpPerson('nobody-yet', 7)).toEqual({ state: 'not-found', fetchedAt: 7 });
  });

  it.each([
    ['a rejected key', () => 'phx_not_a_real_key', 'unauthorized'],
    ['a key without person:read', () => api.createApiKey(['action:read']), 'forbidden'],
  ])('names %s', async (_, key, problem) => {
    await connect(key());
    expect(await lookUpPerson('user-1')).toMatchObject({ state: 'error', problem });
  });

  it('says the host is unreachable', async () => {
    await connect(api.apiKey, 'http://127.0.0.1:9');
    expect(await lookUpPerson('user-1')).toMatchObject({ state: 'error', problem: 'offline' });
  });
});
