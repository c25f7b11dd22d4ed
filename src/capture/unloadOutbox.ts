import { browser } from 'wxt/browser';
import { z } from 'zod';
import { CapturedRequest } from '../messaging/protocol';

/**
 * The unload outbox: the last captures of a document that is going away, parked in
 * `storage.local` for the background to take in.
 *
 * Chromium drops a `runtime.sendMessage` whose sending document dies before a stopped service
 * worker has started, so the beacon posthog-js sends on `pagehide` could reach the project API and
 * never reach the tab's buffer. A `storage.local.set` made in the same handler lands regardless, and
 * `storage.onChanged` wakes the worker. The bridge therefore writes its unconfirmed captures to the
 * outbox while the document is leaving, besides sending them; the buffer drops the duplicates.
 *
 * Who may write what: a content script cannot name its own tab, and a page must only ever add to
 * its own tab's buffer. When the bridge starts, the background hands it a random token bound to the
 * sender's tab (kept in `storage.session`, which content scripts cannot read or write); outbox
 * entries are keyed by that token, and the background files them under the token's tab alone. An
 * entry whose token is unknown (an older browser session, a forged key) is deleted unread. The page
 * itself never sees the token: the MAIN world has no extension storage at all.
 */

export const OUTBOX_KEY_PREFIX = 'actionlens.outbox.';
const TOKEN_KEY_PREFIX = 'actionlens.outboxToken.';
/** Tokens kept per tab: the current document's and a few before it, whose outboxes may be in transit. */
const MAX_TOKENS_PER_TAB = 16;
/** `storage.local` holds 10 MB without `unlimitedStorage`; one leaving document gets a fifth. */
export const MAX_OUTBOX_CHARS = 2 * 1024 * 1024;
const MAX_OUTBOX_REQUESTS = 500;

const Token = z.string().regex(/^[0-9a-f-]{36}$/);
const TokenRecord = z.object({ tabId: z.number().int().nonnegative(), issuedAt: z.number() });
type TokenRecord = z.infer<typeof TokenRecord>;
const OutboxEntry = z.object({ requests: z.array(CapturedRequest).max(MAX_OUTBOX_REQUESTS), writtenAt: z.number() });

function bodyChars(request: CapturedRequest): number {
  return request.body.kind === 'text' ? request.body.text.length : request.body.base64.length;
}

/**
 * Content side: parks `requests` under a key of its own (a later write never replaces an earlier
 * one the background may be reading), newest kept when they exceed the cap. `storage.local.set` is
 * called before this returns: during `pagehide` nothing asynchronous may run first.
 */
export function writeOutbox(token: string, sequence: number, requests: CapturedRequest[]): void {
  const kept: CapturedRequest[] = [];
  let chars = 0;
  for (let i = requests.length - 1; i >= 0 && kept.length < MAX_OUTBOX_REQUESTS; i--) {
    chars += bodyChars(requests[i]!) + 512;
    if (chars > MAX_OUTBOX_CHARS) break;
    kept.unshift(requests[i]!);
  }
  if (kept.length === 0) return;
  void browser.storage.local
    .set({ [`${OUTBOX_KEY_PREFIX}${token}.${sequence}`]: { requests: kept, writtenAt: Date.now() } })
    .catch(() => {
      // Over quota or the extension was reloaded: the message path is all that is left.
    });
}

/** Background side: a new token for a document of `tabId`; the tab's oldest tokens beyond the cap go. */
export async function issueOutboxToken(tabId: number, now = Date.now()): Promise<string> {
  const token = crypto.randomUUID();
  await browser.storage.session.set({ [TOKEN_KEY_PREFIX + token]: { tabId, issuedAt: now } satisfies TokenRecord });
  const ofTab = Object.entries(await tokensByKey())
    .filter(([, record]) => record.tabId === tabId)
    .sort(([, a], [, b]) => b.issuedAt - a.issuedAt);
  const stale = ofTab.slice(MAX_TOKENS_PER_TAB).map(([key]) => key);
  if (stale.length > 0) await browser.storage.session.remove(stale);
  return token;
}

/** Background side: a closed tab's tokens are void. */
export async function forgetOutboxTokens(tabId: number): Promise<void> {
  const keys = Object.entries(await tokensByKey())
    .filter(([, record]) => record.tabId === tabId)
    .map(([key]) => key);
  if (keys.length > 0) await browser.storage.session.remove(keys);
}

async function tokensByKey(): Promise<Record<string, TokenRecord>> {
  const all = await browser.storage.session.get(null);
  const tokens: Record<string, TokenRecord> = {};
  for (const [key, value] of Object.entries(all)) {
    if (!key.startsWith(TOKEN_KEY_PREFIX)) continue;
    const record = TokenRecord.safeParse(value);
    if (record.success) tokens[key] = record.data;
  }
  return tokens;
}

async function tabExists(tabId: number): Promise<boolean> {
  try {
    await browser.tabs.get(tabId);
    return true;
  } catch {
    return false;
  }
}

export type OutboxIngest = (tabId: number, requests: CapturedRequest[]) => Promise<unknown>;

/** Keys being taken in right now: `onChanged` and the start-up sweep may name the same one. */
const draining = new Set<string>();

/**
 * Background side: takes in the named outbox entries (all of them when `keys` is omitted, as at
 * every worker start) and deletes each once its tab's buffer holds it. An entry whose ingest fails
 * stays for the next start; one with an unknown token, a closed tab or a malformed body is deleted.
 */
export async function drainOutbox(ingest: OutboxIngest, keys?: string[]): Promise<{ ingested: number; discarded: number }> {
  const wanted = (keys ?? Object.keys(await browser.storage.local.get(null))).filter(
    (key) => key.startsWith(OUTBOX_KEY_PREFIX) && !draining.has(key),
  );
  const outcome = { ingested: 0, discarded: 0 };
  if (wanted.length === 0) return outcome;
  for (const key of wanted) draining.add(key);
  try {
    const entries = await browser.storage.local.get(wanted);
    for (const key of wanted) {
      if (!(key in entries)) continue; // already taken in by another sweep
      const tabId = await tabOfKey(key);
      const entry = OutboxEntry.safeParse(entries[key]);
      if (tabId == null || !entry.success || !(await tabExists(tabId))) {
        outcome.discarded++;
        await browser.storage.local.remove(key);
        continue;
      }
      try {
        await ingest(tabId, entry.data.requests);
      } catch (error) {
        console.warn('Actionlens: an unload outbox entry could not be stored; kept for the next start', error);
        continue;
      }
      outcome.ingested++;
      await browser.storage.local.remove(key);
    }
  } finally {
    for (const key of wanted) draining.delete(key);
  }
  return outcome;
}

async function tabOfKey(key: string): Promise<number | null> {
  const token = Token.safeParse(key.slice(OUTBOX_KEY_PREFIX.length).split('.')[0]);
  if (!token.success) return null;
  const tokenKey = TOKEN_KEY_PREFIX + token.data;
  const record = TokenRecord.safeParse((await browser.storage.session.get(tokenKey))[tokenKey]);
  return record.success ? record.data.tabId : null;
}
