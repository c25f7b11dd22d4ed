import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import type { BufferedEvent, PageBoundary } from '../../capture/tabEvents';
import { useEventsStore } from '../stores/eventsStore';
import { useSiteStore } from '../stores/siteStore';
import { EventDetail } from './EventDetail';
import { EventFilters } from './EventFilters';
import { matchesFilter } from './eventFilter';
import { download, eventsToCsv, eventsToJson } from './exportEvents';
import { formatTime, pathOf, shortId } from './format';

type Row = { kind: 'event'; event: BufferedEvent } | { kind: 'page'; page: PageBoundary };

const ROW_HEIGHT = 30;

/** The tab's captured events, newest first, virtualized, with the selected one in full below. */
export function EventsView() {
  const { events, meta, loading, paused, held, setPaused, selectedKey, select, clear, error, names, categories, search } = useEventsStore();
  const capturing = useSiteStore((state) => state.status?.enabled ?? false);
  const tokens = useMemo(() => new Set(events.map((event) => String(event.properties.token ?? ''))), [events]);

  const visible = useMemo(() => events.filter((event) => matchesFilter(event, { names, categories, search })), [events, names, categories, search]);

  // Newest first, with a separator above the first event of each page the tab loaded.
  const rows = useMemo(() => {
    const pages = new Map(meta.pages.map((page) => [page.page, page]));
    const out: Row[] = [];
    for (let i = visible.length - 1; i >= 0; i--) {
      const event = visible[i]!;
      out.push({ kind: 'event', event });
      const older = visible[i - 1];
      const page = pages.get(event.page);
      if (page && pages.size > 1 && (!older || older.page !== event.page)) out.push({ kind: 'page', page });
    }
    return out;
  }, [visible, meta.pages]);

  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const selected = selectedKey ? (events.find((event) => event.key === selectedKey) ?? null) : null;
  const manyInstances = tokens.size > 1;

  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const empty = emptyState({ capturing, events: events.length, filtered: visible.length, requestsSeen: meta.requestsSeen, other: meta.otherRequests, loading });

  return (
    <section className="events" aria-label="Live events">
      <div className="row events-toolbar">
        <span className="muted" data-testid="event-count" aria-live="polite">
          {visible.length === events.length ? `${events.length} events` : `${visible.length} of ${events.length} events`}
        </span>
        <span className="spacer" />
        <button type="button" onClick={() => setPaused(!paused)} aria-pressed={paused} data-testid="pause">
          {paused ? `Resume${held.length ? ` (${held.length} new)` : ''}` : 'Pause'}
        </button>
        <button type="button" onClick={() => download(`actionlens-events-${stamp}.json`, eventsToJson(visible), 'application/json')} disabled={visible.length === 0}>
          JSON
        </button>
        <button type="button" onClick={() => download(`actionlens-events-${stamp}.csv`, eventsToCsv(visible), 'text/csv')} disabled={visible.length === 0}>
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
      {empty ? (
        <p className="muted empty" data-testid="events-empty">
          {empty}
        </p>
      ) : (
        <div className="event-list" ref={scroller} data-testid="event-list" role="list">
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index]!;
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
              const { event } = row;
              return (
                <div key={event.key} style={style} role="listitem">
                  <button
                    type="button"
                    className={`event-row${event.key === selectedKey ? ' selected' : ''}`}
                    aria-pressed={event.key === selectedKey}
                    onClick={() => select(event.key === selectedKey ? null : event.key)}
                  >
                    <span className="mono muted">{formatTime(event.timestamp)}</span>
                    <span className="event-name">{event.event}</span>
                    <span className="mono muted event-id" title={String(event.properties.distinct_id ?? '')}>
                      {shortId(event.properties.distinct_id)}
                    </span>
                    <span className="muted event-path">{pathOf(event.properties.$current_url)}</span>
                    <span className="muted event-lib">{manyInstances ? shortId(event.properties.token, 10) : String(event.properties.$lib_version ?? '')}</span>
                  </button>
                </div>
              );
            })}
          </div>
        </div>
      )}
      {selected && <EventDetail event={selected} onClose={() => select(null)} />}
    </section>
  );
}

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
