import { isRendered } from '../../core/elements';
import type { ClickMap, ElementClicks } from '../../core/heatmap/clickStats';
import { clearedViewportCanvas, NearViewport } from '../inspect/boxLayer';
import type { Box } from '../inspect/viewportRect';
import { viewportRect } from '../inspect/viewportRect';
import { LABEL_HEIGHT, type LabelParts, labelParts, labelWidth, placeLabels } from './heatLabels';
import { DEAD_COLOUR, HEAT_COLOURS, heatLevel, RAGE_COLOUR } from './heatScale';

/** Room kept for the inspector's own box label (`button 82×30`). */
const OUTLINE_LABEL_WIDTH = 110;

/** Labels drawn at most at once, the most clicked first. */
export const MAX_LABELS = 150;

/** One clicked element as drawn: its colour step and label, computed once per map. */
export interface HeatSpot {
  clicks: ElementClicks;
  level: number;
  label: LabelParts;
  labelWidth: number;
}

export function heatSpots(map: ClickMap): HeatSpot[] {
  const maxShare = map.elements.reduce((max, element) => Math.max(max, element.share), 0);
  return map.elements.map((clicks) => {
    const label = labelParts(clicks);
    return { clicks, level: heatLevel(clicks.share, maxShare), label, labelWidth: labelWidth(label) };
  });
}

/** A frame's measurement: the spots on screen with their boxes. */
interface Measured {
  spot: HeatSpot;
  box: Box;
}

interface LabelNode {
  root: HTMLDivElement;
  main: HTMLSpanElement;
  rage: HTMLSpanElement;
  dead: HTMLSpanElement;
  twins: HTMLSpanElement;
  spot: HeatSpot | null;
}

/**
 * The heatmap on the page, drawn without React as the inspector's boxes are: every clicked
 * element's tint and marks on one canvas (one path per colour step), and a pool of label nodes
 * moved by transforms. Drawing is split in two so that the controller can read every layer's boxes
 * before any layer writes (a write between two reads makes the browser lay the page out again):
 * `read` measures the spots near the viewport, `write` paints them.
 */
export class HeatmapLayer {
  readonly root: HTMLDivElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly labels: HTMLDivElement;
  private readonly pool: LabelNode[] = [];
  private readonly near: NearViewport;
  private spots: HeatSpot[] = [];
  private elements: Element[] = [];
  private bySpot = new Map<Element, HeatSpot>();
  private measured: Measured[] | null = null;
  private taken: Array<{ x: number; y: number; width: number }> = [];
  private shown = false;

  /**
   * `outlined`: the elements the inspector outlines now (hovered, pinned), whose box labels sit
   * above their top-left corner: heat labels keep out of those spots.
   */
  constructor(
    private readonly doc: Document,
    private readonly top: Window,
    onScreenChange: () => void = () => {},
    private readonly outlined: () => ReadonlyArray<Element | null> = () => [],
  ) {
    this.root = doc.createElement('div');
    this.root.className = 'heatmap-layer';
    this.root.dataset.testid = 'heatmap-layer';
    this.root.hidden = true;
    this.canvas = doc.createElement('canvas');
    this.canvas.className = 'heatmap-canvas';
    this.canvas.dataset.testid = 'heatmap-canvas';
    this.labels = doc.createElement('div');
    this.labels.className = 'heatmap-labels';
    this.root.append(this.canvas, this.labels);
    this.near = new NearViewport(top, onScreenChange);
  }

  /** The map to draw (null: nothing). The spots are computed here once, not per frame. */
  setMap(map: ClickMap | null): void {
    this.spots = map ? heatSpots(map) : [];
    this.elements = this.spots.map((spot) => spot.clicks.element);
    this.bySpot = new Map(this.spots.map((spot) => [spot.clicks.element, spot]));
    this.shown = map !== null;
    if (!map) this.near.stop();
  }

  /** Whether reads are down to the spots near the viewport (the observer reported since `setMap`). */
  observing(): boolean {
    return this.near.hasReported;
  }

  /** Reads the boxes of the spots near the viewport (all of them until the observer reported). */
  read(): void {
    if (!this.shown) {
      this.measured = null;
      return;
    }
    const width = this.top.innerWidth;
    const height = this.top.innerHeight;
    const measured: Measured[] = [];
    const near = this.near.nearSet(this.elements);
    const candidates = near ? this.elements.filter((element) => near.has(element)) : this.elements;
    for (const element of candidates) {
      if (!element.isConnected) continue;
      const box = viewportRect(element, this.top);
      if (box.width === 0 || box.height === 0 || box.x > width || box.y > height || box.x + box.width < 0 || box.y + box.height < 0) continue;
      if (isRendered(element)) measured.push({ spot: this.bySpot.get(element)!, box });
    }
    this.measured = measured;
    this.taken = [];
    for (const element of this.outlined()) {
      if (!element?.isConnected) continue;
      const box = viewportRect(element, this.top);
      // The inspector's label: `button 82×30`, 11 px monospace, above the box (inside near the top).
      this.taken.push({ x: box.x - 2, y: box.y < 20 ? box.y + box.height : box.y - LABEL_HEIGHT - 2, width: OUTLINE_LABEL_WIDTH });
    }
  }

  /** Paints what `read` measured. */
  write(): void {
    const measured = this.measured;
    if (!measured) {
      this.root.hidden = true;
      return;
    }
    this.root.hidden = false;
    this.paintCanvas(measured);
    this.placeLabels(measured);
  }

  private paintCanvas(measured: Measured[]): void {
    const canvas = this.canvas;
    const context = clearedViewportCanvas(canvas, this.top);
    if (!context) return;
    const path = (boxes: Box[], inset: number) => {
      context.beginPath();
      for (const box of boxes) context.rect(box.x + inset, box.y + inset, box.width - 2 * inset, box.height - 2 * inset);
    };
    // Cool steps first, so that a hot element nested in a cool one is painted over it.
    for (let level = 0; level < HEAT_COLOURS.length; level++) {
      const colour = HEAT_COLOURS[level]!;
      const exact: Box[] = [];
      const near: Box[] = [];
      for (const { spot, box } of measured) if (spot.level === level) (spot.clicks.quality === 'near' ? near : exact).push(box);
      if (exact.length === 0 && near.length === 0) continue;
      context.fillStyle = colour.fill;
      context.strokeStyle = colour.line;
      context.lineWidth = 1.5;
      path(exact, 0.75);
      context.fill();
      context.setLineDash([]);
      context.stroke();
      // Near misses: the same tint, a dashed outline (the label says ≈).
      path(near, 0.75);
      context.fill();
      context.setLineDash([5, 3]);
      context.stroke();
    }
    const rage = measured.filter(({ spot }) => spot.clicks.rageClicks > 0).map(({ box }) => box);
    const dead = measured.filter(({ spot }) => spot.clicks.deadClicks > 0).map(({ box }) => box);
    context.lineWidth = 2;
    context.setLineDash([]);
    context.strokeStyle = RAGE_COLOUR;
    path(rage, -2);
    context.stroke();
    context.setLineDash([2, 3]);
    context.strokeStyle = DEAD_COLOUR;
    path(dead, rage.length > 0 ? -5 : -2);
    context.stroke();
    canvas.dataset.drawn = String(measured.length);
    canvas.dataset.rage = String(rage.length);
    canvas.dataset.dead = String(dead.length);
  }

  private placeLabels(measured: Measured[]): void {
    const viewport = { width: this.top.innerWidth, height: this.top.innerHeight };
    // The most clicked first (the map's order): past MAX_LABELS on one screen a label helps nobody,
    // and their tints still show where the clicks are.
    const labelled = measured.slice(0, MAX_LABELS);
    const points = placeLabels(
      labelled.map(({ spot, box }) => ({ box, width: spot.labelWidth })),
      viewport,
      this.taken,
    );
    const placed = new Map<HeatSpot, { x: number; y: number }>();
    labelled.forEach(({ spot }, at) => {
      const point = points[at];
      if (point) placed.set(spot, point);
    });
    // A spot keeps its node while it stays on screen: scrolling moves labels, it does not rewrite
    // them (a label's data carries the element's whole chain).
    const free: LabelNode[] = [];
    for (const node of this.pool) if (!node.spot || !placed.has(node.spot)) free.push(node);
    const nodeOf = new Map<HeatSpot, LabelNode>();
    for (const node of this.pool) if (node.spot && placed.has(node.spot)) nodeOf.set(node.spot, node);
    for (const [spot, point] of placed) {
      let node = nodeOf.get(spot);
      if (!node) {
        node = free.pop() ?? this.createLabel();
        this.fill(node, spot);
      }
      if (node.root.hidden) node.root.hidden = false;
      node.root.style.transform = `translate(${Math.round(point.x)}px, ${Math.round(point.y)}px)`;
    }
    for (const node of free) {
      if (!node.root.hidden) node.root.hidden = true;
    }
    this.labels.dataset.shown = String(placed.size);
  }

  private createLabel(): LabelNode {
    const root = this.doc.createElement('div');
    root.className = 'heat-label';
    root.dataset.testid = 'heatmap-label';
    root.style.height = `${LABEL_HEIGHT}px`;
    const span = (className: string) => {
      const node = this.doc.createElement('span');
      node.className = className;
      root.append(node);
      return node;
    };
    const node: LabelNode = { root, main: span('heat-main'), rage: span('heat-chip rage'), dead: span('heat-chip dead'), twins: span('heat-chip twins'), spot: null };
    this.labels.append(root);
    this.pool.push(node);
    return node;
  }

  /** Writes a spot into a label node, only when the node shows another spot than last frame. */
  private fill(node: LabelNode, spot: HeatSpot): void {
    if (node.spot === spot) return;
    node.spot = spot;
    const { clicks, label } = spot;
    // textContent, never markup: chains carry the page's text.
    node.main.textContent = label.main;
    for (const [chip, text] of [
      [node.rage, label.rage],
      [node.dead, label.dead],
      [node.twins, label.twins],
    ] as const) {
      chip.hidden = text === null;
      chip.textContent = text ?? '';
    }
    node.root.title = label.title;
    node.root.className = `heat-label level-${spot.level}${clicks.quality === 'near' ? ' near' : ''}`;
    const data = node.root.dataset;
    data.rank = String(clicks.rank);
    data.count = String(clicks.clicks);
    data.rage = String(clicks.rageClicks);
    data.dead = String(clicks.deadClicks);
    data.quality = clicks.quality;
    data.twins = String(clicks.twins);
    data.chain = clicks.chain;
  }

  dispose(): void {
    this.near.stop();
  }
}
