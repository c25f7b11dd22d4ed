import { createRoot, type Root } from 'react-dom/client';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import themeCss from '../ui/theme.css?inline';
import { installEventShield } from './eventShield';
import { BoxLayer } from './inspect/boxLayer';
import { highlightable, sideAwayFrom, startInspect, type InspectController } from './inspect/inspectController';
import { createInspectStore } from './inspect/inspectStore';
import { InspectorApp } from './InspectorApp';
import overlayCss from './overlay.css?inline';

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

  const store = createInspectStore({ highlightable, sideAwayFrom: sideAwayFrom(window) });
  const ui = await createShadowRootUi<Root>(ctx, {
    name: OVERLAY_HOST,
    position: 'inline',
    anchor: 'html',
    append: 'last',
    // The theme's variables on the host; our reset instead of WXT's, whose `all: initial !important`
    // would also undo the host's own fixed positioning.
    inheritStyles: true,
    css: `:host{all:initial}\n${themeCss.replaceAll(':root', ':host')}\n${overlayCss}`,
    onMount(container, _shadow, shadowHost) {
      // The host for the SDK's checks that look at the light DOM; the container for those that
      // walk up from an element in our shadow tree and stop at its root (dead clicks).
      shadowHost.classList.add('ph-no-capture');
      container.classList.add('ph-no-capture', 'overlay-root');
      const boxes = new BoxLayer(document, window, () => controller?.relayout());
      container.append(boxes.root);
      const panelRoot = document.createElement('div');
      container.append(panelRoot);
      host = shadowHost;
      controller = startInspect({ win: window, store, host: shadowHost, boxes, close: onClose });
      const root = createRoot(panelRoot);
      const services = { candidateIndex: () => controller!.candidateIndex(), close: onClose };
      root.render(<InspectorApp store={store} services={services} />);
      return root;
    },
    onRemove(root) {
      root?.unmount();
      controller?.stop();
      controller = null;
      host = null;
    },
  });
  if (ctx.isInvalid) return;
  ui.mount();
}
