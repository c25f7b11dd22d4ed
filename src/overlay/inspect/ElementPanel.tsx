import { useMemo, useState } from 'react';
import { assessSelector, autocaptureVerdict, elementsChainFor, selectorCandidates, type SelectorCandidate } from '../../core/elements';
import { CopyButton } from '../../ui/CopyButton';
import type { InspectorServices } from '../InspectorApp';
import { ElementClicksSection } from '../heatmap/ElementClicksSection';
import type { HeatmapStore } from '../heatmap/heatmapStore';

const MAX_TEXT = 200;
const MAX_ATTRIBUTE = 300;

/** Everything about one pinned element: what the SDK records for a click on it, and a selector for it. */
export function ElementPanel({ element, services, heatmap }: { element: Element; services: InspectorServices; heatmap: HeatmapStore }) {
  const verdict = useMemo(() => autocaptureVerdict(element), [element]);
  const chain = useMemo(() => elementsChainFor(element), [element]);
  const candidates = useMemo(() => selectorCandidates(element, { index: services.candidateIndex() }), [element, services]);
  const text = ownText(element);
  return (
    <div data-testid="element-panel">
      <section>
        <div className="row">
          <span className="tag" data-testid="panel-tag">
            {element.localName}
          </span>
          <span className="spacer" />
          {verdict.captured && (
            <button type="button" className="primary" onClick={() => services.createAction(element)} data-testid="create-action" title="Define an action that counts clicks on this element">
              Create action
            </button>
          )}
          <span className={`verdict ${verdict.captured ? 'captured' : 'not-captured'}`} data-testid="panel-verdict" data-captured={verdict.captured}>
            {verdict.captured ? `Captured: ${verdict.eventTypes.join(', ')}` : 'Not captured'}
          </span>
        </div>
        {!verdict.captured && verdict.exclusion && (
          <p className="hint" data-testid="panel-exclusion" data-code={verdict.exclusion.code}>
            {verdict.exclusion.message}
            {verdict.exclusion.element && verdict.exclusion.element !== element ? ` (from <${verdict.exclusion.element.localName}>)` : ''}
          </p>
        )}
        {verdict.sensitive && (
          <p className="hint" data-testid="panel-sensitive">
            Sensitive: the SDK does not send this element’s value or text.
          </p>
        )}
        <p className="hint">Judged by posthog-js’s default rules: the site’s own allowlists, ignore lists and masking options are invisible to us.</p>
      </section>
      {verdict.captured && <ElementClicksSection element={element} heatmap={heatmap} />}
      {text && (
        <section>
          <h3>Own text</h3>
          <div data-testid="panel-text">{text}</div>
        </section>
      )}
      {element.attributes.length > 0 && (
        <section>
          <h3>Attributes</h3>
          <dl data-testid="panel-attributes">
            {[...element.attributes].map((attribute) => (
              <AttributeRow key={attribute.name} name={attribute.name} value={attribute.value} />
            ))}
          </dl>
        </section>
      )}
      <section>
        <div className="row">
          <h3>$elements_chain for a click</h3>
          <span className="spacer" />
          <CopyButton value={chain} label="Copy the elements chain">
            Copy
          </CopyButton>
        </div>
        {/* Focusable: a long chain scrolls, and keyboard users scroll it with the arrows (WCAG 2.1.1). */}
        <pre className="chain" tabIndex={0} aria-label="Elements chain" data-testid="panel-chain">
          {chain}
        </pre>
      </section>
      <SelectorSection element={element} candidates={candidates} services={services} />
    </div>
  );
}

function AttributeRow({ name, value }: { name: string; value: string }) {
  return (
    <>
      <dt>{name}</dt>
      <dd>{value.length > MAX_ATTRIBUTE ? `${value.slice(0, MAX_ATTRIBUTE)}…` : value}</dd>
    </>
  );
}

function SelectorSection({ element, candidates, services }: { element: Element; candidates: SelectorCandidate[]; services: InspectorServices }) {
  const best = candidates[0];
  const [draft, setDraft] = useState(best?.selector ?? '');
  const assessment = useMemo(() => (draft.trim() ? assessSelector(draft.trim(), element, { index: services.candidateIndex() }) : null), [draft, element, services]);
  return (
    <>
      <section>
        <h3>Selector</h3>
        {best ? (
          <>
            <div className="row">
              <code className="selector" data-testid="panel-selector">
                {best.selector}
              </code>
              <span className="spacer" />
              <Quality candidate={best} testId="panel-selector-quality" />
            </div>
            <Counts candidate={best} testId="panel-selector-counts" />
            {best.reasons.length > 0 && <p className="hint">{best.reasons.join('; ')}</p>}
          </>
        ) : (
          <p className="hint" data-testid="panel-selector">
            No selector the project API can match singles this element out.
          </p>
        )}
      </section>
      {candidates.length > 1 && (
        <section>
          <h3>Alternatives</h3>
          <ul className="alternatives" data-testid="panel-alternatives">
            {candidates.slice(1).map((candidate) => (
              <li key={candidate.selector}>
                <button type="button" onClick={() => setDraft(candidate.selector)} title="Edit this selector">
                  <code>{candidate.selector}</code>
                  <Quality candidate={candidate} />
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section>
        <h3>
          <label htmlFor="actionlens-selector-edit">Try a selector</label>
        </h3>
        <input id="actionlens-selector-edit" value={draft} onChange={(event) => setDraft(event.target.value)} spellCheck={false} data-testid="panel-selector-input" />
        {assessment && (
          <div data-testid="panel-assessment">
            {assessment.cssError ? (
              <p className="error-text">Not valid CSS: {assessment.cssError}</p>
            ) : (
              <>
                <div className="row">
                  <Quality candidate={assessment} />
                  <span className="hint">
                    {assessment.matchesElementAsCss ? 'selects this element' : 'does not select this element'}
                    {assessment.matchesElementAsCss !== assessment.matchesElementOnServer &&
                      (assessment.matchesElementOnServer ? ' as CSS, but the server matches it' : ' as CSS; the server would not match its clicks')}
                  </span>
                </div>
                <Counts candidate={assessment} testId="panel-assessment-counts" />
              </>
            )}
            {assessment.diagnostics.length > 0 && (
              <ul className="diagnostics" data-testid="panel-diagnostics">
                {assessment.diagnostics.map((diagnostic, at) => (
                  <li key={at}>{diagnostic.message}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </section>
    </>
  );
}

const QUALITY_LABEL = { stable: 'stable', fragile: 'fragile', 'too-broad': 'too broad' } as const;

function Quality({ candidate, testId }: { candidate: Pick<SelectorCandidate, 'quality' | 'reasons'>; testId?: string }) {
  return (
    <span className={`quality ${candidate.quality}`} data-testid={testId} data-quality={candidate.quality} title={candidate.reasons.join('; ')}>
      {QUALITY_LABEL[candidate.quality]}
    </span>
  );
}

/** Both counts, always: CSS and the server's rules disagree more often than one would think. */
function Counts({ candidate, testId }: { candidate: Pick<SelectorCandidate, 'cssCount' | 'serverCount'>; testId?: string }) {
  const differ = candidate.cssCount !== candidate.serverCount;
  return (
    <div data-testid={testId}>
      <div className="counts">
        <span data-testid="css-count" data-count={candidate.cssCount}>
          CSS: {plural(candidate.cssCount, 'element')}
        </span>
        <span data-testid="server-count" data-count={candidate.serverCount}>
          Server: {plural(candidate.serverCount, 'clickable element')}
        </span>
      </div>
      {differ && (
        <p className="hint" data-testid="counts-differ">
          The project API matches selectors against the elements chain of autocaptured clicks, not as CSS: it counts only elements autocapture records, and its
          rules differ from CSS.
        </p>
      )}
    </div>
  );
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** The element's own text nodes, as a person reads them (not its descendants'). */
function ownText(element: Element): string {
  let text = '';
  for (const node of element.childNodes) if (node.nodeType === node.TEXT_NODE) text += node.textContent ?? '';
  text = text.replace(/\s+/g, ' ').trim();
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}
