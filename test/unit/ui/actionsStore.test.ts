import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Action } from '../../../src/core/actions/schema';
import type { ActionDraft, ActionsList } from '../../../src/messaging/protocol';
import { followTabDraft, useActionsStore } from '../../../src/ui/stores/actionsStore';

/** The background's answers, as the popup receives them: a new object (structured clone) each time. */
let listAnswer: ActionsList;
let draftAnswer: ActionDraft | null;

const signup: Action = { id: 1, name: 'Signup', steps: [{ event: '$autocapture', selector: '[data-attr="signup"]' }] };
const pricing: Action = { id: 2, name: 'Pricing', steps: [{ event: '$pageview', url: '/pricing' }] };
const ok = (actions: Action[], fetchedAt = 1): ActionsList => ({ state: 'ok', actions, fetchedAt, projectId: '1' });
const draft = (name: string, url: string): ActionDraft => ({ id: null, action: { name, steps: [{ event: '$pageview', url }] }, updatedAt: 1 });
const pageview = (path: string) => ({ event: '$pageview', properties: { $current_url: `https://app.test${path}` } });

beforeEach(() => {
  fakeBrowser.reset();
  // Node has no idle callbacks; the store asks for the draft in one.
  vi.stubGlobal('requestIdleCallback', (callback: () => void) => setTimeout(callback, 0));
  vi.stubGlobal('cancelIdleCallback', (id: ReturnType<typeof setTimeout>) => clearTimeout(id));
  useActionsStore.setState({ status: null, error: null, actions: null, fetchedAt: null, loading: false, matcher: null, draft: null, draftMatcher: null });
  listAnswer = ok([signup, pricing]);
  draftAnswer = null;
  fakeBrowser.runtime.onMessage.addListener((message: { type: string }, _sender, sendResponse: (reply: unknown) => void) => {
    const value = message.type === 'actions.list' ? listAnswer : message.type === 'actions.draft' ? draftAnswer : undefined;
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
    listAnswer = { state: 'error', problem: 'offline', message: 'unreachable' };
    await load();
    expect(useActionsStore.getState()).toMatchObject({ status: 'error', error: 'unreachable', actions: expect.any(Array) });
    expect(useActionsStore.getState().matcher).not.toBeNull();
    listAnswer = { state: 'not-connected' };
    await load();
    expect(useActionsStore.getState()).toMatchObject({ status: 'not-connected', error: null, actions: null, matcher: null });
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
