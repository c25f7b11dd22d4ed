import { browser } from 'wxt/browser';
import { z } from 'zod';
import { CapturedRequest, MAX_REQUESTS_PER_MESSAGE, PING } from '../messaging/protocol';
import { sendMessage } from '../messaging/sendMessage';
import { BRIDGE_READY_EVENT, CAPTURE_EVENT, COLLECTOR_READY_EVENT } from './pageCollector';

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

/**
 * The isolated-world half of capture: checks what the page-world collector hands over against the
 * protocol's schema and a size cap, rate-limits it, and keeps each request until the background
 * confirms it is stored, so a stopped service worker loses nothing.
 */
export function startContentBridge(win: Window) {
  const pending: CapturedRequest[] = [];
  const stats: BridgeStats = { forwarded: 0, rejected: 0, rateLimited: 0 };
  let windowStart = Date.now();
  let inWindow = 0;
  let sending = false;
  let retryDelay = 250;

  function allow(): boolean {
    const now = Date.now();
    if (now - windowStart > RATE_WINDOW_MS) {
      windowStart = now;
      inWindow = 0;
    }
    return ++inWindow <= MAX_REQUESTS_PER_WINDOW;
  }

  async function flush(): Promise<void> {
    if (sending || pending.length === 0) return;
    sending = true;
    try {
      while (pending.length > 0) {
        const batch = pending.slice(0, MAX_REQUESTS_PER_MESSAGE);
        const { stored } = await sendMessage('capture.requests', { requests: batch });
        const done = new Set(stored);
        for (let i = pending.length - 1; i >= 0; i--) if (done.has(pending[i]!.id)) pending.splice(i, 1);
        stats.forwarded += done.size;
        retryDelay = 250;
      }
    } catch {
      // The background may be restarting: keep the requests and try again shortly.
      setTimeout(() => void flush(), retryDelay);
      retryDelay = Math.min(retryDelay * 2, 10_000);
    } finally {
      sending = false;
    }
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
    if (!request.success) {
      stats.rejected++;
      return;
    }
    if (!allow() || pending.length >= MAX_PENDING) {
      stats.rateLimited++;
      return;
    }
    pending.push(request.data);
    void flush();
  }

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
