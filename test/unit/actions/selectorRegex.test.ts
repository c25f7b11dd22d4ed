import { describe, expect, it } from 'vitest';
import { selectorRegex } from '../../../src/core/actions';
import { selectorRegexCases } from '../../fixtures/actions/posthogCases';
import { loadSelectorVerdicts } from '../../fixtures/actions/selectorVerdicts';

describe('selectorRegex: the string PostHog returns as selector_regex', () => {
  it.each(selectorRegexCases)('%s: %j', (_source, selector, regex) => {
    expect(selectorRegex(selector)).toBe(regex);
  });

  it.each([null, undefined])('is null for a %s selector', (selector) => {
    expect(selectorRegex(selector)).toBeNull();
  });

  // Regexes PostHog's compiler produced for selectors generated from recorded chains.
  it.each(loadSelectorVerdicts().cases.map((c) => [c.selector, c.regex] as const))('%j (recorded-chain selector)', (selector, regex) => {
    expect(selectorRegex(selector)).toBe(regex);
  });
});
