import { describe, expect, it } from 'vitest';
import { classVerdict, idVerdict, isDataAttribute, isQuotableValue, isStableAttributeValue } from '../../../src/core/elements/selectorStability';

describe('idVerdict', () => {
  it.each([
    ['checkout', 'stable'],
    ['main-nav', 'stable'],
    ['mw-content-text', 'stable'],
    ['search_form', 'stable'],
    ['section2', 'stable'],
    [':r1:', 'generated'], // React 18 useId
    [':R3f9k:', 'generated'], // React 18 SSR
    ['«r1»', 'generated'], // React 19.1
    ['_r_1_', 'generated'], // React 19.2
    ['radix-:r0:', 'generated'],
    ['radix-«r3c»', 'generated'],
    ['headlessui-menu-button-:r5:', 'generated'],
    ['headlessui-menu-button-12', 'generated'],
    ['react-select-3-input', 'generated'],
    ['mui-12', 'generated'],
    ['ember1234', 'generated'],
    ['12345', 'generated'],
    ['post-123456', 'generated'],
    ['comment-98765', 'generated'],
    ['a8f3k2x9', 'generated'],
    ['3d-view', 'generated'],
    ['f47ac10b-58cc-4372-a567-0e02b2c3d479', 'generated'],
    ['foo.bar', 'unusable'], // CSS would need an escape
    ['héllo', 'unusable'],
  ] as const)('%s is %s', (id, verdict) => {
    expect(idVerdict(id)).toBe(verdict);
  });
});

describe('classVerdict', () => {
  it.each([
    ['btn', 'stable'],
    ['btn-primary', 'stable'],
    ['nav-link', 'stable'],
    ['card__title', 'stable'], // BEM element, written by hand
    ['ProductCard', 'stable'],
    ['MuiButton-root', 'stable'],
    ['mw-parser-output', 'stable'],
    ['row-name', 'stable'],
    ['css-1x2y3z', 'hashed'], // emotion
    ['css-1d8eb3m-MuiSvgIcon-root', 'hashed'],
    ['enws0fim0', 'hashed'], // emotion target class
    ['Button_primary__3xK9a', 'hashed'], // CSS modules
    ['ProductCard_card__fdnWt', 'hashed'],
    ['_3xK9a', 'hashed'],
    ['sc-AbCdEf', 'hashed'], // styled-components
    ['GhIjKl', 'hashed'],
    ['svelte-1abc2de', 'hashed'],
    ['jsx-123456', 'hashed'],
    ['active', 'state'],
    ['is-active', 'state'],
    ['has-focus', 'state'],
    ['Mui-selected', 'state'],
    ['Mui-checked', 'state'],
    ['open', 'state'],
    ['selected', 'state'],
    ['tab--active', 'state'],
    ['current-menu-item', 'state'],
    ['ng-star-inserted', 'state'],
    ['hover:bg-indigo-500', 'utility'], // Tailwind variant
    ['text-sm/6', 'utility'],
    ['[&>svg]:size-5', 'utility'],
    ['min-w-[12rem]', 'utility'],
    ['data-[focus]:bg-gray-50', 'utility'],
    ['px-3', 'utility'],
    ['-mt-2', 'utility'],
    ['flex', 'utility'],
    ['items-center', 'utility'],
    ['rounded-full', 'utility'],
    ['sr-only', 'utility'],
    ['truncate', 'utility'],
    ['1col', 'unusable'],
    ['a.b', 'unusable'],
  ] as const)('%s is %s', (name, verdict) => {
    expect(classVerdict(name)).toBe(verdict);
  });
});

describe('isDataAttribute', () => {
  it.each([
    ['data-attr', true],
    ['data-testid', true],
    ['data-test', true],
    ['data-cy', true],
    ['data-ph-capture-attribute-plan', true],
    ['data-state', false],
    ['data-v-1a2b3c4d', false],
    ['data-test-id', false],
  ] as const)('%s → %s with the defaults', (name, expected) => {
    expect(isDataAttribute(name)).toBe(expected);
  });

  it('follows a configured list, with * as a prefix', () => {
    expect(isDataAttribute('data-track', ['data-track'])).toBe(true);
    expect(isDataAttribute('data-attr', ['data-track'])).toBe(false);
    expect(isDataAttribute('data-qa-save', ['data-qa-*'])).toBe(true);
  });
});

describe('attribute values', () => {
  it.each([
    ['save', true],
    ['/pricing?plan=pro', true],
    ['a|b', false], // `|` is in the server's quote class ['|"]
    ['Save changes', true],
    ['say "hi"', false],
    ['a\\b', false],
    ['', false],
    [' padded', false],
    ['x'.repeat(301), false],
  ])('%j quotable: %s', (value, expected) => {
    expect(isQuotableValue(value)).toBe(expected);
  });

  it.each([
    ['email', true],
    ['https://example.com/docs/', true],
    [':r1:', false],
    ['«r2»', false],
    ['radix-:r0:-content', false],
  ])('%j stable: %s', (value, expected) => {
    expect(isStableAttributeValue(value)).toBe(expected);
  });
});
