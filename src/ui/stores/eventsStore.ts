import { create } from 'zustand';
import { subscribe } from '../../capture/eventFeed';
import { readTab } from '../../capture/eventStore';
import { emptyTabMeta, type BufferedEvent, type TabMeta } from '../../capture/tabEvents';
import { sendMessage } from '../../messaging/sendMessage';
import { CATEGORY_LABELS, type EventCategory } from '../events/eventFilter';

/** Rows painted before the rest of a large buffer is read: the first paint must not wait for 10,000. */
const FIRST_PAINT_EVENTS = 200;

interface EventsState {
  tabId: number | null;
  events: BufferedEvent[];
  meta: TabMeta;
  loading: boolean;
  /** While paused the list stands still; new events wait in `held`. */
  paused: boolean;
  held: BufferedEvent[];
  selectedKey: string | null;
  names: ReadonlySet<string>;
  categories: ReadonlySet<EventCategory>;
  search: string;
  error: string | null;
  select(key: string | null): void;
  setSearch(search: string): void;
  toggleName(name: string): void;
  clearNames(): void;
  toggleCategory(category: EventCategory): void;
  setPaused(paused: boolean): void;
  clear(): Promise<void>;
}

const ALL_CATEGORIES = new Set(Object.keys(CATEGORY_LABELS) as EventCategory[]);

export const useEventsStore = create<EventsState>((set, get) => ({
  tabId: null,
  events: [],
  meta: emptyTabMeta(0),
  loading: true,
  paused: false,
  held: [],
  selectedKey: null,
  names: new Set(),
  categories: ALL_CATEGORIES,
  search: '',
  error: null,
  select: (selectedKey) => set({ selectedKey }),
  setSearch: (search) => set({ search }),
  toggleName(name) {
    const names = new Set(get().names);
    if (!names.delete(name)) names.add(name);
    set({ names });
  },
  clearNames: () => set({ names: new Set() }),
  toggleCategory(category) {
    const categories = new Set(get().categories);
    if (!categories.delete(category)) categories.add(category);
    set({ categories });
  },
  setPaused(paused) {
    if (paused) set({ paused });
    else set((state) => ({ paused, events: [...state.events, ...state.held], held: [] }));
  },
  async clear() {
    const { tabId } = get();
    if (tabId == null) return;
    try {
      await sendMessage('events.clear', { tabId });
    } catch (error) {
      set({ error: error instanceof Error ? error.message : String(error) });
    }
  },
}));

/**
 * Follows one tab's buffer: the newest events first (fast first paint), then the whole buffer, then
 * every change the background publishes. Events that arrive while loading are merged by sequence.
 */
export function followTabEvents(tabId: number): () => void {
  useEventsStore.setState({ tabId, events: [], held: [], meta: emptyTabMeta(tabId), loading: true, selectedKey: null, error: null });
  let active = true;
  let lastSeq = 0;

  const append = (events: BufferedEvent[], meta: TabMeta) => {
    const fresh = events.filter((event) => event.seq > lastSeq);
    if (fresh.length > 0) lastSeq = fresh[fresh.length - 1]!.seq;
    useEventsStore.setState((state) =>
      state.paused ? { held: [...state.held, ...fresh], meta } : { events: fresh.length ? [...state.events, ...fresh] : state.events, meta },
    );
  };

  const early: BufferedEvent[] = [];
  let earlyMeta: TabMeta | null = null;
  let loaded = false;
  const unsubscribe = subscribe(tabId, (message) => {
    if (!active) return;
    if (message.kind === 'cleared') {
      lastSeq = message.meta.nextSeq - 1;
      useEventsStore.setState({ events: [], held: [], meta: message.meta, selectedKey: null });
    } else if (!loaded) {
      early.push(...message.events);
      earlyMeta = message.meta;
    } else append(message.events, message.meta);
  });

  void (async () => {
    try {
      const first = await readTab(tabId, FIRST_PAINT_EVENTS);
      if (!active) return;
      lastSeq = first.events.at(-1)?.seq ?? 0;
      useEventsStore.setState({ events: first.events, meta: first, loading: first.count > first.events.length });
      if (first.count > first.events.length) {
        const all = await readTab(tabId);
        if (!active) return;
        lastSeq = all.events.at(-1)?.seq ?? 0;
        useEventsStore.setState((state) => ({ events: [...all.events, ...state.events.filter((e) => e.seq > lastSeq)], meta: all, loading: false }));
        lastSeq = useEventsStore.getState().events.at(-1)?.seq ?? lastSeq;
      }
      loaded = true;
      append(early.splice(0), earlyMeta ?? useEventsStore.getState().meta);
    } catch (error) {
      if (active) useEventsStore.setState({ loading: false, error: `Could not read this tab's events: ${error instanceof Error ? error.message : String(error)}` });
    }
  })();

  return () => {
    active = false;
    unsubscribe();
  };
}
