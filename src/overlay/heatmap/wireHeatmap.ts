import type { CandidateIndex } from '../../core/elements';
import { mapClickStats, urlMatchesPattern } from '../../core/heatmap';
import { sendMessage } from '../../messaging/sendMessage';
import type { InspectStore } from '../inspect/inspectStore';
import type { HeatmapLayer } from './heatmapLayer';
import type { HeatmapStore } from './heatmapStore';

export interface HeatmapServices {
  /** Takes the user to an element: scrolled into view, pinned, flashed. */
  reveal(element: Element): void;
  /** Whether this page's URL fits the pattern (null: the pattern is not valid). */
  matchesThisPage(pattern: string): boolean | null;
  /** The page's URL now, for the actions column (an SPA navigation changes it). */
  pageUrl(): string;
}

export interface HeatmapWiringOptions {
  heatmap: HeatmapStore;
  inspect: InspectStore;
  layer: HeatmapLayer;
  candidateIndex(): CandidateIndex;
  relayout(): void;
  flashPin(): void;
}

/**
 * The heatmap's links to the background and the page: stats are fetched through the background
 * (which holds the key and caches), mapped onto the page's candidates by their elements chains,
 * mapped again when the page changes (the inspect store's `pageVersion`), and handed to the layer.
 */
export function wireHeatmap({ heatmap, inspect, layer, candidateIndex, relayout, flashPin }: HeatmapWiringOptions) {
  let fetched: { query: unknown; refreshes: number } | null = null;
  let sequence = 0;

  const fetchIfDue = () => {
    const { wanted, query, refreshes } = heatmap.getState();
    if (!wanted || (fetched?.query === query && fetched.refreshes === refreshes)) return;
    // The same query again means Refresh: past the background's cache.
    const refresh = fetched?.query === query;
    fetched = { query, refreshes };
    const mine = ++sequence;
    heatmap.getState().loadStarted();
    sendMessage('stats.get', { ...query, refresh }).then(
      (answer) => {
        if (mine === sequence) heatmap.getState().loadFinished(query, answer);
      },
      (error: unknown) => {
        if (mine === sequence) heatmap.getState().loadFailed(error instanceof Error ? error.message : String(error));
      },
    );
  };

  const remap = () => {
    const { data } = heatmap.getState();
    heatmap.getState().setMap(data ? mapClickStats(candidateIndex(), data.rows) : null);
  };

  const unsubscribeHeatmap = heatmap.subscribe((state, previous) => {
    if (state.wanted !== previous.wanted || state.query !== previous.query || state.refreshes !== previous.refreshes) fetchIfDue();
    if (state.data !== previous.data) remap();
    if (state.map !== previous.map || state.on !== previous.on) {
      const { on, map } = heatmap.getState();
      layer.setMap(on ? map : null);
      relayout();
    }
  });
  const unsubscribeInspect = inspect.subscribe((state, previous) => {
    if (state.pageVersion !== previous.pageVersion && heatmap.getState().data) remap();
  });

  const services: HeatmapServices = {
    reveal(element) {
      element.scrollIntoView({ block: 'center', inline: 'nearest' });
      inspect.getState().pin(element);
      flashPin();
    },
    matchesThisPage(pattern) {
      try {
        return urlMatchesPattern(location.href, pattern);
      } catch {
        return null;
      }
    },
    pageUrl: () => location.href,
  };

  return {
    services,
    stop() {
      unsubscribeHeatmap();
      unsubscribeInspect();
      layer.dispose();
    },
  };
}
