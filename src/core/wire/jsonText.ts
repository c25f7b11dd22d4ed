import { UndecodableBody } from './undecodable';

/**
 * Deeper than this is not an analytics payload, and would overflow the recursive code that
 * handles decoded events later (structured clone between contexts, JSON viewers).
 * rrweb snapshots nest two levels per DOM level, so real bodies stay well below it.
 */
export const MAX_JSON_DEPTH = 1000;

/**
 * Valid JSON nested deeper than `MAX_JSON_DEPTH` has at least this many characters (an opening and
 * a closing bracket per level), so shorter text that parses needs no depth check — which skips the
 * scan for the one-event bodies posthog-js sends for every `$pageview` and `identify`.
 */
const SHORTEST_TOO_DEEP = 2 * (MAX_JSON_DEPTH + 1);

/** JSON text → value. Throws `UndecodableBody` with the position of the first syntax error. */
export function parseJsonText(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // Too deep is the more useful thing to say about text that is also invalid.
    throwIfTooDeep(text);
    throw new UndecodableBody(describeSyntaxError(text, error));
  }
  if (text.length >= SHORTEST_TOO_DEEP) throwIfTooDeep(text);
  return value;
}

function throwIfTooDeep(text: string): void {
  const depth = nestingDepthExceeding(text, MAX_JSON_DEPTH);
  if (depth !== undefined) {
    throw new UndecodableBody(`JSON nested deeper than ${MAX_JSON_DEPTH} levels (at position ${depth})`);
  }
}

/**
 * Position where nesting first exceeds `limit`, ignoring brackets inside strings. Strings are most
 * of an analytics body (property values), so they are skipped with `indexOf`, not char by char.
 */
function nestingDepthExceeding(text: string, limit: number): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      i = closingQuote(text, i);
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > limit) return i;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    }
  }
  return undefined;
}

/** Index of the quote that closes the string opened at `open` (the text's length if none does). */
function closingQuote(text: string, open: number): number {
  for (let quote = text.indexOf('"', open + 1); quote >= 0; quote = text.indexOf('"', quote + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c /* \ */) backslashes++;
    if (backslashes % 2 === 0) return quote;
  }
  return text.length;
}

/**
 * Engines word JSON errors differently and V8 often gives no position ("Unexpected token '}',
 * "{"a":}" is not valid JSON"), so the position comes from a small validating scanner instead.
 */
function describeSyntaxError(text: string, error: unknown): string {
  const position = firstSyntaxErrorAt(text);
  if (position === undefined) {
    return `JSON parse error: ${error instanceof Error ? error.message : String(error)}`;
  }
  const found = position >= text.length ? 'end of input' : JSON.stringify(text[position]);
  return `JSON parse error at position ${position} (unexpected ${found})`;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX4 = /^[0-9a-fA-F]{4}$/;

/** Index of the first character that makes `text` invalid JSON, or undefined if it is valid. */
export function firstSyntaxErrorAt(text: string): number | undefined {
  const containers: string[] = [];
  let i = 0;

  const skipWhitespace = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i++;
  };
  /** Advances past a string starting at `i`; returns false at the offending character. */
  const scanString = (): boolean => {
    i++;
    while (i < text.length) {
      const c = text[i] ?? '';
      if (c === '"') {
        i++;
        return true;
      }
      if (c === '\\') {
        const escape = text[i + 1] ?? '';
        if (escape === 'u') {
          if (!HEX4.test(text.slice(i + 2, i + 6))) return false;
          i += 6;
        } else if (ESCAPES.has(escape)) {
          i += 2;
        } else {
          i++;
          return false;
        }
      } else if (c < ' ') {
        return false;
      } else {
        i++;
      }
    }
    return false;
  };
  /** Advances past a scalar or opens a container; returns false at the offending character. */
  const scanValue = (): boolean => {
    skipWhitespace();
    const c = text[i];
    if (c === '{' || c === '[') {
      containers.push(c);
      i++;
      skipWhitespace();
      if (text[i] === (c === '{' ? '}' : ']')) {
        containers.pop();
        i++;
        return true;
      }
      return c === '{' ? scanKey() : scanValue();
    }
    if (c === '"') return scanString();
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, i)) {
        i += literal.length;
        return true;
      }
    }
    NUMBER.lastIndex = i;
    if (NUMBER.test(text)) {
      i = NUMBER.lastIndex;
      return true;
    }
    return false;
  };
  const scanKey = (): boolean => {
    skipWhitespace();
    if (text[i] !== '"' || !scanString()) return false;
    skipWhitespace();
    if (text[i] !== ':') return false;
    i++;
    return scanValue();
  };

  if (!scanValue()) return i;
  for (;;) {
    skipWhitespace();
    const open = containers[containers.length - 1];
    if (open === undefined) return i < text.length ? i : undefined;
    const c = text[i];
    if (c === ',') {
      i++;
      if (!(open === '{' ? scanKey() : scanValue())) return i;
    } else if (c === (open === '{' ? '}' : ']')) {
      containers.pop();
      i++;
    } else {
      return i;
    }
  }
}
