import { viewportRect, type Box } from './viewportRect';

export interface BoxFrame {
  hovered: Element | null;
  pinned: Element | null;
  /** Show all: every candidate, drawn on one canvas. */
  candidates: readonly Element[] | null;
}

/**
 * The highlight boxes, drawn without React: the hovered and the pinned element each get one
 * absolutely positioned box moved by a transform, and "Show all" strokes every candidate on a
 * single canvas (thousands of elements would be thousands of nodes otherwise).
 */
export class BoxLayer {
  readonly root: HTMLDivElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly hover: { box: HTMLDivElement; label: HTMLSpanElement };
  private readonly pin: { box: HTMLDivElement; label: HTMLSpanElement };

  constructor(
    private readonly doc: Document,
    private readonly top: Window,
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

  draw(frame: BoxFrame): void {
    this.place(this.pin, frame.pinned);
    this.place(this.hover, frame.hovered === frame.pinned ? null : frame.hovered);
    this.drawAll(frame.candidates);
  }

  private place(target: { box: HTMLDivElement; label: HTMLSpanElement }, element: Element | null): void {
    const box = element?.isConnected ? viewportRect(element, this.top) : null;
    if (!element || !box || box.width === 0 || box.height === 0) {
      target.box.hidden = true;
      return;
    }
    target.box.hidden = false;
    target.box.style.transform = `translate(${box.x}px, ${box.y}px)`;
    target.box.style.width = `${box.width}px`;
    target.box.style.height = `${box.height}px`;
    // React is not involved: textContent, never markup, for anything read from the page.
    target.label.textContent = describeBox(element, box);
    target.label.classList.toggle('below', box.y < 20);
  }

  private drawAll(candidates: readonly Element[] | null): void {
    const canvas = this.canvas;
    if (!candidates) {
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
    context.fillStyle = 'rgba(29, 74, 255, 0.08)';
    context.strokeStyle = 'rgba(29, 74, 255, 0.85)';
    context.lineWidth = 1;
    let drawn = 0;
    for (const element of candidates) {
      const box = viewportRect(element, this.top);
      if (box.width === 0 || box.height === 0 || box.x > width || box.y > height || box.x + box.width < 0 || box.y + box.height < 0) continue;
      context.fillRect(box.x, box.y, box.width, box.height);
      context.strokeRect(box.x + 0.5, box.y + 0.5, box.width - 1, box.height - 1);
      drawn++;
    }
    canvas.dataset.drawn = String(drawn);
  }
}

function describeBox(element: Element, box: Box): string {
  return `${element.localName} ${Math.round(box.width)}×${Math.round(box.height)}`;
}
