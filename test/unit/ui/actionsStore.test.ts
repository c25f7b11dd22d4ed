// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Action } from '../../../src/core/actions/schema';
import type { ActionDraft, ActionsList } from '../../../src/messaging/protocol';
import type { ActionEntry, SyncSummary } from '../../../src/sync/syncView';
import { ACTIONS_CHANGED_KEY } from '../../../src/storage/builderDraftKey';
import { followProjectActions, followTabDraft, useActionsStore } from '../../../src/ui/stores/actionsStore';

/** The background's answers, as the popup receives them: a new object (structured clone) each time. */
let listAnswer: ActionsList;
let draftAnswer: ActionDraft | null;
/** Every message the store sent, in order. */
let sent: Array<{ type: string; payload: unknown }>;

const signup: Action = { id: 1, name: 'Signup', steps: [{ event: '$autocapture', selector: '[data-attr="signup"]' }] };
const pricing: Action = { id: 2, name: 'Pricing', steps: [{ event: '$pageview', url: '/pricing' }] };
const synced: SyncSummary = { state: 'synced', pending: 0, failed: 0, conflicts: 0, lastSyncAt: 1, pulledAt: 1, retryAt: null, problem: null, message: 'Synced' };
const entry = (action: Action, status: ActionEntry['status'] = { state: 'synced' }): ActionEntry => ({ key: `id:${action.id}`, id: action.id, action, status });
const ok = (actions: Action[], fetchedAt = 1, sync = synced): Extract<ActionsList, { state: 'ok' }> => ({ state: 'ok', entries: actions.map((action) => entry(action)), sync, fetchedAt, projectId: 1 });
const draft = (name: string, url: string): ActionDraft => ({ key: null, id: null, action: { name, steps: [{ event: '$pageview', url }] }, updatedAt: 1 });
const problem = (message: string) => ({ kind: 'unreachable', message, at: 1 });
const pageview = (path: string) => ({ event: '$pageview', properties: { $current_url: `https://app.test${path}` } });

beforeEach(() => {
  fakeBrowser.reset();
  // Node has no idle callbacks; the store asks for the draft in one.
  vi.stubGlobal('requestIdleCallback', (callback: () => void) => setTimeout(callback, 0));
  vi.stubGlobal('cancelIdleCallback', (id: ReturnType<typeof setTimeout>) => clearTimeout(id));
  useActionsStore.setState({ status: null, error: null, entries: null, actions: null, sync: null, projectId: null, fetchedAt: null, refreshing: false, matcher: null, draft: null, draftMatcher: null });
  listAnswer = ok([signup, pricing]);
  draftAnswer = null;
  sent = [];
  fakeBrowser.runtime.onMessage.addListener((message: { type: string; payload: unknown }, _sender, sendResponse: (reply: unknown) => void) => {
    sent.push(message);
    const value = message.type === 'actions.list' ? listAnswer : message.type === 'actions.draft' ? draftAnswer : { ok: true };
    sendResponse({ ok: true, value: structuredClone(value) });
    return true;
  });
});

const load = (refresh = false) => useActionsStore.getState().load({ refresh });

describe('actions store', () => {
  it('loads the list and a matcher for it', async () => {
    await load();
    const state = useActionsStore.getState();
    expect(state.status).toBe('ok');
    expect(state.actions?.map((action) => action.name)).toEqual(['Signup', 'Pricing']);
    expect(state.matcher?.actions).toBe(state.actions);
    expect(state.matcher?.matching(pageview('/pricing'))).toEqual([state.actions![1]]);
  });

  it('keeps the same list and matcher while the server’s list does not change, so nothing is matched again', async () => {
    await load();
    const { actions, matcher } = useActionsStore.getState();
    listAnswer = ok([signup, pricing], 2);
    await load(true);
    expect(useActionsStore.getState().actions).toBe(actions);
    expect(useActionsStore.getState().matcher).toBe(matcher);
    expect(useActionsStore.getState().fetchedAt).toBe(2);
    listAnswer = ok([signup, { ...pricing, steps: [{ event: '$pageview', url: '/plans' }] }], 3);
    await load();
    expect(useActionsStore.getState().actions).not.toBe(actions);
    expect(useActionsStore.getState().matcher?.matching(pageview('/plans'))).toHaveLength(1);
  });

  it('keeps the last list through an error, and drops it when the project is disconnected', async () => {
    await load();
    listAnswer = { state: 'error', problem: problem('unreachable') };
    await load();
    expect(useActionsStore.getState()).toMatchObject({ status: 'error', error: 'unreachable', actions: expect.any(Array) });
    expect(useActionsStore.getState().matcher).not.toBeNull();
    listAnswer = { state: 'not-connected' };
    await load();
    expect(useActionsStore.getState()).toMatchObject({ status: 'not-connected', error: null, entries: null, actions: null, sync: null, matcher: null });
  });

  it('says what went wrong when the background does not answer', async () => {
    fakeBrowser.runtime.onMessage.removeAllListeners();
    await load();
    expect(useActionsStore.getState()).toMatchObject({ status: 'error', error: expect.stringContaining('did not answer') });
  });

  it('uses the newest request’s answer when an older one arrives after it', async () => {
    const held: Array<(reply: unknown) => void> = [];
    fakeBrowser.runtime.onMessage.removeAllListeners();
    fakeBrowser.runtime.onMessage.addListener((_message, _sender, sendResponse: (reply: unknown) => void) => {
      held.push(sendResponse);
      return true;
    });
    const older = load();
    const newer = load(true);
    await vi.waitFor(() => expect(held).toHaveLength(2));
    held[1]!({ ok: true, value: ok([pricing], 5) });
    await newer;
    held[0]!({ ok: true, value: ok([signup, pricing], 4) });
    await older;
    expect(useActionsStore.getState().actions?.map((action) => action.id)).toEqual([2]);
    expect(useActionsStore.getState().fetchedAt).toBe(5);
  });
  it('keeps the actions and their matcher when only a sync status changes; a pending local action tags events too', async () => {
    await load();
    const { entries, actions, matcher } = useActionsStore.getState();
    const failing = { state: 'pending' as const, op: 'edit' as const, attempts: 1, retryAt: 5, problem: problem('Server error 503') };
    listAnswer = { ...ok([signup, pricing]), entries: [entry(signup, failing), entry(pricing)] };
    await load();
    expect(useActionsStore.getState().entries).not.toBe(entries);
    expect(useActionsStore.getState().entries![0]!.status).toEqual(failing);
    expect(useActionsStore.getState().actions).toBe(actions);
    expect(useActionsStore.getState().matcher).toBe(matcher);

    const local: ActionEntry = { key: 'local:5b7f3f0e-8a53-4a8e-9a53-0a9a0b1c2d3e', id: null, action: { id: null, name: 'Docs', steps: [{ event: '$pageview', url: '/docs' }] }, status: { state: 'pending', op: 'create', attempts: 0, retryAt: null, problem: null } };
    listAnswer = { ...ok([signup, pricing]), entries: [local, entry(signup), entry(pricing)] };
    await load();
    expect(useActionsStore.getState().matcher?.matching(pageview('/docs')).map((action) => action.name)).toEqual(['Docs']);
  });

  it('keeps the summary object while it does not change, and takes the new one when it does', async () => {
    await load();
    const { sync } = useActionsStore.getState();
    await load();
    expect(useActionsStore.getState().sync).toBe(sync);
    listAnswer = ok([signup, pricing], 1, { ...synced, state: 'offline', message: 'Offline — showing the actions as last read' });
    await load();
    expect(useActionsStore.getState().sync?.state).toBe('offline');
  });

  it('sends each command, then reads the list again (never with refresh)', async () => {
    const store = useActionsStore.getState();
    await store.save('id:1', { name: 'Signed up', steps: [] });
    await store.remove('id:2');
    await store.resolve('id:1', 'merge');
    await store.retry();
    await store.retry('id:1');
    await store.discard('id:1');
    await vi.waitFor(() => expect(sent.filter((message) => message.type === 'actions.list')).toHaveLength(6));
    expect(sent.filter((message) => message.type !== 'actions.list')).toEqual([
      { type: 'actions.save', payload: { key: 'id:1', action: { name: 'Signed up', steps: [] } } },
      { type: 'actions.delete', payload: { key: 'id:2' } },
      { type: 'sync.resolve', payload: { key: 'id:1', choice: 'merge' } },
      { type: 'sync.retry', payload: {} },
      { type: 'sync.retry', payload: { key: 'id:1' } },
      { type: 'sync.discard', payload: { key: 'id:1' } },
    ]);
    expect(sent.filter((message) => message.type === 'actions.list').every((message) => (message.payload as { refresh: boolean }).refresh === false)).toBe(true);
  });

  it('shows "refreshing" while a Refresh runs, whatever answers in between', async () => {
    const held: Array<(reply: unknown) => void> = [];
    fakeBrowser.runtime.onMessage.removeAllListeners();
    fakeBrowser.runtime.onMessage.addListener((_message, _sender, sendResponse: (reply: unknown) => void) => {
      held.push(sendResponse);
      return true;
    });
    const refresh = load(true);
    expect(useActionsStore.getState().refreshing).toBe(true);
    const plain = load();
    await vi.waitFor(() => expect(held).toHaveLength(2));
    held[1]!({ ok: true, value: ok([signup]) });
    await plain;
    expect(useActionsStore.getState().refreshing).toBe(true);
    held[0]!({ ok: true, value: ok([signup]) });
    await refresh;
    expect(useActionsStore.getState().refreshing).toBe(false);
  });
});

describe('followProjectActions', () => {
  it('reads the list again, without refresh, when the background bumps its key; bumps during a read make one read after it', async () => {
    const held: Array<() => void> = [];
    fakeBrowser.runtime.onMessage.removeAllListeners();
    fakeBrowser.runtime.onMessage.addListener((message: { type: string; payload: unknown }, _sender, sendResponse: (reply: unknown) => void) => {
      sent.push(message);
      held.push(() => sendResponse({ ok: true, value: structuredClone(listAnswer) }));
      return true;
    });
    const unfollow = followProjectActions();
    await vi.waitFor(() => expect(held).toHaveLength(1));
    held[0]!();
    await vi.waitFor(() => expect(useActionsStore.getState().status).toBe('ok'));

    listAnswer = ok([signup]);
    await fakeBrowser.storage.session.set({ [ACTIONS_CHANGED_KEY]: 1 });
    await vi.waitFor(() => expect(held).toHaveLength(2));
    await fakeBrowser.storage.session.set({ [ACTIONS_CHANGED_KEY]: 2 });
    await fakeBrowser.storage.session.set({ [ACTIONS_CHANGED_KEY]: 3 });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(held).toHaveLength(2);
    held[1]!();
    await vi.waitFor(() => expect(held).toHaveLength(3));
    held[2]!();
    await vi.waitFor(() => expect(useActionsStore.getState().actions).toHaveLength(1));
    expect(sent.map((message) => message.payload)).toEqual([{ refresh: false }, { refresh: false }, { refresh: false }]);

    unfollow();
    await fakeBrowser.storage.session.set({ [ACTIONS_CHANGED_KEY]: 4 });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(held).toHaveLength(3);
  });
});

describe('followTabDraft', () => {
  it('reads the tab’s draft, then follows storage.session for that tab only', async () => {
    draftAnswer = draft('Pricing draft', '/pricing');
    const unfollow = followTabDraft(7);
    await vi.waitFor(() => expect(useActionsStore.getState().draft?.action.name).toBe('Pricing draft'));
    expect(useActionsStore.getState().draftMatcher?.counts([pageview('/pricing'), pageview('/')])).toEqual([1]);

    await fakeBrowser.storage.session.set({ 'builderDraft:7': draft('Home draft', '/') });
    await vi.waitFor(() => expect(useActionsStore.getState().draft?.action.name).toBe('Home draft'));
    expect(useActionsStore.getState().draftMatcher?.counts([pageview('/pricing'), pageview('/')])).toEqual([2]);

    await fakeBrowser.storage.session.set({ 'builderDraft:8': draft('Other tab', '/x') });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(useActionsStore.getState().draft?.action.name).toBe('Home draft');

    await fakeBrowser.storage.session.remove('builderDraft:7');
    await vi.waitFor(() => expect(useActionsStore.getState().draft).toBeNull());
    expect(useActionsStore.getState().draftMatcher).toBeNull();
    unfollow();

    await fakeBrowser.storage.session.set({ 'builderDraft:7': draft('After', '/') });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(useActionsStore.getState().draft).toBeNull();
  });
});
