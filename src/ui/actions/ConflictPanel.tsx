import { useId, useMemo, useState } from 'react';
import type { ConflictChoice, EntryStatus } from '../../sync/syncView';
import { conflictDiff, type ConflictChoiceText, type StepLine } from './conflictDiff';

type Conflict = Extract<EntryStatus, { state: 'conflict' }>;

const CHANGED_BY = { me: 'changed here', them: 'changed on the server', both: 'changed on both sides' } as const;

function Steps({ lines }: { lines: readonly StepLine[] }) {
  if (lines.length === 0) return <span className="muted">no steps</span>;
  return (
    <ul className="conflict-steps">
      {lines.map((line, index) => (
        <li key={index} className={`mono${line.only ? ' only' : ''}`} title={line.only ? 'Only this side has this step' : undefined}>
          {line.only && <span className="sr-only">only this side: </span>}
          {line.text}
        </li>
      ))}
    </ul>
  );
}

/**
 * Someone changed (or deleted) the action on the server while this browser had a change waiting:
 * both copies side by side, what each side changed, and the three ways out. Nothing is sent until
 * the user picks one (`sync.resolve`).
 */
export function ConflictPanel({ name, conflict, onResolve }: { name: string; conflict: Conflict; onResolve: (choice: ConflictChoice) => Promise<void> }) {
  const view = useMemo(() => conflictDiff(conflict), [conflict]);
  const [busy, setBusy] = useState<ConflictChoice | null>(null);
  const [error, setError] = useState<string | null>(null);
  const headingId = useId();

  const choose = async (choice: ConflictChoice) => {
    setBusy(choice);
    setError(null);
    try {
      await onResolve(choice);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
      setBusy(null);
    }
  };

  const button = (choice: ConflictChoice, text: ConflictChoiceText, testId: string) => (
    <button type="button" className={`resolve ${choice}`} onClick={() => void choose(choice)} disabled={busy !== null} data-testid={testId} aria-describedby={`${headingId}-${choice}`}>
      <strong>{busy === choice ? 'Sending…' : text.label}</strong>
      <span id={`${headingId}-${choice}`} className="resolve-hint">
        {text.hint}
      </span>
    </button>
  );

  return (
    <section className="conflict-panel" data-testid="conflict-panel" data-kind={view.kind} aria-labelledby={headingId}>
      <h3 id={headingId}>
        <span className="sr-only">Conflict on {name}: </span>
        {view.headline}
      </h3>
      {view.changes && <p className="conflict-changes">{view.changes}</p>}
      {view.fields.length > 0 ? (
        <table className="conflict-table">
          <thead>
            <tr>
              <th scope="col">
                <span className="sr-only">Field</span>
              </th>
              <th scope="col">Mine</th>
              <th scope="col">Theirs (server)</th>
            </tr>
          </thead>
          <tbody>
            {view.fields.map((field) => (
              <tr key={field.field} className={field.differs ? 'differs' : 'same'} data-field={field.field}>
                <th scope="row">
                  {field.label}
                  {field.changedBy && <span className="changed-by">{CHANGED_BY[field.changedBy]}</span>}
                  {!field.differs && <span className="changed-by">same</span>}
                </th>
                <td data-testid="conflict-mine">{field.field === 'steps' ? <Steps lines={view.mineSteps} /> : field.mine}</td>
                <td data-testid="conflict-theirs">{field.field === 'steps' ? <Steps lines={view.theirSteps} /> : field.theirs}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <div className="conflict-gone">
          <span className="muted">Your copy:</span>
          <Steps lines={view.mineSteps} />
        </div>
      )}
      <div className="conflict-choices" role="group" aria-label={`Resolve the conflict on ${name}`}>
        {button('mine', view.mine, 'resolve-mine')}
        {button('theirs', view.theirs, 'resolve-theirs')}
        {view.merge && button('merge', view.merge, 'resolve-merge')}
      </div>
      {error && (
        <p className="notice error" role="alert" data-testid="resolve-error">
          {error}
        </p>
      )}
    </section>
  );
}
