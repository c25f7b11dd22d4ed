import { createStore } from 'zustand/vanilla';
import { navigateFrom, type Direction } from './elementNavigation';

export type PanelSide = 'left' | 'right';

/** The action builder's live preview on the page: what the server counts, and what CSS alone adds. */
export interface PagePreview {
  server: readonly Element[];
  cssOnly: readonly Element[];
  /** Every candidate of the page (the same array while the page does not change): watched for which are on screen. */
  universe: readonly Element[];
}

/**
 * The inspector's state. Rules: the panel describes the pinned element only (hovering redraws a
 * box, not React); Escape unpins first and closes only when nothing is pinned; keyboard moves
 * start from the pinned element, else from the hovered one, and pin where they land.
 */
export interface InspectState {
  hovered: Element | null;
  pinned: Element | null;
  showAll: boolean;
  panelSide: PanelSide;
  preview: PagePreview | null;
  /** Bumped when the page's elements changed (at most every few hundred ms): previews count again. */
  pageVersion: number;
  hover(element: Element | null): void;
  setPreview(preview: PagePreview | null): void;
  pageChanged(): void;
  pin(element: Element | null): void;
  toggleShowAll(): void;
  switchSide(): void;
  /** Moves the pin; false when there is nowhere to go. */
  navigate(direction: Direction): boolean;
  /** Escape: 'unpinned' when it only unpinned, 'close' when the inspector should close. */
  escape(): 'unpinned' | 'close';
}

export interface InspectStoreOptions {
  /** Whether an element may be highlighted at all (has a box, not in a ph-no-capture region). */
  highlightable(element: Element): boolean;
  /** The side the panel should take so that it does not cover `element`. */
  sideAwayFrom?(element: Element): PanelSide | null;
  /** Escape goes here first (the builder stops picking); true when it was handled. */
  beforeEscape?(): boolean;
}

export function createInspectStore(options: InspectStoreOptions) {
  return createStore<InspectState>()((set, get) => ({
    hovered: null,
    pinned: null,
    showAll: false,
    panelSide: 'right',
    preview: null,
    pageVersion: 0,
    hover: (element) => {
      if (get().hovered !== element) set({ hovered: element });
    },
    setPreview: (preview) => set({ preview }),
    pageChanged: () => set({ pageVersion: get().pageVersion + 1 }),
    pin: (element) => {
      const side = element && options.sideAwayFrom?.(element);
      set(side ? { pinned: element, panelSide: side } : { pinned: element });
    },
    toggleShowAll: () => set({ showAll: !get().showAll }),
    switchSide: () => set({ panelSide: get().panelSide === 'right' ? 'left' : 'right' }),
    navigate: (direction) => {
      const from = get().pinned ?? get().hovered;
      const to = from && navigateFrom(from, direction, options.highlightable);
      if (!to) return false;
      get().pin(to);
      return true;
    },
    escape: () => {
      if (options.beforeEscape?.()) return 'unpinned';
      if (get().pinned) {
        set({ pinned: null });
        return 'unpinned';
      }
      return 'close';
    },
  }));
}

export type InspectStore = ReturnType<typeof createInspectStore>;
