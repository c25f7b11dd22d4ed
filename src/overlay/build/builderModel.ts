import type { Action, ActionMatching, ActionStepWrite, ActionValidationMessage, ActionWrite, MatchableStep } from '../../core/actions';
import { AUTOCAPTURE_EVENT, validateAction } from '../../core/actions';
import { chainColumns } from '../../core/actions/chainColumns';
import { parseElementsChain } from '../../core/elements/elementsChain';

/**
 * The action builder's model: what the overlay edits, and how it becomes the action PostHog's API
 * takes. A step is one of three kinds — a click on an element (`$autocapture` with selector, text,
 * href and URL conditions, each switchable), a pageview with a URL rule, or a custom event with
 * property filters — and only the conditions switched on are written.
 */

export type StepKind = 'element' | 'pageview' | 'event';

export interface Condition {
  on: boolean;
  value: string;
}

export interface MatchingCondition extends Condition {
  matching: ActionMatching;
}

export interface PropertyRow {
  key: string;
  operator: 'exact' | 'is_not' | 'icontains' | 'not_icontains' | 'regex' | 'not_regex' | 'is_set' | 'is_not_set';
  value: string;
}

export interface BuilderStep {
  kind: StepKind;
  selector: Condition;
  text: MatchingCondition;
  href: MatchingCondition;
  url: MatchingCondition;
  /** The custom event's name (kind `event`). */
  event: string;
  properties: PropertyRow[];
}

export interface BuilderDraft {
  /** The action being edited (`id:12`, or `local:…` for one not yet on the server), or null for a new one. */
  key: string | null;
  /** Its id on the server, once it has one. */
  id: number | null;
  name: string;
  description: string;
  steps: BuilderStep[];
}

const off = (value = ''): Condition => ({ on: false, value });
const offMatching = (value = '', matching: ActionMatching = 'exact'): MatchingCondition => ({ on: false, value, matching });

export function emptyStep(kind: StepKind): BuilderStep {
  return {
    kind,
    selector: off(),
    text: offMatching(),
    href: offMatching(),
    // A pageview is about its URL: on from the start. PostHog's default matching for a URL is `contains`.
    url: { on: kind === 'pageview', value: '', matching: 'contains' },
    event: '',
    properties: [],
  };
}

/** What the page says about an element, for a prefilled click step. */
export interface ElementFacts {
  /** The generated selector, when one singles the element out. */
  selector: string | null;
  /** Its click's elements chain (what the SDK sends). */
  chain: string;
  /** The page's URL now. */
  url: string;
}

/**
 * A click step for a pinned element: the selector on (when there is one; else the text, so the
 * step still says something), the element's recorded text and first href offered but off, the URL
 * offered as `contains` the path, off.
 */
export function stepFromElement({ selector, chain, url }: ElementFacts): BuilderStep {
  const first = parseElementsChain(chain)[0];
  const text = first?.text ?? '';
  const href = chainColumns(chain).href;
  const step = emptyStep('element');
  step.selector = { on: !!selector, value: selector ?? '' };
  step.text = { on: !selector && !!text, value: text, matching: 'exact' };
  step.href = { on: false, value: href, matching: 'exact' };
  step.url = { on: false, value: pathOf(url), matching: 'contains' };
  return step;
}

/** A pageview step for the page the builder is on. */
export function pageviewStep(url: string): BuilderStep {
  const step = emptyStep('pageview');
  step.url = { on: true, value: pathOf(url), matching: 'contains' };
  return step;
}

function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.pathname === '/' ? parsed.origin + '/' : parsed.pathname;
  } catch {
    return url;
  }
}

const condition = (value: Condition) => (value.on && value.value !== '' ? value.value : undefined);

/** One step as the API takes it: only the conditions switched on (and non-empty). */
export function toStepWrite(step: BuilderStep): ActionStepWrite {
  const out: ActionStepWrite = {};
  if (step.kind === 'element') out.event = AUTOCAPTURE_EVENT;
  else if (step.kind === 'pageview') out.event = '$pageview';
  else out.event = step.event.trim() || null;
  if (step.kind === 'element') {
    const selector = condition(step.selector);
    if (selector !== undefined) out.selector = selector.trim();
    const text = condition(step.text);
    if (text !== undefined) Object.assign(out, { text, text_matching: step.text.matching });
    const href = condition(step.href);
    if (href !== undefined) Object.assign(out, { href, href_matching: step.href.matching });
  }
  const url = condition(step.url);
  if (url !== undefined) Object.assign(out, { url: url.trim(), url_matching: step.url.matching });
  if (step.kind === 'event' && step.properties.length > 0) {
    out.properties = step.properties
      .filter((row) => row.key.trim() !== '')
      .map((row) => ({
        key: row.key.trim(),
        operator: row.operator,
        type: 'event',
        ...(row.operator === 'is_set' || row.operator === 'is_not_set' ? {} : { value: row.value }),
      }));
  }
  return out;
}

export function toActionWrite(draft: BuilderDraft): ActionWrite {
  return {
    name: draft.name.trim(),
    ...(draft.description.trim() ? { description: draft.description.trim() } : {}),
    steps: draft.steps.map(toStepWrite),
  };
}

/** For matching: the same step, as an object the engine compiles (and caches by identity). */
export function toMatchable(step: BuilderStep): MatchableStep {
  return toStepWrite(step);
}

function matchingOf(value: unknown, fallback: ActionMatching): ActionMatching {
  return value === 'exact' || value === 'contains' || value === 'regex' ? value : fallback;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

type EditableAction = Pick<Action, 'name' | 'description' | 'steps'> & { id: number | null };

/** An action as the builder edits it. Fields the builder has no control for are kept on the server (only `name`, `description`, `steps` are sent). */
export function fromAction(action: EditableAction, key: string | null = action.id === null ? null : `id:${action.id}`): BuilderDraft {
  const steps = (action.steps ?? []).map((step): BuilderStep => {
    const kind: StepKind = step.event === AUTOCAPTURE_EVENT ? 'element' : step.event === '$pageview' ? 'pageview' : 'event';
    const built = emptyStep(kind);
    built.event = kind === 'event' ? text(step.event) : '';
    built.selector = { on: !!step.selector, value: text(step.selector) };
    built.text = { on: !!step.text, value: text(step.text), matching: matchingOf(step.text_matching, 'exact') };
    built.href = { on: !!step.href, value: text(step.href), matching: matchingOf(step.href_matching, 'exact') };
    built.url = { on: !!step.url, value: text(step.url), matching: matchingOf(step.url_matching, 'contains') };
    built.properties = (step.properties ?? []).map((property) => {
      const row = property as Record<string, unknown>;
      const operator = typeof row.operator === 'string' ? row.operator : 'exact';
      return {
        key: text(row.key),
        operator: (PROPERTY_OPERATORS as readonly string[]).includes(operator) ? (operator as PropertyRow['operator']) : 'exact',
        value: Array.isArray(row.value) ? row.value.join(', ') : row.value == null ? '' : String(row.value),
      };
    });
    return built;
  });
  return { key, id: action.id, name: action.name ?? '', description: action.description ?? '', steps };
}

export const PROPERTY_OPERATORS = ['exact', 'is_not', 'icontains', 'not_icontains', 'regex', 'not_regex', 'is_set', 'is_not_set'] as const;

export const PROPERTY_OPERATOR_LABELS: Record<PropertyRow['operator'], string> = {
  exact: 'equals',
  is_not: 'does not equal',
  icontains: 'contains',
  not_icontains: 'does not contain',
  regex: 'matches regex',
  not_regex: 'does not match regex',
  is_set: 'is set',
  is_not_set: 'is not set',
};

/** What each condition means on PostHog's server, in the words the builder shows beside it. */
export const CONDITION_HELP = {
  selector:
    'Matched against the click’s elements chain, not as CSS: any element of the chain may satisfy it (the clicked one or an ancestor), tags and classes match by prefix, and a tag part must be the direct parent.',
  text: 'Compared with the text of every element in the chain: exact must equal one of them, contains is case-insensitive, regex is RE2.',
  href: 'Compared with the first href in the chain only: the clicked link’s, or the nearest link above it.',
  url: 'Compared with the page URL ($current_url): contains is a case-sensitive SQL LIKE where % and _ are wildcards, exact must be the whole URL, regex is RE2.',
  event: 'The event name the site sends with posthog.capture(), exactly.',
} as const;

/**
 * The engine's validation of the action as it would be sent, plus what only the builder knows: a
 * custom event step left without a name would match every event, which nobody builds on purpose.
 */
export function builderMessages(draft: BuilderDraft, existingNames: Iterable<string> = []): ActionValidationMessage[] {
  const messages = validateAction(toActionWrite(draft), { existingNames });
  draft.steps.forEach((step, index) => {
    if (step.kind === 'event' && !step.event.trim()) {
      messages.push({ severity: 'error', code: 'event-name-empty', message: 'Name the custom event this step counts (as the site sends it with posthog.capture).', path: ['steps', index, 'event'] });
    }
  });
  return messages;
}
