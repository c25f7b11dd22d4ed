import { useVirtualizer } from '@tanstack/react-virtual';
import { lazy, memo, Suspense, useMemo, useRef } from 'react';
import type { BufferedEvent } from '../../capture/tabEvents';
import { ActionTags } from '../actions/ActionTags';
import { DraftBanner } from '../actions/DraftBanner';
import { type EntryAction, useActionsStore } from '../stores/actionsStore';
import { useEventsStore } from '../stores/eventsStore';
import { useSiteStore } from '../stores/siteStore';
import { EventFilters } from './EventFilters';
import { eventRows } from './eventRows';
import { download, eventsToCsv, eventsToJson } from './exportEvents';
import { formatTime, pathOf, shortId } from './format';

const ROW_HEIGHT = 30;

/** Loaded on the first click on a row: the JSON tree and the elements parser are not needed for the first paint. */
const EventDetail = lazy(() => import('./EventDetail').then((module) => ({ default: module.EventDetail })));

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');

/** The tab's captured events, newest first, virtualized, with the selected one in full below. */
export function EventsView() {
  const { events, shown, tokens, meta, loading, paused, held, setPaused, selected, select, clear, error } = useEventsStore();
  const capturing = useSiteStore((state) => state.status?.enabled ?? false);
  // Tags are matched for the painted rows only, each event once per list (see ActionMatcher).
  const matcher = useActionsStore((state) => state.matcher);
  const draftMatcher = useActionsStore((state) => state.draftMatcher);
  const rows = useMemo(() => eventRows(shown, meta.pages), [shown, meta.pages]);

  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.count, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const manyInstances = tokens.size > 1;

  const empty = emptyState({ capturing, events: events.length, filtered: shown.length, requestsSeen: meta.requestsSeen, other: meta.otherRequests, loading });

  return (
    <section className="events" aria-label="Live events">
      <div className="row events-toolbar">
        <span className="muted" data-testid="event-count" aria-live="polite">
          {shown.length === events.length ? `${events.length} events` : `${shown.length} of ${events.length} events`}
        </span>
        <span className="spacer" />
        <button type="button" onClick={() => setPaused(!paused)} aria-pressed={paused} data-testid="pause">
          {paused ? `Resume${held.length ? ` (${held.length} new)` : ''}` : 'Pause'}
        </button>
        <button type="button" onClick={() => download(`actionlens-events-${stamp()}.json`, eventsToJson(shown), 'application/json')} disabled={shown.length === 0}>
          JSON
        </button>
        <button type="button" onClick={() => download(`actionlens-events-${stamp()}.csv`, eventsToCsv(shown), 'text/csv')} disabled={shown.length === 0}>
          CSV
        </button>
        <button type="button" onClick={() => void clear()} disabled={events.length === 0}>
          Clear
        </button>
      </div>
      <EventFilters />
      {error && <div className="notice error">{error}</div>}
      {meta.undecodable.length > 0 && (
        <details className="notice warn" data-testid="undecodable">
          <summary>
            {meta.undecodable.length} request{meta.undecodable.length === 1 ? '' : 's'} looked like PostHog but could not be decoded
          </summary>
          <ul>
            {meta.undecodable.map((entry) => (
              <li key={entry.requestId}>
                <code>{entry.url}</code> ({entry.bytes} bytes): {entry.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      <Summaries />
      <DraftBanner />
      {empty ? (
        <p className="muted empty" data-testid="events-empty">
          {empty}
        </p>
      ) : (
        <div className="event-list" ref={scroller} data-testid="event-list" role="list">
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows.at(item.index);
              const style = { position: 'absolute' as const, top: 0, left: 0, right: 0, height: item.size, transform: `translateY(${item.start}px)` };
              if (row.kind === 'page') {
                return (
                  <div key={`page-${row.page.page}`} style={style} className="page-boundary" role="listitem">
                    <span>
                      ↑ Page {row.page.page} loaded: {pathOf(row.page.url)}
                    </span>
                    <span className="muted">{formatTime(new Date(row.page.at).toISOString())}</span>
                  </div>
                );
              }
              return (
                <div key={row.event.key} style={style} role="listitem">
                  <EventRow
                    event={row.event}
                    selected={row.event.key === selected?.key}
                    manyInstances={manyInstances}
                    actions={matcher?.matching(row.event)}
                    draft={draftMatcher ? draftMatcher.matching(row.event).length > 0 : false}
                    onSelect={select}
                  />
                </div>
              );
            })}
          </div>
        </div>
      )}
      {selected && (
        <Suspense fallback={<section className="event-detail muted">Loading…</section>}>
          <EventDetail event={selected} onClose={() => select(null)} />
        </Suspense>
      )}
    </section>
  );
}

/**
 * One event's row. Memoized: a new event moves every painted row down by one, which changes only
 * the positioned wrapper around it, so the rows themselves are not rendered again (the matcher
 * answers the same array for an event each time).
 */
const EventRow = memo(function EventRow(props: {
  event: BufferedEvent;
  selected: boolean;
  manyInstances: boolean;
  actions: readonly EntryAction[] | undefined;
  draft: boolean;
  onSelect: (event: BufferedEvent | null) => void;
}) {
  const { event, selected, manyInstances, actions, draft, onSelect } = props;
  return (
    <button type="button" className={`event-row${selected ? ' selected' : ''}`} aria-pressed={selected} onClick={() => onSelect(selected ? null : event)}>
      <span className="mono muted">{formatTime(event.timestamp)}</span>
      <span className="event-title">
        <span className="event-name">{event.event}</span>
        <ActionTags actions={actions} draft={draft} />
      </span>
      <span className="mono muted event-id" title={String(event.properties.distinct_id ?? '')}>
        {shortId(event.properties.distinct_id)}
      </span>
      <span className="muted event-path">{pathOf(event.properties.$current_url)}</span>
      <span className="muted event-lib">{manyInstances ? shortId(event.properties.token, 10) : String(event.properties.$lib_version ?? '')}</span>
    </button>
  );
});

function emptyState(state: { capturing: boolean; events: number; filtered: number; requestsSeen: number; other: number; loading: boolean }): string | null {
  if (state.filtered > 0) return null;
  if (state.events > 0) return 'No event matches the filters.';
  if (state.loading) return 'Loading events…';
  if (!state.capturing) return 'Capture is off on this site: enable it above to see the events its SDK sends.';
  if (state.requestsSeen === 0) return 'No PostHog SDK detected on this page yet. Events appear here the moment the SDK sends them.';
  if (state.other > 0) return 'PostHog SDK detected (it fetched its configuration) but it has not sent any event yet.';
  return 'No events yet.';
}

/** Traffic that is counted but not listed: remote config, flags and session recordings. */
function Summaries() {
  const meta = useEventsStore((state) => state.meta);
  const parts: string[] = [];
  if (meta.otherRequests) parts.push(`${meta.otherRequests} config/flags request${meta.otherRequests === 1 ? '' : 's'} (${kb(meta.otherBytes)})`);
  if (meta.recordingRequests) parts.push(`${meta.recordingRequests} recording request${meta.recordingRequests === 1 ? '' : 's'} (${meta.snapshots} snapshots, ${kb(meta.recordingBytes)})`);
  if (meta.dropped) parts.push(`${meta.dropped} oldest events dropped to stay within the buffer`);
  if (parts.length === 0) return null;
  return (
    <div className="muted summaries" data-testid="summaries">
      Also seen: {parts.join(' · ')}
    </div>
  );
}

function kb(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}
