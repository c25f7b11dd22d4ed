import { describe, expect, it } from 'vitest';
import { compileRe2 } from '../../../src/core/actions';
import { compileLike } from '../../../src/core/actions/sqlLike';

describe('RE2 patterns run as ClickHouse runs them', () => {
  it.each<[string, string, boolean]>([
    ['abc', 'xabcx', true],
    ['^abc$', 'abc', true],
    ['(?i)ABC', 'xabcx', true],
    ['(?i)ÉTÉ', 'été', true],
    ['(?s)a.b', 'a\nb', true],
    ['a.b', 'a\nb', true], // ClickHouse: . matches line breaks
    ['(?-s)a.b', 'a\nb', false],
    ['(?m)^b', 'a\nb', true],
    ['^b', 'a\nb', false],
    ['a$', 'a\n', false], // RE2's $ is the end of text, never before a final newline
    ['\\Aa', 'a', true],
    ['b\\z', 'ab', true],
    ['\\s', '\u00a0', false], // RE2's \s is ASCII: [\t\n\f\r ]
    ['\\s', '\t', true],
    ['\\S', '\u00a0', true],
    ['\\S', '\u000b', true], // RE2: a vertical tab is not a space
    ['[^\\S]', ' ', true],
    ['\\d+', '٣', false], // ASCII digits only
    ['\\w', 'é', false],
    ['^.$', '😀', true], // a dot is one code point
    ['\\x{1F600}', '😀', true],
    ['\\x41', 'A', true],
    ['\\101', 'A', true], // octal
    ['\\Qa.b\\E', 'a.b', true],
    ['\\Qa.b\\E', 'axb', false],
    ['[[:alpha:]]+', 'abc', true],
    ['[[:digit:]]', 'x', false],
    ['\\pL', 'é', true],
    ['\\p{Greek}', 'α', true],
    ['\\PL', 'é', false],
    ['(?U)a+', 'aaa', true],
    ['(?P<word>\\w+)', 'hi', true],
    ['[]a]', ']', true],
    ['a{2,3}', 'aa', true],
    ['a{,3}', 'a{,3}', true], // not a repeat in RE2: literal
    ['\\.', '.', true],
    ['\\-', '-', true],
    ['a|b', 'b', true],
    ['/123$', 'https://posthog.com/feedback/123', true],
  ])('%j on %j → %s', (pattern, input, expected) => {
    const compiled = compileRe2(pattern);
    expect(compiled.valid).toBe(true);
    expect(compiled.regex?.test(input)).toBe(expected);
  });

  it.each<[string, string]>([
    ['a(?=b)', 'lookaround'],
    ['a(?!b)', 'lookaround'],
    ['(?<=a)b', 'lookaround'],
    ['(?<!a)b', 'lookaround'],
    ['(a)\\1', 'backreference'],
    ['(?P<x>a)(?P=x)', 'backreference'],
    ['(?>a)', 'unsupported'],
    ['a\\Z', 'unsupported'],
    ['a*+', 'syntax'],
    ['a**', 'syntax'],
    ['*a', 'syntax'],
    ['a{1001}', 'syntax'],
    ['a{3,2}', 'syntax'],
    ['(a', 'syntax'],
    ['a)', 'syntax'],
    ['[a', 'syntax'],
    ['[z-a]', 'syntax'],
    ['/shardlibrary/\\d+\\', 'syntax'], // PostHog #96347: a trailing backslash
    ['\\e', 'syntax'],
    ['\\p{Klingon}', 'syntax'],
    ['(?P<a>x)(?P<a>y)', 'syntax'],
  ])('RE2 rejects %j (%s): the server’s query fails', (pattern, code) => {
    const compiled = compileRe2(pattern);
    expect(compiled.valid).toBe(false);
    expect(compiled.regex).toBeUndefined();
    expect(compiled.issues[0]).toMatchObject({ severity: 'error', code });
  });

  it.each(['a(?i)b', '(?i:a)b', '[[:^alpha:]]', 'a\\Cb'])('RE2 accepts %j but JavaScript cannot reproduce it', (pattern) => {
    const compiled = compileRe2(pattern);
    expect(compiled.valid).toBe(true);
    expect(compiled.regex).toBeUndefined();
    expect(compiled.issues.some((issue) => issue.code === 'untranslatable')).toBe(true);
  });

  it('reports a translated leading flag with its position', () => {
    expect(compileRe2('(?i)pricing').issues).toEqual([expect.objectContaining({ severity: 'info', code: 'inline-flags', start: 0, end: 4 })]);
  });

  it('locates an error', () => {
    expect(compileRe2('ab(?=c)').issues[0]).toMatchObject({ start: 2, end: 5 });
  });
});

describe('SQL LIKE, which every contains match is', () => {
  it.each<[string, boolean, string, boolean]>([
    ['%abc%', false, 'xxabcxx', true],
    ['%abc%', false, 'xxABCxx', false],
    ['%abc%', true, 'xxABCxx', true],
    ['%a_c%', false, 'abc', true],
    ['%a_c%', false, 'ac', false],
    ['%a%c%', false, 'a---c', true],
    ['%a\\_c%', false, 'abc', false],
    ['%a\\_c%', false, 'a_c', true],
    ['%a\\%c%', false, 'a%c', true],
    ['%a\\\\c%', false, 'a\\c', true],
    ['%é%', true, 'É', true],
    ['%a%', false, 'b\na', true],
    ['abc', false, 'xabc', false],
  ])('%j (ILIKE %s) on %j → %s', (pattern, caseInsensitive, input, expected) => {
    expect(compileLike(pattern, caseInsensitive).test(input)).toBe(expected);
  });

  it('refuses a pattern that ends with an escape', () => {
    expect(compileLike('abc\\', false).valid).toBe(false);
  });
});
