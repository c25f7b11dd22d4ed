import type { MatchResult, StepResult } from './matchResult';

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

function explainStep(step: StepResult, count: number): string[] {
  const label = stepLabel(step, count);
  const lines: string[] = [];
  if (step.matchesEverything) {
    lines.push(`${label} has no condition the server checks, so it matches every event.`);
  } else if (step.status === 'pass') {
    lines.push(`${label} matched.`);
  } else if (step.status === 'unknown') {
    lines.push(`${label} cannot be decided from the event alone.`);
  } else {
    lines.push(`${label} did not match.`);
  }
  // Failures first: they are the answer to "why not".
  const ordered = [...step.conditions].sort((a, b) => rank(a.status) - rank(b.status));
  for (const condition of ordered) lines.push(sentence(condition.reason));
  for (const ignored of step.ignored) lines.push(sentence(ignored.reason));
  return lines;
}

function rank(status: string): number {
  return status === 'fail' ? 0 : status === 'unknown' ? 1 : 2;
}

/** Readable sentences for a `matchAction` result. */
export function explainMatch(result: MatchResult): string[] {
  if (result.noSteps) {
    return ['The action has no steps: PostHog\'s HogQL queries count every event for it (its older SQL path counts none).'];
  }
  const count = result.steps.length;
  const lines: string[] = [];
  if (result.status === 'match') {
    const which = result.matchedSteps.map((index) => index + 1);
    lines.push(
      count === 1
        ? `The action matches this ${result.event} event.`
        : `The action matches this ${result.event} event (step ${which.join(' and ')}; steps are alternatives).`,
    );
  } else if (result.status === 'unknown') {
    lines.push(`Whether the action matches this ${result.event} event depends on data the event does not carry.`);
  } else {
    lines.push(count === 1 ? `The action does not match this ${result.event} event.` : `The action does not match this ${result.event} event: none of its ${count} steps matched.`);
  }
  for (const step of result.steps) lines.push(...explainStep(step, count));
  return lines;
}
