import { expect, type Locator } from '@playwright/test';
import type { InspectorPage } from './inspector';

/** What a heatmap label says about its element (its data attributes). */
export interface HeatLabel {
  chain: string;
  count: number;
  rank: number;
  rage: number;
  dead: number;
  quality: string;
  box: { x: number; y: number; width: number; height: number };
}

export type SortColumn = 'element' | 'clicks' | 'share' | 'rage' | 'dead' | 'quality' | 'actions';

/** Heatmap mode in the inspector overlay: a change to its markup touches this file only. */
export class HeatmapPage {
  constructor(readonly inspector: InspectorPage) {}

  host(): Locator {
    return this.inspector.host();
  }
  toggle(): Promise<void> {
    return this.host().getByTestId('inspector-heatmap').click();
  }
  panel(): Locator {
    return this.host().getByTestId('heatmap-panel');
  }
  source(): Locator {
    return this.host().getByTestId('heatmap-source');
  }
  summary(): Locator {
    return this.host().getByTestId('heatmap-summary');
  }
  canvas(): Locator {
    return this.host().getByTestId('heatmap-canvas');
  }
  pattern(): Locator {
    return this.host().getByTestId('heatmap-pattern');
  }
  patternHint(): Locator {
    return this.host().getByTestId('heatmap-pattern-hint');
  }
  unmatched(): Locator {
    return this.host().getByTestId('heatmap-unmatched');
  }
  include(kind: 'autocapture' | 'rageclick' | 'dead_click'): Locator {
    return this.host().getByTestId(`heatmap-include-${kind}`);
  }
  table(): Locator {
    return this.host().getByTestId('heatmap-table');
  }
  rows(): Locator {
    return this.host().getByTestId('heatmap-row');
  }
  /** The table's row whose element's chain contains `chainPart`. */
  row(chainPart: string): Locator {
    return this.rows().and(this.host().locator(`[data-chain*='${chainPart}']`));
  }
  async showTable(): Promise<void> {
    await this.host().getByTestId('heatmap-view-table').click();
    await expect(this.table()).toBeVisible();
  }
  async sortBy(column: SortColumn): Promise<void> {
    await this.host().getByTestId(`heatmap-sort-${column}`).click();
  }
  /** The element panel's clicks section (for the pinned element). */
  panelClicks(): Locator {
    return this.host().getByTestId('panel-clicks');
  }

  /** The labels drawn now, with their boxes. */
  async labels(): Promise<HeatLabel[]> {
    return this.host().evaluate((host) =>
      [...(host.shadowRoot?.querySelectorAll<HTMLElement>('[data-testid="heatmap-label"]') ?? [])]
        .filter((label) => !label.hidden)
        .map((label) => {
          const rect = label.getBoundingClientRect();
          return {
            chain: label.dataset.chain ?? '',
            count: Number(label.dataset.count),
            rank: Number(label.dataset.rank),
            rage: Number(label.dataset.rage),
            dead: Number(label.dataset.dead),
            quality: label.dataset.quality ?? '',
            box: { x: rect.x, y: rect.y, width: rect.width, height: rect.height },
          };
        }),
    );
  }

  /** The labels whose element's chain contains `chainPart`, polled until `check` holds for them. */
  async waitLabels(chainPart: string, check: (labels: HeatLabel[]) => boolean, message: string): Promise<HeatLabel[]> {
    let found: HeatLabel[] = [];
    await expect
      .poll(
        async () => {
          found = (await this.labels()).filter((label) => label.chain.includes(chainPart));
          return check(found);
        },
        { timeout: 15_000, message },
      )
      .toBe(true);
    return found;
  }
}
