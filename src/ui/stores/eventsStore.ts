import { create } from 'zustand';
import { subscribe } from '../../capture/eventFeed';
import { readTab, readTabSlice } from '../../capture/eventStore';
import { emptyTabMeta, type BufferedEvent, type TabMeta } from '../../capture/tabEvents';
import { sendMessage } from '../../messaging/sendMessage';
import { CATEGORY_LABELS, type EventCategory } from '../events/eventFilter';

/** Rows painted before the rest of a large buffer is read: the first paint must not wait for 10,000. */
const FIRST_PAINT_EVENTS = 200;
const SLICE_EVENTS = 1000;

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

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
  let clears = 0;
  const unsubscribe = subscribe(tabId, (message) => {
    if (!active || message.kind === 'persistence') return;
    if (message.kind === 'cleared') {
      clears++;
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
      loaded = true;
      append(early.splice(0), earlyMeta ?? first);
      // The older events are read in slices after the first paint, so 10,000 buffered events never
      // hold the first rows back or block the page for long at once.
      const clearsBefore = clears;
      let oldest = first.events[0]?.seq ?? 0;
      if (first.count > first.events.length) await nextFrame();
      const older: BufferedEvent[][] = [];
      while (active && oldest > 1 && older.reduce((n, slice) => n + slice.length, 0) + first.events.length < first.count) {
        const from = Math.max(1, oldest - SLICE_EVENTS);
        older.unshift(await readTabSlice(tabId, from, oldest));
        oldest = from;
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      if (!active || clears !== clearsBefore) return useEventsStore.setState({ loading: false });
      // Older slices go in front; live events appended meanwhile stay at the end.
      if (older.length > 0) useEventsStore.setState((state) => ({ events: [...older.flat(), ...state.events] }));
      useEventsStore.setState({ loading: false });
    } catch (error) {
      if (active) useEventsStore.setState({ loading: false, error: `Could not read this tab's events: ${error instanceof Error ? error.message : String(error)}` });
    }
  })();

  return () => {
    active = false;
    unsubscribe();
  };
}
