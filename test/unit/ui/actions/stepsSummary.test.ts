import { describe, expect, it } from 'vitest';
import type { MatchableStep } from '../../../../src/core/actions';
import { stepSummary, stepsSummary } from '../../../../src/ui/actions/stepsSummary';

describe('stepsSummary: an action on one line', () => {
  it.each<[string, MatchableStep, string]>([
    ['a click on a selector', { event: '$autocapture', selector: '[data-attr="signup"]' }, 'click [data-attr="signup"]'],
    ['a pageview on a URL (contains, the default)', { event: '$pageview', url: '/pricing' }, 'pageview /pricing'],
    ['a URL matched exactly', { event: '$pageview', url: 'https://app.test/pricing', url_matching: 'exact' }, 'pageview url = https://app.test/pricing'],
    ['a URL matched by regex', { event: '$pageview', url: '^https://app\\.test/p', url_matching: 'regex' }, 'pageview url ~ ^https://app\\.test/p'],
    ['text exact (the default)', { event: '$autocapture', text: 'Sign up' }, 'click text "Sign up"'],
    ['text contains', { event: '$autocapture', text: 'sign', text_matching: 'contains' }, 'click text contains "sign"'],
    ['href regex', { event: '$autocapture', href: '^/docs', href_matching: 'regex' }, 'click href ~ ^/docs'],
    ['tag name', { event: '$autocapture', tag_name: 'button' }, 'click <button>'],
    ['everything on a click, in the order the server checks', { event: '$autocapture', selector: 'button.cta', text: 'Go', url: '/home' }, 'click button.cta text "Go" /home'],
    ['element fields on a non-autocapture step are ignored by the server, so not shown', { event: '$pageview', selector: 'button', text: 'x' }, 'pageview'],
    ['a custom event', { event: 'signed_up' }, 'signed_up'],
    ['no event: any event', { url: '/app' }, 'any event /app'],
    ['properties counted', { event: 'purchase', properties: [{ key: 'plan', value: 'pro' }] }, 'purchase +1 property'],
    ['several properties', { event: 'purchase', properties: [{ key: 'a' }, { key: 'b' }] }, 'purchase +2 properties'],
    ['an empty selector is no selector', { event: '$autocapture', selector: '' }, 'click'],
  ])('%s', (_name, step, expected) => {
    expect(stepSummary(step)).toBe(expected);
  });

  it('joins steps (alternatives) with a middle dot', () => {
    expect(stepsSummary([{ event: '$autocapture', selector: '[data-attr="signup"]' }, { event: '$pageview', url: '/pricing' }])).toBe(
      'click [data-attr="signup"] · pageview /pricing',
    );
  });

  it.each([[[]], [null], [undefined]])('says what an action without steps does (%j)', (steps) => {
    expect(stepsSummary(steps)).toBe('no steps (matches every event)');
  });
});
