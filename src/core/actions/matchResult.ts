import type { EventFacts } from './eventFacts';
import type { SelectorEvaluation } from './selectorMatcher';

/**
 * The shape of a match verdict: per step, per condition, what passed or failed and why.
 * `unknown` is for what the server evaluates but this engine cannot from the event alone (person
 * properties, cohorts, HogQL expressions, a regex JavaScript cannot reproduce).
 */

export type ConditionStatus = 'pass' | 'fail' | 'unknown';

export type ConditionKind = 'event' | 'selector' | 'tag_name' | 'href' | 'text' | 'url' | 'property';

/** Where a condition sits in its step, e.g. `['selector']` or `['properties', 2]`. */
export type StepPath = Array<string | number>;

export interface ConditionResult {
  kind: ConditionKind;
  path: StepPath;
  status: ConditionStatus;
  /** The step's value, e.g. `Sign up`; for properties `key`. */
  expected: string;
  /** `exact` / `contains` / `regex`, or the property operator. */
  mode: string;
  /** What the server compared with: one value, every element text, or null (missing). */
  actual: string | readonly string[] | null;
  /** Why, in words, naming the server rule that decided when it surprises. */
  reason: string;
  selector?: SelectorEvaluation;
}

/** A field the step sets that the server does not check. */
export interface IgnoredCondition {
  kind: ConditionKind;
  path: StepPath;
  value: string;
  reason: string;
}

export interface StepResult {
  index: number;
  status: ConditionStatus;
  conditions: ConditionResult[];
  ignored: IgnoredCondition[];
  /** No condition left to check: the server counts every event for this step. */
  matchesEverything: boolean;
}

export interface MatchResult {
  /** Would the server count this event for this action (unknown counts as no). */
  matched: boolean;
  status: 'match' | 'no-match' | 'unknown';
  /** Indexes of the steps that passed. */
  matchedSteps: number[];
  steps: StepResult[];
  /** The action has no steps (see `matchAction`). */
  noSteps: boolean;
  event: string;
}

/** A compiled condition: a fast verdict, and a detailed one for explanations. They agree. */
export interface Condition {
  kind: ConditionKind;
  path: StepPath;
  test(facts: EventFacts): ConditionStatus;
  evaluate(facts: EventFacts): ConditionResult;
}

/** AND of condition verdicts: any fail fails, else any unknown is unknown. */
export function combineAnd(statuses: Iterable<ConditionStatus>): ConditionStatus {
  let unknown = false;
  for (const status of statuses) {
    if (status === 'fail') return 'fail';
    if (status === 'unknown') unknown = true;
  }
  return unknown ? 'unknown' : 'pass';
}

/** Inline code in explanations. */
export function code(value: string): string {
  return `\`${value}\``;
}
