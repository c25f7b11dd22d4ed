import { createRoot, type Root } from 'react-dom/client';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import themeCss from '../ui/theme.css?inline';
import { installEventShield } from './eventShield';
import { BoxLayer } from './inspect/boxLayer';
import { highlightable, sideAwayFrom, startInspect, type InspectController } from './inspect/inspectController';
import { createInspectStore } from './inspect/inspectStore';
import { acceptContextPins } from './inspect/contextTarget';
import { buildSelector, type CandidateIndex, elementsChainFor, recordedElementFor } from '../core/elements';
import { BUILDER_EDIT } from '../messaging/protocol';
import { sendMessage } from '../messaging/sendMessage';
import type { BuilderServices } from './build/ActionBuilder';
import { stepFromElement, toActionWrite } from './build/builderModel';
import { createBuilderStore } from './build/builderStore';
import { ClickEvents } from './build/stepPreview';
import { InspectorApp } from './InspectorApp';
import overlayCss from './overlay.css?inline';
import heatmapCss from './heatmap/heatmap.css?inline';
import { HeatmapLayer } from './heatmap/heatmapLayer';
import { createHeatmapStore } from './heatmap/heatmapStore';
import { defaultPattern } from './heatmap/statsQuery';
import { wireHeatmap } from './heatmap/wireHeatmap';

/** The overlay's host element: a custom element name no site uses. */
export const OVERLAY_HOST = 'actionlens-inspector';

/**
 * Mounts the inspector overlay on the page in a shadow root and starts inspect mode. Everything it
 * adds (host element, listeners, observers) goes when `ctx` is invalidated: the inspector closing
 * itself, being toggled off from the popup, or the extension going away.
 */
export async function mountOverlay(ctx: ContentScriptContext, onClose: () => void): Promise<void> {
  // The shield first, before anything awaits: from now on no overlay event reaches the site.
  let host: Element | null = null;
  let controller: InspectController | null = null;
  const removeShield = installEventShield(window, {
    host: () => host,
    onPageEvent: (event) => controller?.onPageEvent(event),
    onOverlayKey: (event) => controller?.onOverlayKey(event),
  });
  ctx.onInvalidated(removeShield);

  const builder = createBuilderStore();
  const store = createInspectStore({
    highlightable,
    sideAwayFrom: sideAwayFrom(window),
    beforeEscape: () => {
      if (!builder.getState().picking) return false;
      builder.getState().setPicking(false);
      return true;
    },
  });
  const stopBuilding = wireBuilder(builder, store, () => controller);
  ctx.onInvalidated(stopBuilding.stop);
  const heatmap = createHeatmapStore(defaultPattern(location.href));
  let boxes: BoxLayer | null = null;
  const heatLayer = new HeatmapLayer(
    document,
    window,
    () => controller?.relayout(),
    () => [store.getState().pinned, store.getState().hovered],
  );
  const heatmapWiring = wireHeatmap({
    heatmap,
    inspect: store,
    layer: heatLayer,
    candidateIndex: () => controller!.candidateIndex(),
    relayout: () => controller?.relayout(),
    flashPin: () => boxes?.flashPin(),
  });
  ctx.onInvalidated(heatmapWiring.stop);
  let stopContextPins = () => {};
  const ui = await createShadowRootUi<Root>(ctx, {
    name: OVERLAY_HOST,
    position: 'inline',
    anchor: 'html',
    append: 'last',
    // The theme's variables on the host; our reset instead of WXT's, whose `all: initial !important`
    // would also undo the host's own fixed positioning.
    inheritStyles: true,
    css: `:host{all:initial}\n${themeCss.replaceAll(':root', ':host')}\n${overlayCss}\n${heatmapCss}`,
    onMount(container, _shadow, shadowHost) {
      // The host for the SDK's checks that look at the light DOM; the container for those that
      // walk up from an element in our shadow tree and stop at its root (dead clicks).
      shadowHost.classList.add('ph-no-capture');
      container.classList.add('ph-no-capture', 'overlay-root');
      boxes = new BoxLayer(document, window, () => controller?.relayout());
      // The heatmap under the hover and pin boxes.
      container.append(heatLayer.root, boxes.root);
      const panelRoot = document.createElement('div');
      container.append(panelRoot);
      host = shadowHost;
      controller = startInspect({ win: window, store, host: shadowHost, boxes, layers: [heatLayer], close: onClose });
      // The context menu's element, as a click on it would pin it.
      stopContextPins = acceptContextPins((target) => {
        const element = recordedElementFor(target);
        if (element && highlightable(element)) store.getState().pin(element);
      });
      const root = createRoot(panelRoot);
      const services = {
        candidateIndex: () => controller!.candidateIndex(),
        close: onClose,
        createAction: (element: Element) => builder.getState().start(stepFor(element, controller!.candidateIndex())),
      };
      root.render(<InspectorApp store={store} services={services} builder={builder} builderServices={stopBuilding.services} heatmap={heatmap} heatmapServices={heatmapWiring.services} />);
      return root;
    },
    onRemove(root) {
      stopContextPins();
      root?.unmount();
      controller?.stop();
      controller = null;
      host = null;
    },
  });
  if (ctx.isInvalid) return;
  ui.mount();
}

/** A click step for an element, prefilled from the page. */
function stepFor(element: Element, index: CandidateIndex) {
  return stepFromElement({ selector: buildSelector(element, { index }), chain: elementsChainFor(element), url: location.href });
}

/**
 * The builder's links to the rest of the inspector and to the background: elements pinned while
 * picking become steps, the draft is published for the Events view (debounced), an action queued
 * by the Actions view is loaded, and Save goes through the background (which holds the key).
 */
function wireBuilder(builder: ReturnType<typeof createBuilderStore>, store: ReturnType<typeof createInspectStore>, controller: () => InspectController | null) {
  let clicks: ClickEvents | null = null;
  let clicksIndex: CandidateIndex | null = null;
  const services: BuilderServices = {
    candidateIndex: () => controller()!.candidateIndex(),
    clicks: () => {
      const index = controller()!.candidateIndex();
      if (clicksIndex !== index) {
        clicksIndex = index;
        clicks = new ClickEvents(index);
      }
      return clicks!;
    },
    url: () => location.href,
    showPreview: (preview) => store.getState().setPreview(preview),
    save: () => void save(),
  };

  const save = async () => {
    const { draft } = builder.getState();
    builder.getState().saveStarted();
    try {
      builder.getState().saveFinished(await sendMessage('builder.save', { key: draft.key, action: toActionWrite(draft) }));
    } catch (error) {
      builder.getState().saveFinished({ ok: false, problem: 'failed', message: `Nothing was saved: ${error instanceof Error ? error.message : String(error)}`, field: null });
    }
    void loadActions(true);
  };

  const loadActions = async (refresh = false) => {
    builder.getState().setProjectActions(await sendMessage('builder.actions', { refresh }).catch(() => null));
  };

  const takePending = async () => {
    const edit = await sendMessage('builder.pending', {}).catch(() => null);
    if (edit) builder.getState().load(edit);
  };

  // Pinned while picking: a new click step.
  const unsubscribePin = store.subscribe((state, previous) => {
    if (state.pinned && state.pinned !== previous.pinned && builder.getState().open && builder.getState().picking) {
      builder.getState().addStep(stepFor(state.pinned, controller()!.candidateIndex()));
    }
  });

  // The draft for the Events view's "would have matched", at most every 300 ms.
  let publishTimer = 0;
  const unsubscribeDraft = builder.subscribe((state, previous) => {
    if (state.draft === previous.draft && state.open === previous.open) return;
    if (!state.open) store.getState().setPreview(null);
    window.clearTimeout(publishTimer);
    publishTimer = window.setTimeout(() => {
      const { open, draft } = builder.getState();
      void sendMessage('builder.draft', { draft: open ? { key: draft.key, id: draft.id, action: toActionWrite(draft), updatedAt: Date.now() } : null }).catch(() => undefined);
    }, 300);
  });

  const onMessage = (message: unknown) => {
    if ((message as { type?: unknown } | null)?.type === BUILDER_EDIT) void takePending();
  };
  browser.runtime.onMessage.addListener(onMessage);
  void loadActions();
  void takePending();

  return {
    services,
    stop: () => {
      unsubscribePin();
      unsubscribeDraft();
      window.clearTimeout(publishTimer);
      browser.runtime.onMessage.removeListener(onMessage);
      void sendMessage('builder.draft', { draft: null }).catch(() => undefined);
    },
  };
}
