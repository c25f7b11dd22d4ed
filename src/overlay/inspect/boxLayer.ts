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
  private observed: readonly Element[] | null = null;
  private observer: IntersectionObserver | null = null;
  private readonly onScreen = new Set<Element>();
  private reported = false;
  private observeStart = 0;
  private observeTimer = 0;

  /** `onScreenChange`: the set of candidates near the viewport changed; draw again. */
  constructor(
    private readonly doc: Document,
    private readonly top: Window,
    private readonly onScreenChange: () => void = () => {},
  ) {
    this.root = doc.createElement('div');
    this.root.className = 'boxes';
    this.canvas = doc.createElement('canvas');
    this.canvas.className = 'all-boxes';
    this.canvas.dataset.testid = 'inspector-all-boxes';
    this.hover = this.createBox('hover-box', 'inspector-hover-box');
    this.pin = this.createBox('pin-box', 'inspector-pin-box');
    this.root.append(this.canvas, this.pin.box, this.hover.box);
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
    const all = frame.candidates && this.measureAll(this.nearViewport(frame.candidates));
    if (!frame.candidates && this.observed) this.stopObserving();
    const preview = frame.preview ? { server: this.measureAll(frame.preview.server), cssOnly: this.measureAll(frame.preview.cssOnly) } : null;
    this.place(this.pin, pinned);
    this.place(this.hover, hovered);
    this.drawAll(all, preview);
  }

  private measure(element: Element | null): { element: Element; box: Box } | null {
    if (!element?.isConnected) return null;
    const box = viewportRect(element, this.top);
    return box.width === 0 || box.height === 0 ? null : { element, box };
  }

  /**
   * The candidates worth reading: all of them until the observer has reported, then those near the
   * viewport. The observer starts after the first drawing is on screen: its first report costs the
   * browser a look at every target in the frame it is made, which would hold that first drawing back.
   */
  private nearViewport(candidates: readonly Element[]): Iterable<Element> {
    if (candidates !== this.observed) {
      this.stopObserving();
      this.observed = candidates;
      this.observeStart = this.top.requestAnimationFrame(() => {
        this.observeStart = 0;
        this.observeTimer = this.top.setTimeout(() => {
          this.observeTimer = 0;
          if (this.observed === candidates) this.observe(candidates);
        });
      });
    }
    return this.reported ? this.onScreen : candidates;
  }

  private observe(candidates: readonly Element[]): void {
    this.observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (entry.isIntersecting) this.onScreen.add(entry.target);
          else this.onScreen.delete(entry.target);
        }
        this.reported = true;
        this.onScreenChange();
      },
      { rootMargin: ON_SCREEN_MARGIN },
    );
    for (const element of candidates) this.observer.observe(element);
  }

  private stopObserving(): void {
    if (this.observeStart) this.top.cancelAnimationFrame(this.observeStart);
    if (this.observeTimer) this.top.clearTimeout(this.observeTimer);
    this.observeStart = 0;
    this.observeTimer = 0;
    this.observer?.disconnect();
    this.observer = null;
    this.observed = null;
    this.onScreen.clear();
    this.reported = false;
  }

  /** Stops watching the page (the inspector closing). */
  dispose(): void {
    this.stopObserving();
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
    const width = this.top.innerWidth;
    const height = this.top.innerHeight;
    const ratio = this.top.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
    }
    const context = canvas.getContext('2d');
    if (!context) return;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
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
