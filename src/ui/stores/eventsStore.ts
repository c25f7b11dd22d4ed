import { create } from 'zustand';
import { emptyTabEvents, type TabEvents } from '../../capture/tabEvents';
import { sendMessage } from '../../messaging/sendMessage';
import { tabEventsItem } from '../../storage/items';

interface EventsState {
  tabId: number | null;
  buffer: TabEvents;
  selectedKey: string | null;
  filter: string;
  error: string | null;
  select(key: string | null): void;
  setFilter(filter: string): void;
  clear(): Promise<void>;
}

export const useEventsStore = create<EventsState>((set, get) => ({
  tabId: null,
  buffer: emptyTabEvents(),
  selectedKey: null,
  filter: '',
  error: null,
  select: (selectedKey) => set({ selectedKey }),
  setFilter: (filter) => set({ filter }),
  async clear() {
    const { tabId } = get();
    if (tabId == null) return;
    try {
      await sendMessage('events.clear', { tabId });
      set({ selectedKey: null });
    } catch (error) {
      set({ error: error instanceof Error ? error.message : String(error) });
    }
  },
}));

/**
 * Follows one tab's buffer in `storage.session`: the background writes it, every open popup or
 * side panel sees the change at once, and nothing is lost while the view is closed.
 */
export function followTabEvents(tabId: number): () => void {
  const item = tabEventsItem(tabId);
  useEventsStore.setState({ tabId, buffer: emptyTabEvents(), selectedKey: null, error: null });
  let active = true;
  void item.getValue().then((buffer) => {
    if (active) useEventsStore.setState({ buffer: buffer ?? emptyTabEvents() });
  });
  const unwatch = item.watch((buffer) => useEventsStore.setState({ buffer: buffer ?? emptyTabEvents() }));
  return () => {
    active = false;
    unwatch();
  };
}
