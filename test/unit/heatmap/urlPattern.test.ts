import { describe, expect, it } from 'vitest';
import { urlMatchesPattern, urlPatternToFilter } from '../../../src/core/heatmap';

describe('urlPatternToFilter', () => {
  it.each([
    ['https://shop.test/pricing', 'exact', 'https://shop.test/pricing'],
    ['https://shop.test/search?q=a+b&page=(2)', 'exact', 'https://shop.test/search?q=a+b&page=(2)'],
    ['https://shop.test/product/*', 'regex', '^https://shop\\.test/product/.*$'],
    ['*/product/*/reviews', 'regex', '^.*/product/.*/reviews$'],
    ['https://shop.test/*?ref=[a]|{b}^$\\', 'regex', '^https://shop\\.test/.*\\?ref=\\[a\\]\\|\\{b\\}\\^\\$\\\\$'],
    ['*', 'regex', '^.*$'],
  ] as const)('%s → %s %s', (pattern, operator, value) => {
    expect(urlPatternToFilter(pattern)).toEqual({ key: '$current_url', value, operator, type: 'event' });
  });
});

describe('urlMatchesPattern', () => {
  it.each([
    ['https://shop.test/pricing', 'https://shop.test/pricing', true],
    ['https://shop.test/pricing?x=1', 'https://shop.test/pricing', false],
    ['https://shop.test/product/42', 'https://shop.test/product/*', true],
    ['https://shop.test/product/', 'https://shop.test/product/*', true],
    ['https://shop.test/product', 'https://shop.test/product/*', false],
    ['https://shop.test/product/42/reviews', 'https://shop.test/product/*', true],
    ['http://shop.test/product/42', 'https://shop.test/product/*', false],
    // Anchored: the pattern must cover the whole URL.
    ['https://evil.test/?https://shop.test/product/1', 'https://shop.test/product/*', false],
    // A `.` is literal, not any character.
    ['https://shopXtest/product/1', 'https://shop.test/product/*', false],
    ['https://shop.test/a+b', 'https://shop.test/a+*', true],
    ['https://shop.test/aab', 'https://shop.test/a+*', false],
  ] as const)('%s against %s: %s', (url, pattern, matches) => {
    expect(urlMatchesPattern(url, pattern)).toBe(matches);
  });
});
