import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { CLICK_KINDS, type ClickMap } from '../../core/heatmap/clickStats';
import type { BuilderStore } from '../build/builderStore';
import { plural } from './heatLabels';
import { DEAD_COLOUR, formatShare, legendStops, RAGE_COLOUR } from './heatScale';
import { HeatmapTable } from './HeatmapTable';
import type { HeatmapStore, StatsData } from './heatmapStore';
import { CLICK_KIND_LABEL, customRange, dayOf, patternHint, RANGE_PRESETS, type RangePreset, sourceLabel } from './statsQuery';
import type { HeatmapServices } from './wireHeatmap';

/** Heatmap mode's part of the panel: what to count, where the counts come from, the legend, the table. */
export function HeatmapPanel({ heatmap, services, builder }: { heatmap: HeatmapStore; services: HeatmapServices; builder: BuilderStore }) {
  const loading = useStore(heatmap, (state) => state.loading);
  const problem = useStore(heatmap, (state) => state.problem);
  const data = useStore(heatmap, (state) => state.data);
  const map = useStore(heatmap, (state) => state.map);
  const view = useStore(heatmap, (state) => state.view);
  const { setView } = heatmap.getState();
  return (
    <section className="heatmap" data-testid="heatmap-panel" aria-label="Heatmap" aria-busy={loading}>
      <HeatmapControls heatmap={heatmap} services={services} />
      <div className="heatmap-status" aria-live="polite">
        {loading && (
          <p className="hint" data-testid="heatmap-loading">
            Loading click stats…
          </p>
        )}
        {problem && (
          <p className="error-text" data-testid="heatmap-problem">
            No click stats: {problem}
          </p>
        )}
        {data && <SourceLine data={data} />}
      </div>
      {map && data && (
        <>
          <Summary map={map} />
          <Legend map={map} />
          <div className="heatmap-views" role="group" aria-label="Show the heatmap">
            <button type="button" aria-pressed={view === 'page'} onClick={() => setView('page')} data-testid="heatmap-view-page">
              On the page
            </button>
            <button type="button" aria-pressed={view === 'table'} onClick={() => setView('table')} data-testid="heatmap-view-table">
              Table
            </button>
          </div>
          {view === 'table' && <HeatmapTable heatmap={heatmap} services={services} builder={builder} />}
          <Unmatched map={map} />
        </>
      )}
    </section>
  );
}

const CUSTOM = 'custom';

function HeatmapControls({ heatmap, services }: { heatmap: HeatmapStore; services: HeatmapServices }) {
  const query = useStore(heatmap, (state) => state.query);
  const loading = useStore(heatmap, (state) => state.loading);
  const { setPattern, setRange, setInclude, refresh } = heatmap.getState();
  const [pattern, setPatternDraft] = useState(query.pattern);
  useEffect(() => setPatternDraft(query.pattern), [query.pattern]);
  const [custom, setCustom] = useState(() => {
    const to = new Date();
    return { from: dayOf(new Date(to.getTime() - 6 * 24 * 3600_000)), to: dayOf(to) };
  });
  const customValid = customRange(custom.from, custom.to) !== null;
  const rangeValue = 'preset' in query.range ? query.range.preset : CUSTOM;
  const commit = () => setPattern(pattern);

  const chooseRange = (value: string) => {
    if (value === CUSTOM) {
      const range = customRange(custom.from, custom.to);
      if (range) setRange(range);
    } else {
      setRange({ preset: value as RangePreset });
    }
  };
  const changeCustom = (next: { from: string; to: string }) => {
    setCustom(next);
    const range = customRange(next.from, next.to);
    if (range) setRange(range);
  };

  return (
    <div className="heatmap-controls">
      {/* A form for Enter: the event shield keeps keys from the panel's React root, but a lone
          field's implicit submission still submits. */}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          commit();
        }}
      >
        <label className="field">
          <span>Page pattern</span>
          <input
            value={pattern}
            onChange={(event) => setPatternDraft(event.target.value)}
            onBlur={commit}
            spellCheck={false}
            aria-describedby="actionlens-heatmap-pattern-hint"
            data-testid="heatmap-pattern"
          />
        </label>
      </form>
      <p className="hint" id="actionlens-heatmap-pattern-hint" data-testid="heatmap-pattern-hint">
        {patternHint(query.pattern, services.matchesThisPage(query.pattern))}
      </p>
      <div className="row heatmap-range">
        <label className="field inline">
          <span>Range</span>
          <select value={rangeValue} onChange={(event) => chooseRange(event.target.value)} data-testid="heatmap-range">
            {RANGE_PRESETS.map(({ preset, label }) => (
              <option key={preset} value={preset}>
                {label}
              </option>
            ))}
            <option value={CUSTOM}>Custom…</option>
          </select>
        </label>
        <span className="spacer" />
        <button type="button" onClick={refresh} disabled={loading} data-testid="heatmap-refresh" title="Ask the project API again, past the cache">
          Refresh
        </button>
      </div>
      {rangeValue === CUSTOM && (
        <div className="row heatmap-custom">
          <label className="field inline">
            <span>From</span>
            <input type="date" value={custom.from} max={custom.to} onChange={(event) => changeCustom({ ...custom, from: event.target.value })} data-testid="heatmap-from" />
          </label>
          <label className="field inline">
            <span>To</span>
            <input type="date" value={custom.to} min={custom.from} onChange={(event) => changeCustom({ ...custom, to: event.target.value })} data-testid="heatmap-to" />
          </label>
          {!customValid && <span className="error-text">The range ends before it starts.</span>}
        </div>
      )}
      <div className="heatmap-include" role="group" aria-label="Count">
        {CLICK_KINDS.map((kind) => {
          const on = query.include.includes(kind);
          // A button with the checkbox role, as the builder's toggles: the event shield hands the
          // panel a copy of each click (see eventShield.ts), and a button's activation is the copy's alone.
          return (
            <button key={kind} type="button" role="checkbox" aria-checked={on} className="toggle" onClick={() => setInclude(kind, !on)} data-testid={`heatmap-include-${kind.slice(1)}`}>
              <span className="check" aria-hidden="true">
                {on ? '✓' : ''}
              </span>
              {CLICK_KIND_LABEL[kind]}
            </button>
          );
        })}
      </div>
    </div>
  );
}

function SourceLine({ data }: { data: StatsData }) {
  const fetched = data.fetchedAt ? new Date(data.fetchedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : null;
  return (
    <>
      <p className={`heatmap-source ${data.source}`} data-testid="heatmap-source" data-source={data.source}>
        <strong>{sourceLabel(data, data.query.range)}</strong>
        {fetched && <span className="muted"> · as of {fetched}</span>}
      </p>
      {data.source === 'tab' && (
        <p className="hint" data-testid="heatmap-tab-only">
          {data.problem ? `The project’s stats failed (${data.problem}); showing` : 'No project connected: showing'} only the clicks this tab captured since it opened.
        </p>
      )}
      {data.truncated && <p className="hint warn">The server had more rows than were read: the smallest counts are missing.</p>}
    </>
  );
}

function Summary({ map }: { map: ClickMap }) {
  const near = map.elements.filter((element) => element.quality === 'near').length;
  const rage = map.elements.reduce((sum, element) => sum + element.rageClicks, 0);
  const dead = map.elements.reduce((sum, element) => sum + element.deadClicks, 0);
  return (
    <p className="heatmap-summary" data-testid="heatmap-summary" data-total={map.totalClicks} data-mapped={map.mappedClicks} data-elements={map.elements.length}>
      {plural(map.mappedClicks, 'click')} on {plural(map.elements.length, 'element')} here
      {map.totalClicks !== map.mappedClicks && <> (of {map.totalClicks})</>}
      {rage > 0 && <> · {plural(rage, 'rage click')}</>}
      {dead > 0 && <> · {plural(dead, 'dead click')}</>}
      {near > 0 && <> · {near} matched tolerantly</>}
    </p>
  );
}

function Legend({ map }: { map: ClickMap }) {
  const maxShare = map.elements[0]?.share ?? 0;
  const stops = legendStops(maxShare);
  return (
    <div className="heatmap-legend" data-testid="heatmap-legend">
      <div className="legend-scale" role="img" aria-label={`Colour by share of clicks: blue for the fewest, red for the most (${formatShare(maxShare)})`}>
        {stops.map((stop, at) => (
          <span key={at} className="swatch" style={{ background: stop.colour.fill, borderColor: stop.colour.line }} title={`up to ${formatShare(stop.to / 100)} of clicks`} />
        ))}
        <span className="legend-ends">
          <span>fewer</span>
          <span>{formatShare(maxShare)} of clicks</span>
        </span>
      </div>
      <ul className="legend-marks">
        <li>
          <span className="mark label-sample hot">#1 · 42</span> rank · clicks
        </li>
        <li>
          <span className="mark ring" style={{ borderColor: RAGE_COLOUR }} /> rage clicks
        </li>
        <li>
          <span className="mark ring dotted" style={{ borderColor: DEAD_COLOUR }} /> dead clicks
        </li>
        <li>
          <span className="mark ring dashed" /> ≈ near miss (changed since)
        </li>
        <li>
          <span className="mark label-sample alike">×3</span> elements alike
        </li>
      </ul>
    </div>
  );
}

function Unmatched({ map }: { map: ClickMap }) {
  const { unmatched } = map;
  if (unmatched.rows === 0) return null;
  const extra = [unmatched.rageClicks > 0 && plural(unmatched.rageClicks, 'rage click'), unmatched.deadClicks > 0 && plural(unmatched.deadClicks, 'dead click')].filter(Boolean);
  return (
    <details className="heatmap-unmatched" data-testid="heatmap-unmatched" data-clicks={unmatched.clicks} data-rows={unmatched.rows}>
      <summary>
        {plural(unmatched.clicks, 'click')} on elements not on this page{extra.length > 0 ? ` (and ${extra.join(', ')})` : ''}
      </summary>
      <p className="hint">Their elements chains match no element here: another page under the pattern, content not shown now, or a changed page.</p>
      <ol className="unmatched-list">
        {unmatched.top.map((row, at) => (
          <li key={at}>
            <span className="count">{row.count}</span> <span className="kind">{row.type}</span>
            <code>{row.chain}</code>
          </li>
        ))}
      </ol>
      {unmatched.rows > unmatched.top.length && <p className="hint">…and {plural(unmatched.rows - unmatched.top.length, 'more chain')}.</p>}
    </details>
  );
}
