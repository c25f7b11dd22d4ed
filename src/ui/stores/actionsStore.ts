import { browser } from 'wxt/browser';
import { create } from 'zustand';
import type { ActionWrite } from '../../core/actions/schema';
import type { ActionDraft, ActionsList, SaveActionResult } from '../../messaging/protocol';
import { sendMessage } from '../../messaging/sendMessage';
import { ACTIONS_CHANGED_KEY, builderDraftKey } from '../../storage/builderDraftKey';
import type { ActionEntry, ConflictChoice, SyncSummary } from '../../sync/syncView';
import type { ActionMatcher } from '../actions/actionMatcher';
import { useConnectionStore } from './connectionStore';

/** An action as the views show and match it: the local change where one waits, else the server's copy. */
export type EntryAction = ActionEntry['action'];

/**
 * The list is asked for again this often while a view is open. The background pushes every change
 * of its own (see `followProjectActions`) and reads the server again when its copy is over 10 s
 * old, so this only catches edits made elsewhere (PostHog's UI, another browser).
 */
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
   * Every action as this browser sees it, with its sync status (see src/sync/syncView.ts). Kept
   * through a failed refresh (the tags stay while the API is briefly away); gone when no project is
   * connected. The same array as long as nothing in it changes.
   */
  entries: readonly ActionEntry[] | null;
  /**
   * `entries`' actions, pending local ones included (they tag events too). The same array as long
   * as no action's content changes — a change of sync status alone keeps it — so matching is not
   * redone on every sync step.
   */
  actions: readonly EntryAction[] | null;
  /** Where sync stands for the project; null until the first list. */
  sync: SyncSummary | null;
  projectId: number | null;
  fetchedAt: number | null;
  /** A Refresh (a read of the server's list) is under way. */
  refreshing: boolean;
  matcher: ActionMatcher<EntryAction> | null;
  /** The action this tab's overlay is building, if any. */
  draft: ActionDraft | null;
  draftMatcher: ActionMatcher<ActionWrite> | null;
  /** `refresh` reads the server's list again first (the Refresh button); otherwise the background's copy. */
  load(options?: { refresh?: boolean }): Promise<void>;
  save(key: string | null, action: ActionWrite): Promise<SaveActionResult>;
  remove(key: string): Promise<void>;
  resolve(key: string, choice: ConflictChoice): Promise<void>;
  /** One action's refused change, or (no key) everything, lifting a block. */
  retry(key?: string): Promise<void>;
  discard(key: string): Promise<void>;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

let requests = 0;

export const useActionsStore = create<ActionsState>((set, get) => {
  /** Sends a change, then shows the list as it stands after it (the background's bump would too, a little later). */
  const change = async <T>(send: () => Promise<T>): Promise<T> => {
    const answer = await send();
    void get().load();
    return answer;
  };

  const ask = (refresh: boolean): Promise<ActionsList> =>
    sendMessage('actions.list', { refresh }).catch((error: unknown) => ({
      state: 'error' as const,
      problem: { kind: 'other', message: error instanceof Error ? error.message : String(error), at: Date.now() },
    }));

  const show = async (request: number, list: ActionsList) => {
    // A later request answers for itself.
    if (request !== requests) return;
    if (list.state === 'error') return set({ status: 'error', error: list.problem.message });
    if (list.state === 'not-connected') {
      return set({ status: 'not-connected', error: null, entries: null, actions: null, sync: null, projectId: null, fetchedAt: null, matcher: null });
    }
    const before = get();
    const entries = before.entries && same(before.entries, list.entries) ? before.entries : list.entries;
    const fresh = entries.map((entry) => entry.action);
    const actions = before.actions && same(before.actions, fresh) ? before.actions : fresh;
    const matcher = before.matcher?.actions === actions ? before.matcher : (await loadEngine()).createActionMatcher(actions);
    if (request !== requests) return;
    const sync = before.sync && same(before.sync, list.sync) ? before.sync : list.sync;
    set({ status: 'ok', error: null, entries, actions, sync, projectId: list.projectId, fetchedAt: list.fetchedAt, matcher });
  };

  return {
    status: null,
    error: null,
    entries: null,
    actions: null,
    sync: null,
    projectId: null,
    fetchedAt: null,
    refreshing: false,
    matcher: null,
    draft: null,
    draftMatcher: null,
    async load({ refresh = false } = {}) {
      const request = ++requests;
      if (refresh) set({ refreshing: true });
      try {
        await show(request, await ask(refresh));
      } finally {
        if (refresh) set({ refreshing: false });
      }
    },
    save: (key, action) => change(() => sendMessage('actions.save', { key, action })),
    remove: (key) => change(() => sendMessage('actions.delete', { key }).then(() => undefined)),
    resolve: (key, choice) => change(() => sendMessage('sync.resolve', { key, choice }).then(() => undefined)),
    retry: (key) => change(() => sendMessage('sync.retry', key === undefined ? {} : { key }).then(() => undefined)),
    discard: (key) => change(() => sendMessage('sync.discard', { key }).then(() => undefined)),
  };
});

/**
 * Runs `load` at most once at a time: a call while one runs asks for one more after it. The
 * background bumps its key a few times a second while it sends; each bump need not be its own request.
 */
function coalesced(load: () => Promise<void>): () => void {
  let running = false;
  let again = false;
  const run = () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    void load().finally(() => {
      running = false;
      if (again) {
        again = false;
        run();
      }
    });
  };
  return run;
}

/**
 * Keeps the project's actions current while a view is open: first asked once the first rows are
 * painted, then each time the background says its sync state changed, when the popup or side panel
 * gets focus back or becomes visible, every 30 s, and when the options page changes the connection.
 * None of these reads the server's list itself: the background does when its copy is old.
 */
export function followProjectActions(): () => void {
  const load = coalesced(() => useActionsStore.getState().load());
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
  const onChanged = (changes: Record<string, unknown>, area: string) => {
    if (area === 'session' && ACTIONS_CHANGED_KEY in changes) load();
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => {
    browser.storage.onChanged.removeListener(onChanged);
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
