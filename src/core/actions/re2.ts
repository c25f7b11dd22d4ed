/**
 * RE2 patterns → JavaScript `RegExp`, the way ClickHouse runs them.
 *
 * The server evaluates every regular expression of an action (selector regex, `tag_name`, text,
 * href and URL `regex` matching, `regex`/`not_regex` property filters) with ClickHouse's `match`,
 * `extract` and `extractAll`, which use RE2 with two ClickHouse choices: UTF-8 (a `.` is one code
 * point) and `.` matching line breaks. JavaScript's syntax overlaps RE2's but differs in ways that
 * would silently mis-match, so a pattern is parsed as RE2 and re-emitted for a `u`-mode RegExp:
 *
 * - RE2 rejects lookahead/lookbehind, backreferences, atomic groups, possessive quantifiers, `\Z`
 *   and repeat counts over 1000; JavaScript accepts most of them. Those are reported as errors (the
 *   server's query fails) instead of being run.
 * - RE2 has inline flags (`(?i)`, `(?s)`, `(?m)`, `(?U)`); JavaScript (Node 20) has none. Leading
 *   flags become RegExp flags (`(?U)` swaps greediness); flags anywhere else cannot be translated.
 * - `\s` is `[\t\n\f\r ]` in RE2 but Unicode-wide in JavaScript; `\A`, `\z`, `\Q…\E`, `\x{…}`,
 *   `\pN`, `\p{Greek}` and `[[:alpha:]]` have no JavaScript spelling and are rewritten.
 */

export type RegexIssueSeverity = 'error' | 'warning' | 'info';

export type RegexIssueCode =
  /** RE2 cannot parse it (the server's query fails). */
  | 'syntax'
  | 'lookaround'
  | 'backreference'
  | 'unsupported'
  /** RE2 accepts it, and it was translated: say so, since JavaScript reads it differently. */
  | 'inline-flags'
  /** RE2 accepts it, but no JavaScript RegExp behaves the same: the preview cannot evaluate it. */
  | 'untranslatable';

export interface RegexIssue {
  severity: RegexIssueSeverity;
  code: RegexIssueCode;
  message: string;
  /** UTF-16 offsets into the pattern. */
  start: number;
  end: number;
}

export interface Re2Pattern {
  pattern: string;
  /** RE2 compiles it: the server can run it. */
  valid: boolean;
  /** Behaves as RE2 under ClickHouse's options; undefined when invalid or untranslatable. */
  regex: RegExp | undefined;
  issues: RegexIssue[];
}

class Re2Error extends Error {
  constructor(
    readonly code: RegexIssueCode,
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
  }
}

/** Characters that are syntax in a JavaScript `u`-mode pattern outside a class. */
const JS_SYNTAX = new Set('^$\\.*+?()[]{}|/');
/** Characters that need escaping inside a `u`-mode class. */
const JS_CLASS_SYNTAX = new Set('\\]-[^');
/** RE2's `\s`. */
const RE2_SPACE = '\\t\\n\\f\\r ';
/** What JavaScript's `\s` has beyond RE2's: added to `\S` so it means RE2's non-space. */
const JS_ONLY_SPACE = '\\v\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
/** Zero-width "start of text" and "end of text" that ignore the `m` flag, as RE2's `\A` and `\z`. */
const TEXT_START = '(?<![\\s\\S])';
const TEXT_END = '(?![\\s\\S])';
/** RE2 refuses repeat counts above this. */
const MAX_REPEAT = 1000;

const POSIX_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\u0000-\\u007f',
  blank: '\\t ',
  cntrl: '\\u0000-\\u001f\\u007f',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

const GENERAL_CATEGORY = /^(?:[LMNPSZC]|L[ultmo]|M[nce]|N[dlo]|P[cdseifo]|S[mcko]|Z[slp]|C[cfson])$/;

function hex(cp: number): string {
  return cp.toString(16);
}

function isOctal(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '7';
}

function isHex(ch: string | undefined): boolean {
  return ch !== undefined && /^[0-9A-Fa-f]$/.test(ch);
}

/** A code point as a literal outside a class. */
function literal(cp: number): string {
  const ch = String.fromCodePoint(cp);
  if (JS_SYNTAX.has(ch)) return `\\${ch}`;
  if (cp < 0x20 || cp === 0x7f || (cp >= 0xd800 && cp <= 0xdfff)) return `\\u{${hex(cp)}}`;
  return ch;
}

/** A code point as a literal inside a class. */
function classLiteral(cp: number): string {
  const ch = String.fromCodePoint(cp);
  if (JS_CLASS_SYNTAX.has(ch)) return `\\${ch}`;
  if (cp < 0x20 || cp === 0x7f || (cp >= 0xd800 && cp <= 0xdfff)) return `\\u{${hex(cp)}}`;
  return ch;
}

interface Atom {
  js: string;
  /** `^`, `$`, `\b`…: JavaScript refuses to quantify them directly. */
  assertion?: boolean;
}

interface ClassAtom {
  js: string;
  /** Set when the atom is a single code point (it can be a range end). */
  cp?: number;
}

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  U: boolean;
}

class Translator {
  private pos = 0;
  private readonly issues: RegexIssue[] = [];
  private readonly names = new Set<string>();
  private untranslatable = false;

  constructor(
    private readonly src: string,
    private readonly flags: Flags,
  ) {}

  run(): { source: string; flags: Flags; issues: RegexIssue[]; untranslatable: boolean } {
    this.leadingFlags();
    const source = this.alternation();
    if (this.pos < this.src.length) {
      // Only an unmatched `)` stops the top-level alternation early.
      throw new Re2Error('syntax', 'unexpected ): it closes no group', this.pos, this.pos + 1);
    }
    return { source, flags: this.flags, issues: this.issues, untranslatable: this.untranslatable };
  }

  private peek(offset = 0): string | undefined {
    const cp = this.src.codePointAt(this.pos + offset);
    return cp === undefined ? undefined : String.fromCodePoint(cp);
  }

  private next(): number {
    const cp = this.src.codePointAt(this.pos);
    if (cp === undefined) throw new Re2Error('syntax', 'unexpected end of pattern', this.pos, this.pos);
    this.pos += cp > 0xffff ? 2 : 1;
    return cp;
  }

  private untranslatableAt(message: string, start: number, end: number): void {
    this.untranslatable = true;
    this.issues.push({ severity: 'warning', code: 'untranslatable', message, start, end });
  }

  /** `(?i)`, `(?s)`, `(?m)`, `(?U)` (and negations) at the very start apply to the whole pattern. */
  private leadingFlags(): void {
    const re = /^\(\?([imsU]*)(?:-([imsU]*))?\)/;
    for (;;) {
      const m = re.exec(this.src.slice(this.pos));
      if (!m || (m[1] === '' && (m[2] ?? '') === '')) return;
      const start = this.pos;
      for (const f of m[1] ?? '') this.flags[f as keyof Flags] = true;
      for (const f of m[2] ?? '') this.flags[f as keyof Flags] = false;
      this.pos += m[0].length;
      this.issues.push({
        severity: 'info',
        code: 'inline-flags',
        message: `${m[0]} is an RE2 inline flag; JavaScript has none, so it is applied as RegExp flags (${describeFlags(m[0])})`,
        start,
        end: this.pos,
      });
    }
  }

  private alternation(): string {
    let out = this.sequence();
    while (this.peek() === '|') {
      this.pos += 1;
      out += `|${this.sequence()}`;
    }
    return out;
  }

  private sequence(): string {
    let out = '';
    for (;;) {
      const ch = this.peek();
      if (ch === undefined || ch === '|' || ch === ')') return out;
      const start = this.pos;
      if (this.quantifierAhead()) {
        throw new Re2Error('syntax', `missing argument to repetition operator ${ch}`, start, start + 1);
      }
      const atom = this.atom();
      const quantifier = this.quantifier();
      if (quantifier === undefined) {
        out += atom.js;
        continue;
      }
      if (this.quantifierAhead()) {
        throw new Re2Error('syntax', `bad repetition operator: ${this.src.slice(start, this.pos + 1)}`, start, this.pos + 1);
      }
      out += (atom.assertion ? `(?:${atom.js})` : atom.js) + quantifier;
    }
  }

  /** A `*`, `+`, `?` or a well-formed `{n}`, `{n,}`, `{n,m}` starts here. */
  private quantifierAhead(): boolean {
    const ch = this.peek();
    if (ch === '*' || ch === '+' || ch === '?') return true;
    return ch === '{' && /^\{\d+(?:,\d*)?\}/.test(this.src.slice(this.pos));
  }

  private quantifier(): string | undefined {
    const start = this.pos;
    const ch = this.peek();
    let q: string;
    if (ch === '*' || ch === '+' || ch === '?') {
      this.pos += 1;
      q = ch;
    } else if (ch === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos));
      if (!m) return undefined;
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? undefined : Number(m[3]);
      if (min > MAX_REPEAT || (max !== undefined && (max > MAX_REPEAT || max < min))) {
        throw new Re2Error('syntax', `bad repetition operator: ${m[0]} (RE2 allows counts up to ${MAX_REPEAT}, min ≤ max)`, start, start + m[0].length);
      }
      this.pos += m[0].length;
      q = m[0];
    } else {
      return undefined;
    }
    let lazy = false;
    if (this.peek() === '?') {
      this.pos += 1;
      lazy = true;
    }
    // `(?U)` makes quantifiers lazy by default and `?` greedy.
    if (this.flags.U) lazy = !lazy;
    return lazy ? `${q}?` : q;
  }

  private atom(): Atom {
    const ch = this.peek();
    switch (ch) {
      case '(':
        return { js: this.group() };
      case '[':
        return { js: this.characterClass() };
      case '.':
        this.pos += 1;
        // Without dot-all, RE2's dot excludes only \n (JavaScript's also excludes \r, \u2028, \u2029).
        return { js: this.flags.s ? '.' : '[^\\n]' };
      case '^':
        this.pos += 1;
        return { js: '^', assertion: true };
      case '$':
        this.pos += 1;
        return { js: '$', assertion: true };
      case '\\':
        return this.escape();
      default:
        return { js: literal(this.next()) };
    }
  }

  private group(): string {
    const start = this.pos;
    this.pos += 1; // (
    let open = '(';
    if (this.peek() === '?') {
      const rest = this.src.slice(this.pos + 1);
      const named = /^P?<([^>]*)>/.exec(rest);
      if (rest.startsWith('=') || rest.startsWith('!') || rest.startsWith('<=') || rest.startsWith('<!')) {
        const kind = rest.startsWith('<') ? 'lookbehind' : 'lookahead';
        throw new Re2Error('lookaround', `${kind} (?${rest.slice(0, rest.startsWith('<') ? 2 : 1)}…) is not supported by RE2`, start, start + 3 + (rest.startsWith('<') ? 1 : 0));
      }
      if (rest.startsWith('P=') || rest.startsWith('P>')) {
        throw new Re2Error('backreference', 'named backreferences (?P=name) are not supported by RE2', start, start + 4);
      }
      if (named) {
        const name = named[1] ?? '';
        if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Re2Error('syntax', `invalid named capture group name "${name}"`, start, start + 2 + named[0].length);
        if (this.names.has(name)) throw new Re2Error('syntax', `duplicate capture group name "${name}"`, start, start + 2 + named[0].length);
        this.names.add(name);
        this.pos += 1 + named[0].length;
        // JavaScript group names cannot start with a digit; the name never changes a match.
        open = /^[A-Za-z_]/.test(name) ? `(?<${name}>` : '(';
      } else {
        const flagGroup = /^([imsU]*)(?:-([imsU]*))?([:)])/.exec(rest);
        if (!flagGroup || (flagGroup[1] === '' && flagGroup[2] === undefined && flagGroup[3] === ')')) {
          const what = rest.startsWith('>') ? 'atomic groups (?>…)' : rest.startsWith('#') ? 'comments (?#…)' : `(?${rest.slice(0, 1)}`;
          throw new Re2Error('unsupported', `${what}: invalid or unsupported Perl syntax in RE2`, start, start + 3);
        }
        const on = flagGroup[1] ?? '';
        const off = flagGroup[2] ?? '';
        if (flagGroup[2] !== undefined && off === '' && on === '') {
          throw new Re2Error('syntax', 'invalid or unsupported Perl syntax: (?-', start, start + 3);
        }
        this.pos += 1 + flagGroup[0].length;
        const noop = [...on].every((f) => this.flags[f as keyof Flags]) && [...off].every((f) => !this.flags[f as keyof Flags]);
        if (!noop) {
          this.untranslatableAt(
            `inline flags ${this.src.slice(start, this.pos)} after the start of the pattern: RE2 applies them to part of the pattern, JavaScript cannot`,
            start,
            this.pos,
          );
        }
        if (flagGroup[3] === ')') return '';
        open = '(?:';
      }
    }
    const inner = this.alternation();
    if (this.peek() !== ')') throw new Re2Error('syntax', 'missing ): group is not closed', start, start + 1);
    this.pos += 1;
    return `${open}${inner})`;
  }

  private escape(): Atom {
    const start = this.pos;
    this.pos += 1; // backslash
    const ch = this.peek();
    if (ch === undefined) throw new Re2Error('syntax', 'trailing \\', start, start + 1);
    const single = this.singleEscape(start, false);
    if (single) return { js: single.cp === undefined ? single.js : literal(single.cp) };
    this.pos += 1;
    switch (ch) {
      case 'b':
      case 'B':
        return { js: `\\${ch}`, assertion: true };
      case 'A':
        return { js: TEXT_START, assertion: true };
      case 'z':
        return { js: TEXT_END, assertion: true };
      case 'Z':
        throw new Re2Error('unsupported', '\\Z is not supported by RE2 (use \\z or $)', start, this.pos);
      case 'C':
        this.untranslatableAt('\\C (any byte) has no JavaScript equivalent', start, this.pos);
        return { js: '[\\s\\S]' };
      case 'Q': {
        let js = '';
        while (this.pos < this.src.length && !this.src.startsWith('\\E', this.pos)) js += literal(this.next());
        if (this.src.startsWith('\\E', this.pos)) this.pos += 2;
        return { js: `(?:${js})` };
      }
      default:
        throw new Re2Error('syntax', `invalid escape sequence: \\${ch}`, start, this.pos);
    }
  }

  /**
   * Escapes that mean the same inside and outside a class. Returns undefined for the ones that
   * only exist outside (the caller handles them), throws for invalid ones.
   */
  private singleEscape(start: number, inClass: boolean): ClassAtom | undefined {
    const ch = this.peek() as string;
    const controls: Record<string, number> = { a: 7, f: 12, t: 9, n: 10, r: 13, v: 11 };
    if (ch in controls) {
      this.pos += 1;
      return { js: '', cp: controls[ch] as number };
    }
    if (ch >= '0' && ch <= '9') {
      if (ch === '8' || ch === '9' || (ch !== '0' && !isOctal(this.peek(1)))) {
        throw new Re2Error('backreference', `backreference \\${ch} is not supported by RE2`, start, this.pos + 1);
      }
      let digits = '';
      while (digits.length < 3 && isOctal(this.peek())) digits += this.src[this.pos++];
      return { js: '', cp: Number.parseInt(digits, 8) };
    }
    if (ch === 'x') {
      this.pos += 1;
      if (this.peek() === '{') {
        const m = /^\{([0-9A-Fa-f]+)\}/.exec(this.src.slice(this.pos));
        const cp = m ? Number.parseInt(m[1] as string, 16) : Number.NaN;
        if (!m || !(cp <= 0x10ffff)) throw new Re2Error('syntax', 'invalid escape sequence: \\x{…}', start, this.pos + 1);
        this.pos += m[0].length;
        return { js: '', cp };
      }
      if (!isHex(this.peek()) || !isHex(this.peek(1))) throw new Re2Error('syntax', 'invalid escape sequence: \\x needs two hex digits', start, this.pos);
      const cp = Number.parseInt(this.src.slice(this.pos, this.pos + 2), 16);
      this.pos += 2;
      return { js: '', cp };
    }
    if (ch === 'd' || ch === 'D' || ch === 'w' || ch === 'W') {
      // ASCII in both engines (JavaScript without the `i` flag; with it, \w also folds ſ and K).
      this.pos += 1;
      return { js: `\\${ch}` };
    }
    if (ch === 's') {
      this.pos += 1;
      return { js: inClass ? RE2_SPACE : `[${RE2_SPACE}]` };
    }
    if (ch === 'S') {
      this.pos += 1;
      return { js: inClass ? `\\S${JS_ONLY_SPACE}` : `[\\S${JS_ONLY_SPACE}]` };
    }
    if (ch === 'p' || ch === 'P') return this.unicodeClass(start, ch === 'P');
    if (ch.codePointAt(0)! < 0x80 && !/[A-Za-z0-9]/.test(ch)) {
      // RE2 takes a backslash before any ASCII punctuation or space as that character.
      this.pos += 1;
      return { js: '', cp: ch.codePointAt(0)! };
    }
    return undefined;
  }

  private unicodeClass(start: number, negatedByLetter: boolean): ClassAtom {
    this.pos += 1; // p or P
    let name: string;
    if (this.peek() === '{') {
      const end = this.src.indexOf('}', this.pos);
      if (end === -1) throw new Re2Error('syntax', 'invalid character class range: \\p{ is not closed', start, this.src.length);
      name = this.src.slice(this.pos + 1, end);
      this.pos = end + 1;
    } else {
      const cp = this.src.codePointAt(this.pos);
      if (cp === undefined) throw new Re2Error('syntax', 'invalid escape sequence: \\p', start, this.pos);
      name = String.fromCodePoint(cp);
      this.pos += name.length;
    }
    let negated = negatedByLetter;
    if (name.startsWith('^')) {
      negated = !negated;
      name = name.slice(1);
    }
    const body = name === 'Any' ? undefined : GENERAL_CATEGORY.test(name) ? name : `Script=${name}`;
    const js = body === undefined ? (negated ? '[^\\s\\S]' : '[\\s\\S]') : `\\${negated ? 'P' : 'p'}{${body}}`;
    if (body !== undefined) {
      try {
        new RegExp(js, 'u');
      } catch {
        throw new Re2Error('syntax', `invalid character class range: \\p{${name}} is not a Unicode class RE2 knows`, start, this.pos);
      }
    }
    return { js };
  }

  private characterClass(): string {
    const start = this.pos;
    this.pos += 1; // [
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.pos += 1;
    }
    let body = '';
    let first = true;
    for (;;) {
      const ch = this.peek();
      if (ch === undefined) throw new Re2Error('syntax', 'missing ]: character class is not closed', start, this.src.length);
      if (ch === ']' && !first) {
        this.pos += 1;
        break;
      }
      first = false;
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(this.src.slice(this.pos));
      if (posix) {
        const ranges = POSIX_CLASSES[posix[2] as string];
        if (ranges === undefined) throw new Re2Error('syntax', `invalid character class range: ${posix[0]}`, this.pos, this.pos + posix[0].length);
        if (posix[1]) this.untranslatableAt(`negated POSIX class ${posix[0]} inside a class has no JavaScript spelling`, this.pos, this.pos + posix[0].length);
        body += ranges;
        this.pos += posix[0].length;
        continue;
      }
      const lo = this.classAtom(start);
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined) {
        const dash = this.pos;
        this.pos += 1;
        const hi = this.classAtom(start);
        if (lo.cp === undefined || hi.cp === undefined || hi.cp < lo.cp) {
          throw new Re2Error('syntax', `bad character class range ${this.src.slice(dash - 1, this.pos)}`, dash - 1, this.pos);
        }
        body += `${classLiteral(lo.cp)}-${classLiteral(hi.cp)}`;
        continue;
      }
      body += lo.cp === undefined ? lo.js : classLiteral(lo.cp);
    }
    return `[${negated ? '^' : ''}${body}]`;
  }

  private classAtom(classStart: number): ClassAtom {
    if (this.peek() !== '\\') return { js: '', cp: this.next() };
    const start = this.pos;
    this.pos += 1;
    if (this.peek() === undefined) throw new Re2Error('syntax', 'missing ]: character class is not closed', classStart, this.src.length);
    const single = this.singleEscape(start, true);
    if (single) return single;
    throw new Re2Error('syntax', `invalid escape sequence in class: \\${this.peek()}`, start, this.pos + 1);
  }
}

function describeFlags(group: string): string {
  const words: Record<string, string> = { i: 'case-insensitive', m: 'multi-line', s: 'dot matches newline', U: 'ungreedy' };
  const m = /^\(\?([imsU]*)(?:-([imsU]*))?\)$/.exec(group);
  const on = [...(m?.[1] ?? '')].map((f) => words[f]);
  const off = [...(m?.[2] ?? '')].map((f) => `not ${words[f]}`);
  return [...on, ...off].join(', ');
}

function toJsFlags(flags: Flags): string {
  return `u${flags.i ? 'i' : ''}${flags.m ? 'm' : ''}${flags.s ? 's' : ''}`;
}

const cache = new Map<string, Re2Pattern>();
const CACHE_LIMIT = 10_000;

/**
 * Parses `pattern` as RE2 and returns a RegExp that behaves as ClickHouse's `match` does (UTF-8,
 * `.` matches newlines), with every difference from JavaScript reported as an issue. Cached.
 */
export function compileRe2(pattern: string): Re2Pattern {
  const hit = cache.get(pattern);
  if (hit) return hit;
  const compiled = compileUncached(pattern);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(pattern, compiled);
  return compiled;
}

function compileUncached(pattern: string): Re2Pattern {
  // ClickHouse turns on dot-matches-newline for every regexp function.
  const flags: Flags = { i: false, m: false, s: true, U: false };
  try {
    const result = new Translator(pattern, flags).run();
    if (result.untranslatable) return { pattern, valid: true, regex: undefined, issues: result.issues };
    try {
      return { pattern, valid: true, regex: new RegExp(result.source, toJsFlags(result.flags)), issues: result.issues };
    } catch (error) {
      const issue: RegexIssue = {
        severity: 'warning',
        code: 'untranslatable',
        message: `the JavaScript translation does not compile (${(error as Error).message})`,
        start: 0,
        end: pattern.length,
      };
      return { pattern, valid: true, regex: undefined, issues: [...result.issues, issue] };
    }
  } catch (error) {
    if (!(error instanceof Re2Error)) throw error;
    const issue: RegexIssue = { severity: 'error', code: error.code, message: error.message, start: error.start, end: error.end };
    return { pattern, valid: false, regex: undefined, issues: [issue] };
  }
}
