import { describe, expect, it } from 'vitest';
import { type ActionValidationMessage, diagnoseSelector, type MatchableStep, validateAction } from '../../../src/core/actions';
import { loadSelectorVerdicts } from '../../fixtures/actions/selectorVerdicts';

function messagesFor(step: MatchableStep): ActionValidationMessage[] {
  return validateAction({ name: 'Checked', steps: [step] });
}

describe('validateAction: located messages about how the server will read an action', () => {
  it.each<[string, { name?: string | null; steps?: MatchableStep[] }, string[] | undefined, Partial<ActionValidationMessage>]>([
    ['an empty name', { name: '', steps: [{ event: '$pageview' }] }, undefined, { severity: 'error', code: 'name-empty', path: ['name'] }],
    ['a blank name', { name: '   ', steps: [{ event: '$pageview' }] }, undefined, { severity: 'error', code: 'name-empty', path: ['name'] }],
    ['a missing name', { steps: [{ event: '$pageview' }] }, undefined, { code: 'name-empty' }],
    ['a duplicate name', { name: 'Signed up', steps: [{ event: 'signed_up' }] }, ['Signed up'], { severity: 'error', code: 'name-duplicate', path: ['name'] }],
    ['a duplicate name after trimming', { name: ' Signed up ', steps: [{ event: 'signed_up' }] }, ['Signed up'], { code: 'name-duplicate' }],
    ['a name over 400 characters', { name: 'x'.repeat(401), steps: [{ event: 'e' }] }, undefined, { code: 'name-too-long' }],
    ['no steps', { name: 'Empty', steps: [] }, undefined, { severity: 'warning', code: 'no-steps', path: ['steps'] }],
  ])('%s', (_name, action, existingNames, expected) => {
    const messages = validateAction(action, existingNames ? { existingNames } : {});
    expect(messages).toContainEqual(expect.objectContaining(expected));
  });

  it('accepts a different name, case included', () => {
    expect(validateAction({ name: 'signed up', steps: [{ event: 'e' }] }, { existingNames: ['Signed up'] })).toEqual([]);
  });

  it.each<[string, MatchableStep, Partial<ActionValidationMessage>]>([
    // steps
    ['a step with no condition', {}, { severity: 'warning', code: 'step-matches-everything', path: ['steps', 0] }],
    ['an empty string field', { event: '$autocapture', text: '' }, { severity: 'error', code: 'blank', path: ['steps', 0, 'text'] }],
    ['a selector on a $pageview step', { event: '$pageview', selector: 'button' }, { severity: 'warning', code: 'element-ignored', path: ['steps', 0, 'selector'] }],
    ['text on a step without event', { text: 'Buy', url: '/x' }, { severity: 'warning', code: 'element-ignored', path: ['steps', 0, 'text'] }],
    ['href on a custom-event step', { event: 'purchase', href: '/buy' }, { severity: 'warning', code: 'element-ignored', path: ['steps', 0, 'href'] }],
    // selectors the server never matches
    [':nth-of-type', { event: '$autocapture', selector: 'ul > li:nth-of-type(2)' }, { severity: 'error', code: 'selector-nth-of-type', range: { start: 5, end: 22 } }],
    [':not', { event: '$autocapture', selector: 'button:not(.ghost)' }, { severity: 'error', code: 'selector-not' }],
    [':first-child', { event: '$autocapture', selector: 'li:first-child' }, { severity: 'error', code: 'selector-pseudo-class' }],
    ['a pseudo-class after a class', { event: '$autocapture', selector: '.item:hover' }, { severity: 'error', code: 'selector-pseudo-class' }],
    ['an attribute operator', { event: '$autocapture', selector: 'a[href^="/docs"]' }, { severity: 'error', code: 'selector-attribute-operator' }],
    ['a presence-only attribute', { event: '$autocapture', selector: 'button[disabled]' }, { severity: 'error', code: 'selector-attribute-presence' }],
    ['an unquoted attribute value', { event: '$autocapture', selector: 'input[type=email]' }, { severity: 'error', code: 'selector-attribute-unquoted' }],
    ['tag.class[attr]', { event: '$autocapture', selector: 'button.primary[type="submit"]' }, { severity: 'error', code: 'selector-attribute-drops-rest' }],
    ['two attributes', { event: '$autocapture', selector: '[type="a"][name="b"]' }, { severity: 'error', code: 'selector-multiple-attributes' }],
    ['a sibling combinator', { event: '$autocapture', selector: 'h2 + p' }, { severity: 'error', code: 'selector-sibling-combinator', range: { start: 3, end: 4 } }],
    ['> without spaces', { event: '$autocapture', selector: 'nav>a' }, { severity: 'error', code: 'selector-combinator-spacing' }],
    ['a CSS escape', { event: '$autocapture', selector: '.w-1\\/2' }, { severity: 'error', code: 'selector-css-escape' }],
    ['an nth-child expression', { event: '$autocapture', selector: 'li:nth-child(2n+1)' }, { severity: 'error', code: 'selector-nth-child-expression' }],
    ['nth-child( without colon: the server fails', { event: '$autocapture', selector: 'li nth-child(2)' }, { severity: 'error', code: 'selector-server-error' }],
    ['a selector of spaces', { event: '$autocapture', selector: '   ' }, { severity: 'warning', code: 'selector-matches-everything' }],
    ['attributes after [attr] are dropped', { event: '$autocapture', selector: '[type="submit"].primary' }, { severity: 'warning', code: 'selector-attribute-drops-rest' }],
    ['a tag with a digit before [attr] is dropped', { event: '$autocapture', selector: 'h3[title="x"]' }, { severity: 'warning', code: 'selector-attribute-drops-rest' }],
    // selectors that work, differently from CSS
    ['a descendant tag must be the parent', { event: '$autocapture', selector: 'section button' }, { severity: 'info', code: 'selector-parent-not-descendant', range: { start: 0, end: 7 } }],
    ['> after a class is not enforced', { event: '$autocapture', selector: '.card > button' }, { severity: 'info', code: 'selector-child-not-enforced' }],
    ['prefix matching', { event: '$autocapture', selector: '.btn' }, { severity: 'info', code: 'selector-prefix-match' }],
    ['any element of the chain', { event: '$autocapture', selector: 'button' }, { severity: 'info', code: 'selector-any-element' }],
    ['attribute substring', { event: '$autocapture', selector: '[attr="x"]' }, { severity: 'info', code: 'selector-attribute-substring' }],
    // regexes: RE2 vs JavaScript
    ['a lookbehind in a URL regex', { url: '(?<=/)docs', url_matching: 'regex' }, { severity: 'error', code: 'regex-lookaround', path: ['steps', 0, 'url'], range: { start: 0, end: 4 } }],
    ['a backreference in a text regex', { event: '$autocapture', text: '(a)\\1', text_matching: 'regex' }, { severity: 'error', code: 'regex-backreference' }],
    ['a trailing backslash in an href regex (#96347)', { event: '$autocapture', href: '/shard/\\d+\\', href_matching: 'regex' }, { severity: 'error', code: 'regex-syntax' }],
    ['a leading (?i)', { url: '(?i)/pricing', url_matching: 'regex' }, { severity: 'info', code: 'regex-inline-flags', range: { start: 0, end: 4 } }],
    ['an inline flag in the middle', { url: '/a(?i)b', url_matching: 'regex' }, { severity: 'warning', code: 'regex-untranslatable' }],
    ['a property regex', { event: 'e', properties: [{ key: 'p', value: 'x(?!y)', operator: 'regex' }] }, { severity: 'error', code: 'regex-lookaround', path: ['steps', 0, 'properties', 0, 'value'] }],
    // contains is LIKE
    ['% in a URL contains', { url: '100%' }, { severity: 'info', code: 'like-wildcards', range: { start: 3, end: 4 } }],
    ['_ in a text contains', { event: '$autocapture', text: 'snake_case', text_matching: 'contains' }, { severity: 'info', code: 'like-wildcards' }],
    // quotes in texts and hrefs
    ['a text with a double quote', { event: '$autocapture', text: 'Say "hi"' }, { severity: 'error', code: 'quote-never-matches', range: { start: 4, end: 5 } }],
    ['an href with a double quote', { event: '$autocapture', href: '/a"b', href_matching: 'contains' }, { severity: 'error', code: 'quote-never-matches' }],
    // tag_name
    ['tag_name is deprecated', { event: '$autocapture', tag_name: 'a' }, { severity: 'info', code: 'tag-name-deprecated' }],
    ['tag_name is pasted into a regex', { event: '$autocapture', tag_name: 'h1|h2' }, { severity: 'warning', code: 'tag-name-regex' }],
    ['tag_name that breaks the regex', { event: '$autocapture', tag_name: 'a(' }, { severity: 'error', code: 'regex-syntax' }],
    // properties
    ['a property filter without value', { event: 'e', properties: [{ key: 'plan' }] }, { severity: 'warning', code: 'property-incomplete', path: ['steps', 0, 'properties', 0] }],
    ['a person property', { event: 'e', properties: [{ key: 'email', value: 'x', type: 'person' }] }, { severity: 'info', code: 'property-not-previewable' }],
    ['an operator the preview does not run', { event: 'e', properties: [{ key: 'n', value: [1, 2], operator: 'between' }] }, { severity: 'info', code: 'property-operator-not-previewable' }],
    ['an element selector filter', { event: '$autocapture', properties: [{ key: 'selector', value: 'a:hover', type: 'element' }] }, { severity: 'error', code: 'selector-pseudo-class', path: ['steps', 0, 'properties', 0, 'value'] }],
  ])('%s', (_name, step, expected) => {
    expect(messagesFor(step)).toContainEqual(expect.objectContaining(expected));
  });

  it.each<[string, MatchableStep]>([
    ['a plain pageview', { event: '$pageview', url: '/pricing' }],
    ['an exact text', { event: '$autocapture', text: 'Sign up' }],
    ['an RE2-and-JavaScript regex', { url: '^https://app\\.test/(docs|blog)/', url_matching: 'regex' }],
    ['Tailwind variants are not pseudo-classes', { event: '$autocapture', selector: '.hover:bg-blue-500' }],
  ])('has no error or warning for %s', (_name, step) => {
    expect(messagesFor(step).filter((message) => message.severity !== 'info')).toEqual([]);
  });
});

describe('never-matching verdicts hold on chains recorded from real clicks', () => {
  // A selector flagged as never matching must match none of the recorded chains on the server.
  const flagged = loadSelectorVerdicts().cases.filter((c) => diagnoseSelector(c.selector).some((d) => d.severity === 'error'));

  it('covers several flagged selectors', () => {
    expect(flagged.length).toBeGreaterThan(5);
  });

  it.each(flagged.map((c) => [c.selector, c.matches] as const))('%j matches no recorded chain', (_selector, matches) => {
    expect(matches).not.toContain('1');
  });
});
