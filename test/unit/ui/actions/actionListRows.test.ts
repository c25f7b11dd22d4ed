import { describe, expect, it } from 'vitest';
import type { ActionEntry, EntryStatus, SyncSummary } from '../../../../src/sync/syncView';
import { actionListRows, nextTick, renamedAction, rowCounts, statusLine, statusText } from '../../../../src/ui/actions/actionListRows';

const NOW = 1_000_000;
const problem = (message: string, kind = 'server_error') => ({ kind, message, at: NOW - 1000 });
const summary = (state: SyncSummary['state'], extra: Partial<SyncSummary> = {}): SyncSummary => ({
  state,
  pending: 0,
  failed: 0,
  conflicts: 0,
  lastSyncAt: null,
  pulledAt: null,
  retryAt: null,
  problem: null,
  message: '',
  ...extra,
});
const pending = (op: 'create' | 'edit' | 'delete', extra: Partial<Extract<EntryStatus, { state: 'pending' }>> = {}): EntryStatus => ({
  state: 'pending',
  op,
  attempts: 0,
  retryAt: null,
  problem: null,
  ...extra,
});
const theirs = { id: 4, name: 'Signup', steps: [] };
const mine = { name: 'Signup', description: '', steps: [] };

describe('statusText: where an action stands, in words', () => {
  it.each<[string, EntryStatus, SyncSummary | null, string]>([
    ['synced', { state: 'synced' }, summary('synced'), 'saved on server'],
    ['a new action being sent', pending('create'), summary('syncing'), 'sending…'],
    ['a delete being sent', pending('delete'), summary('syncing'), 'deleting…'],
    ['a failed attempt, retried later', pending('edit', { attempts: 2, retryAt: NOW + 3200, problem: problem('Server error 503 from api.test') }), summary('syncing'), 'waiting — retrying in 4 s: Server error 503 from api.test'],
    ['a failed attempt, due now', pending('edit', { attempts: 2, retryAt: NOW - 5, problem: problem('Server error 503') }), summary('syncing'), 'sending again… — last try: Server error 503'],
    ['a failed delete, due now', pending('delete', { attempts: 1, retryAt: NOW, problem: problem('Server error 502') }), summary('syncing'), 'deleting again… — last try: Server error 502'],
    ['offline, never tried', pending('create'), summary('offline'), 'waiting — saved in this browser, sent when the project API is back'],
    [
      'offline, tried',
      pending('create', { attempts: 1, retryAt: NOW + 9000, problem: problem('Offline: api.test is unreachable', 'unreachable') }),
      summary('offline'),
      'waiting — retrying in 9 s: Offline: api.test is unreachable',
    ],
    ['the project blocked', pending('edit', { problem: problem('Key lacks action:write', 'forbidden'), retryAt: NOW }), summary('blocked', { problem: problem('Key lacks action:write', 'forbidden') }), 'waiting — Key lacks action:write'],
    ['the project paused', pending('edit'), summary('rate-limited', { retryAt: NOW + 30_000 }), 'waiting — rate limited, retrying in 30 s'],
    ['a refused create', { state: 'failed', op: 'create', problem: problem('Refused by the project API: name taken (name)', 'validation') }, summary('attention'), 'not created — Refused by the project API: name taken (name)'],
    ['a refused edit', { state: 'failed', op: 'edit', problem: problem('Refused by the project API: bad step', 'validation') }, summary('attention'), 'change refused — Refused by the project API: bad step'],
    ['a refused delete', { state: 'failed', op: 'delete', problem: problem('Refused', 'validation') }, null, 'delete refused — Refused'],
    ['an edit against an edit', { state: 'conflict', op: 'edit', mine, theirs, base: mine }, summary('attention'), 'conflict — changed on the server too'],
    ['an edit against a delete', { state: 'conflict', op: 'edit', mine, theirs: null, base: mine }, summary('attention'), 'conflict — deleted on the server'],
    ['an edit against a delete the server marks', { state: 'conflict', op: 'edit', mine, theirs: { ...theirs, deleted: true }, base: mine }, summary('attention'), 'conflict — deleted on the server'],
    ['a delete against an edit', { state: 'conflict', op: 'delete', mine, theirs, base: mine }, summary('attention'), 'conflict — changed on the server since you deleted it'],
    ['a create whose name exists', { state: 'conflict', op: 'create', mine, theirs, base: null }, summary('attention'), 'conflict — the server has an action with this name'],
  ])('%s', (_, status, sync, line) => {
    expect(statusLine(statusText(status, sync, NOW))).toBe(line);
  });
});

describe('actionListRows', () => {
  const entries: ActionEntry[] = [
    { key: 'local:0f0e0d0c-0b0a-4908-8706-050403020100', id: null, action: { id: null, name: ' Docs ', steps: [{ event: '$pageview', url: '/docs' }] }, status: pending('create') },
    { key: 'id:9', id: 9, action: { id: 9, name: null, steps: [] }, status: { state: 'synced' } },
    { key: 'id:3', id: 3, action: { id: 3, name: 'Old', steps: [] }, status: pending('delete', { retryAt: NOW + 1500, problem: problem('Server error 500') }) },
    { key: 'id:2', id: 2, action: { id: 2, name: 'Signup', steps: [] }, status: { state: 'conflict', op: 'edit', mine, theirs, base: mine } },
  ];

  it('gives each action its name, summary, count in the tab and status, in the background’s order', () => {
    const rows = actionListRows(entries, [4, 0, 1], summary('syncing'), NOW);
    expect(rows.map(({ key, name, summary: steps, matches, sync, label, deleting }) => ({ key, name, steps, matches, sync, label, deleting }))).toEqual([
      { key: entries[0]!.key, name: 'Docs', steps: 'pageview /docs', matches: 4, sync: 'pending', label: 'sending…', deleting: false },
      { key: 'id:9', name: 'Action 9', steps: 'no steps (matches every event)', matches: 0, sync: 'synced', label: 'saved on server', deleting: false },
      { key: 'id:3', name: 'Old', steps: 'no steps (matches every event)', matches: 1, sync: 'pending', label: 'waiting', deleting: true },
      { key: 'id:2', name: 'Signup', steps: 'no steps (matches every event)', matches: 0, sync: 'conflict', label: 'conflict', deleting: false },
    ]);
    expect(rowCounts(rows)).toBe('4 actions · 2 waiting · 1 conflict');
    expect(rowCounts(rows.slice(1, 2))).toBe('1 action');
  });

  it('ticks only while a countdown is on screen', () => {
    expect(nextTick(entries, summary('syncing'), NOW)).toBe(NOW + 1500);
    expect(nextTick(entries, summary('rate-limited', { retryAt: NOW + 900 }), NOW)).toBe(NOW + 900);
    expect(nextTick(entries, summary('syncing'), NOW + 2000)).toBeNull();
  });

  it('renames with the copy as shown: the waiting change’s description and steps, a trimmed name', () => {
    const steps = [{ event: '$autocapture', selector: '#buy', selector_regex: 'x' }];
    expect(renamedAction({ id: 2, name: 'Buy', description: null, steps }, '  Purchase ')).toEqual({ name: 'Purchase', description: '', steps });
    expect(renamedAction({ id: null, name: 'Buy' }, 'Purchase')).toEqual({ name: 'Purchase', description: '', steps: [] });
  });
});
