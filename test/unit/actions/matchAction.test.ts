import { describe, expect, it } from 'vitest';
import { actionMatches, type MatchableEvent, type MatchableStep, matchAction } from '../../../src/core/actions';
import { actionCases, chainOf } from '../../fixtures/actions/posthogCases';

describe('PostHog’s action tests', () => {
  it.each(actionCases)('$name', ({ steps, events, matching }) => {
    const action = { steps };
    const matched = events
      .map((e, index) => ({ index, event: { event: e.event, properties: { ...e.properties, ...(e.chain ? { $elements_chain: e.chain } : {}) } } }))
      .filter(({ event }) => matchAction(action, event).matched)
      .map(({ index }) => index);
    expect(matched).toEqual(matching);
  });
});

const chain = chainOf(
  { tag_name: 'span', text: 'Sign Up' },
  { tag_name: 'a', attr_class: ['btn'], href: '/signup', text: 'Sign Up now' },
  { tag_name: 'a', href: '/other' },
  { tag_name: 'div', attr_class: ['hero'] },
);
const click: MatchableEvent = {
  event: '$autocapture',
  properties: { $current_url: 'https://app.test/Pricing?plan=pro_yearly', $elements_chain: chain },
};
const quoted: MatchableEvent = { event: '$autocapture', properties: { $elements_chain: chainOf({ tag_name: 'button', text: 'Say "hi"' }) } };
const noHref: MatchableEvent = { event: '$autocapture', properties: { $elements_chain: chainOf({ tag_name: 'button', text: 'Go' }) } };
const pageview: MatchableEvent = { event: '$pageview', properties: { $current_url: 'https://app.test/Pricing' } };
const noUrl: MatchableEvent = { event: '$autocapture', properties: { $elements_chain: chain } };

const autocapture = (step: MatchableStep): MatchableStep => ({ event: '$autocapture', ...step });

describe('step conditions, as the server evaluates them', () => {
  it.each<[string, MatchableStep, MatchableEvent, boolean]>([
    // event
    ['event is exact', { event: '$autocapture' }, click, true],
    ['event is case-sensitive and has no prefix magic', { event: 'autocapture' }, click, false],
    ['another event', { event: '$pageview' }, click, false],
    // text: every element's text
    ['text exact on the clicked element', autocapture({ text: 'Sign Up' }), click, true],
    ['text exact on an ancestor', autocapture({ text: 'Sign Up now' }), click, true],
    ['text exact is case-sensitive', autocapture({ text: 'Sign up' }), click, false],
    ['text exact is the whole text', autocapture({ text: 'Sign' }), click, false],
    ['text contains is case-insensitive', autocapture({ text: 'sign up', text_matching: 'contains' }), click, true],
    ['text contains: % is a wildcard', autocapture({ text: 'Sign%now', text_matching: 'contains' }), click, true],
    ['text contains: _ is one character', autocapture({ text: 'Sign_Up', text_matching: 'contains' }), click, true],
    ['text contains: \\% is a literal %', autocapture({ text: 'Sign\\%Up', text_matching: 'contains' }), click, false],
    ['text regex', autocapture({ text: '^Sign Up$', text_matching: 'regex' }), click, true],
    ['text regex is case-sensitive', autocapture({ text: '^sign', text_matching: 'regex' }), click, false],
    ['text regex with a leading (?i)', autocapture({ text: '(?i)^sign', text_matching: 'regex' }), click, true],
    ['text regex RE2 rejects (lookahead): the query fails', autocapture({ text: 'Sign(?= Up)', text_matching: 'regex' }), click, false],
    ['an empty text matches nothing', autocapture({ text: '' }), click, false],
    // text with escaped quotes: the server reads each text up to its first quote
    ['text with a quote never matches exactly', autocapture({ text: 'Say "hi"' }), quoted, false],
    ['…because the server sees the text cut at the quote', autocapture({ text: 'Say \\' }), quoted, true],
    ['…so contains after the quote fails too', autocapture({ text: 'hi', text_matching: 'contains' }), quoted, false],
    ['…but before it works', autocapture({ text: 'say', text_matching: 'contains' }), quoted, true],
    // href: only the first href in the chain
    ['href of the first element that has one', autocapture({ href: '/signup' }), click, true],
    ['a later href does not count', autocapture({ href: '/other' }), click, false],
    ['href exact is case-sensitive', autocapture({ href: '/SignUp' }), click, false],
    ['href contains is case-insensitive', autocapture({ href: 'SIGN', href_matching: 'contains' }), click, true],
    ['href contains does not see a later href', autocapture({ href: 'other', href_matching: 'contains' }), click, false],
    ['href regex', autocapture({ href: '^/sign', href_matching: 'regex' }), click, true],
    ['an empty href matches a chain without href', autocapture({ href: '' }), noHref, true],
    ['an empty href does not match a chain with one', autocapture({ href: '' }), click, false],
    // url: contains (the default) is a case-sensitive LIKE
    ['url contains by default', { url: '/Pricing' }, click, true],
    ['url contains is case-sensitive', { url: '/pricing' }, click, false],
    ['url contains: % is a wildcard', { url: 'app.test/%yearly' }, click, true],
    ['url contains: _ is one character', { url: 'plan=pro_year' }, click, true],
    ['url contains: _ matches any character', { url: 'plan=pro-year' }, { ...click, properties: { $current_url: 'https://app.test/?plan=pro-yearly' } }, true],
    ['url contains: \\_ is a literal _', { url: 'plan=pro\\_year' }, { ...click, properties: { $current_url: 'https://app.test/?plan=pro-yearly' } }, false],
    ['url exact', { url: 'https://app.test/Pricing?plan=pro_yearly', url_matching: 'exact' }, click, true],
    ['url exact is the whole URL', { url: 'https://app.test/Pricing', url_matching: 'exact' }, click, false],
    ['url regex', { url: 'Pricing\\?plan=', url_matching: 'regex' }, click, true],
    ['url regex is case-sensitive', { url: 'pricing', url_matching: 'regex' }, click, false],
    ['url regex with (?i)', { url: '(?i)pricing', url_matching: 'regex' }, click, true],
    ['url regex RE2 rejects (backreference)', { url: '(a)\\1', url_matching: 'regex' }, click, false],
    ['no $current_url: url never matches', { url: 'app' }, noUrl, false],
    ['an empty url is no condition', { url: '' }, noUrl, true],
    // tag_name: exact tag, on any element
    ['tag_name of an ancestor', autocapture({ tag_name: 'a' }), click, true],
    ['tag_name is not a prefix', autocapture({ tag_name: 'sp' }), click, false],
    ['tag_name of the clicked element', autocapture({ tag_name: 'span' }), click, true],
    // element conditions only on $autocapture steps
    ['selector ignored on a $pageview step', { event: '$pageview', selector: 'button.nope' }, pageview, true],
    ['text ignored on a step without event', { text: 'nothing like it' }, pageview, true],
    ['href ignored on a custom-event step', { event: 'signed_up', href: '/x' }, { event: 'signed_up', properties: {} }, true],
    ['tag_name ignored without event', { tag_name: 'marquee', url: '/Pricing' }, click, true],
    // steps without conditions
    ['a step with no condition matches every event', {}, pageview, true],
    ['an empty selector is no condition', autocapture({ selector: '' }), click, true],
    ['an empty event is no condition', { event: '', url: '/Pricing' }, pageview, true],
  ])('%s', (_name, step, event, expected) => {
    const action = { steps: [step] };
    expect(matchAction(action, event).matched).toBe(expected);
    expect(actionMatches(action, event)).toBe(expected);
  });
});

describe('how the event’s chain is found', () => {
  const elements = [
    { tag_name: 'button', $el_text: 'Buy', attr__class: 'btn primary', nth_child: 1, nth_of_type: 1 },
    { tag_name: 'form', attr__id: 'checkout', nth_child: 1, nth_of_type: 1 },
  ];
  const step = autocapture({ selector: 'form#checkout > button.primary', text: 'Buy' });

  it.each<[string, MatchableEvent, boolean]>([
    ['$elements converted to a chain as ingestion does', { event: '$autocapture', properties: { $elements: elements } }, true],
    ['an empty $elements_chain falls back to $elements', { event: '$autocapture', properties: { $elements_chain: '', $elements: elements } }, true],
    ['$elements_chain wins over $elements', { event: '$autocapture', properties: { $elements_chain: chainOf({ tag_name: 'a' }), $elements: elements } }, false],
    ['a stored event’s elements_chain column wins', { event: '$autocapture', properties: { $elements: elements }, elements_chain: '' }, false],
    ['no elements at all', { event: '$autocapture', properties: {} }, false],
  ])('%s', (_name, event, expected) => {
    expect(matchAction({ steps: [step] }, event).matched).toBe(expected);
  });
});

describe('steps are OR-ed, conditions AND-ed', () => {
  it('reports which step matched', () => {
    const result = matchAction({ steps: [{ event: '$pageview' }, { event: '$autocapture', url: '/Pricing' }] }, click);
    expect(result).toMatchObject({ matched: true, status: 'match', matchedSteps: [1] });
    expect(result.steps.map((step) => step.status)).toEqual(['fail', 'pass']);
  });

  it('reports every condition of a failing step, not only the first failure', () => {
    const result = matchAction({ steps: [autocapture({ selector: '.hero a', text: 'Sign up', url: '/pricing' })] }, click);
    expect(result.steps[0]?.conditions.map((c) => [c.kind, c.status])).toEqual([
      ['event', 'pass'],
      ['selector', 'pass'],
      ['text', 'fail'],
      ['url', 'fail'],
    ]);
  });

  it('an action without steps matches every event (HogQL)', () => {
    expect(matchAction({ steps: [] }, pageview)).toMatchObject({ matched: true, noSteps: true });
    expect(actionMatches({}, pageview)).toBe(true);
  });

  it('an unknown condition makes the step unknown, a failing one still fails it', () => {
    const person = { key: 'email', value: 'a@b.c', type: 'person' };
    expect(matchAction({ steps: [{ event: '$pageview', properties: [person] }] }, pageview).status).toBe('unknown');
    expect(matchAction({ steps: [{ event: '$autocapture', properties: [person] }] }, pageview).status).toBe('no-match');
    expect(actionMatches({ steps: [{ event: '$pageview', properties: [person] }] }, pageview)).toBe(false);
  });

  it('records what the server ignores', () => {
    const result = matchAction({ steps: [{ event: '$pageview', selector: 'a', text: 'x' }] }, pageview);
    expect(result.steps[0]?.ignored.map((ignored) => ignored.kind)).toEqual(['selector', 'text']);
  });

  it('says where the selector matched', () => {
    const condition = matchAction({ steps: [autocapture({ selector: '.hero' })] }, click).steps[0]?.conditions[1];
    expect(condition?.selector).toMatchObject({ matched: true, matchedOrder: 3, matchedElement: { tag_name: 'div', attr_class: ['hero'] } });
  });
});
