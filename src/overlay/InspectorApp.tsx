import { useStore } from 'zustand';
import { ActionBuilder, type BuilderServices } from './build/ActionBuilder';
import type { BuilderStore } from './build/builderStore';
import { HeatmapPanel } from './heatmap/HeatmapPanel';
import type { HeatmapStore } from './heatmap/heatmapStore';
import type { HeatmapServices } from './heatmap/wireHeatmap';
import { ElementPanel } from './inspect/ElementPanel';
import type { InspectStore } from './inspect/inspectStore';
import type { CandidateIndex } from '../core/elements';

export interface InspectorServices {
  candidateIndex(): CandidateIndex;
  close(): void;
  /** Opens the action builder with a click step for the element. */
  createAction(element: Element): void;
}

/** The docked panel: the inspector's controls, and the pinned element's details. */
export function InspectorApp({
  store,
  services,
  builder,
  builderServices,
  heatmap,
  heatmapServices,
}: {
  store: InspectStore;
  services: InspectorServices;
  builder: BuilderStore;
  builderServices: BuilderServices;
  heatmap: HeatmapStore;
  heatmapServices: HeatmapServices;
}) {
  const side = useStore(store, (state) => state.panelSide);
  const showAll = useStore(store, (state) => state.showAll);
  const pinned = useStore(store, (state) => state.pinned);
  const building = useStore(builder, (state) => state.open);
  const heatmapOn = useStore(heatmap, (state) => state.on);
  const wide = useStore(heatmap, (state) => state.on && state.view === 'table' && state.map !== null);
  // Previews count again when the page changed.
  useStore(store, (state) => state.pageVersion);
  const { toggleShowAll, switchSide } = store.getState();
  return (
    <aside className={`panel ${side}${wide ? ' wide' : ''}`} data-testid="inspector-panel" data-side={side} aria-label="Actionlens inspector">
      <header className="panel-header">
        <h2>Actionlens inspector</h2>
        <span className="spacer" />
        <button type="button" aria-pressed={heatmapOn} onClick={heatmap.getState().toggle} data-testid="inspector-heatmap" title="Tint every clicked element by its share of clicks">
          Heatmap
        </button>
        <button type="button" aria-pressed={showAll} onClick={toggleShowAll} data-testid="inspector-show-all" title="Outline every element autocapture records a click on">
          Show all
        </button>
        <button type="button" onClick={switchSide} data-testid="inspector-switch-side" title={`Dock the panel on the ${side === 'right' ? 'left' : 'right'}`}>
          {side === 'right' ? '⇤' : '⇥'}
        </button>
        <button type="button" onClick={services.close} data-testid="inspector-close" aria-label="Close the inspector" title="Close (Esc)">
          ✕
        </button>
      </header>
      <div className="panel-body">
        {heatmapOn && !building && <HeatmapPanel heatmap={heatmap} services={heatmapServices} builder={builder} />}
        {building ? (
          <ActionBuilder store={builder} services={builderServices} />
        ) : pinned ? (
          <ElementPanel key={elementKey(pinned)} element={pinned} services={services} heatmap={heatmap} />
        ) : heatmapOn ? null : (
          <p className="hint" data-testid="inspector-hint">
            Hover the page to see what autocapture records for a click there; click to pin an element. ↑ or [ parent, ↓ or ] child, ← → siblings, Esc
            closes. Hold Shift to click the page itself.
          </p>
        )}
      </div>
    </aside>
  );
}

/** A fresh panel (edit box included) per pinned element. */
const keys = new WeakMap<Element, number>();
let nextKey = 0;
function elementKey(element: Element): number {
  let key = keys.get(element);
  if (key === undefined) keys.set(element, (key = nextKey++));
  return key;
}
