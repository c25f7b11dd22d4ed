import { AUTOCAPTURE_EVENT, compileStep, type MatchableStep } from './compileStep';
import { compileComparison } from './comparison';
import { compileRe2, type RegexIssue } from './re2';
import { diagnoseSelector } from './selectorDiagnostics';
import { compileLike, containsPattern } from './sqlLike';

/**
 * Checks an action before it is saved, the way the server will read it. Messages are located (a
 * path into the action and, inside a string, a character range) and graded:
 *
 * - `error`: the API refuses it, the server's query fails on it, or it can never match;
 * - `warning`: the server accepts it but ignores part of it or matches more than it says;
 * - `info`: it works, but differently from CSS, JavaScript or intuition.
 */

export type ValidationSeverity = 'error' | 'warning' | 'info';

export interface ActionValidationMessage {
  severity: ValidationSeverity;
  code: string;
  message: string;
  /** e.g. `['name']`, `['steps', 0, 'selector']`, `['steps', 1, 'properties', 0, 'value']`. */
  path: Array<string | number>;
  /** UTF-16 offsets inside the string at `path`. */
  range?: { start: number; end: number };
}

export interface ValidatableAction {
  name?: string | null;
  steps?: readonly MatchableStep[] | null;
}

export interface ValidateActionOptions {
  /** Names of the project's other live actions; the server refuses a duplicate (case-sensitive, after trimming). */
  existingNames?: Iterable<string>;
}

type Push = (message: ActionValidationMessage) => void;

const STRING_FIELDS = ['event', 'selector', 'tag_name', 'text', 'href', 'url'] as const;

function regexMessages(push: Push, path: Array<string | number>, issues: readonly RegexIssue[], offset = 0): void {
  for (const issue of issues) {
    const prefix =
      issue.severity === 'error' ? 'RE2 (the server) rejects this regex, so the query fails: ' : issue.code === 'untranslatable' ? 'the server runs this regex, but the preview cannot: ' : '';
    push({
      severity: issue.severity,
      code: `regex-${issue.code}`,
      message: `${prefix}${issue.message}`,
      path,
      range: { start: Math.max(0, issue.start - offset), end: Math.max(0, issue.end - offset) },
    });
  }
}

function likeMessages(push: Push, path: Array<string | number>, value: string, like: 'LIKE' | 'ILIKE'): void {
  const pattern = compileLike(containsPattern(value), like === 'ILIKE');
  if (!pattern.valid) {
    push({ severity: 'error', code: 'like-invalid', message: `contains becomes ${like} '%${value}%', and ClickHouse refuses it: ${pattern.error}`, path, range: { start: value.length - 1, end: value.length } });
    return;
  }
  const wildcard = /[%_]/.exec(value);
  if (wildcard) {
    push({
      severity: 'info',
      code: 'like-wildcards',
      message: `contains is a SQL ${like}: ${wildcard[0]} here is a wildcard (${wildcard[0] === '%' ? 'any run of characters' : 'any one character'}), not a literal; write \\${wildcard[0]} for the character`,
      path,
      range: { start: wildcard.index, end: wildcard.index + 1 },
    });
  }
}

function validateStep(push: Push, step: MatchableStep, index: number): void {
  const at = (...rest: Array<string | number>) => ['steps', index, ...rest];
  for (const field of STRING_FIELDS) {
    if (step[field] === '') push({ severity: 'error', code: 'blank', message: 'This field may not be blank (the API refuses an empty string; leave it out instead).', path: at(field) });
  }

  const compiled = compileStep(step);
  for (const ignored of compiled.ignored) {
    if (ignored.value === '') continue;
    push({ severity: 'warning', code: 'element-ignored', message: `${ignored.reason}, so this step matches any ${step.event ? `${step.event} event` : 'event'} regardless`, path: at(...ignored.path) });
  }
  if (compiled.conditions.length === 0) {
    push({ severity: 'warning', code: 'step-matches-everything', message: 'this step has no condition the server checks: it matches every event', path: at() });
  }

  const autocapture = step.event === AUTOCAPTURE_EVENT;
  if (autocapture && step.selector) {
    for (const diagnostic of diagnoseSelector(step.selector)) {
      push({ severity: diagnostic.severity, code: `selector-${diagnostic.code}`, message: diagnostic.message, path: at('selector'), range: { start: diagnostic.start, end: diagnostic.end } });
    }
  }
  if (autocapture && step.tag_name) {
    push({ severity: 'info', code: 'tag-name-deprecated', message: 'tag_name is deprecated in PostHog; a selector expresses the same', path: at('tag_name') });
    const prefix = '(^|;)';
    const compiledTag = compileRe2(`${prefix}${step.tag_name}(\\.|$|;|:)`);
    regexMessages(push, at('tag_name'), compiledTag.issues, prefix.length);
    if (compiledTag.valid && /[\\^$.*+?()[\]{}|]/.test(step.tag_name)) {
      push({ severity: 'warning', code: 'tag-name-regex', message: 'the server pastes tag_name into a regular expression unescaped: these characters act as regex syntax', path: at('tag_name') });
    }
  }
  for (const field of ['text', 'href'] as const) {
    const value = step[field];
    if (!autocapture || !value) continue;
    const matching = step[`${field}_matching`];
    if (matching === 'regex') regexMessages(push, at(field), compileRe2(value).issues);
    else if (matching === 'contains') likeMessages(push, at(field), value, 'ILIKE');
    if (matching !== 'regex' && value.includes('"')) {
      const quote = value.indexOf('"');
      push({
        severity: 'error',
        code: 'quote-never-matches',
        message: `the server reads each element ${field} only up to its first double quote (the chain stores " as \\"), so a ${field} with " never matches`,
        path: at(field),
        range: { start: quote, end: quote + 1 },
      });
    }
  }
  if (step.url) {
    if (step.url_matching === 'regex') regexMessages(push, at('url'), compileRe2(step.url).issues);
    else if (step.url_matching !== 'exact') likeMessages(push, at('url'), step.url, 'LIKE');
  }
  (step.properties ?? []).forEach((raw, propertyIndex) => validateProperty(push, raw, at('properties', propertyIndex)));
}

function validateProperty(push: Push, raw: unknown, path: Array<string | number>): void {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    push({ severity: 'warning', code: 'property-incomplete', message: 'this property filter is not an object: the server ignores it', path });
    return;
  }
  const filter = raw as Record<string, unknown>;
  if (typeof filter['key'] !== 'string' || !('value' in filter)) {
    push({ severity: 'warning', code: 'property-incomplete', message: 'a property filter needs a key and a value: the server ignores this one', path });
    return;
  }
  const type = typeof filter['type'] === 'string' ? filter['type'] : 'event';
  const operator = typeof filter['operator'] === 'string' && filter['operator'] ? filter['operator'] : 'exact';
  if (type !== 'event' && type !== 'element') {
    push({ severity: 'info', code: 'property-not-previewable', message: `${type} filters depend on data outside the event: the preview cannot evaluate them`, path });
    return;
  }
  if (type === 'element' && filter['key'] === 'selector' && typeof filter['value'] === 'string') {
    for (const diagnostic of diagnoseSelector(filter['value'])) {
      push({ severity: diagnostic.severity, code: `selector-${diagnostic.code}`, message: diagnostic.message, path: [...path, 'value'], range: { start: diagnostic.start, end: diagnostic.end } });
    }
  }
  const comparison = compileComparison(operator, filter['value']);
  if (!comparison.supported && comparison.regexIssues.length === 0) {
    push({ severity: 'info', code: 'property-operator-not-previewable', message: `the preview does not evaluate the ${operator} operator`, path: [...path, 'operator'] });
  }
  regexMessages(push, [...path, 'value'], comparison.regexIssues);
  if (comparison.serverError !== undefined && comparison.regexIssues.length === 0) {
    push({ severity: 'error', code: 'property-server-error', message: `${comparison.serverError}: the server's query fails`, path: [...path, 'value'] });
  }
}

export function validateAction(action: ValidatableAction, options: ValidateActionOptions = {}): ActionValidationMessage[] {
  const messages: ActionValidationMessage[] = [];
  const push: Push = (message) => messages.push(message);

  const name = (action.name ?? '').trim();
  if (!name) push({ severity: 'error', code: 'name-empty', message: 'The action needs a name.', path: ['name'] });
  else if (name.length > 400) push({ severity: 'error', code: 'name-too-long', message: 'Ensure this field has no more than 400 characters.', path: ['name'] });
  else if (options.existingNames && [...options.existingNames].includes(name)) {
    push({ severity: 'error', code: 'name-duplicate', message: `This project already has an action named ${name}.`, path: ['name'] });
  }

  const steps = action.steps ?? [];
  if (steps.length === 0) {
    push({
      severity: 'warning',
      code: 'no-steps',
      message: "an action without steps matches every event in PostHog's HogQL queries (and none in its older SQL path): add a step",
      path: ['steps'],
    });
  }
  steps.forEach((step, index) => validateStep(push, step, index));
  return messages;
}
