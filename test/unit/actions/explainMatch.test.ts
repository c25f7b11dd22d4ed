import { describe, expect, it } from 'vitest';
import { explainMatch, explainMatchSteps, type MatchableAction, type MatchableEvent, matchAction } from '../../../src/core/actions';
import { chainOf } from '../../fixtures/actions/posthogCases';

const click: MatchableEvent = {
  event: '$autocapture',
  properties: {
    $current_url: 'https://app.test/pricing',
    $elements_chain: chainOf({ tag_name: 'button', attr_class: ['btn'], text: 'Sign Up' }, { tag_name: 'div', attr_class: ['hero'] }),
  },
};

function explain(action: MatchableAction, event: MatchableEvent = click): string[] {
  return explainMatch(matchAction(action, event));
}

describe('explainMatch: sentences for the UI', () => {
  it.each<[string, MatchableAction, string[]]>([
    ['a match names the element', { steps: [{ event: '$autocapture', selector: 'button' }] }, ['The action matches this $autocapture event.', 'The step matched.', 'Selector `button` matched `button.btn` in the chain (the clicked element).']],
    ['an ancestor match says so', { steps: [{ event: '$autocapture', selector: '.hero' }] }, ['Selector `.hero` matched `div.hero` in the chain (element 2 of the chain, an ancestor of the clicked element — the server accepts a match on any element).']],
    ['text case', { steps: [{ event: '$autocapture', text: 'Sign up' }] }, ['The action does not match this $autocapture event.', 'Text `Sign up` did not match `Sign Up` — text is exact and case-sensitive.']],
    ['never-matching selector gives the reason', { steps: [{ event: '$autocapture', selector: 'button:nth-of-type(1)' }] }, [expect.stringContaining(':nth-of-type is not supported')]],
    ['url contains is LIKE', { steps: [{ url: '/Pricing' }] }, ['URL `/Pricing` did not match `https://app.test/pricing` — URL contains is a case-sensitive SQL LIKE, where % and _ are wildcards.']],
    ['ignored element conditions', { steps: [{ event: '$pageview', selector: 'button' }] }, [expect.stringContaining('Selector is ignored: element conditions apply only when the step')]],
    ['missing property', { steps: [{ event: '$autocapture', properties: [{ key: 'plan', value: 'pro' }] }] }, ['Property `plan` is not set: `exact` never matches a missing property.']],
    ['several steps', { steps: [{ event: '$pageview' }, { event: '$autocapture' }] }, ['The action matches this $autocapture event (step 2; steps are alternatives).', 'Step 1 did not match.', 'Step 2 matched.']],
    ['no steps', { steps: [] }, ["The action has no steps: PostHog's HogQL queries count every event for it (its older SQL path counts none)."]],
    ['an empty step', { steps: [{}] }, ['The step has no condition the server checks, so it matches every event.']],
    ['person properties', { steps: [{ properties: [{ key: 'email', value: 'x', type: 'person' }] }] }, [expect.stringContaining('depends on data the event does not carry'), 'The step cannot be decided from the event alone.']],
  ])('%s', (_name, action, expected) => {
    const lines = explain(action);
    for (const line of expected) expect(lines).toContainEqual(line);
  });

  it('puts failures before passes', () => {
    const lines = explain({ steps: [{ event: '$autocapture', selector: 'button', text: 'Nope' }] });
    expect(lines.findIndex((l) => l.startsWith('Text'))).toBeLessThan(lines.findIndex((l) => l.startsWith('Selector')));
  });

  it('keeps the sentences per step, each with its condition’s verdict (explainMatchSteps)', () => {
    const result = matchAction({ steps: [{ event: '$pageview', url: '/pricing' }, { event: '$autocapture', selector: 'button', text: 'Nope', url: '/pricing' }] }, click);
    const explained = explainMatchSteps(result);
    expect(explained.summary).toBe('The action does not match this $autocapture event: none of its 2 steps matched.');
    expect(explained.steps.map((step) => [step.status, step.title])).toEqual([
      ['fail', 'Step 1 did not match.'],
      ['fail', 'Step 2 did not match.'],
    ]);
    expect(explained.steps[1]!.lines.map((line) => line.status)).toEqual(['fail', 'pass', 'pass', 'pass']);
    expect(explained.steps[1]!.lines[0]!.text).toMatch(/^Text `Nope` did not match/);
    const ignored = explainMatchSteps(matchAction({ steps: [{ event: '$pageview', selector: 'button' }] }, click)).steps[0]!.lines;
    expect(ignored.at(-1)).toEqual({ status: 'ignored', text: expect.stringContaining('Selector is ignored') });
    // explainMatch is the same sentences, flattened.
    expect(explainMatch(result)).toEqual([explained.summary, ...explained.steps.flatMap((step) => [step.title, ...step.lines.map((line) => line.text)])]);
  });
});
