import { createStore } from 'zustand/vanilla';
import { CLICK_KINDS, type ClickKind, type ClickMap, type ClickStatsRow } from '../../core/heatmap/clickStats';
import type { ClickStats } from '../../messaging/protocol';
import { DEFAULT_SORT, nextSort, type SortColumn, type SortOrder } from './clickTable';
import type { StatsRange } from './statsQuery';

/** What the heatmap asks for: the background's `stats.get` request. */
export interface StatsQuery {
  pattern: string;
  range: StatsRange;
  include: ClickKind[];
}

/** The background's `stats.get` answer. */
export type StatsAnswer = ClickStats;

/** The rows in use and where they came from: the answer's, or the tab's own when the project failed. */
export interface StatsData {
  rows: readonly ClickStatsRow[];
  source: 'project' | 'tab';
  projectId: number | null;
  fetchedAt: number | null;
  truncated: boolean;
  /** The project's problem when these are the fallback rows. */
  problem: string | null;
  /** The query these rows answer. */
  query: StatsQuery;
}

/**
 * The heatmap's state in the overlay. Rules: stats are fetched when `wanted` (the mode is on, or
 * the element panel asked) and the query or the refresh count changed since the last fetch — the
 * wiring (wireHeatmap) does that, the store only records; `map` is the rows mapped onto the page
 * as it is now, recomputed by the wiring when the page changes; the pattern field commits on
 * Enter, blur or Refresh, never per keystroke.
 */
export interface HeatmapState {
  /** Heatmap mode: the page tinted, the panel's heatmap section shown. */
  on: boolean;
  view: 'page' | 'table';
  /** Stats are wanted (mode on, or loaded for the element panel). */
  wanted: boolean;
  query: StatsQuery;
  /** Bumped by Refresh: fetch again even for the same query. */
  refreshes: number;
  loading: boolean;
  /** The last fetch failed with nothing to fall back to. */
  problem: string | null;
  data: StatsData | null;
  map: ClickMap | null;
  sort: SortOrder;
  toggle(): void;
  setView(view: 'page' | 'table'): void;
  /** Loads stats without switching the mode on (the element panel's button). */
  want(): void;
  setPattern(pattern: string): void;
  setRange(range: StatsRange): void;
  setInclude(kind: ClickKind, on: boolean): void;
  refresh(): void;
  sortBy(column: SortColumn): void;
  loadStarted(): void;
  loadFinished(query: StatsQuery, answer: StatsAnswer): void;
  loadFailed(problem: string): void;
  setMap(map: ClickMap | null): void;
}

export function createHeatmapStore(pattern: string) {
  return createStore<HeatmapState>()((set, get) => ({
    on: false,
    view: 'page',
    wanted: false,
    query: { pattern, range: { preset: '7d' }, include: [...CLICK_KINDS] },
    refreshes: 0,
    loading: false,
    problem: null,
    data: null,
    map: null,
    sort: DEFAULT_SORT,
    toggle: () => set(get().on ? { on: false } : { on: true, wanted: true }),
    setView: (view) => set({ view }),
    want: () => set({ wanted: true }),
    setPattern: (next) => {
      const trimmed = next.trim();
      if (trimmed && trimmed !== get().query.pattern) set({ query: { ...get().query, pattern: trimmed } });
    },
    setRange: (range) => set({ query: { ...get().query, range } }),
    setInclude: (kind, on) => {
      const include = CLICK_KINDS.filter((candidate) => (candidate === kind ? on : get().query.include.includes(candidate)));
      set({ query: { ...get().query, include } });
    },
    refresh: () => set({ refreshes: get().refreshes + 1, wanted: true }),
    sortBy: (column) => set({ sort: nextSort(get().sort, column) }),
    loadStarted: () => set({ loading: true }),
    loadFinished: (query, answer) => {
      if (answer.state === 'ok') {
        set({
          loading: false,
          problem: null,
          data: { rows: answer.rows, source: answer.source, projectId: answer.projectId ?? null, fetchedAt: answer.fetchedAt, truncated: answer.truncated, problem: null, query },
        });
      } else if (answer.fallback) {
        set({
          loading: false,
          problem: null,
          data: { rows: answer.fallback.rows, source: 'tab', projectId: null, fetchedAt: answer.fallback.fetchedAt, truncated: false, problem: answer.problem, query },
        });
      } else {
        set({ loading: false, problem: answer.problem, data: null, map: null });
      }
    },
    loadFailed: (problem) => set({ loading: false, problem, data: null, map: null }),
    setMap: (map) => set({ map }),
  }));
}

export type HeatmapStore = ReturnType<typeof createHeatmapStore>;
