import { browser } from 'wxt/browser';
import type { ActionWrite } from '../core/actions';
import { type ActionDraft, type ActionsList, BUILDER_EDIT, type PendingEdit, type SaveActionResult } from '../messaging/protocol';
import { builderDraftKey } from '../storage/builderDraftKey';
import { inspectorState, toggleInspector } from './inspector';
import { syncEngine } from './sync';

/**
 * The project's actions for the views and the overlay's builder, and saving what the builder made,
 * all through the sync engine (src/sync): a save goes into the outbox first and is sent from there.
 */

export const listActions = (options: { refresh?: boolean } = {}): Promise<ActionsList> => syncEngine.list(options);

/** How long a save waits for the server before saying "saved in this browser, will be sent". */
const SAVE_WAIT_MS = 3_000;

/**
 * Creates (no key) or changes an action; never throws. The overlay's builder waits for the server's
 * answer (it has no live status); the views do not, they show each action's status as it changes.
 */
export async function saveAction(key: string | null, action: ActionWrite, { wait = true } = {}): Promise<SaveActionResult> {
  try {
    return await syncEngine.save(key, action, { waitMs: wait ? SAVE_WAIT_MS : 0 });
  } catch (error) {
    return { ok: false, problem: 'failed', message: `Nothing was saved: ${error instanceof Error ? error.message : String(error)}`, field: null };
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
export async function takePending(tabId: number): Promise<PendingEdit | null> {
  const key = pendingKey(tabId);
  const pending = ((await browser.storage.session.get(key))[key] as PendingEdit | undefined) ?? null;
  if (pending) await browser.storage.session.remove(key);
  return pending;
}

/**
 * The Actions view's "Edit in page": the action goes to the tab's builder — told directly when the
 * inspector is open, else queued for the overlay to take when the inspector opens. The copy is this
 * browser's (with its unsent changes); a newer server edit is caught as a conflict when saving.
 */
export async function editInTab(tabId: number, key: string): Promise<{ open: boolean }> {
  await syncEngine.list();
  let entry = await syncEngine.entry(key);
  if (!entry) {
    // Made on the server since the list was last read (a few seconds may be enough).
    await syncEngine.list({ refresh: true });
    entry = await syncEngine.entry(key);
  }
  if (!entry) throw new Error('No project is connected, or this action no longer exists.');
  if (entry.status.state === 'pending' && entry.status.op === 'delete') throw new Error(`“${entry.action.name ?? ''}” is being deleted.`);
  await browser.storage.session.set({ [pendingKey(tabId)]: { key: entry.key, action: entry.action } satisfies PendingEdit });
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
