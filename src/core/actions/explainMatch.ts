import type { ConditionStatus, MatchResult, StepResult } from './matchResult';

/**
 * A match verdict as sentences for the UI: the overall answer first, then per step what passed,
 * what failed and why, and what the server ignores. Conditions carry their reasons; this only
 * orders and frames them.
 */

function capitalize(sentence: string): string {
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

function sentence(text: string): string {
  const trimmed = capitalize(text.trim());
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function stepLabel(step: StepResult, count: number): string {
  return count === 1 ? 'The step' : `Step ${step.index + 1}`;
}

function stepTitle(step: StepResult, count: number): string {
  const label = stepLabel(step, count);
  if (step.matchesEverything) return `${label} has no condition the server checks, so it matches every event.`;
  if (step.status === 'pass') return `${label} matched.`;
  if (step.status === 'unknown') return `${label} cannot be decided from the event alone.`;
  return `${label} did not match.`;
}

function explainStep(step: StepResult, count: number): ExplainedStep {
  // Failures first: they are the answer to "why not".
  const ordered = [...step.conditions].sort((a, b) => rank(a.status) - rank(b.status));
  return {
    index: step.index,
    status: step.status,
    title: stepTitle(step, count),
    lines: [
      ...ordered.map((condition) => ({ status: condition.status, text: sentence(condition.reason) })),
      ...step.ignored.map((ignored) => ({ status: 'ignored' as const, text: sentence(ignored.reason) })),
    ],
  };
}

function rank(status: string): number {
  return status === 'fail' ? 0 : status === 'unknown' ? 1 : 2;
}

/** One sentence of a step's explanation, with the verdict of the condition it is about. */
export interface ExplainedLine {
  status: ConditionStatus | 'ignored';
  text: string;
}

export interface ExplainedStep {
  index: number;
  status: ConditionStatus;
  /** `Step 2 matched.` */
  title: string;
  /** Failed conditions first, then unknown, passed, and the fields the server ignores. */
  lines: ExplainedLine[];
}

export interface Explanation {
  /** The overall answer, one sentence. */
  summary: string;
  steps: ExplainedStep[];
}

/** A `matchAction` result as sentences kept per step and condition, for views that mark each one. */
export function explainMatchSteps(result: MatchResult): Explanation {
  if (result.noSteps) {
    return { summary: 'The action has no steps: PostHog\'s HogQL queries count every event for it (its older SQL path counts none).', steps: [] };
  }
  const count = result.steps.length;
  let summary: string;
  if (result.status === 'match') {
    const which = result.matchedSteps.map((index) => index + 1);
    summary =
      count === 1
        ? `The action matches this ${result.event} event.`
        : `The action matches this ${result.event} event (step ${which.join(' and ')}; steps are alternatives).`;
  } else if (result.status === 'unknown') {
    summary = `Whether the action matches this ${result.event} event depends on data the event does not carry.`;
  } else {
    summary = count === 1 ? `The action does not match this ${result.event} event.` : `The action does not match this ${result.event} event: none of its ${count} steps matched.`;
  }
  return { summary, steps: result.steps.map((step) => explainStep(step, count)) };
}

/** Readable sentences for a `matchAction` result. */
export function explainMatch(result: MatchResult): string[] {
  const { summary, steps } = explainMatchSteps(result);
  return [summary, ...steps.flatMap((step) => [step.title, ...step.lines.map((line) => line.text)])];
}
