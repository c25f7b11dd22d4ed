import type { Page } from 'puppeteer-core';
import { waitUntil } from '../support/pageActions';
import type { InspectorPage } from './inspector';

/** What a heatmap label says about its element (its data attributes), and where it is drawn. */
export interface HeatLabel {
  chain: string;
  count: number;
  rank: number;
  rage: number;
  box: { x: number; y: number; width: number; height: number };
}

/**
 * Heatmap mode in the inspector overlay in Firefox, through puppeteer: the twin of
 * test/e2e/pages/heatmap.ts, reading the same test ids and data attributes.
 */
export class HeatmapPage {
  constructor(
    readonly page: Page,
    readonly inspector: InspectorPage,
  ) {}

  toggle(): Promise<void> {
    return this.inspector.click('inspector-heatmap');
  }

  /** The labels drawn now whose element's chain contains `chainPart`. */
  labels(chainPart: string): Promise<HeatLabel[]> {
    return this.page.evaluate((part) => {
      const host = document.querySelector('actionlens-inspector');
      return [...(host?.shadowRoot?.querySelectorAll<HTMLElement>('[data-testid="heatmap-label"]') ?? [])]
        .filter((label) => !label.hidden && (label.dataset.chain ?? '').includes(part))
        .map((label) => {
          const rect = label.getBoundingClientRect();
          return {
            chain: label.dataset.chain ?? '',
            count: Number(label.dataset.count),
            rank: Number(label.dataset.rank),
            rage: Number(label.dataset.rage),
            box: { x: rect.x, y: rect.y, width: rect.width, height: rect.height },
          };
        });
    }, chainPart);
  }

  /** Waits until the labels of `chainPart` say `expected` (one label, those fields). */
  async waitLabel(chainPart: string, expected: Partial<Omit<HeatLabel, 'box' | 'chain'>>): Promise<HeatLabel> {
    await waitUntil(
      this.page,
      ({ part, wanted }) => {
        const host = document.querySelector('actionlens-inspector');
        const labels = [...(host?.shadowRoot?.querySelectorAll<HTMLElement>('[data-testid="heatmap-label"]') ?? [])].filter(
          (label) => !label.hidden && (label.dataset.chain ?? '').includes(part),
        );
        return labels.length === 1 && Object.entries(wanted).every(([key, value]) => labels[0]!.dataset[key] === String(value));
      },
      { part: chainPart, wanted: expected },
      { what: `one label on ${chainPart} with ${JSON.stringify(expected)}` },
    );
    return (await this.labels(chainPart))[0]!;
  }

  /** The table's rows' counts, in the order shown. */
  rowCounts(): Promise<number[]> {
    return this.page.evaluate(() =>
      [...(document.querySelector('actionlens-inspector')?.shadowRoot?.querySelectorAll('[data-testid="heatmap-row"]') ?? [])].map((row) => Number(row.getAttribute('data-count'))),
    );
  }

  async waitRowCounts(expected: number[]): Promise<void> {
    await waitUntil(
      this.page,
      (wanted) =>
        JSON.stringify([...(document.querySelector('actionlens-inspector')?.shadowRoot?.querySelectorAll('[data-testid="heatmap-row"]') ?? [])].map((row) => Number(row.getAttribute('data-count')))) ===
        JSON.stringify(wanted),
      expected,
      { what: `table rows ${JSON.stringify(expected)}` },
    );
  }

  /** Clicks the table row whose element's chain contains `chainPart` (its count cell). */
  async clickRow(chainPart: string): Promise<void> {
    const cell = await this.page.evaluateHandle((part) => {
      const rows = [...(document.querySelector('actionlens-inspector')?.shadowRoot?.querySelectorAll<HTMLElement>('[data-testid="heatmap-row"]') ?? [])];
      return rows.find((row) => (row.dataset.chain ?? '').includes(part))?.querySelector('td.num') ?? null;
    }, chainPart);
    const element = cell.asElement();
    if (!element) throw new Error(`no table row for ${chainPart}`);
    await (element as import('puppeteer-core').ElementHandle<Element>).click();
  }
}
