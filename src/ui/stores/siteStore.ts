import { browser } from 'wxt/browser';
import { create } from 'zustand';
import type { SiteStatus } from '../../messaging/protocol';
import { enableSiteFromClick } from '../enableSite';
import { sendMessage } from '../../messaging/sendMessage';

interface SiteState {
  status: SiteStatus | null;
  busy: boolean;
  error: string | null;
  refresh(tabId: number): Promise<void>;
  /** Must be called straight from the click: the permission prompt needs the user gesture. */
  enable(): void;
  disable(): Promise<void>;
  reloadTab(): Promise<void>;
}

export const useSiteStore = create<SiteState>((set, get) => ({
  status: null,
  busy: false,
  error: null,
  async refresh(tabId) {
    try {
      set({ status: await sendMessage('site.status', { tabId }), error: null });
    } catch (error) {
      set({ error: error instanceof Error ? error.message : String(error) });
    }
  },
  enable() {
    const status = get().status;
    if (!status?.pattern) return;
    const pattern = status.pattern;
    set({ busy: true, error: null });
    // No `await` before this call: browsers only show the prompt inside the click's user gesture.
    enableSiteFromClick(pattern)
      .then(async (outcome) => {
        if (outcome.kind === 'denied') {
          set({ error: `Access to ${status.hostname} was not granted.` });
          return;
        }
        if (outcome.kind === 'refused') set({ error: outcome.reason ?? 'Could not enable this site.' });
        await get().refresh(status.tabId);
      })
      .catch((error: unknown) => set({ error: error instanceof Error ? error.message : String(error) }))
      .finally(() => set({ busy: false }));
  },
  async disable() {
    const status = get().status;
    if (!status?.pattern) return;
    set({ busy: true, error: null });
    try {
      await sendMessage('site.disable', { pattern: status.pattern });
      await get().refresh(status.tabId);
    } catch (error) {
      set({ error: error instanceof Error ? error.message : String(error) });
    } finally {
      set({ busy: false });
    }
  },
  async reloadTab() {
    const status = get().status;
    if (!status) return;
    await browser.tabs.reload(status.tabId);
    // The new document's bridge announces itself only once it runs; check again shortly.
    setTimeout(() => void get().refresh(status.tabId), 800);
  },
}));
