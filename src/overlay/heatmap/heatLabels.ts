import type { ElementClicks, NearMissReason } from '../../core/heatmap/clickStats';
import type { Box } from '../inspect/viewportRect';

/**
 * What each clicked element's label says, and where labels go so that they do not cover each
 * other: placed greedily, most clicked first, each at the first free spot of a few around its
 * element's top-left corner; a label with no free spot is left out (its element is still tinted,
 * and the table lists it).
 */

export interface LabelParts {
  /** `#1 · 42`, `≈ #3 · 7` for a near-miss match. */
  main: string;
  /** `rage 3`, `dead 2`, `×3` (elements alike): null when there are none. */
  rage: string | null;
  dead: string | null;
  twins: string | null;
  /** The whole story, for the label's title and accessible name. */
  title: string;
}

export const NEAR_REASON_TEXT: Record<NearMissReason, string> = {
  text: 'its text changed',
  'nth-child': 'its position (nth-child) changed',
  'nth-of-type': 'its position among its type (nth-of-type) changed',
  href: 'its link changed',
  class: 'its classes changed',
  attributes: 'its attributes changed',
};

export function labelParts(clicks: ElementClicks): LabelParts {
  const near = clicks.quality === 'near';
  const main = `${near ? '≈ ' : ''}#${clicks.rank} · ${clicks.clicks}`;
  const rage = clicks.rageClicks > 0 ? `rage ${clicks.rageClicks}` : null;
  const dead = clicks.deadClicks > 0 ? `dead ${clicks.deadClicks}` : null;
  const twins = clicks.twins > 0 ? `×${clicks.twins + 1}` : null;
  const sentences = [`Rank ${clicks.rank}: ${plural(clicks.clicks, 'click')}`];
  if (clicks.rageClicks > 0) sentences.push(plural(clicks.rageClicks, 'rage click'));
  if (clicks.deadClicks > 0) sentences.push(plural(clicks.deadClicks, 'dead click'));
  let title = sentences.join(', ');
  if (near) title += `. ${nearMissSentence(clicks)}`;
  if (clicks.twins > 0) title += `. ${twinsSentence(clicks.twins)}`;
  return { main, rage, dead, twins, title };
}

/** "Matched tolerantly (its text changed): 5 of 7 clicks." */
export function nearMissSentence(clicks: Pick<ElementClicks, 'nearReasons' | 'nearClicks' | 'exactClicks'>): string {
  const reasons = clicks.nearReasons.map((reason) => NEAR_REASON_TEXT[reason]).join(', ');
  const total = clicks.nearClicks + clicks.exactClicks;
  return `Matched tolerantly${reasons ? ` (${reasons} since)` : ''}: ${clicks.nearClicks} of ${plural(total, 'click')}`;
}

export function twinsSentence(twins: number): string {
  return `${twins + 1} elements record the very same chain: the server cannot tell their clicks apart, and each shows them all`;
}

export const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** The label's size, estimated without asking the page (11 px monospace, chips with gaps and padding). */
export const LABEL_HEIGHT = 18;
const CHAR_WIDTH = 6.7;
const CHIP_PADDING = 10;
const CHIP_GAP = 3;

export function labelWidth(parts: LabelParts): number {
  let width = 0;
  for (const text of [parts.main, parts.rage, parts.dead, parts.twins]) {
    if (text === null) continue;
    width += (width > 0 ? CHIP_GAP : 0) + text.length * CHAR_WIDTH + CHIP_PADDING;
  }
  return Math.ceil(width);
}

export interface LabelPoint {
  x: number;
  y: number;
}

const GAP = 2;
const CELL = 64;
/** How far right the second spot above an element is: past a label of the inspector's (about 110 px). */
const SHIFT = 112;

/**
 * Positions for labels of `width` over boxes, in order of priority (most clicked first): above the
 * box's top-left corner, above it further right, below it, or inside it, whichever is first free
 * and in the viewport; null when none is.
 */
export function placeLabels(
  items: ReadonlyArray<{ box: Box; width: number }>,
  viewport: { width: number; height: number },
  /** Rectangles already taken (the inspector's own box labels), LABEL_HEIGHT high. */
  taken: ReadonlyArray<{ x: number; y: number; width: number }> = [],
): Array<LabelPoint | null> {
  const grid = new Map<number, Array<{ x: number; y: number; width: number }>>();
  const cells = (x: number, y: number, width: number) => {
    const keys: number[] = [];
    for (let cx = Math.floor(x / CELL); cx <= Math.floor((x + width) / CELL); cx++) {
      for (let cy = Math.floor(y / CELL); cy <= Math.floor((y + LABEL_HEIGHT) / CELL); cy++) keys.push(cx * 100_003 + cy);
    }
    return keys;
  };
  const free = (x: number, y: number, width: number) => {
    for (const key of cells(x, y, width)) {
      for (const other of grid.get(key) ?? []) {
        if (x < other.x + other.width + GAP && other.x < x + width + GAP && y < other.y + LABEL_HEIGHT + 1 && other.y < y + LABEL_HEIGHT + 1) return false;
      }
    }
    return true;
  };
  const occupy = (placed: { x: number; y: number; width: number }) => {
    for (const key of cells(placed.x, placed.y, placed.width)) {
      const list = grid.get(key);
      if (list) list.push(placed);
      else grid.set(key, [placed]);
    }
  };
  for (const rect of taken) occupy(rect);
  return items.map(({ box, width }) => {
    const clamp = (x: number) => Math.max(0, Math.min(x, viewport.width - width));
    const x = clamp(box.x);
    const above = box.y - LABEL_HEIGHT - GAP;
    // Above the corner; above but further right (past the inspector's own label, or a neighbour's);
    // below; inside last, where the label covers what the element says.
    const spots: Array<[number, number]> = [
      [x, above],
      [clamp(box.x + SHIFT), above],
      [x, box.y + box.height + GAP],
      [x, box.y + GAP],
    ];
    for (const [sx, y] of spots) {
      if (y < 0 || y + LABEL_HEIGHT > viewport.height) continue;
      if (!free(sx, y, width)) continue;
      occupy({ x: sx, y, width });
      return { x: sx, y };
    }
    return null;
  });
}
