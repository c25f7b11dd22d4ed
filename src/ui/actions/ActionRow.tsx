import { useState, type FormEvent, type KeyboardEvent } from 'react';
import type { SaveActionResult } from '../../messaging/protocol';
import type { ConflictChoice } from '../../sync/syncView';
import { type ActionListRow, renamedAction } from './actionListRows';
import { ConflictPanel } from './ConflictPanel';

const events = (count: number) => `${count} ${count === 1 ? 'event' : 'events'} in this tab`;

export interface RowCommands {
  edit(key: string): Promise<void>;
  save(key: string, action: ReturnType<typeof renamedAction>): Promise<SaveActionResult>;
  remove(key: string): Promise<void>;
  resolve(key: string, choice: ConflictChoice): Promise<void>;
  retry(key: string): Promise<void>;
  discard(key: string): Promise<void>;
  /** A line for the view's notice area: what a command did, or why it failed. */
  report(message: string, tone: 'ok' | 'warn' | 'error'): void;
}

/** An inline rename: the name becomes a field; Enter saves, Escape gives up. */
function RenameForm({ row, commands, onDone }: { row: ActionListRow; commands: RowCommands; onDone: () => void }) {
  const [name, setName] = useState(row.action.name ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorId = `rename-error-${row.key}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === (row.action.name ?? '').trim()) return onDone();
    if (!name.trim()) return setError('A name is needed.');
    setBusy(true);
    try {
      const result = await commands.save(row.key, renamedAction(row.action, name));
      // Kept in the outbox: the row's status follows it from here ("sending…", "saved on server").
      if (result.ok) return onDone();
      // Refused or in conflict on the server: the change is kept too, and the row says what happened.
      if (result.problem === 'failed' || result.problem === 'conflict') {
        commands.report(result.message, result.problem === 'conflict' ? 'warn' : 'error');
        return onDone();
      }
      setError(result.message);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
    setBusy(false);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onDone();
    }
  };

  return (
    <form className="rename-form" onSubmit={(event) => void submit(event)} onKeyDown={onKeyDown} aria-label={`Rename ${row.name}`}>
      <input
        value={name}
        onChange={(event) => {
          setName(event.target.value);
          setError(null);
        }}
        aria-label="New name"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        maxLength={400}
        disabled={busy}
        autoFocus
        data-testid="rename-input"
      />
      <button type="submit" className="primary" disabled={busy} data-testid="rename-save">
        {busy ? 'Saving…' : 'Save'}
      </button>
      <button type="button" onClick={onDone} disabled={busy}>
        Cancel
      </button>
      {error && (
        <span id={errorId} className="field-error" role="alert" data-testid="rename-error">
          {error}
        </span>
      )}
    </form>
  );
}

/**
 * One action: name, steps, matches in this tab, where it stands with the server, and what can be
 * done with it. A delete asks once more on the same button; a refused change can be sent again or
 * dropped; a conflict opens its panel below the row.
 */
export function ActionRow({ row, canEdit, commands }: { row: ActionListRow; canEdit: boolean; commands: RowCommands }) {
  const [renaming, setRenaming] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  const run = async (command: () => Promise<void>) => {
    setBusy(true);
    try {
      await command();
    } catch (caught) {
      commands.report(caught instanceof Error ? caught.message : String(caught), 'error');
    } finally {
      setBusy(false);
    }
  };
  const onDelete = () => {
    if (!confirming) return setConfirming(true);
    setConfirming(false);
    void run(() => commands.remove(row.key));
  };

  return (
    <li
      className={`action-item sync-${row.sync}${row.deleting ? ' deleting' : ''}`}
      data-testid="action-item"
      data-key={row.key}
      data-action-id={row.id ?? undefined}
      data-sync={row.sync}
      aria-busy={busy || undefined}
    >
      <div className="action-main">
        {renaming ? (
          <RenameForm row={row} commands={commands} onDone={() => setRenaming(false)} />
        ) : (
          <strong className="action-name" title={row.deleting ? `${row.name} (being deleted)` : row.name}>
            {row.name}
          </strong>
        )}
        <span className="mono muted action-steps" title={row.summary} data-testid="action-steps">
          {row.summary}
        </span>
        <span className="muted action-meta">
          <span data-testid="action-match-count">{events(row.matches)}</span> ·{' '}
          <span className="action-status" data-testid="action-sync" data-sync={row.sync}>
            <span className={`status-chip ${row.sync}`}>{row.label}</span>
            {row.detail && (
              <span className="status-detail">
                <span className="sr-only"> — </span>
                {row.detail}
              </span>
            )}
          </span>
        </span>
        {row.sync === 'failed' && (
          <span className="row action-fix">
            <button type="button" onClick={() => void run(() => commands.retry(row.key))} disabled={busy} data-testid="action-retry" aria-label={`Send the change to ${row.name} again`}>
              Retry
            </button>
            <button type="button" onClick={() => void run(() => commands.discard(row.key))} disabled={busy} data-testid="action-discard" aria-label={`Discard the refused change to ${row.name}`}>
              Discard change
            </button>
          </span>
        )}
      </div>
      <div className="action-buttons">
        <button
          type="button"
          onClick={() => void commands.edit(row.key)}
          disabled={!canEdit || row.deleting}
          data-testid={`edit-action-${row.id ?? row.key}`}
          aria-label={`Edit ${row.name} in page`}
        >
          Edit in page
        </button>
        <span className="action-more">
          {!confirming && (
            <button type="button" className="link" onClick={() => setRenaming(true)} disabled={renaming || row.deleting || busy} data-testid="action-rename" aria-label={`Rename ${row.name}`}>
              Rename
            </button>
          )}
          <button
            type="button"
            className={confirming ? 'small danger' : 'link'}
            onClick={onDelete}
            onBlur={(event) => {
              // Leaving the confirmation for anything but its Cancel button takes it back.
              if (!event.currentTarget.parentElement?.contains(event.relatedTarget)) setConfirming(false);
            }}
            onKeyDown={(event) => event.key === 'Escape' && setConfirming(false)}
            disabled={row.deleting || busy}
            data-testid="action-delete"
            aria-label={confirming ? `Confirm: delete ${row.name}` : `Delete ${row.name}`}
          >
            {confirming ? 'Confirm delete' : 'Delete'}
          </button>
          {confirming && (
            <button type="button" className="small" onClick={() => setConfirming(false)} data-testid="action-delete-cancel">
              Cancel
            </button>
          )}
        </span>
      </div>
      {row.status.state === 'conflict' && <ConflictPanel name={row.name} conflict={row.status} onResolve={(choice) => commands.resolve(row.key, choice)} />}
    </li>
  );
}
