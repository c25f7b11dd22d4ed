import type { BufferedEvent } from '../../capture/tabEvents';

const KEY_FIELDS = ['distinct_id', '$session_id', '$current_url', '$lib', '$lib_version', '$el_text', '$event_type'];

/** Everything the SDK sent for one event. Rendered as text only: page data never becomes markup. */
export function EventDetail({ event }: { event: BufferedEvent }) {
  const rows = KEY_FIELDS.filter((key) => event.properties[key] !== undefined);
  return (
    <div className="event-detail" data-testid="event-detail">
      <dl>
        <dt>uuid</dt>
        <dd className="mono">{event.uuid ?? '—'}</dd>
        <dt>sent to</dt>
        <dd className="mono">{event.requestUrl}</dd>
        {rows.map((key) => (
          <div key={key} style={{ display: 'contents' }}>
            <dt>{key}</dt>
            <dd className="mono">{String(event.properties[key])}</dd>
          </div>
        ))}
      </dl>
      {event.$set && <pre className="json">{`$set ${JSON.stringify(event.$set, null, 2)}`}</pre>}
      {event.$set_once && <pre className="json">{`$set_once ${JSON.stringify(event.$set_once, null, 2)}`}</pre>}
      <pre className="json">{JSON.stringify(event.properties, null, 2)}</pre>
    </div>
  );
}
