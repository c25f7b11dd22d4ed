import { browser } from 'wxt/browser';
import { ApiError, type ApiClient, createApiClient } from '../api/client';
import { Action as ApiAction, Paginated } from '../api/schemas';
import { type Action, type ActionWrite, actionSchema } from '../core/actions';
import { type ActionDraft, type ActionsList, BUILDER_EDIT, type SaveActionResult } from '../messaging/protocol';
import { ACTIONS_CHANGED_KEY, builderDraftKey } from '../storage/builderDraftKey';
import { connectionItem } from '../storage/items';
import { readApiKey } from '../storage/secretStore';
import { inspectorState, toggleInspector } from './inspector';

/**
 * The project's actions for the Actions view, the Events view's tags and the overlay's builder,
 * and saving what the builder made. Background only: it holds the API key. Saving goes straight to
 * the project API and reports what went wrong in words (the sync issue adds the outbox and retries).
 */

/** How long a fetched list is served without asking the server again. */
const LIST_TTL_MS = 10_000;

let cached: { key: string; list: ActionsList & { state: 'ok' } } | null = null;

async function client(): Promise<ApiClient | null> {
  const connection = await connectionItem.getValue();
  const apiKey = connection ? await readApiKey() : null;
  if (!connection || !apiKey) return null;
  return createApiClient({ host: connection.host, apiKey, projectId: connection.projectId, timeoutMs: 10_000 });
}

function listProblem(error: unknown): ActionsList {
  if (!(error instanceof ApiError)) return { state: 'error', problem: 'other', message: String(error) };
  if (error.kind === 'unauthorized') return { state: 'error', problem: 'unauthorized', message: 'The project API rejected the API key (401). Check it in Settings.' };
  if (error.kind === 'forbidden') return { state: 'error', problem: 'forbidden', message: 'The API key may not read actions (403): it needs the action:read scope.' };
  if (error.kind === 'unreachable' || error.kind === 'timeout') return { state: 'error', problem: 'offline', message: error.message };
  return { state: 'error', problem: 'other', message: error.message };
}

/** The project's actions, deleted ones left out, newest list at most `LIST_TTL_MS` old unless `refresh`. */
export async function listActions({ refresh = false } = {}, now = Date.now()): Promise<ActionsList> {
  const api = await client();
  if (!api) return { state: 'not-connected' };
  const key = `${api.host} ${api.projectId}`;
  if (!refresh && cached?.key === key && now - cached.list.fetchedAt < LIST_TTL_MS) return cached.list;
  try {
    const actions: Action[] = [];
    let page = await api.listActions();
    actions.push(...page.results.map((action) => actionSchema.parse(action)));
    // Follow `next` (same host only, see the client) for projects with many actions.
    for (let pages = 1; page.next && pages < 50; pages++) {
      page = await api.request('GET', page.next, Paginated(ApiAction));
      actions.push(...page.results.map((action) => actionSchema.parse(action)));
    }
    const list = { state: 'ok' as const, actions: actions.filter((action) => !action.deleted), fetchedAt: now, projectId: api.projectId };
    cached = { key, list };
    return list;
  } catch (error) {
    return listProblem(error);
  }
}

function saveProblem(error: unknown): SaveActionResult {
  if (!(error instanceof ApiError)) return { ok: false, problem: 'other', message: String(error), field: null };
  const field = error.extra.attr ?? null;
  switch (error.kind) {
    case 'unauthorized':
      return { ok: false, problem: 'unauthorized', message: 'The project API rejected the API key (401). Check it in Settings; nothing was saved.', field };
    case 'forbidden':
      return { ok: false, problem: 'forbidden', message: 'The API key may not change actions (403): it lacks the action:write scope. Nothing was saved.', field };
    case 'validation':
      return { ok: false, problem: 'validation', message: `The project API refused the action: ${error.message.replace(/^[A-Z]+ \S+: /, '')}`, field };
    case 'not_found':
      return { ok: false, problem: 'not-found', message: 'The action or the project no longer exists on the project API (404).', field };
    case 'unreachable':
    case 'timeout':
      return { ok: false, problem: 'offline', message: `${error.message}. Nothing was saved; your draft stays here — save again when the API is back.`, field };
    case 'rate_limited':
      return { ok: false, problem: 'rate-limited', message: 'The project API is rate limiting this key (429). Wait a moment and save again.', field };
    case 'server_error':
      return { ok: false, problem: 'server', message: `The project API failed (${error.status ?? 'no status'}). Nothing was saved; try again.`, field };
    default:
      return { ok: false, problem: 'other', message: error.message, field };
  }
}

/** Creates the action (no id) or changes it, as the builder wrote it; never throws. */
export async function saveAction(id: number | null, action: ActionWrite): Promise<SaveActionResult> {
  const api = await client();
  if (!api) return { ok: false, problem: 'not-connected', message: 'No project is connected: connect one in Settings to save actions.', field: null };
  try {
    const saved = id === null ? await api.createAction(action) : await api.updateAction(id, action);
    cached = null;
    // Open popups and side panels fetch the list again, so the new action tags events at once.
    await browser.storage.session.set({ [ACTIONS_CHANGED_KEY]: Date.now() });
    return { ok: true, action: actionSchema.parse(saved) };
  } catch (error) {
    return saveProblem(error);
  }
}

// ---- drafts and edits per tab, in storage.session (gone with the browser session) -------------

const draftKey = builderDraftKey;
const pendingKey = (tabId: number) => `builderPending:${tabId}`;

export async function readDraft(tabId: number): Promise<ActionDraft | null> {
  return ((await browser.storage.session.get(draftKey(tabId)))[draftKey(tabId)] as ActionDraft | undefined) ?? null;
}

export async function writeDraft(tabId: number, draft: ActionDraft | null): Promise<void> {
  if (draft) await browser.storage.session.set({ [draftKey(tabId)]: draft });
  else await browser.storage.session.remove(draftKey(tabId));
}

/** After a page load: the draft goes when the inspector went with the old document (an SPA navigation keeps both). */
export async function dropDraftIfClosed(tabId: number): Promise<void> {
  if (!(await readDraft(tabId))) return;
  if (!(await inspectorState(tabId)).open) await writeDraft(tabId, null);
}

/** The overlay asks whether the Actions view queued an action for it; it is handed over once. */
export async function takePending(tabId: number): Promise<Action | null> {
  const key = pendingKey(tabId);
  const pending = ((await browser.storage.session.get(key))[key] as Action | undefined) ?? null;
  if (pending) await browser.storage.session.remove(key);
  return pending;
}

/**
 * The Actions view's "Edit in page": the action goes to the tab's builder — told directly when the
 * inspector is open, else queued for the overlay to take when the inspector opens.
 */
export async function editInTab(tabId: number, actionId: number): Promise<{ open: boolean }> {
  const api = await client();
  if (!api) throw new Error('No project is connected: connect one in Settings to edit its actions.');
  let action: Action;
  try {
    // The server's copy as it is now, not the list's (which may be seconds old).
    action = actionSchema.parse(await api.getAction(actionId));
  } catch (error) {
    const problem = listProblem(error);
    throw new Error(problem.state === 'error' ? problem.message : String(error));
  }
  if (action.deleted) throw new Error(`Action ${actionId} was deleted on the project API.`);
  await browser.storage.session.set({ [pendingKey(tabId)]: action });
  if ((await inspectorState(tabId)).open) {
    await browser.tabs.sendMessage(tabId, { type: BUILDER_EDIT }, { frameId: 0 }).catch(() => undefined);
    return { open: true };
  }
  return toggleInspector(tabId);
}

/** An overlay message is honoured only where the background finds the inspector open. */
export async function assertOverlay(tabId: number | null): Promise<number> {
  if (tabId == null || !(await inspectorState(tabId)).open) throw new Error('only the inspector overlay may send this');
  return tabId;
}

export async function forgetTab(tabId: number): Promise<void> {
  await browser.storage.session.remove([draftKey(tabId), pendingKey(tabId)]);
}
