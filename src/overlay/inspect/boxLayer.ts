import { isRendered } from '../../core/elements';
import type { PagePreview } from './inspectStore';
import { viewportRect, type Box } from './viewportRect';

export interface BoxFrame {
  hovered: Element | null;
  pinned: Element | null;
  /** Show all: every candidate, drawn on one canvas. */
  candidates: readonly Element[] | null;
  /** The action builder's preview, drawn on the same canvas above the candidates. */
  preview?: PagePreview | null;
}

/**
 * Candidates this close to the viewport count as on screen, so that a box scrolling in is drawn in
 * the frame it appears (intersection reports arrive after the frame they describe).
 */
const ON_SCREEN_MARGIN = '400px';

/**
 * Elements CSS selects beyond what the server counts are outlined up to this many: they need not
 * be candidates, so no observer watches them (a selector like `div` selects thousands).
 */
const MAX_CSS_ONLY = 400;

/**
 * The canvas sized to the top window's viewport at its device pixel ratio (resized only when that
 * changed), cleared, and drawing in CSS pixels; null without a 2D context.
 */
export function clearedViewportCanvas(canvas: HTMLCanvasElement, top: Window): CanvasRenderingContext2D | null {
  const width = top.innerWidth;
  const height = top.innerHeight;
  const ratio = top.devicePixelRatio || 1;
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
  }
  const context = canvas.getContext('2d');
  if (!context) return null;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  return context;
}

/**
 * Which of a list of elements are near the viewport, from an IntersectionObserver. It starts after
 * the first drawing is on screen: its first report costs the browser a look at every target in the
 * frame it is made, which would hold that first drawing back. Until it reports, every element counts.
 */
export class NearViewport {
  private observed: readonly Element[] | null = null;
  private observer: IntersectionObserver | null = null;
  private readonly onScreen = new Set<Element>();
  private reported = false;
  private startFrame = 0;
  private startTimer = 0;

  constructor(
    private readonly top: Window,
    private readonly onChange: () => void,
  ) {}

  /** The elements worth reading: all of them until the observer reported, then those near the viewport. */
  near(elements: readonly Element[]): Iterable<Element> {
    return this.nearSet(elements) ?? elements;
  }

  /** Whether the observer has reported: reads are limited to the elements near the viewport. */
  get hasReported(): boolean {
    return this.reported;
  }

  /** Those near the viewport, or null while the observer has not reported yet. */
  nearSet(elements: readonly Element[]): ReadonlySet<Element> | null {
    if (elements !== this.observed) {
      this.stop();
      this.observed = elements;
      this.startFrame = this.top.requestAnimationFrame(() => {
        this.startFrame = 0;
        this.startTimer = this.top.setTimeout(() => {
          this.startTimer = 0;
          if (this.observed === elements) this.observe(elements);
        });
      });
    }
    return this.reported ? this.onScreen : null;
  }

  private observe(elements: readonly Element[]): void {
    this.observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (entry.isIntersecting) this.onScreen.add(entry.target);
          else this.onScreen.delete(entry.target);
        }
        this.reported = true;
        this.onChange();
      },
      { rootMargin: ON_SCREEN_MARGIN },
    );
    for (const element of elements) this.observer.observe(element);
  }

  stop(): void {
    if (this.startFrame) this.top.cancelAnimationFrame(this.startFrame);
    if (this.startTimer) this.top.clearTimeout(this.startTimer);
    this.startFrame = 0;
    this.startTimer = 0;
    this.observer?.disconnect();
    this.observer = null;
    this.observed = null;
    this.onScreen.clear();
    this.reported = false;
  }
}

/**
 * The highlight boxes, drawn without React: the hovered and the pinned element each get one
 * absolutely positioned box moved by a transform, and "Show all" strokes every candidate on a
 * single canvas (thousands of elements would be thousands of nodes otherwise).
 *
 * Show all reads every candidate's box until an IntersectionObserver, started once the first
 * drawing is on screen, tells which are near the viewport; a re-layout (scroll, resize) then reads
 * only those.
 */
export class BoxLayer {
  readonly root: HTMLDivElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly hover: { box: HTMLDivElement; label: HTMLSpanElement };
  private readonly pin: { box: HTMLDivElement; label: HTMLSpanElement };
  private readonly showAll: NearViewport;
  private readonly previewWatch: NearViewport;

  /** `onScreenChange`: the set of candidates near the viewport changed; draw again. */
  constructor(
    private readonly doc: Document,
    private readonly top: Window,
    onScreenChange: () => void = () => {},
  ) {
    this.root = doc.createElement('div');
    this.root.className = 'boxes';
    this.canvas = doc.createElement('canvas');
    this.canvas.className = 'all-boxes';
    this.canvas.dataset.testid = 'inspector-all-boxes';
    this.hover = this.createBox('hover-box', 'inspector-hover-box');
    this.pin = this.createBox('pin-box', 'inspector-pin-box');
    this.root.append(this.canvas, this.pin.box, this.hover.box);
    this.showAll = new NearViewport(top, onScreenChange);
    this.previewWatch = new NearViewport(top, onScreenChange);
  }

  private createBox(className: string, testId: string) {
    const box = this.doc.createElement('div');
    box.className = `box ${className}`;
    box.dataset.testid = testId;
    box.hidden = true;
    const label = this.doc.createElement('span');
    label.className = 'box-label';
    box.append(label);
    return { box, label };
  }

  /**
   * Reads every box first, then writes: a style write between two `getBoundingClientRect` calls
   * would make the browser lay out the whole page again for the second one.
   */
  draw(frame: BoxFrame): void {
    const pinned = this.measure(frame.pinned);
    const hovered = this.measure(frame.hovered === frame.pinned ? null : frame.hovered);
    const all = frame.candidates && this.measureAll(this.showAll.near(frame.candidates));
    if (!frame.candidates) this.showAll.stop();
    let preview: { server: Box[]; cssOnly: Box[] } | null = null;
    if (frame.preview) {
      // Only the matches near the viewport are read, once the page's candidates are watched.
      const near = this.previewWatch.nearSet(frame.preview.universe);
      const keep = (elements: readonly Element[]) => (near ? elements.filter((element) => near.has(element)) : elements);
      preview = { server: this.measureAll(keep(frame.preview.server)), cssOnly: this.measureAll(frame.preview.cssOnly.slice(0, MAX_CSS_ONLY)) };
    } else {
      this.previewWatch.stop();
    }
    this.place(this.pin, pinned);
    this.place(this.hover, hovered);
    this.drawAll(all, preview);
  }

  private measure(element: Element | null): { element: Element; box: Box } | null {
    if (!element?.isConnected) return null;
    const box = viewportRect(element, this.top);
    return box.width === 0 || box.height === 0 ? null : { element, box };
  }

  /** Flashes the pin box (a row of the heatmap's table took the user to its element). */
  flashPin(): void {
    const box = this.pin.box;
    box.classList.remove('flash');
    // Read between the two writes, so that the animation starts again when it is already running.
    void box.offsetWidth;
    box.classList.add('flash');
  }

  /** Stops watching the page (the inspector closing). */
  dispose(): void {
    this.showAll.stop();
    this.previewWatch.stop();
  }

  /**
   * The candidates' boxes that are on screen and not `visibility: hidden` (`display: none` leaves no
   * box). Visibility is asked only of the few on screen: asking all of a large page's candidates
   * costs as much as reading their boxes.
   */
  private measureAll(candidates: Iterable<Element>): Box[] {
    const width = this.top.innerWidth;
    const height = this.top.innerHeight;
    const boxes: Box[] = [];
    for (const element of candidates) {
      const box = viewportRect(element, this.top);
      if (box.width === 0 || box.height === 0 || box.x > width || box.y > height || box.x + box.width < 0 || box.y + box.height < 0) continue;
      if (isRendered(element)) boxes.push(box);
    }
    return boxes;
  }

  private place(target: { box: HTMLDivElement; label: HTMLSpanElement }, measured: { element: Element; box: Box } | null): void {
    if (!measured) {
      target.box.hidden = true;
      return;
    }
    const { element, box } = measured;
    target.box.hidden = false;
    target.box.style.transform = `translate(${box.x}px, ${box.y}px)`;
    target.box.style.width = `${box.width}px`;
    target.box.style.height = `${box.height}px`;
    // React is not involved: textContent, never markup, for anything read from the page.
    target.label.textContent = describeBox(element, box);
    target.label.classList.toggle('below', box.y < 20);
  }

  private drawAll(boxes: Box[] | null, preview: { server: Box[]; cssOnly: Box[] } | null): void {
    const canvas = this.canvas;
    if (!boxes && !preview) {
      canvas.hidden = true;
      return;
    }
    canvas.hidden = false;
    const context = clearedViewportCanvas(canvas, this.top);
    if (!context) return;
    // One path per style: a single fill and a single stroke, however many boxes.
    const stroke = (list: Box[], fill: string | null, line: string, lineWidth: number, dash: number[] = []) => {
      context.beginPath();
      for (const box of list) context.rect(box.x + lineWidth / 2, box.y + lineWidth / 2, box.width - lineWidth, box.height - lineWidth);
      if (fill) {
        context.fillStyle = fill;
        context.fill();
      }
      context.setLineDash(dash);
      context.strokeStyle = line;
      context.lineWidth = lineWidth;
      context.stroke();
    };
    if (boxes) stroke(boxes, 'rgba(29, 74, 255, 0.08)', 'rgba(29, 74, 255, 0.85)', 1);
    if (preview) {
      stroke(preview.cssOnly, null, 'rgba(232, 89, 12, 0.95)', 2, [5, 3]);
      stroke(preview.server, 'rgba(15, 160, 80, 0.16)', 'rgba(15, 140, 70, 0.95)', 2);
    }
    canvas.dataset.drawn = String(boxes?.length ?? 0);
    canvas.dataset.previewDrawn = String(preview?.server.length ?? 0);
    canvas.dataset.previewCssOnlyDrawn = String(preview?.cssOnly.length ?? 0);
  }
}

function describeBox(element: Element, box: Box): string {
  return `${element.localName} ${Math.round(box.width)}×${Math.round(box.height)}`;
}
