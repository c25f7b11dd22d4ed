import { browser } from 'wxt/browser';
import { create } from 'zustand';
import type { Action, ActionWrite } from '../../core/actions/schema';
import type { ActionDraft, ActionsList } from '../../messaging/protocol';
import { sendMessage } from '../../messaging/sendMessage';
import { ACTIONS_CHANGED_KEY, builderDraftKey } from '../../storage/builderDraftKey';
import type { ActionMatcher } from '../actions/actionMatcher';
import { useConnectionStore } from './connectionStore';

/** The list is asked for again this often while a view is open (the background caches it for 10 s). */
const REFRESH_MS = 30_000;

/** The overlay publishes its draft with `builder.draft`; extension pages watch its key to follow it live. */
const draftKey = builderDraftKey;

/**
 * The matching engine (selector parser, RE2 translation, …) is loaded once a list or a draft
 * arrives, not with the view: the first rows of the Events view do not wait for it.
 */
let engine: Promise<typeof import('../actions/actionMatcher')> | null = null;
const loadEngine = () => (engine ??= import('../actions/actionMatcher'));

interface ActionsState {
  /** What the last answer of `actions.list` said; null before the first. */
  status: ActionsList['state'] | null;
  /** The last error's message, while `status` is `error`. */
  error: string | null;
  /**
   * The project's actions as last fetched. Kept through a failed refresh (the tags stay while the
   * API is briefly away); gone when no project is connected. The same array as long as the server's
   * list does not change, so matching is not redone every 30 s.
   */
  actions: readonly Action[] | null;
  fetchedAt: number | null;
  loading: boolean;
  matcher: ActionMatcher<Action> | null;
  /** The action this tab's overlay is building, if any. */
  draft: ActionDraft | null;
  draftMatcher: ActionMatcher<ActionWrite> | null;
  load(options?: { refresh?: boolean }): Promise<void>;
}

const sameActions = (a: readonly Action[], b: readonly Action[]) => a.length === b.length && JSON.stringify(a) === JSON.stringify(b);

let requests = 0;

export const useActionsStore = create<ActionsState>((set, get) => ({
  status: null,
  error: null,
  actions: null,
  fetchedAt: null,
  loading: false,
  matcher: null,
  draft: null,
  draftMatcher: null,
  async load({ refresh = false } = {}) {
    const request = ++requests;
    set({ loading: true });
    let list: ActionsList;
    try {
      list = await sendMessage('actions.list', { refresh });
    } catch (error) {
      list = { state: 'error', problem: 'other', message: error instanceof Error ? error.message : String(error) };
    }
    if (list.state !== 'ok') {
      // A later request answers for itself.
      if (request !== requests) return;
      if (list.state === 'error') set({ status: 'error', error: list.message, loading: false });
      else set({ status: 'not-connected', error: null, actions: null, fetchedAt: null, matcher: null, loading: false });
      return;
    }
    const before = get();
    const actions = before.actions && sameActions(before.actions, list.actions) ? before.actions : list.actions;
    const matcher = before.matcher?.actions === actions ? before.matcher : (await loadEngine()).createActionMatcher(actions);
    if (request !== requests) return;
    set({ status: 'ok', error: null, actions, fetchedAt: list.fetchedAt, matcher, loading: false });
  },
}));

/**
 * Keeps the project's actions current while a view is open: first asked once the first rows are
 * painted, then again when the popup or side panel gets focus back or becomes visible, every 30 s,
 * and when the options page changes the connection.
 */
export function followProjectActions(): () => void {
  const load = () => void useActionsStore.getState().load();
  const idle = requestIdleCallback(load, { timeout: 1000 });
  const onVisible = () => {
    if (document.visibilityState === 'visible') load();
  };
  window.addEventListener('focus', load);
  document.addEventListener('visibilitychange', onVisible);
  const timer = setInterval(load, REFRESH_MS);
  const unsubscribe = useConnectionStore.subscribe((state, previous) => {
    if (previous.loaded && state.connection !== previous.connection) load();
  });
  // The background saved an action (the overlay's builder): the list changed on the server.
  const onSaved = (changes: Record<string, unknown>, area: string) => {
    if (area === 'session' && ACTIONS_CHANGED_KEY in changes) void useActionsStore.getState().load({ refresh: true });
  };
  browser.storage.onChanged.addListener(onSaved);
  return () => {
    browser.storage.onChanged.removeListener(onSaved);
    cancelIdleCallback(idle);
    window.removeEventListener('focus', load);
    document.removeEventListener('visibilitychange', onVisible);
    clearInterval(timer);
    unsubscribe();
  };
}

/**
 * Follows the action the tab's overlay is building: asked once, then every change the background
 * writes to `storage.session`. Only our background writes there (content scripts have no access to
 * the session area), so the value is our own and not parsed again, as with `sendMessage`'s answers.
 */
export function followTabDraft(tabId: number): () => void {
  const key = draftKey(tabId);
  let active = true;
  let changed = false;
  useActionsStore.setState({ draft: null, draftMatcher: null });

  const show = async (draft: ActionDraft | null) => {
    const draftMatcher = draft ? (await loadEngine()).createActionMatcher([draft.action]) : null;
    if (active) useActionsStore.setState({ draft, draftMatcher });
  };
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'session' || !(key in changes)) return;
    changed = true;
    void show((changes[key]!.newValue as ActionDraft | undefined) ?? null);
  };
  browser.storage.onChanged.addListener(onChanged);
  // Asked once the first rows are painted: the question may have to wake the service worker.
  const idle = requestIdleCallback(
    () => {
      sendMessage('actions.draft', { tabId }).then(
        (draft) => {
          if (active && !changed) void show(draft);
        },
        () => undefined,
      );
    },
    { timeout: 1000 },
  );
  return () => {
    active = false;
    cancelIdleCallback(idle);
    browser.storage.onChanged.removeListener(onChanged);
  };
}
