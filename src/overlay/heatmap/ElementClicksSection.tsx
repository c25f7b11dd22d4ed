import { useStore } from 'zustand';
import { nearMissSentence, plural, twinsSentence } from './heatLabels';
import { formatShare } from './heatScale';
import type { HeatmapStore } from './heatmapStore';
import { rangeLabel } from './statsQuery';

/** The pinned element's clicks in the element panel: counts, rank, rage and dead clicks for the range. */
export function ElementClicksSection({ element, heatmap }: { element: Element; heatmap: HeatmapStore }) {
  const map = useStore(heatmap, (state) => state.map);
  const data = useStore(heatmap, (state) => state.data);
  const loading = useStore(heatmap, (state) => state.loading);
  const problem = useStore(heatmap, (state) => state.problem);
  const { want } = heatmap.getState();

  if (!data || !map) {
    return (
      <section data-testid="panel-clicks" data-state={loading ? 'loading' : 'none'}>
        <h3>Clicks</h3>
        {loading ? (
          <p className="hint">Loading click stats…</p>
        ) : (
          <>
            {problem && <p className="error-text">No click stats: {problem}</p>}
            <button type="button" onClick={want} data-testid="panel-clicks-load" title="Count the clicks on this page's elements for the heatmap's range">
              Load click stats
            </button>
          </>
        )}
      </section>
    );
  }

  const clicks = map.elements.find((candidate) => candidate.element === element);
  const where = data.source === 'tab' ? 'this tab only' : rangeLabel(data.query.range);
  if (!clicks) {
    return (
      <section data-testid="panel-clicks" data-state="none-recorded" data-count="0">
        <h3>Clicks · {where}</h3>
        <p className="hint">No recorded clicks on this element.</p>
      </section>
    );
  }
  return (
    <section data-testid="panel-clicks" data-state="ok" data-count={clicks.clicks} data-rank={clicks.rank} data-rage={clicks.rageClicks} data-dead={clicks.deadClicks} data-quality={clicks.quality}>
      <h3>Clicks · {where}</h3>
      <div className="clicks-figures">
        <span>
          <strong>{clicks.clicks}</strong> {clicks.clicks === 1 ? 'click' : 'clicks'}
        </span>
        <span>
          rank <strong>#{clicks.rank}</strong> of {map.elements.length}
        </span>
        <span>{formatShare(clicks.share)} of clicks</span>
        <span className={clicks.rageClicks > 0 ? 'rage' : 'muted'}>{plural(clicks.rageClicks, 'rage click')}</span>
        <span className={clicks.deadClicks > 0 ? 'dead' : 'muted'}>{plural(clicks.deadClicks, 'dead click')}</span>
      </div>
      {clicks.quality === 'near' && <p className="hint warn">≈ {nearMissSentence(clicks)}.</p>}
      {clicks.twins > 0 && <p className="hint">{twinsSentence(clicks.twins)}.</p>}
    </section>
  );
}
