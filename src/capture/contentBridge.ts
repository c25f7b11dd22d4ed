import { browser } from 'wxt/browser';
import { z } from 'zod';
import { CapturedRequest, MAX_REQUESTS_PER_MESSAGE, PING } from '../messaging/protocol';
import { sendMessage } from '../messaging/sendMessage';
import { BRIDGE_READY_EVENT, CAPTURE_EVENT, COLLECTOR_READY_EVENT } from './pageCollector';
import { writeOutbox } from './unloadOutbox';

/** The page can dispatch these events too: cap what one tab may push through. */
const MAX_DETAIL_CHARS = 4 * 1024 * 1024;
const RATE_WINDOW_MS = 10_000;
const MAX_REQUESTS_PER_WINDOW = 300;
const MAX_PENDING = 500;

const Detail = z.string().max(MAX_DETAIL_CHARS);

export interface BridgeStats {
  forwarded: number;
  rejected: number;
  rateLimited: number;
}

/** An unanswered message is given up on (and its requests sent again) after this long. */
const REPLY_TIMEOUT_MS = 5_000;
/**
 * The background stores batches in the order they arrive: once a later message is answered, an
 * earlier one still unanswered this long after went to a worker that was stopped, and goes again.
 */
const OVERTAKEN_MS = 1_000;
const MIN_RETRY_MS = 250;
const MAX_RETRY_MS = 4_000;

/**
 * The isolated-world half of capture: checks what the page-world collector hands over against the
 * protocol's schema and a size cap, rate-limits it, and forwards it at once — inside the event
 * handler, with nothing awaited first: during `pagehide` the collector's synchronous event is the
 * last chance. A message that has left reaches a running worker even if this document dies right
 * after; Chromium drops it, though, when the worker is stopped and the document dies before the
 * worker has started. So while the document is leaving, everything unconfirmed is also parked in
 * the unload outbox (capture/unloadOutbox.ts), which the background drains when it wakes.
 *
 * Each request is kept until the background confirms it is stored and sent again otherwise, so a
 * worker stopped mid-request loses nothing while the page lives; the background deduplicates
 * events by uuid (or request id and index), so a request sent twice is stored once. Retries back
 * off from 250 ms to 4 s while the background does not answer; its first answer sends everything
 * still waiting at once, so a restarted worker catches up within a second, not a backoff later.
 */
export function startContentBridge(win: Window, hooks: { onCapture?: () => void } = {}) {
  /** Requests not yet confirmed, by id, in arrival order. */
  const pending = new Map<string, CapturedRequest>();
  const inFlight = new Set<string>();
  /** Messages awaiting their answer: the order they were sent in, and how to give up on each. */
  const unanswered = new Map<number, (stored: string[]) => void>();
  let sent = 0;
  const stats: BridgeStats = { forwarded: 0, rejected: 0, rateLimited: 0 };
  let windowStart = Date.now();
  let inWindow = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let retryDelay = MIN_RETRY_MS;
  /** The background's token for this document's unload outbox; asked for once the bridge starts. */
  let outboxToken: string | null = null;
  let askingForToken = false;
  let outboxWrites = 0;
  /** Between `pagehide` and a return from the back/forward cache: every capture is parked too. */
  let leaving = false;

  function askForOutboxToken(): void {
    if (askingForToken || outboxToken !== null) return;
    askingForToken = true;
    sendMessage('capture.hello', {}).then(
      ({ token }) => {
        outboxToken = token;
        askingForToken = false;
      },
      () => {
        // Asked again with the next capture; until then the message path alone carries captures.
        askingForToken = false;
      },
    );
  }

  function parkUnconfirmed(): void {
    if (outboxToken === null || pending.size === 0) return;
    writeOutbox(outboxToken, outboxWrites++, [...pending.values()]);
  }

  function allow(): boolean {
    const now = Date.now();
    if (now - windowStart > RATE_WINDOW_MS) {
      windowStart = now;
      inWindow = 0;
    }
    return ++inWindow <= MAX_REQUESTS_PER_WINDOW;
  }

  /** Unconfirmed and not on its way: waits for a retry. (What is on its way settles by itself.) */
  const waitingForRetry = () => [...pending.keys()].some((id) => !inFlight.has(id));

  function scheduleRetry(): void {
    if (retryTimer !== undefined || !waitingForRetry()) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      retry();
    }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, MAX_RETRY_MS);
  }

  /** The background answered: whatever waits for a retry goes now, and what it overtook soon. */
  function backgroundAnswered(order: number): void {
    retryDelay = MIN_RETRY_MS;
    if (retryTimer !== undefined && waitingForRetry()) {
      clearTimeout(retryTimer);
      retryTimer = undefined;
      retry();
    }
    const overtaken = [...unanswered.keys()].filter((earlier) => earlier < order);
    if (overtaken.length === 0) return;
    setTimeout(() => {
      for (const earlier of overtaken) unanswered.get(earlier)?.([]);
    }, OVERTAKEN_MS);
  }

  /** Sends now. `sendMessage` calls `runtime.sendMessage` before its first await: keep it so. */
  function send(batch: CapturedRequest[]): void {
    for (const request of batch) inFlight.add(request.id);
    const order = sent++;
    let settled = false;
    const settle = (stored: string[]) => {
      if (settled) return;
      settled = true;
      unanswered.delete(order);
      clearTimeout(timeout);
      for (const request of batch) inFlight.delete(request.id);
      for (const id of stored) if (pending.delete(id)) stats.forwarded++;
      if (stored.length > 0) backgroundAnswered(order);
      // Whatever was not confirmed (the worker stopped, the reply was lost) goes again later.
      scheduleRetry();
    };
    unanswered.set(order, settle);
    // A reply can be lost without a rejection: the page entered the back/forward cache, or the
    // worker was stopped while the message was on its way (Chromium then may never answer).
    const timeout = setTimeout(() => settle([]), REPLY_TIMEOUT_MS);
    sendMessage('capture.requests', { requests: batch }).then(
      ({ stored }) => settle(stored),
      () => settle([]),
    );
  }

  /** Sends what is not confirmed yet; with `all`, also what is on its way but unanswered. */
  function retry(all = false): void {
    const waiting = [...pending.values()].filter((request) => all || !inFlight.has(request.id));
    for (let i = 0; i < waiting.length; i += MAX_REQUESTS_PER_MESSAGE) send(waiting.slice(i, i + MAX_REQUESTS_PER_MESSAGE));
  }

  function onCapture(event: Event): void {
    const detail = Detail.safeParse((event as CustomEvent).detail);
    if (!detail.success) {
      stats.rejected++;
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(detail.data);
    } catch {
      stats.rejected++;
      return;
    }
    const request = CapturedRequest.safeParse(raw);
    if (!request.success || pending.has(request.data.id)) {
      stats.rejected++;
      return;
    }
    if (!allow() || pending.size >= MAX_PENDING) {
      stats.rateLimited++;
      return;
    }
    pending.set(request.data.id, request.data);
    send([request.data]);
    if (leaving) parkUnconfirmed();
    else askForOutboxToken();
    hooks.onCapture?.();
  }

  // Leaving: everything unconfirmed goes once more, in flight or not, and into the outbox. The
  // site's own unload flush usually comes after this listener (the bridge registered first), so
  // captures from here on are parked as they arrive. A message still waiting for a worker that is
  // starting is dropped with this document; the outbox is not. Duplicates are harmless.
  win.addEventListener('pagehide', () => {
    leaving = true;
    retry(true);
    parkUnconfirmed();
  });
  // Back from the back/forward cache: replies lost on the way in are retried at once.
  win.addEventListener('pageshow', (event) => {
    if (!(event as PageTransitionEvent).persisted) return;
    leaving = false;
    retry(true);
  });
  askForOutboxToken();

  const announce = () => win.dispatchEvent(new CustomEvent(BRIDGE_READY_EVENT));
  win.addEventListener(CAPTURE_EVENT, onCapture);
  win.addEventListener(COLLECTOR_READY_EVENT, announce);
  announce();

  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    if (sender.id !== browser.runtime.id || message !== PING) return undefined;
    sendResponse(true);
    return undefined;
  });

  return { stats, pending };
}
