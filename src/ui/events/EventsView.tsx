import { useMemo } from 'react';
import type { BufferedEvent } from '../../capture/tabEvents';
import { useEventsStore } from '../stores/eventsStore';
import { useSiteStore } from '../stores/siteStore';
import { EventDetail } from './EventDetail';

function time(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString(undefined, { hour12: false }) + '.' + String(date.getMilliseconds()).padStart(3, '0');
}

function pathOf(event: BufferedEvent): string {
  const url = event.properties.$current_url;
  if (typeof url !== 'string') return '';
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/** The tab's captured events, newest first, with the one selected shown in full. */
export function EventsView() {
  const { buffer, filter, setFilter, selectedKey, select, clear, error } = useEventsStore();
  const visible = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const events = needle ? buffer.events.filter((event) => event.event.toLowerCase().includes(needle)) : buffer.events;
    return [...events].reverse();
  }, [buffer.events, filter]);
  const selected = buffer.events.find((event) => event.key === selectedKey) ?? null;
  const capturing = useSiteStore((state) => state.status?.enabled ?? false);
  const emptyText =
    buffer.events.length > 0
      ? 'No event matches the filter.'
      : capturing
        ? 'No events yet. Interact with the page; events appear as the SDK sends them.'
        : 'Capture is off on this site: enable it above to see the events its SDK sends.';

  return (
    <section className="events" aria-label="Live events">
      <div className="row events-toolbar">
        <input
          type="search"
          placeholder="Filter events"
          aria-label="Filter events by name"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <span className="muted" data-testid="event-count" aria-live="polite">
          {buffer.events.length} events
        </span>
        <button type="button" onClick={() => void clear()} disabled={buffer.events.length === 0}>
          Clear
        </button>
      </div>
      {error && <div className="notice error">{error}</div>}
      {buffer.undecodable.length > 0 && (
        <details className="notice warn" data-testid="undecodable">
          <summary>
            {buffer.undecodable.length} request{buffer.undecodable.length === 1 ? '' : 's'} could not be decoded
          </summary>
          <ul>
            {buffer.undecodable.map((entry) => (
              <li key={entry.requestId}>
                <code>{entry.url}</code>: {entry.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      {buffer.dropped > 0 && <div className="notice muted">{buffer.dropped} older events were dropped to keep the buffer small.</div>}
      {visible.length === 0 ? (
        <p className="muted empty" data-testid="events-empty">
          {emptyText}
        </p>
      ) : (
        <ol className="event-list" data-testid="event-list">
          {visible.map((event) => (
            <li key={event.key}>
              <button
                type="button"
                className={`event-row${event.key === selectedKey ? ' selected' : ''}`}
                aria-expanded={event.key === selectedKey}
                onClick={() => select(event.key === selectedKey ? null : event.key)}
              >
                <span className="mono muted">{time(event.timestamp)}</span>
                <span className="event-name">{event.event}</span>
                <span className="muted event-path">{pathOf(event)}</span>
                <span className="badge">{event.transport}</span>
              </button>
              {event.key === selectedKey && selected && <EventDetail event={selected} />}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
