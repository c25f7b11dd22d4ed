import { type CompiledStep, compileStep, type MatchableStep } from './compileStep';
import { type EventFacts, eventFacts, type MatchableEvent } from './eventFacts';
import { combineAnd, type ConditionStatus, type MatchResult, type StepResult } from './matchResult';

/**
 * Would PostHog's server count this event for this action? Steps are OR-ed, a step's conditions
 * AND-ed (`steps_to_expr`, see `posthogReference.ts`).
 *
 * An action with **no steps** matches every event: that is what HogQL's `steps_to_expr` returns
 * (`True`), and HogQL is what insights, the action's event list and CDP filters use. PostHog's
 * older SQL path (`format_action_filter`) matches nothing instead; `validateAction` warns about
 * such actions rather than pretending one answer.
 *
 * Compiled actions are cached per action object and compiled selectors/regexes per string, so
 * treat action and event objects as immutable once matched (replace them to change them).
 */

export interface MatchableAction {
  steps?: readonly MatchableStep[] | null;
}

export interface CompiledAction {
  steps: CompiledStep[];
}

const compiledActions = new WeakMap<object, CompiledAction>();

export function compileAction(action: MatchableAction): CompiledAction {
  const hit = compiledActions.get(action);
  if (hit) return hit;
  const compiled = { steps: (action.steps ?? []).map(compileStep) };
  compiledActions.set(action, compiled);
  return compiled;
}

function testStep(step: CompiledStep, facts: EventFacts): ConditionStatus {
  if (step.event !== undefined && step.event !== facts.event) return 'fail';
  let unknown = false;
  for (const condition of step.conditions) {
    const status = condition.test(facts);
    if (status === 'fail') return 'fail';
    if (status === 'unknown') unknown = true;
  }
  return unknown ? 'unknown' : 'pass';
}

/** The fast verdict, for counting: true only when the server would certainly count the event. */
export function actionMatches(action: MatchableAction, event: MatchableEvent): boolean {
  const { steps } = compileAction(action);
  if (steps.length === 0) return true;
  const facts = eventFacts(event);
  for (const step of steps) if (testStep(step, facts) === 'pass') return true;
  return false;
}

/** The full verdict: every step and condition evaluated, with reasons (see `explainMatch`). */
export function matchAction(action: MatchableAction, event: MatchableEvent): MatchResult {
  const { steps } = compileAction(action);
  const facts = eventFacts(event);
  const results: StepResult[] = steps.map((step, index) => {
    const conditions = step.conditions.map((condition) => condition.evaluate(facts));
    return {
      index,
      status: combineAnd(conditions.map((condition) => condition.status)),
      conditions,
      ignored: step.ignored,
      matchesEverything: step.conditions.length === 0,
    };
  });
  const matchedSteps = results.filter((step) => step.status === 'pass').map((step) => step.index);
  const noSteps = steps.length === 0;
  const matched = noSteps || matchedSteps.length > 0;
  const status = matched ? 'match' : results.some((step) => step.status === 'unknown') ? 'unknown' : 'no-match';
  return { matched, status, matchedSteps, steps: results, noSteps, event: facts.event };
}
