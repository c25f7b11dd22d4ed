/**
 * ClickHouse `LIKE` / `ILIKE`, which the server uses for every `contains` match: URL contains is
 * `LIKE '%url%'` (case-sensitive), text and href contains are `ILIKE '%value%'`. The value is put
 * into the pattern as it is, so — unlike what "contains" suggests — `%` in it matches any run of
 * characters, `_` any one character, and `\` escapes the next character.
 */

export interface LikePattern {
  pattern: string;
  /** False when ClickHouse refuses the pattern (a trailing escape): the server's query fails. */
  valid: boolean;
  error?: string;
  test(value: string): boolean;
}

const REGEX_SYNTAX = /[\^$\\.*+?()[\]{}|/]/g;

function escapeForRegex(ch: string): string {
  return ch.replace(REGEX_SYNTAX, '\\$&');
}

const cache = new Map<string, LikePattern>();
const CACHE_LIMIT = 10_000;

/** Compiles a LIKE pattern; `caseInsensitive` makes it ILIKE (Unicode case folding, as ClickHouse's UTF-8 ilike). */
export function compileLike(pattern: string, caseInsensitive: boolean): LikePattern {
  const key = `${caseInsensitive ? 'i' : '-'}${pattern}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const compiled = compileUncached(pattern, caseInsensitive);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, compiled);
  return compiled;
}

function compileUncached(pattern: string, caseInsensitive: boolean): LikePattern {
  let source = '';
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    if (ch === '\\') {
      const nextChar = chars[i + 1];
      if (nextChar === undefined) {
        // ClickHouse: "Invalid escape sequence at the end of LIKE pattern".
        return { pattern, valid: false, error: 'the pattern ends with an escape character (\\)', test: () => false };
      }
      // `\%`, `\_`, `\\` are literals; ClickHouse also reads `\x` as `x` for any other x.
      source += escapeForRegex(nextChar);
      i += 1;
    } else if (ch === '%') {
      source += '[\\s\\S]*';
    } else if (ch === '_') {
      source += '[\\s\\S]';
    } else {
      source += escapeForRegex(ch);
    }
  }
  // Fast path for the common `%literal%` with no other wildcard or escape.
  const inner = pattern.slice(1, -1);
  if (!caseInsensitive && pattern.length >= 2 && pattern.startsWith('%') && pattern.endsWith('%') && !/[%_\\]/.test(inner)) {
    return { pattern, valid: true, test: (value) => value.includes(inner) };
  }
  const regex = new RegExp(`^${source}$`, caseInsensitive ? 'sui' : 'su');
  return { pattern, valid: true, test: (value) => regex.test(value) };
}

/** The pattern the server builds for `contains`: the value between two `%`. */
export function containsPattern(value: string): string {
  return `%${value}%`;
}
