import { useEffect, useMemo } from 'react';
import { useStore } from 'zustand';
import type { ActionValidationMessage } from '../../core/actions';
import { isUserClick } from '../eventShield';
import type { CandidateIndex } from '../../core/elements';
import {
  builderMessages,
  type BuilderStep,
  CONDITION_HELP,
  type MatchingCondition,
  PROPERTY_OPERATOR_LABELS,
  PROPERTY_OPERATORS,
  type PropertyRow,
  pageviewStep,
  toMatchable,
} from './builderModel';
import type { BuilderStore } from './builderStore';
import type { PagePreview } from '../inspect/inspectStore';
import { breadth, type ClickEvents, previewElementStep, previewPageviewStep, type StepPreview } from './stepPreview';

export interface BuilderServices {
  candidateIndex(): CandidateIndex;
  clicks(): ClickEvents;
  /** The page's URL now (SPA navigations change it). */
  url(): string;
  /** Outlines on the page: what the active step matches on the server, and what CSS adds. */
  showPreview(preview: PagePreview | null): void;
  save(): void;
}

const STEP_LABEL = { element: 'Click on an element', pageview: 'Pageview', event: 'Custom event' } as const;

/** The builder in the panel: the action's name, its steps (alternatives), a live preview, and Save. */
export function ActionBuilder({ store, services }: { store: BuilderStore; services: BuilderServices }) {
  const draft = useStore(store, (state) => state.draft);
  const active = useStore(store, (state) => state.active);
  const picking = useStore(store, (state) => state.picking);
  const saving = useStore(store, (state) => state.saving);
  const result = useStore(store, (state) => state.result);
  const { setName, setDescription, addStep, addEmptyStep, setPicking, close } = store.getState();

  const projectActions = useStore(store, (state) => state.projectActions);
  const existingNames = useMemo(
    () =>
      projectActions?.state === 'ok'
        ? projectActions.entries.filter((entry) => entry.key !== draft.key && !(entry.status.state === 'pending' && entry.status.op === 'delete')).map((entry) => entry.action.name ?? '')
        : [],
    [projectActions, draft.key],
  );
  const messages = useMemo(() => builderMessages(draft, existingNames), [draft, existingNames]);
  const errors = messages.filter((message) => message.severity === 'error');
  const at = (path: Array<string | number>) => messages.filter((message) => path.every((part, i) => message.path[i] === part) && message.path.length >= path.length);

  return (
    <div className="builder" data-testid="action-builder">
      <section>
        <div className="row">
          <h3>{draft.key === null ? 'New action' : draft.id === null ? 'Action (not yet on the server)' : `Action #${draft.id}`}</h3>
          <span className="spacer" />
          <button type="button" onClick={close} data-testid="builder-close" title="Close the builder (the draft is dropped)">
            Close
          </button>
        </div>
        <label className="field">
          <span>Name</span>
          <input value={draft.name} onChange={(event) => setName(event.target.value)} placeholder="e.g. Started a trial" data-testid="builder-name" />
        </label>
        <Messages list={at(['name'])} testId="builder-name-messages" />
        <label className="field">
          <span>Description</span>
          <input value={draft.description} onChange={(event) => setDescription(event.target.value)} placeholder="optional" data-testid="builder-description" />
        </label>
      </section>
      <p className="hint">Steps are alternatives: the action counts an event that matches any one of them.</p>
      {draft.steps.map((step, index) => (
        <StepEditor key={index} index={index} step={step} active={index === active} store={store} services={services} messages={at(['steps', index])} />
      ))}
      <Messages list={messages.filter((message) => message.path.length === 1 && message.path[0] === 'steps')} testId="builder-steps-messages" />
      <section className="builder-add">
        <button type="button" aria-pressed={picking} onClick={() => setPicking(!picking)} data-testid="builder-add-element" title="Then click an element on the page">
          {picking ? 'Click an element… (Esc to stop)' : '+ Element click'}
        </button>
        <button type="button" onClick={() => addStep(pageviewStep(services.url()))} data-testid="builder-add-pageview">
          + Pageview
        </button>
        <button type="button" onClick={() => addEmptyStep('event')} data-testid="builder-add-event">
          + Custom event
        </button>
      </section>
      <section className="builder-save">
        <button type="button" className="primary" disabled={saving || errors.length > 0} onClick={(event) => {
            // Only the user's own click saves: the page can reach our (open) shadow root.
            if (isUserClick(event.nativeEvent)) services.save();
          }} data-testid="builder-save">
          {saving ? 'Saving…' : draft.key === null ? 'Save action' : 'Save changes'}
        </button>
        {errors.length > 0 && <span className="hint">Fix {errors.length === 1 ? 'the error' : `the ${errors.length} errors`} above to save.</span>}
      </section>
      {result && (
        <p className={result.ok ? (result.sent ? 'saved' : 'queued') : 'error-text'} role="status" data-testid="builder-result" data-ok={result.ok} data-sent={result.ok && result.sent}>
          {result.message}
        </p>
      )}
    </div>
  );
}

function Messages({ list, testId }: { list: ActionValidationMessage[]; testId?: string }) {
  if (list.length === 0) return null;
  return (
    <ul className="messages" data-testid={testId}>
      {list.map((message, at) => (
        <li key={at} className={message.severity} data-code={message.code}>
          {message.message}
        </li>
      ))}
    </ul>
  );
}

interface StepEditorProps {
  index: number;
  step: BuilderStep;
  active: boolean;
  store: BuilderStore;
  services: BuilderServices;
  messages: ActionValidationMessage[];
}

function StepEditor({ index, step, active, store, services, messages }: StepEditorProps) {
  const { updateStep, removeStep, activate } = store.getState();
  const change = (patch: Partial<BuilderStep>) => updateStep(index, (current) => ({ ...current, ...patch }));
  const field = (name: string) => messages.filter((message) => message.path[2] === name);
  return (
    <section className={`step ${active ? 'active' : ''}`} data-testid={`builder-step-${index}`} data-kind={step.kind} onFocusCapture={() => activate(index)}>
      <div className="row">
        <h3>
          Step {index + 1}: {STEP_LABEL[step.kind]}
        </h3>
        <span className="spacer" />
        {!active && (
          <button type="button" onClick={() => activate(index)} title="Outline what this step matches on the page">
            Preview
          </button>
        )}
        <button type="button" onClick={() => removeStep(index)} aria-label={`Remove step ${index + 1}`} data-testid={`builder-remove-${index}`}>
          ✕
        </button>
      </div>
      {step.kind === 'event' && (
        <label className="field">
          <span>Event name</span>
          <input value={step.event} onChange={(event) => change({ event: event.target.value })} placeholder="e.g. trial_started" data-testid="builder-event-name" title={CONDITION_HELP.event} />
        </label>
      )}
      {step.kind === 'element' && (
        <>
          <ConditionRow
            label="Selector"
            help={CONDITION_HELP.selector}
            on={step.selector.on}
            value={step.selector.value}
            onToggle={(on) => change({ selector: { ...step.selector, on } })}
            onValue={(value) => change({ selector: { ...step.selector, value } })}
            testId="selector"
          />
          <MatchingRow label="Text" help={CONDITION_HELP.text} condition={step.text} onChange={(text) => change({ text })} testId="text" />
          <MatchingRow label="Link target (href)" help={CONDITION_HELP.href} condition={step.href} onChange={(href) => change({ href })} testId="href" />
        </>
      )}
      <MatchingRow label="Page URL" help={CONDITION_HELP.url} condition={step.url} onChange={(url) => change({ url })} testId="url" />
      {step.kind === 'event' && <PropertyRows rows={step.properties} onChange={(properties) => change({ properties })} />}
      <Messages list={[...field('selector'), ...field('text'), ...field('href'), ...field('url'), ...field('event'), ...field('properties')]} testId={`builder-step-${index}-messages`} />
      {active && <StepPreviewView step={step} services={services} />}
    </section>
  );
}

/**
 * A condition's on/off switch: a button with the checkbox role rather than an `<input>`, because the
 * overlay's event shield hands the panel a copy of each click (see eventShield.ts), and a button's
 * activation is the copy's alone.
 */
function Toggle({ label, help, on, onToggle, testId }: { label: string; help: string; on: boolean; onToggle(on: boolean): void; testId: string }) {
  return (
    <button type="button" role="checkbox" aria-checked={on} className="toggle" title={help} onClick={() => onToggle(!on)} data-testid={testId}>
      <span className="check" aria-hidden="true">
        {on ? '✓' : ''}
      </span>
      {label}
    </button>
  );
}

function ConditionRow(props: { label: string; help: string; on: boolean; value: string; onToggle(on: boolean): void; onValue(value: string): void; testId: string }) {
  return (
    <div className="condition">
      <Toggle label={props.label} help={props.help} on={props.on} onToggle={props.onToggle} testId={`builder-${props.testId}-on`} />
      <input value={props.value} disabled={!props.on} onChange={(event) => props.onValue(event.target.value)} spellCheck={false} data-testid={`builder-${props.testId}`} aria-label={props.label} />
      {props.on && <p className="hint">{props.help}</p>}
    </div>
  );
}

function MatchingRow({ label, help, condition, onChange, testId }: { label: string; help: string; condition: MatchingCondition; onChange(condition: MatchingCondition): void; testId: string }) {
  return (
    <div className="condition">
      <Toggle label={label} help={help} on={condition.on} onToggle={(on) => onChange({ ...condition, on })} testId={`builder-${testId}-on`} />
      <div className="row">
        <select
          value={condition.matching}
          disabled={!condition.on}
          onChange={(event) => onChange({ ...condition, matching: event.target.value as MatchingCondition['matching'] })}
          aria-label={`${label}: how to compare`}
          data-testid={`builder-${testId}-matching`}
        >
          <option value="exact">equals</option>
          <option value="contains">contains</option>
          <option value="regex">matches regex</option>
        </select>
        <input value={condition.value} disabled={!condition.on} onChange={(event) => onChange({ ...condition, value: event.target.value })} spellCheck={false} data-testid={`builder-${testId}`} aria-label={label} />
      </div>
      {condition.on && <p className="hint">{help}</p>}
    </div>
  );
}

function PropertyRows({ rows, onChange }: { rows: PropertyRow[]; onChange(rows: PropertyRow[]): void }) {
  const set = (index: number, patch: Partial<PropertyRow>) => onChange(rows.map((row, at) => (at === index ? { ...row, ...patch } : row)));
  return (
    <div className="condition" data-testid="builder-properties">
      <span className="toggle">Event properties</span>
      {rows.map((row, index) => (
        <div className="row property" key={index}>
          <input value={row.key} onChange={(event) => set(index, { key: event.target.value })} placeholder="property" aria-label="Property name" data-testid={`builder-property-key-${index}`} />
          <select value={row.operator} onChange={(event) => set(index, { operator: event.target.value as PropertyRow['operator'] })} aria-label="Operator" data-testid={`builder-property-operator-${index}`}>
            {PROPERTY_OPERATORS.map((operator) => (
              <option key={operator} value={operator}>
                {PROPERTY_OPERATOR_LABELS[operator]}
              </option>
            ))}
          </select>
          {row.operator !== 'is_set' && row.operator !== 'is_not_set' && (
            <input value={row.value} onChange={(event) => set(index, { value: event.target.value })} placeholder="value" aria-label="Value" data-testid={`builder-property-value-${index}`} />
          )}
          <button type="button" onClick={() => onChange(rows.filter((_, at) => at !== index))} aria-label="Remove this filter">
            ✕
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...rows, { key: '', operator: 'exact', value: '' }])} data-testid="builder-add-property">
        + Property filter
      </button>
    </div>
  );
}

/** The active step's live preview: counted by the server's rules, with CSS's count beside it. */
function StepPreviewView({ step, services }: { step: BuilderStep; services: BuilderServices }) {
  const matchable = useMemo(() => toMatchable(step), [step]);
  const url = services.url();
  // A new index after the page changed (the inspector rebuilds it): the preview counts again.
  const index = services.candidateIndex();
  const clicks = services.clicks();
  const preview = useMemo<StepPreview | null>(
    () => (step.kind === 'element' ? previewElementStep(matchable, index, clicks, url, document) : null),
    [matchable, index, clicks, url, step.kind],
  );
  useEffect(() => {
    if (!preview) {
      services.showPreview(null);
      return;
    }
    const server = new Set(preview.server);
    services.showPreview({ server: preview.server, cssOnly: (preview.css ?? []).filter((element) => !server.has(element)), universe: index.elements });
  }, [preview, services, index]);
  useEffect(() => () => services.showPreview(null), [services]);

  if (step.kind === 'pageview') {
    const matches = previewPageviewStep(matchable, url);
    return (
      <p className={`preview ${matches ? 'ok' : 'none'}`} data-testid="builder-preview" data-page-matches={matches}>
        {matches ? 'A pageview of this page matches this step.' : 'A pageview of this page would not match this step.'}
      </p>
    );
  }
  if (step.kind === 'event') {
    return (
      <p className="preview" data-testid="builder-preview">
        Custom events are not clicks on the page: the Events view in the popup or side panel shows which of this tab’s events the step matches.
      </p>
    );
  }
  if (!preview) return null;
  const kind = breadth(preview);
  const cssCount = preview.css?.length ?? null;
  const server = new Set(preview.server);
  const differ = preview.css !== null && (preview.css.length !== preview.server.length || preview.css.some((element) => !server.has(element)));
  return (
    <div className={`preview ${kind}`} data-testid="builder-preview" data-server-count={preview.server.length} data-css-count={cssCount ?? ''} data-breadth={kind}>
      <div className="counts">
        <span data-testid="builder-preview-server">Server: {plural(preview.server.length, 'clickable element')} on this page</span>
        {cssCount !== null && <span data-testid="builder-preview-css">CSS: {plural(cssCount, 'element')}</span>}
      </div>
      {kind === 'none' && <p className="hint warn">This step matches no click on this page as the server applies it.</p>}
      {kind === 'too-broad' && (
        <p className="hint warn">
          This step matches {preview.server.length} of the page’s {preview.candidates} clickable elements: probably more than you mean.
        </p>
      )}
      {preview.cssError && <p className="hint warn">The selector is not valid CSS ({preview.cssError}); the server reads it its own way.</p>}
      {differ && (
        <p className="hint" data-testid="builder-preview-differ">
          CSS and the server disagree: the server matches the selector against each click’s elements chain (any element of it, classes by prefix), and also applies
          the step’s text, href and URL. Green outlines are what the server counts; dashed orange ones are what CSS alone would add.
        </p>
      )}
    </div>
  );
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
