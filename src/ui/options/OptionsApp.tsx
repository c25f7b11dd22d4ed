import { useEffect, useState, type FormEvent } from 'react';
import { hostPattern, TARGETS } from '../../api/targets';
import type { ConnectionDraft, ConnectionTarget, ConnectionTestResult, PublicConnection } from '../../messaging/protocol';
import { sendMessage } from '../../messaging/sendMessage';
import { requestHostAccess } from '../../platform/hostAccess';
import { type FormState, toDraft } from './connectionDraft';
import { ProjectPicker } from './ProjectPicker';
import './options.css';

const INITIAL: FormState = { target: 'local', host: TARGETS.local.host!, projectId: '@current', apiKey: '' };

type Outcome = { kind: 'result'; result: ConnectionTestResult; saved: boolean } | { kind: 'error'; message: string } | null;

/** The connection to a project API: where it is, which project, and the personal API key. */
export function OptionsApp() {
  const [form, setForm] = useState<FormState>(INITIAL);
  const [saved, setSaved] = useState<PublicConnection | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  useEffect(() => {
    void sendMessage('connection.get', {}).then((connection) => {
      setSaved(connection);
      if (connection) setForm({ target: connection.target, host: connection.host, projectId: connection.projectId, apiKey: '' });
    });
  }, []);

  const update = (patch: Partial<FormState>) => setForm((current) => ({ ...current, ...patch }));

  function chooseTarget(target: ConnectionTarget) {
    const fixed = TARGETS[target].host;
    update({ target, host: fixed ?? (form.target === 'self-hosted' || form.target === 'local' ? '' : form.host) });
  }

  /** Asks for the API host straight from the click, then runs `then` with the draft. */
  function withHostAccess(then: (draft: ConnectionDraft) => Promise<void>) {
    const result = toDraft(form);
    if ('error' in result) {
      setOutcome({ kind: 'error', message: result.error });
      return;
    }
    const { draft } = result;
    setBusy(true);
    setOutcome(null);
    // No `await` before the request: the permission prompt needs this click's user gesture.
    requestHostAccess(hostPattern(draft.host))
      .then(async (granted) => {
        if (!granted) {
          setOutcome({ kind: 'error', message: `Actionlens needs access to ${new URL(draft.host).host} to talk to the project API.` });
          return;
        }
        await then(draft);
      })
      .catch((error: unknown) => setOutcome({ kind: 'error', message: error instanceof Error ? error.message : String(error) }))
      .finally(() => setBusy(false));
  }

  const test = () =>
    withHostAccess(async (draft) => {
      setOutcome({ kind: 'result', result: await sendMessage('connection.test', { draft }), saved: false });
    });

  const save = (event: FormEvent) => {
    event.preventDefault();
    withHostAccess(async (draft) => {
      const { connection, test: result } = await sendMessage('connection.save', { draft });
      setSaved(connection);
      update({ apiKey: '' });
      setOutcome({ kind: 'result', result, saved: true });
    });
  };

  const forget = async () => {
    await sendMessage('connection.forget', {});
    setSaved(null);
    setForm(INITIAL);
    setOutcome(null);
  };

  const fixedHost = TARGETS[form.target].host && form.target !== 'local';

  return (
    <main className="options">
      <h1>Actionlens</h1>
      <p className="muted">
        Connect the project API that holds your actions. Live events work without a connection; actions, persons and
        click stats need one.
      </p>
      <form onSubmit={save} aria-label="Project API connection">
        <fieldset>
          <legend>Where is your project?</legend>
          {(Object.keys(TARGETS) as ConnectionTarget[]).map((target) => (
            <label key={target} className="choice">
              <input type="radio" name="target" value={target} checked={form.target === target} onChange={() => chooseTarget(target)} />
              <span>
                <strong>{TARGETS[target].label}</strong>
                <span className="muted"> — {TARGETS[target].hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="host">URL</label>
          <input
            id="host"
            name="host"
            type="url"
            value={fixedHost ? TARGETS[form.target].host! : form.host}
            disabled={Boolean(fixedHost)}
            placeholder="https://posthog.example.com"
            onChange={(e) => update({ host: e.target.value })}
          />
        </div>
        <ProjectPicker form={form} saved={saved} onChange={(projectId) => update({ projectId })} />
        <div className="field">
          <label htmlFor="apiKey">Personal API key</label>
          <input
            id="apiKey"
            name="apiKey"
            type="password"
            autoComplete="off"
            aria-describedby="apiKey-hint"
            value={form.apiKey}
            placeholder={saved?.keyHint ? `Saved key ${saved.keyHint} — leave empty to keep it` : 'phx_…'}
            onChange={(e) => update({ apiKey: e.target.value })}
          />
          <small id="apiKey-hint" className="muted">
            Needs the scopes action:read, action:write, person:read and element:read. The key stays in this browser's
            extension storage and is sent only to the address above.
          </small>
        </div>
        <div className="row">
          <button type="button" onClick={test} disabled={busy}>
            Test connection
          </button>
          <button type="submit" className="primary" disabled={busy}>
            Save
          </button>
          <span className="spacer" />
          {saved && (
            <button type="button" onClick={() => void forget()} disabled={busy}>
              Forget connection
            </button>
          )}
        </div>
      </form>
      <Outcome outcome={outcome} />
    </main>
  );
}

function Outcome({ outcome }: { outcome: Outcome }) {
  if (!outcome) return null;
  if (outcome.kind === 'error') {
    return (
      <div className="notice error" role="alert" data-testid="connection-result">
        {outcome.message}
      </div>
    );
  }
  const { result, saved } = outcome;
  if (result.ok) {
    return (
      <div className="notice ok" role="status" data-testid="connection-result" data-ok="true">
        <strong>
          {saved ? 'Saved. ' : ''}Connected to “{result.projectName}” (project {result.projectId})
          {result.userEmail ? ` as ${result.userEmail}` : ''}.
        </strong>
        {result.warnings.map((warning) => (
          <div key={warning} className="muted">
            {warning}
          </div>
        ))}
      </div>
    );
  }
  return (
    <div className="notice error" role="alert" data-testid="connection-result" data-ok="false" data-problem={result.problem}>
      {saved && <strong>Saved, but the connection does not work yet. </strong>}
      {result.message}
    </div>
  );
}
