import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { MIGRATIONS, openDatabase } from '../../../src/project-api/db';
import { startTestServer, type TestServer } from './testServer';

const servers: TestServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.stop();
});

describe('persistence', () => {
  it('keeps the token, the keys and all data across a restart', async () => {
    const server = await startTestServer();
    servers.push(server);
    const { projectToken, apiKey } = server.api;
    const scoped = server.api.createApiKey(['action:read']);
    const action = await server.call('POST', '/api/projects/1/actions/', { body: { name: 'Survives', steps: [{ event: '$pageview' }] } });
    await server.capture([{ event: '$identify', distinct_id: 'restart-user', properties: { $anon_distinct_id: 'restart-anon', $set: { email: 'r@x.y' } } }]);

    await server.restart();
    expect(server.api.projectToken).toBe(projectToken);
    expect(server.api.apiKey).toBe(apiKey);

    expect((await server.call('GET', `/api/projects/1/actions/${action.body.id}/`)).body).toEqual(action.body);
    expect((await server.call('GET', '/api/projects/1/actions/', { key: scoped })).status).toBe(200);
    const person = await server.call('GET', '/api/projects/1/persons/?distinct_id=restart-anon');
    expect(person.body.results[0]).toMatchObject({ is_identified: true, properties: { email: 'r@x.y' } });
    expect((await server.call('GET', '/api/projects/1/events/')).body.results).toHaveLength(1);
  });

  it('seeds a fixed apiKey and projectToken when asked, and keeps them', async () => {
    const server = await startTestServer({ apiKey: 'phx_fixed_key_for_tests', projectToken: 'phc_fixed_token' });
    servers.push(server);
    expect(server.api.apiKey).toBe('phx_fixed_key_for_tests');
    expect(server.api.projectToken).toBe('phc_fixed_token');
    expect((await server.call('GET', '/api/projects/@current/')).body.api_token).toBe('phc_fixed_token');
    await server.restart();
    expect(server.api.apiKey).toBe('phx_fixed_key_for_tests');
    expect((await server.capture([{ event: 'x', distinct_id: 'y' }], { token: 'phc_fixed_token' })).status).toBe(200);
  });

  it('uses WAL and records the schema version', async () => {
    const server = await startTestServer();
    servers.push(server);
    const db = new Database(join(server.dataDir, 'project-api.sqlite'), { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(1);
    } finally {
      db.close();
    }
  });

  it('migrates a database from each earlier schema version, keeping its rows', () => {
    for (let from = 1; from < MIGRATIONS.length; from++) {
      const dir = mkdtempSync(join(tmpdir(), 'actionlens-migrate-'));
      try {
        const old = new Database(join(dir, 'project-api.sqlite'));
        for (const sql of MIGRATIONS.slice(0, from)) old.exec(sql);
        old.pragma(`user_version = ${from}`);
        old.exec(`INSERT INTO organizations VALUES ('o', 'Org', '2026-01-01');
          INSERT INTO projects VALUES (1, 'u', 'o', 'P', 'phc_x', '2026-01-01');
          INSERT INTO actions (project_id, name, steps, created_at, updated_at) VALUES (1, 'Kept', '[]', '2026-01-01', '2026-01-01');`);
        old.close();
        const db = openDatabase(dir);
        try {
          expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
          expect(db.prepare('SELECT name FROM actions').all()).toEqual([{ name: 'Kept' }]);
          // The name check on every create and rename reads the index, not every action.
          const plan = db.prepare("EXPLAIN QUERY PLAN SELECT id FROM actions WHERE project_id = 1 AND name = 'Kept' AND deleted = 0 AND id != -1").all() as { detail: string }[];
          expect(plan.map((row) => row.detail).join(' ')).toContain('actions_project_live_name');
        } finally {
          db.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  it('close() is idempotent and stops answering', async () => {
    const server = await startTestServer();
    const url = server.api.url;
    await server.api.close();
    await server.api.close();
    await expect(fetch(`${url}/api/users/@me/`)).rejects.toThrow();
    rmSync(server.dataDir, { recursive: true, force: true });
  });
});
