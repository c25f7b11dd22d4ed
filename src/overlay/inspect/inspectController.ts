import { autocaptureVerdict, CandidateIndex, findCandidates, hasVisibleBox, recordedElementFor } from '../../core/elements';
import { installEventShield } from '../eventShield';
import { BoxLayer } from './boxLayer';
import { inspectKeyAction } from './inspectKeys';
import type { InspectStore } from './inspectStore';
import { viewportRect } from './viewportRect';

/**
 * Show all finds the candidates again after the page's structure changed, at most this often: a
 * page that changes every frame (a ticker, a carousel) would otherwise have the whole page
 * searched every frame. Boxes still follow every frame; only new or removed elements wait.
 */
const CANDIDATE_REFRESH_MS = 250;

/** Presses the inspector takes from the page while inspecting; Shift lets them through. */
const PIN_GESTURE = new Set(['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click', 'dblclick', 'auxclick']);

/** What may be highlighted: a box on screen, and not inside the site's ph-no-capture regions. */
export function highlightable(element: Element): boolean {
  return hasVisibleBox(element) && autocaptureVerdict(element).exclusion?.code !== 'ph-no-capture';
}

export interface InspectController {
  /** The top window's page events, handed over by the overlay's event shield. */
  onPageEvent(event: Event): void;
  /** A key pressed in the panel: inspect keys too, except while typing in a field. */
  onOverlayKey(event: KeyboardEvent): void;
  /** Draws again at the next frame. */
  relayout(): void;
  /** The index of every candidate's chain, rebuilt after the DOM changed. */
  candidateIndex(): CandidateIndex;
  stop(): void;
}

/**
 * Another drawing that follows the page with the boxes (the heatmap): every layer's `read` runs
 * before anything is written, then the boxes draw, then every layer's `write`.
 */
export interface FrameLayer {
  read(): void;
  write(): void;
}

export interface InspectControllerOptions {
  win: Window;
  store: InspectStore;
  host: Element;
  boxes: BoxLayer;
  layers?: readonly FrameLayer[];
  close(): void;
}

/**
 * Inspect mode on a page: hover, pin, keys, and boxes that follow the page. Takes the top window's
 * events from the overlay's shield (installed before anything else, see mountOverlay) and listens
 * to every same-origin iframe itself; all re-layout is batched to one animation frame.
 */
export function startInspect({ win, store, host, boxes, layers = [], close }: InspectControllerOptions): InspectController {
  const doc = win.document;
  let frameRequest = 0;
  let domChanged = true;
  let candidates: Element[] | null = null;
  let candidatesStale = false;
  let candidatesFoundAt = -Infinity;
  let refreshTimer = 0;
  let index: CandidateIndex | null = null;
  let pins = 0;

  const layout = () => {
    frameRequest = 0;
    const { hovered, pinned, showAll } = store.getState();
    if (domChanged) {
      domChanged = false;
      syncFrames();
      // An SPA navigation or a re-render took them away: nothing left to describe.
      if (hovered && !hovered.isConnected) store.getState().hover(null);
      if (pinned && !pinned.isConnected) store.getState().pin(null);
    }
    // Candidates are captured clicks (so never under ph-no-capture); the layer draws those with a
    // visible box. Until a refresh is due, removed ones have no box and are not drawn.
    if (showAll && (!candidates || candidatesStale)) {
      const wait = candidatesFoundAt + CANDIDATE_REFRESH_MS - performance.now();
      if (!candidates || wait <= 0) {
        candidates = findCandidates(doc);
        candidatesStale = false;
        candidatesFoundAt = performance.now();
      } else if (!refreshTimer) {
        refreshTimer = win.setTimeout(() => {
          refreshTimer = 0;
          scheduleLayout();
        }, wait);
      }
    }
    const state = store.getState();
    for (const layer of layers) layer.read();
    boxes.draw({ hovered: state.hovered, pinned: state.pinned, candidates: showAll ? candidates : null, preview: state.preview });
    for (const layer of layers) layer.write();
  };
  const scheduleLayout = () => {
    if (!frameRequest) frameRequest = win.requestAnimationFrame(layout);
  };

  const onPageEvent = (event: Event) => {
    if (event.type === 'pointermove') {
      const target = event.composedPath()[0];
      const element = target ? recordedElementFor(target) : null;
      store.getState().hover(element && highlightable(element) ? element : null);
      return;
    }
    if (PIN_GESTURE.has(event.type)) {
      if ((event as MouseEvent).shiftKey) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      if (event.type === 'click') {
        const target = event.composedPath()[0];
        const element = target ? recordedElementFor(target) : null;
        store.getState().pin(element && highlightable(element) ? element : null);
        // posthog-js dead clicks (on `window`, registered before us) saw this click and report it
        // unless the document changes within 2.5 s: a change on our own host tells it the click did
        // something, which it did.
        host.setAttribute('data-pins', String(++pins));
      }
      return;
    }
    if (event.type === 'keydown') onKey(event as KeyboardEvent);
  };

  const onOverlayKey = (event: KeyboardEvent) => {
    const target = event.composedPath()[0];
    // A field keeps its own keys: arrows move the caret in an input, change a select's option and
    // scroll the focused elements chain (a `pre`).
    const typing = target instanceof HTMLElement && (['input', 'textarea', 'select', 'pre'].includes(target.localName) || target.isContentEditable);
    if (!typing) onKey(event);
    else if (event.key === 'Escape') target.blur();
  };

  const onKey = (event: KeyboardEvent) => {
    const action = inspectKeyAction(event);
    if (!action) return;
    const state = store.getState();
    if (action === 'escape') {
      if (state.escape() === 'close') close();
    } else if (!state.navigate(action)) {
      return;
    }
    event.preventDefault();
    event.stopImmediatePropagation();
  };

  // Same-origin iframes: their events never reach our window, so each gets the same listeners. A
  // frame that navigates keeps its WindowProxy but gets a new document (and loses our listeners),
  // so frames are told apart by document.
  const frames = new Map<HTMLIFrameElement, { doc: Document; remove(): void }>();
  const syncFrames = () => {
    const seen = new Set<HTMLIFrameElement>();
    for (const frame of doc.querySelectorAll('iframe')) {
      let frameDoc: Document | null = null;
      try {
        frameDoc = frame.contentDocument;
      } catch {
        frameDoc = null; // cross-origin: not ours to inspect
      }
      const frameWin = frameDoc?.defaultView;
      if (!frameDoc || !frameWin) continue;
      seen.add(frame);
      const known = frames.get(frame);
      if (known?.doc === frameDoc) continue;
      known?.remove();
      const removeFrameShield = installEventShield(frameWin, { host: () => null, onPageEvent });
      frameWin.addEventListener('scroll', scheduleLayout, { capture: true, passive: true });
      observer.observe(frameDoc, OBSERVE);
      frames.set(frame, {
        doc: frameDoc,
        remove: () => {
          removeFrameShield();
          frameWin.removeEventListener('scroll', scheduleLayout, { capture: true });
        },
      });
    }
    for (const [frame, known] of frames) {
      if (!seen.has(frame)) {
        known.remove();
        frames.delete(frame);
      }
    }
  };

  /** `structural`: elements or attributes changed, so the candidates may have; text alone moves boxes. */
  const markDomChanged = (structural: boolean) => {
    domChanged = true;
    index = null; // chains carry text too
    if (structural) candidatesStale = true;
    scheduleLayout();
    announcePageChange();
  };
  // Previews count again after the page changed, at most every CANDIDATE_REFRESH_MS.
  let announceTimer = 0;
  let announcedAt = -Infinity;
  const announcePageChange = () => {
    if (announceTimer) return;
    const wait = Math.max(0, announcedAt + CANDIDATE_REFRESH_MS - performance.now());
    announceTimer = win.setTimeout(() => {
      announceTimer = 0;
      announcedAt = performance.now();
      store.getState().pageChanged();
    }, wait);
  };
  const onMutation = (records: MutationRecord[]) => {
    // Our own host's pin counter is not the page changing.
    const page = records.filter((record) => record.target !== host);
    if (page.length > 0) markDomChanged(page.some((record) => record.type !== 'characterData'));
  };
  const observer = new MutationObserver(onMutation);
  const OBSERVE: MutationObserverInit = { subtree: true, childList: true, attributes: true, characterData: true };
  observer.observe(doc, OBSERVE);
  const resizeObserver = new ResizeObserver(scheduleLayout);
  resizeObserver.observe(doc.documentElement);
  // Frames load after we start, and a frame's load is no mutation of ours. `load` never reaches
  // `window` from an element (the DOM leaves the window out of its path), hence the document.
  const onFrameLoad = (event: Event) => {
    if ((event.target as Element | null)?.localName === 'iframe') markDomChanged(true);
  };
  doc.addEventListener('load', onFrameLoad, { capture: true });
  win.addEventListener('scroll', scheduleLayout, { capture: true, passive: true });
  win.addEventListener('resize', scheduleLayout, { passive: true });
  const unsubscribe = store.subscribe(scheduleLayout);
  scheduleLayout();

  return {
    onPageEvent,
    onOverlayKey,
    relayout: scheduleLayout,
    candidateIndex() {
      index ??= CandidateIndex.build(doc);
      return index;
    },
    stop() {
      unsubscribe();
      for (const known of frames.values()) known.remove();
      frames.clear();
      observer.disconnect();
      resizeObserver.disconnect();
      doc.removeEventListener('load', onFrameLoad, { capture: true });
      win.removeEventListener('scroll', scheduleLayout, { capture: true });
      win.removeEventListener('resize', scheduleLayout);
      if (frameRequest) win.cancelAnimationFrame(frameRequest);
      if (refreshTimer) win.clearTimeout(refreshTimer);
      if (announceTimer) win.clearTimeout(announceTimer);
      boxes.dispose();
      host.removeAttribute('data-pins');
    },
  };
}

/** The panel's side that leaves `element` visible: away from the half of the viewport it is in. */
export function sideAwayFrom(win: Window) {
  return (element: Element): 'left' | 'right' => {
    const box = viewportRect(element, win);
    return box.x + box.width / 2 > win.innerWidth / 2 ? 'left' : 'right';
  };
}
