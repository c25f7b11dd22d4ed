import { create } from 'zustand';
import { subscribe } from '../../capture/eventFeed';
import { readTabSlice, readTabTail } from '../../capture/eventStore';
import { emptyTabMeta, type BufferedEvent, type TabMeta } from '../../capture/tabEvents';
import { sendMessage } from '../../messaging/sendMessage';
import { CATEGORY_LABELS, compileFilter, type EventCategory } from '../events/eventFilter';

/**
 * Rows painted before the rest of a large buffer is read: the first paint must not wait for
 * 10,000. Fifty rows of 30 px fill a tall side panel; the rest follow from the next frame on.
 */
const FIRST_PAINT_EVENTS = 50;
/**
 * The rest is read in slices this small because each read holds its transaction open, and the
 * background's write of a new event waits behind it: slices of 1,000 delayed live rows by
 * 200–600 ms while a full buffer loaded. Small reads are also faster per event in Chromium (10,000
 * events: about 5 ms per slice of 100 against 150–250 ms per slice of 1,000, and less in total).
 */
const SLICE_EVENTS = 100;

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

interface EventsState {
  tabId: number | null;
  /** The tab's events in arrival order. */
  events: BufferedEvent[];
  /**
   * What the view derives from `events`, kept up to date as events arrive: each arrival looks at
   * the new events only, so a live event in a 10,000-event buffer does not re-filter or recount
   * all 10,000. `shown` holds the events that pass the filters, in arrival order.
   */
  shown: BufferedEvent[];
  nameCounts: ReadonlyMap<string, number>;
  /** Project tokens seen: more than one means several SDK instances on the page. */
  tokens: ReadonlySet<string>;
  meta: TabMeta;
  loading: boolean;
  /** While paused the list stands still; new events wait in `held`. */
  paused: boolean;
  held: BufferedEvent[];
  selected: BufferedEvent | null;
  names: ReadonlySet<string>;
  categories: ReadonlySet<EventCategory>;
  search: string;
  error: string | null;
  select(event: BufferedEvent | null): void;
  setSearch(search: string): void;
  toggleName(name: string): void;
  clearNames(): void;
  toggleCategory(category: EventCategory): void;
  setPaused(paused: boolean): void;
  clear(): Promise<void>;
}

type Derived = Pick<EventsState, 'events' | 'shown' | 'nameCounts' | 'tokens'>;

const ALL_CATEGORIES = new Set(Object.keys(CATEGORY_LABELS) as EventCategory[]);
const NO_EVENTS: Derived = { events: [], shown: [], nameCounts: new Map(), tokens: new Set() };

/** `events` with `older` put in front and `newer` after, and what derives from them updated. */
function extend(state: EventsState, older: BufferedEvent[], newer: BufferedEvent[]): Derived {
  const passes = compileFilter(state);
  const nameCounts = new Map(state.nameCounts);
  let tokens = state.tokens;
  for (const added of [older, newer]) {
    for (const event of added) {
      nameCounts.set(event.event, (nameCounts.get(event.event) ?? 0) + 1);
      const token = String(event.properties.token ?? '');
      if (!tokens.has(token)) tokens = new Set(tokens).add(token);
    }
  }
  return {
    events: older.concat(state.events, newer),
    shown: older.filter(passes).concat(state.shown, newer.filter(passes)),
    nameCounts,
    tokens,
  };
}

/** After a filter changes, the shown events are the one thing worth a pass over the whole buffer. */
function refiltered(state: EventsState, change: Partial<Pick<EventsState, 'names' | 'categories' | 'search'>>): Partial<EventsState> {
  const next = { ...state, ...change };
  return { ...change, shown: next.events.filter(compileFilter(next)) };
}

export const useEventsStore = create<EventsState>((set, get) => ({
  tabId: null,
  ...NO_EVENTS,
  meta: emptyTabMeta(0),
  loading: true,
  paused: false,
  held: [],
  selected: null,
  names: new Set(),
  categories: ALL_CATEGORIES,
  search: '',
  error: null,
  select: (selected) => set({ selected }),
  setSearch: (search) => set((state) => refiltered(state, { search })),
  toggleName(name) {
    const names = new Set(get().names);
    if (!names.delete(name)) names.add(name);
    set((state) => refiltered(state, { names }));
  },
  clearNames: () => set((state) => refiltered(state, { names: new Set() })),
  toggleCategory(category) {
    const categories = new Set(get().categories);
    if (!categories.delete(category)) categories.add(category);
    set((state) => refiltered(state, { categories }));
  },
  setPaused(paused) {
    if (paused) set({ paused });
    else set((state) => ({ paused, ...extend(state, [], state.held), held: [] }));
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
  useEventsStore.setState({ tabId, ...NO_EVENTS, held: [], meta: emptyTabMeta(tabId), loading: true, selected: null, error: null });
  let active = true;
  let lastSeq = 0;

  const append = (events: BufferedEvent[], meta: TabMeta) => {
    const fresh = events.filter((event) => event.seq > lastSeq);
    if (fresh.length > 0) lastSeq = fresh[fresh.length - 1]!.seq;
    useEventsStore.setState((state) => {
      if (fresh.length === 0) return { meta };
      return state.paused ? { held: [...state.held, ...fresh], meta } : { ...extend(state, [], fresh), meta };
    });
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
      useEventsStore.setState({ ...NO_EVENTS, held: [], meta: message.meta, selected: null });
    } else if (!loaded) {
      early.push(...message.events);
      earlyMeta = message.meta;
    } else append(message.events, message.meta);
  });

  void (async () => {
    try {
      const first = await readTabTail(tabId, FIRST_PAINT_EVENTS);
      if (!active) return;
      // Every number below `nextSeq` is in the buffer already (or was a duplicate): the reads cover it.
      lastSeq = first.nextSeq - 1;
      const { events, fromSeq, ...meta } = first;
      useEventsStore.setState((state) => ({ ...extend(state, [], events), meta, loading: first.count > events.length }));
      loaded = true;
      append(early.splice(0), earlyMeta ?? meta);
      // The older events are read in slices after the first paint, so 10,000 buffered events never
      // hold the first rows back or block the page for long at once.
      const clearsBefore = clears;
      let oldest = fromSeq;
      let read = events.length;
      if (first.count > read) await nextFrame();
      const older: BufferedEvent[][] = [];
      while (active && oldest > 1 && read < first.count) {
        const from = Math.max(1, oldest - SLICE_EVENTS);
        const slice = await readTabSlice(tabId, from, oldest);
        older.unshift(slice);
        read += slice.length;
        oldest = from;
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      if (!active || clears !== clearsBefore) return useEventsStore.setState({ loading: false });
      // Older slices go in front; live events appended meanwhile stay at the end.
      if (older.length > 0) useEventsStore.setState((state) => extend(state, older.flat(), []));
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
