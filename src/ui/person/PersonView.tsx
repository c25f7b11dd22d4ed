import { useDeferredValue, useEffect } from 'react';
import { browser } from 'wxt/browser';
import type { IdentityState, IdentityWarning, PersistenceSnapshot, PersonProperty, TimelineEntry } from '../../core/identity';
import { CopyButton } from '../CopyButton';
import { useConnectionStore } from '../stores/connectionStore';
import { useEventsStore } from '../stores/eventsStore';
import { identityReport, usePersonStore } from '../stores/personStore';
import { formatTime, shortId } from '../events/format';
import './person.css';

/** Everything the view renders is text: ids and properties come from the page and never become markup. */
const display = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value) ?? String(value));

function IdRow({ label, value, testId }: { label: string; value: string | null; testId?: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd className="id-row">
        <span className="mono" data-testid={testId} title={value ?? undefined}>
          {value ?? '—'}
        </span>
        {value && (
          <CopyButton value={value} label={`Copy ${label}`} className="copy">
            Copy
          </CopyButton>
        )}
      </dd>
    </>
  );
}

function EventLink({ refKey, label, onShowEvent }: { refKey: string; label: string; onShowEvent: (key: string) => void }) {
  return (
    <button type="button" className="link" onClick={() => onShowEvent(refKey)} title="Show this event in the Events view">
      {label}
    </button>
  );
}

function persistenceLine(snapshot: PersistenceSnapshot | null): string {
  if (!snapshot) return 'No storage entry for this token: memory persistence, or a persistence_name not tied to these events.';
  const where = snapshot.source === 'none' ? 'not stored (memory persistence)' : `${snapshot.source} “${snapshot.name}”`;
  return `${where}; ${snapshot.userState ?? 'no user state'}; read at ${formatTime(new Date(snapshot.readAt).toISOString())}`;
}

function PersonProperties({ properties, onShowEvent }: { properties: Record<string, PersonProperty>; onShowEvent: (key: string) => void }) {
  // The site's own properties first; the SDK's `$initial_*` and campaign keys after them.
  const entries = Object.entries(properties).sort(([a], [b]) => Number(a.startsWith('$')) - Number(b.startsWith('$')) || a.localeCompare(b));
  if (entries.length === 0) return <p className="muted">No person properties set from this tab.</p>;
  return (
    <table className="person-properties" data-testid="person-properties">
      <thead>
        <tr>
          <th scope="col">property</th>
          <th scope="col">value</th>
          <th scope="col">set by</th>
        </tr>
      </thead>
      <tbody>
        {entries.map(([key, property]) => (
          <tr key={key}>
            <td className="mono">{key}</td>
            <td className="mono">{display(property.value)}</td>
            <td>
              <span className="muted">{property.via} in </span>
              <EventLink refKey={property.ref.key} label={property.ref.event} onShowEvent={onShowEvent} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ServerProfile({ distinctId, identified }: { distinctId: string; identified: boolean }) {
  const connection = useConnectionStore((state) => state.connection);
  const profile = usePersonStore((state) => state.profiles[distinctId]);
  const loadProfile = usePersonStore((state) => state.loadProfile);
  useEffect(() => {
    if (connection) void loadProfile(distinctId);
  }, [connection, distinctId, loadProfile]);

  if (!connection) {
    return (
      <p className="muted">
        Connect a project API to compare with the server’s person.{' '}
        <button type="button" className="link" onClick={() => void browser.runtime.openOptionsPage()}>
          Connect…
        </button>
      </p>
    );
  }
  const lookup = profile?.lookup ?? null;
  const retry = (
    <button type="button" onClick={() => void loadProfile(distinctId)} disabled={profile?.loading}>
      {profile?.loading ? 'Asking…' : 'Retry'}
    </button>
  );
  if (!lookup) return <p className="muted">Asking the project API…</p>;
  switch (lookup.state) {
    case 'not-connected':
      return <p className="muted">No project API key is saved.</p>;
    case 'error':
      return (
        <div className="notice error row" role="alert" data-testid="server-profile-error">
          <span>{lookup.message}</span>
          <span className="spacer" />
          {retry}
        </div>
      );
    case 'not-found':
      return (
        <div className="notice row" data-testid="server-profile-not-found">
          <span>
            {identified
              ? 'Not on the server yet: ingestion takes a few seconds after identify.'
              : 'No person on the server for this anonymous id (with person_profiles “identified_only”, none exists before identify).'}
            {profile && profile.retriesLeft > 0 ? ' Asking again shortly…' : ''}
          </span>
          <span className="spacer" />
          {retry}
        </div>
      );
    case 'found': {
      const { person } = lookup;
      return (
        <div data-testid="server-profile">
          <dl className="identity-facts">
            <dt>name</dt>
            <dd>{person.name ?? '—'}</dd>
            <dt>distinct ids</dt>
            <dd className="mono" data-testid="server-distinct-ids">
              {person.distinctIds.join(', ')}
            </dd>
            <dt>created</dt>
            <dd>{person.createdAt ?? '—'}</dd>
            <dt>identified</dt>
            <dd>{person.isIdentified == null ? '—' : person.isIdentified ? 'yes' : 'no'}</dd>
          </dl>
          <details>
            <summary>Server properties ({Object.keys(person.properties).length})</summary>
            <table className="person-properties">
              <tbody>
                {Object.entries(person.properties).map(([key, value]) => (
                  <tr key={key}>
                    <td className="mono">{key}</td>
                    <td className="mono">{display(value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
          <div className="row">
            <span className="muted">Fetched {formatTime(new Date(lookup.fetchedAt).toISOString())}</span>
            <span className="spacer" />
            {retry}
          </div>
        </div>
      );
    }
  }
}

type TimelineItem = { kind: 'entry'; entry: TimelineEntry } | { kind: 'warning'; warning: IdentityWarning };

function describeEntry(entry: TimelineEntry): { title: string; detail: string } {
  switch (entry.kind) {
    case 'first-seen':
      return { title: entry.identified ? 'First seen, identified' : 'First seen, anonymous', detail: entry.distinctId };
    case 'identify':
      return { title: 'Identified', detail: entry.anonDistinctId ? `${entry.anonDistinctId} → ${entry.distinctId}` : entry.distinctId };
    case 'alias':
      return { title: 'Alias', detail: `${entry.alias} ⇢ ${entry.distinctId}` };
    case 'group':
      return { title: `Group ${entry.groupType}`, detail: entry.groupKey };
    case 'reset':
      return {
        title: 'Reset: new anonymous id',
        detail: `${entry.previousDistinctId} → ${entry.distinctId}${entry.deviceIdChanged ? ' (new device id)' : ''}`,
      };
    case 'switch':
      return { title: 'Distinct id changed', detail: `${entry.previousDistinctId} → ${entry.distinctId}` };
  }
}

function Timeline({ state, onShowEvent }: { state: IdentityState; onShowEvent: (key: string) => void }) {
  const items: TimelineItem[] = [
    ...state.timeline.map((entry): TimelineItem => ({ kind: 'entry', entry })),
    ...state.warnings.map((warning): TimelineItem => ({ kind: 'warning', warning })),
  ];
  const at = (item: TimelineItem) => (item.kind === 'entry' ? item.entry.at : item.warning.at);
  const seq = (item: TimelineItem) => (item.kind === 'entry' ? item.entry.ref.seq : (item.warning.ref?.seq ?? Number.MAX_SAFE_INTEGER));
  // Newest first, like the Events view; a warning sits right above the transition it concerns.
  items.sort((a, b) => at(b).localeCompare(at(a)) || seq(b) - seq(a) || (a.kind === 'warning' ? -1 : 1));
  return (
    <ol className="timeline" data-testid="identity-timeline" reversed>
      {items.map((item, index) => {
        if (item.kind === 'warning') {
          const { warning } = item;
          return (
            <li key={`w${index}`} className="timeline-warning notice warn" data-testid="identity-warning" data-kind={warning.kind}>
              <strong>⚠ {warning.message}</strong>
              <div>{warning.advice}</div>
              <div className="muted">
                {formatTime(warning.at)}
                {warning.ref && (
                  <>
                    {' · '}
                    <EventLink refKey={warning.ref.key} label={warning.ref.event} onShowEvent={onShowEvent} />
                  </>
                )}
              </div>
            </li>
          );
        }
        const { entry } = item;
        const { title, detail } = describeEntry(entry);
        return (
          <li key={`e${index}`} className="timeline-entry" data-testid="identity-transition" data-kind={entry.kind}>
            <span className="muted mono">{formatTime(entry.at)}</span>
            <strong>{title}</strong>
            <span className="mono detail">{detail}</span>
            <EventLink refKey={entry.ref.key} label={entry.ref.event} onShowEvent={onShowEvent} />
          </li>
        );
      })}
    </ol>
  );
}

function IdentityCard({ state, onShowEvent }: { state: IdentityState; onShowEvent: (key: string) => void }) {
  const groups = Object.entries(state.groups);
  return (
    <article className="identity-card" data-testid="identity-card" data-token={state.token} aria-label={`Identity for ${state.token}`}>
      <header className="row">
        <span className={`badge ${state.identified ? 'on' : 'off'}`} data-testid="identity-state">
          {state.identified ? 'Identified' : 'Anonymous'}
        </span>
        <span className="mono identity-token" title={state.token}>
          {state.token}
        </span>
        <span className="muted identity-meta">
          {state.eventCount} events{state.libVersion ? ` · posthog-js ${state.libVersion}` : ''}
        </span>
        {state.warnings.length > 0 && <span className="badge warn-count">{state.warnings.length} ⚠</span>}
      </header>
      <dl className="identity-facts">
        <IdRow label="distinct_id" value={state.distinctId} testId="current-distinct-id" />
        <IdRow label="$device_id" value={state.deviceId} />
        <IdRow label="$session_id" value={state.sessionId} />
        <IdRow label="$window_id" value={state.windowId} />
        <dt>groups</dt>
        <dd className="mono" data-testid="identity-groups">
          {groups.length ? groups.map(([type, key]) => `${type}: ${key}`).join(', ') : '—'}
        </dd>
        <dt>ids seen</dt>
        <dd className="mono">{state.distinctIds.map((id) => shortId(id, 12)).join(' → ') || '—'}</dd>
        <dt>persistence</dt>
        <dd data-testid="identity-persistence">{persistenceLine(state.persistence)}</dd>
      </dl>
      <h3>Person properties</h3>
      <PersonProperties properties={state.personProperties} onShowEvent={onShowEvent} />
      <h3>Server profile</h3>
      {state.distinctId ? <ServerProfile distinctId={state.distinctId} identified={state.identified} /> : <p className="muted">No distinct id yet.</p>}
      <h3>Timeline</h3>
      <Timeline state={state} onShowEvent={onShowEvent} />
    </article>
  );
}

/** Who the site's SDK thinks the user is, per project token, how that changed, and what looks wrong. */
export function PersonView({ onShowEvent }: { onShowEvent: (key: string) => void }) {
  const events = useDeferredValue(useEventsStore((state) => state.events));
  const snapshots = usePersonStore((state) => state.snapshots);
  const error = usePersonStore((state) => state.error);
  const report = identityReport(events, snapshots);
  return (
    <section className="person" aria-label="Person">
      {error && (
        <p className="notice error" role="alert">
          {error}
        </p>
      )}
      {report.tokens.length === 0 ? (
        <p className="empty muted" data-testid="person-empty">
          No identity yet: no event from a PostHog SDK in this tab.
        </p>
      ) : (
        report.tokens.map((state) => <IdentityCard key={state.token} state={state} onShowEvent={onShowEvent} />)
      )}
    </section>
  );
}

/** The compact line above the Events list: the current distinct id per token, anonymous or identified. */
export function IdentityLine({ onOpen }: { onOpen: () => void }) {
  const events = useDeferredValue(useEventsStore((state) => state.events));
  const snapshots = usePersonStore((state) => state.snapshots);
  const report = identityReport(events, snapshots);
  if (report.tokens.length === 0) return null;
  const warnings = report.tokens.reduce((sum, state) => sum + state.warnings.length, 0);
  return (
    <button type="button" className="identity-line" onClick={onOpen} data-testid="identity-line" title="Open the Person view">
      {report.tokens.map((state) => (
        <span key={state.token} className="row">
          <span className={`badge ${state.identified ? 'on' : 'off'}`}>{state.identified ? 'Identified' : 'Anonymous'}</span>
          <span className="mono">{shortId(state.distinctId, 24)}</span>
        </span>
      ))}
      {warnings > 0 && <span className="badge warn-count">{warnings} ⚠</span>}
    </button>
  );
}
