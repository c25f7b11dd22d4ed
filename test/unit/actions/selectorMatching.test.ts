import { describe, expect, it } from 'vitest';
import { compileSelector, testSelector } from '../../../src/core/actions';
import { chainColumns } from '../../../src/core/actions/chainColumns';
import { chainOf, selectorChainCases } from '../../fixtures/actions/posthogCases';
import { loadRecordedChains } from '../../fixtures/actions/recordedChains';
import { loadSelectorVerdicts } from '../../fixtures/actions/selectorVerdicts';

function serverMatches(selector: string, chain: string): boolean {
  return testSelector(compileSelector(selector), chainColumns(chain));
}

// A clicked button inside a card inside a section: the shape most rules below are shown on.
const button = chainOf(
  { tag_name: 'button', attr_class: ['btn', 'primary'], text: 'Buy', nth_child: 2, nth_of_type: 1, attributes: { attr__type: 'submit' } },
  { tag_name: 'div', attr_class: ['card'], attributes: { 'attr__data-attr': 'pricing-card' } },
  { tag_name: 'section', attr_id: 'plans', attr_class: ['plans'] },
  { tag_name: 'body' },
);
const abbrOnly = chainOf({ tag_name: 'abbr', text: 'USD' }, { tag_name: 'p' });
const withText = chainOf({ tag_name: 'button', text: 'pay div now' }, { tag_name: 'body' });

describe('selectors on the server are regular expressions over the chain, not CSS', () => {
  it.each(selectorChainCases)('PostHog: %s', (_name, selector, chain, expected) => {
    expect(serverMatches(selector, chain)).toBe(expected);
  });

  it.each<[string, string, string, boolean]>([
    // Any element of the chain can match, not only the clicked one.
    ['an ancestor matches a one-part selector', 'section', button, true],
    ['an ancestor class matches', '.card', button, true],
    // Prefix matching of tags and classes.
    ['a class prefix matches', '.prim', button, true],
    ['a tag prefix matches', 'butt', button, true],
    ['a tag prefix matches an ancestor (sec → section)', 'sec', button, true],
    ['b matches button (b is not a useful tag, no exact check)', 'b', button, true],
    ['a does not match abbr (a is a useful tag: exact check)', 'a', abbrOnly, false],
    ['abbr matches abbr', 'abbr', abbrOnly, true],
    ['a class is not a tag', 'card', button, false],
    // The bare-tag parent rule.
    ['a bare tag after a space must be the direct parent', 'section button', button, false],
    ['the direct parent with a space matches', 'div button', button, true],
    ['the direct parent with > matches', 'div > button', button, true],
    ['a grandparent tag with > does not match', 'section > button', button, false],
    ['a bare tag can match a word of the text (pay div now)', 'div > button', withText, true],
    // > not enforced after a class, id or attribute part.
    ['a class part may skip levels with a space', '.plans button', button, true],
    ['a class part may skip levels even with >', '.plans > button', button, true],
    ['an id part may skip levels even with >', '#plans > button', button, true],
    ['an attribute part may skip levels even with >', '[data-attr="pricing-card"] > .btn', button, true],
    ['a tag with a class: the tag must be the parent, the class may be higher', 'div.plans button', button, true],
    ['order still matters: an ancestor part cannot come from a descendant', 'button .card', button, false],
    // Attribute parts leak into ancestors, and match data-k="v".
    ['an attribute of an ancestor satisfies a tag[attr] part', 'button[data-attr="pricing-card"]', button, true],
    ['[attr="v"] matches data-attr="v"', '[attr="pricing-card"]', button, true],
    ['a different value does not match', '[data-attr="checkout"]', button, false],
    ['[type="submit"] matches', '[type="submit"]', button, true],
    ['an id anywhere in the chain (id-only selectors check ids exactly)', '#plans', button, true],
    ['an id prefix does not match an id-only selector', '#plan', button, false],
    ['a tag#id needs the exact id too', 'section#plan', button, false],
    ['nth-child is read', 'button:nth-child(2)', button, true],
    ['nth-child must equal', 'button:nth-child(1)', button, false],
    // Syntax that never matches.
    [':nth-of-type never matches', 'button:nth-of-type(1)', button, false],
    [':not never matches', 'button:not(.secondary)', button, false],
    [':first-child never matches', 'button:first-child', button, false],
    [':hover never matches', 'button:hover', button, false],
    ['^= never matches', '[type^="sub"]', button, false],
    ['*= never matches', '[data-attr*="pricing"]', button, false],
    ['$= never matches', '[type$="mit"]', button, false],
    ['presence-only [attr] never matches', '[type]', button, false],
    ['tag.class[attr] never matches', 'button.btn[type="submit"]', button, false],
    ['two attributes in one part never match', '[type="submit"][class="btn"]', button, false],
    ['unquoted attribute values never match', '[type=submit]', button, false],
    ['+ never matches', 'div + button', button, false],
    ['~ never matches', 'div ~ button', button, false],
    ['> without spaces never matches', 'div>button', button, false],
    ['CSS escapes are not undone (except \\:)', '.btn\\-primary', chainOf({ tag_name: 'a', attr_class: ['btn-primary'] }), false],
    ['\\: is undone', '.hover\\:bg-red', chainOf({ tag_name: 'a', attr_class: ['hover:bg-red'] }), true],
    ['* matches any element', '*', button, true],
    ['spaces only match everything (empty regex)', '   ', button, true],
    ['the server fails on nth-child( without colon', 'button nth-child(2)', button, false],
  ])('%s: %j', (_name, selector, chain, expected) => {
    expect(serverMatches(selector, chain)).toBe(expected);
  });
});

describe('selector verdicts on chains recorded from real posthog-js clicks agree with PostHog’s compiler', () => {
  const { chains } = loadRecordedChains();
  const verdicts = loadSelectorVerdicts();

  it('covers every recorded chain', () => {
    expect(verdicts.chains).toBe(chains.length);
  });

  it.each(verdicts.cases.map((c) => [c.selector, c.matches] as const))('%j', (selector, expected) => {
    const matcher = compileSelector(selector);
    const actual = chains.map((recorded) => (testSelector(matcher, chainColumns(recorded.chain)) ? '1' : '0')).join('');
    expect(actual).toBe(expected);
  });
});
