import { describe, expect, it } from 'vitest';
import { chainColumns } from '../../../src/core/actions/chainColumns';
import { compileRe2 } from '../../../src/core/actions/re2';
import { LinearRegex } from '../../../src/core/actions/linearRegex';
import { compileSelector, testSelector } from '../../../src/core/actions/selectorMatcher';
import { loadRecordedChains } from '../../fixtures/actions/recordedChains';
import { loadSelectorVerdicts } from '../../fixtures/actions/selectorVerdicts';

const chains = loadRecordedChains().chains.map((recorded) => recorded.chain);
const verdicts = loadSelectorVerdicts();

describe('LinearRegex', () => {
  it.each([
    ['abc', 'xxabcxx', true],
    ['^abc', 'xxabc', false],
    ['abc$', 'xxabc', true],
    ['abc$', 'abcx', false],
    ['(^|;)b', 'a;b', true],
    ['(^|;)b', 'ab', false],
    ['a.*?c', 'a\nc', true], // ClickHouse's RE2: `.` matches line breaks
    ['a[^;]*?c', 'a;c', false],
    ['a[^;^\\s]*c', 'a c', false],
    ['a[^;^\\s]*c', 'a^^c', false], // the second ^ is a literal
    ['a[^;^\\s]*c', 'abbc', true],
    ['x(a|bc)+y', 'xabcay', true],
    ['x(a|bc)+y', 'xy', false],
    ['x\\-y', 'x-y', true],
  ])('%s on %j: %s', (source, text, expected) => {
    expect(new LinearRegex(source).test(text)).toBe(expected);
  });

  it('agrees with the JavaScript translation of every recorded selector regex, on every recorded chain', () => {
    let compared = 0;
    for (const { regex } of verdicts.cases) {
      if (!regex) continue;
      const reference = compileRe2(regex).regex!;
      const linear = new LinearRegex(regex);
      for (const chain of chains) {
        expect(linear.test(chain), `${regex} on ${chain.slice(0, 80)}`).toBe(reference.test(chain));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(10_000);
  });

  it('takes linear time where backtracking takes minutes', () => {
    // Eleven wildcards over a chain that has every piece but no match.
    const selector = 'tbody:nth-child(2) > tr:nth-child(1) > td:nth-child(4) > [type="button"]';
    const chain = Array.from({ length: 40 }, (_, i) => `td.cell:attr__type="button"nth-child="${(i % 4) + 1}"nth-of-type="1"`).join(';');
    const matcher = compileSelector(selector);
    expect(matcher.linear).toBeDefined();
    expect(testSelector(matcher, chainColumns(chain))).toBe(false);
  });
});

describe('which selectors run on LinearRegex', () => {
  it.each([
    ['[data-attr="buy"]', false],
    ['.card > button.primary', false],
    ['body > div > ul > li > a', true],
    ['tbody:nth-child(2) > tr:nth-child(1) > td:nth-child(4) > [type="button"]', true],
    ['#checkout', false],
  ])('%s: %s', (selector, linear) => {
    expect(compileSelector(selector).linear !== undefined).toBe(linear);
  });
});

describe('testSelector with LinearRegex for many wildcards', () => {
  it('gives the server’s recorded verdict for every recorded selector and chain', () => {
    for (const { selector, matches } of verdicts.cases) {
      const matcher = compileSelector(selector);
      const got = chains.slice(0, verdicts.chains).map((chain) => (testSelector(matcher, chainColumns(chain)) ? '1' : '0')).join('');
      expect(got, selector).toBe(matches);
    }
  });
});
