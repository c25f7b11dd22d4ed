import { useMemo } from 'react';
import { explainMatchSteps, type ExplainedLine } from '../../core/actions/explainMatch';
import type { MatchableEvent } from '../../core/actions/eventFacts';
import { matchAction } from '../../core/actions/matchAction';
import type { MatchResult } from '../../core/actions/matchResult';
import { useActionsStore } from '../stores/actionsStore';
import { actionName } from './actionName';
import './actions.css';

const VERDICTS: Record<MatchResult['status'], { mark: string; label: string }> = {
  match: { mark: '✓', label: 'matches' },
  'no-match': { mark: '✗', label: 'no match' },
  unknown: { mark: '?', label: 'cannot tell' },
};

const MARKS: Record<ExplainedLine['status'], { mark: string; label: string }> = {
  pass: { mark: '✓', label: 'passed' },
  fail: { mark: '✗', label: 'failed' },
  unknown: { mark: '?', label: 'cannot tell' },
  ignored: { mark: '–', label: 'ignored by the server' },
};

/** A sentence with its `code` spans as code elements; text only, never markup (values come from the page). */
function Sentence({ text }: { text: string }) {
  return <>{text.split('`').map((part, index) => (index % 2 === 1 ? <code key={index}>{part}</code> : part))}</>;
}

function Mark({ mark, label }: { mark: string; label: string }) {
  return (
    <span className="mark" role="img" aria-label={label} title={label}>
      {mark}
    </span>
  );
}

/**
 * The event detail's "Actions": for the tab's draft and each of the project's actions, whether the
 * server would count this event for it and, step by step, which condition passed or failed and why.
 * A matching action opens by default; the others say why not when opened.
 */
export function EventActions({ event }: { event: MatchableEvent }) {
  const entries = useActionsStore((state) => state.entries);
  const draft = useActionsStore((state) => state.draft);
  const verdicts = useMemo(() => {
    const all = [...(draft ? [{ key: 'draft', name: `Draft: ${draft.action.name}`, action: draft.action }] : []), ...(entries ?? []).map((entry) => ({ key: entry.key, name: actionName(entry.action), action: entry.action }))];
    return all.map(({ key, name, action }) => {
      const result = matchAction(action, event);
      return { key, name, status: result.status, explanation: explainMatchSteps(result) };
    });
  }, [event, entries, draft]);

  if (!entries && !draft) return null;
  return (
    <section className="event-actions" aria-label="Actions this event matches">
      <h3>Actions</h3>
      {verdicts.length === 0 && <p className="muted">The project has no actions yet.</p>}
      {verdicts.map(({ key, name, status, explanation }) => (
        <details key={key} className={`action-verdict ${status}`} open={status === 'match'} data-testid="event-action-explanation" data-status={status}>
          <summary>
            <Mark {...VERDICTS[status]} /> <strong>{name}</strong> <span className="muted">{VERDICTS[status].label}</span>
          </summary>
          <p>
            <Sentence text={explanation.summary} />
          </p>
          {explanation.steps.map((step) => (
            <div key={step.index} className="verdict-step">
              <p className={`step-title ${step.status}`}>{step.title}</p>
              <ul>
                {step.lines.map((line, index) => (
                  <li key={index} className={`condition ${line.status}`}>
                    <Mark {...MARKS[line.status]} />
                    <span>
                      <Sentence text={line.text} />
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </details>
      ))}
    </section>
  );
}
