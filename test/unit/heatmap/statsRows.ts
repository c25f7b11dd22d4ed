import { type ChainElement, parseElementsChain } from '../../../src/core/elements';
import type { ClickStatsRow } from '../../../src/core/heatmap';

/** The elements the element stats endpoint answers for a chain, through JSON as they arrive. */
export function served(chain: string): ChainElement[] {
  return JSON.parse(JSON.stringify(parseElementsChain(chain))) as ChainElement[];
}

/** A stats row for a chain, as the endpoint serves it. */
export function row(chain: string, count: number, type = '$autocapture'): ClickStatsRow {
  return { count, type, elements: served(chain) };
}

/** A stats row for a chain with one of its elements changed (0 = the clicked one), as if recorded before the page changed. */
export function changedRow(chain: string, level: number, change: Partial<ChainElement>, count: number, type = '$autocapture'): ClickStatsRow {
  const elements = served(chain);
  elements[level] = { ...elements[level]!, ...change };
  return { count, type, elements };
}
