import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { connectionItem, migrateConnectionV1 } from '../../../src/storage/items';
import { migrateMeta, SYNC_SCHEMA_VERSION } from '../../../src/sync/syncState';

/** Each stored record read from every earlier version it may have been written in. */
describe('storage migrations', () => {
  beforeEach(() => fakeBrowser.reset());

  const v1 = { target: 'local' as const, host: 'http://127.0.0.1:8010', keyHint: 'phx_…abcd', verifiedAt: 1, projectName: 'Default project' };

  it('connection v1 → v2: a numeric project id resolves to itself', async () => {
    await fakeBrowser.storage.local.set({ connection: { ...v1, projectId: '7' }, connection$: { v: 1 } });
    // WXT migrates when the item is defined (at start-up in every context); here, after the write.
    await connectionItem.migrate();
    expect(await connectionItem.getValue()).toEqual({ ...v1, projectId: '7', resolvedProjectId: 7 });
    expect((await fakeBrowser.storage.local.get('connection$'))['connection$']).toEqual({ v: 2 });
  });

  it('connection v1 → v2: @current waits to be resolved by the server', async () => {
    await fakeBrowser.storage.local.set({ connection: { ...v1, projectId: '@current' }, connection$: { v: 1 } });
    await connectionItem.migrate();
    expect(await connectionItem.getValue()).toMatchObject({ projectId: '@current', resolvedProjectId: null });
  });

  it('connection v1 without a value stays empty', () => {
    expect(migrateConnectionV1(null)).toBeNull();
  });

  it('sync meta: the current version reads as itself; unknown versions are refused, not guessed', () => {
    const meta = { v: SYNC_SCHEMA_VERSION, host: 'h', projectId: 1, seq: 3, idMap: {}, pulledAt: null, lastSyncAt: null, pausedUntil: 0, blocked: null, lastProblem: null };
    expect(migrateMeta(meta)).toEqual(meta);
    expect(migrateMeta({ ...meta, v: 0 })).toBeNull();
    expect(migrateMeta({ ...meta, v: SYNC_SCHEMA_VERSION + 1 })).toBeNull();
    expect(migrateMeta('garbage')).toBeNull();
  });
});
