import { allExpanded, collapseAllNested, defaultStyles, JsonView } from 'react-json-view-lite';
import 'react-json-view-lite/dist/index.css';
import type { BufferedEvent } from '../../capture/tabEvents';
import { parseElementsChain, sdkElementsToChain } from '../../core/elements/elementsChain';
import { EventActions } from '../actions/EventActions';
import { CopyButton } from '../CopyButton';
import { formatTime } from './format';

/**
 * The library's layout with our theme's colours (app.css, `.json-*`): its own light and dark
 * palettes fall below 4.5:1 contrast, and picking one at render time would not follow a change of
 * the system's theme while the view is open.
 */
const jsonStyles: typeof defaultStyles = {
  ...defaultStyles,
  container: 'json-view',
  label: `${defaultStyles.label} json-label`,
  clickableLabel: `${defaultStyles.clickableLabel} json-label`,
  nullValue: 'json-null',
  undefinedValue: 'json-null',
  stringValue: 'json-string',
  booleanValue: 'json-boolean',
  numberValue: 'json-number',
  otherValue: 'json-other',
  punctuation: `${defaultStyles.punctuation} json-punctuation`,
  collapseIcon: `${defaultStyles.collapseIcon} json-punctuation`,
  expandIcon: `${defaultStyles.expandIcon} json-punctuation`,
  collapsedContent: `${defaultStyles.collapsedContent} json-punctuation`,
};

function chainOf(event: BufferedEvent): string | null {
  const chain = event.properties.$elements_chain;
  if (typeof chain === 'string' && chain) return chain;
  // posthog-js 1.130 sends `$elements` only; PostHog's ingestion turns them into the chain.
  const elements = event.properties.$elements;
  return Array.isArray(elements) ? sdkElementsToChain(elements) : null;
}

/** The clicked element first, each as `tag.class#id [attr="…"] "text"`: the chain, readable. */
function Elements({ chain }: { chain: string }) {
  const elements = parseElementsChain(chain);
  return (
    <ol className="elements" data-testid="elements">
      {elements.map((element, index) => (
        <li key={index} className="mono">
          <strong>{element.tag_name}</strong>
          {element.attr_id ? `#${element.attr_id}` : ''}
          {(element.attr_class ?? []).map((name) => `.${name}`).join('')}
          {Object.entries(element.attributes ?? {})
            .filter(([key]) => key !== 'attr__class' && key !== 'attr__id')
            .map(([key, value]) => ` [${key.replace(/^attr__/, '')}="${String(value)}"]`)
            .join('')}
          {element.href ? ` → ${element.href}` : ''}
          {element.text ? <span className="muted"> “{element.text}”</span> : null}
        </li>
      ))}
    </ol>
  );
}

/** Everything the SDK sent for one event. Rendered as text only: page data never becomes markup. */
export function EventDetail({ event, onClose }: { event: BufferedEvent; onClose: () => void }) {
  const chain = event.event === '$autocapture' || event.event === '$rageclick' || event.event === '$dead_click' ? chainOf(event) : null;
  const json = JSON.stringify({ uuid: event.uuid, event: event.event, timestamp: event.timestamp, properties: event.properties, $set: event.$set, $set_once: event.$set_once }, null, 2);

  return (
    <section className="event-detail" data-testid="event-detail" aria-label={`Event ${event.event}`}>
      <header className="row">
        <strong className="event-name">{event.event}</strong>
        <span className="muted mono">{formatTime(event.timestamp)}</span>
        <span className="spacer" />
        <CopyButton value={json}>Copy JSON</CopyButton>
        <button type="button" onClick={onClose} aria-label="Close event details">
          ✕
        </button>
      </header>
      <dl>
        <dt>uuid</dt>
        <dd className="mono">{event.uuid ?? '— (this SDK sends none)'}</dd>
        <dt>distinct_id</dt>
        <dd className="mono">{String(event.properties.distinct_id ?? '—')}</dd>
        <dt>request</dt>
        <dd className="mono">
          {event.requestUrl} · {event.transport} · {event.encoding ?? 'unknown encoding'} · {event.requestBytes} bytes
        </dd>
      </dl>
      <EventActions key={event.key} event={event} />
      {chain && (
        <>
          <h3>Elements (clicked first)</h3>
          <Elements chain={chain} />
        </>
      )}
      {event.$set && (
        <>
          <h3>$set</h3>
          <JsonView data={event.$set} shouldExpandNode={allExpanded} style={jsonStyles} />
        </>
      )}
      {event.$set_once && (
        <>
          <h3>$set_once</h3>
          <JsonView data={event.$set_once} shouldExpandNode={allExpanded} style={jsonStyles} />
        </>
      )}
      <h3>Properties</h3>
      <JsonView data={event.properties} shouldExpandNode={collapseAllNested} style={jsonStyles} />
    </section>
  );
}
