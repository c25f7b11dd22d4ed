/**
 * A regular-expression test that takes time linear in the input: the selector regexes the server
 * builds (`core/actions/selectorRegex.ts`) give every class, attribute and position a `.*?` that may
 * cross elements, and V8's backtracking engine needs seconds — minutes — on one chain once a
 * selector has six or more of them and the chain holds every piece without matching. RE2 (what the
 * server runs) never backtracks; neither does this: a Thompson NFA, turned into a DFA lazily.
 *
 * Only the syntax `buildSelectorRegex` writes is read: literals and `\`-escapes, `.`, `\s`, `[…]`
 * and `[^…]` sets, groups with `|`, `*` `+` `?` (laziness changes where a match is, never whether
 * there is one), `^` and `$`. Semantics as the server's RE2 under ClickHouse: `.` matches line
 * breaks, `$` is the end of the text, `\s` is `[\t\n\f\r ]`.
 */

type CharTest = (code: number) => boolean;

interface State {
  id: number;
  /** Consumes one character that passes the test. */
  test?: CharTest;
  /** Epsilon edges. */
  edges: State[];
  assert?: 'start' | 'end';
  accept?: boolean;
}

/** A piece of NFA with one entry and its dangling exits (states whose `edges` get the continuation). */
interface Fragment {
  start: State;
  ends: State[];
}

const SPACE = new Set([9, 10, 12, 13, 32]);

class Parser {
  private at = 0;
  private count = 0;
  constructor(private readonly source: string) {}

  state(fields: Omit<State, 'id' | 'edges'> = {}): State {
    return { id: this.count++, edges: [], ...fields };
  }

  parse(): Fragment {
    const fragment = this.alternation();
    if (this.at !== this.source.length) throw new Error(`unexpected ${this.source[this.at]} at ${this.at}`);
    return fragment;
  }

  private alternation(): Fragment {
    const branches = [this.sequence()];
    while (this.source[this.at] === '|') {
      this.at++;
      branches.push(this.sequence());
    }
    if (branches.length === 1) return branches[0]!;
    const start = this.state();
    start.edges.push(...branches.map((branch) => branch.start));
    return { start, ends: branches.flatMap((branch) => branch.ends) };
  }

  private sequence(): Fragment {
    const empty = this.state();
    let fragment: Fragment = { start: empty, ends: [empty] };
    while (this.at < this.source.length && this.source[this.at] !== '|' && this.source[this.at] !== ')') {
      const next = this.quantified();
      for (const end of fragment.ends) end.edges.push(next.start);
      fragment = { start: fragment.start, ends: next.ends };
    }
    return fragment;
  }

  private quantified(): Fragment {
    const atom = this.atom();
    const q = this.source[this.at];
    if (q !== '*' && q !== '+' && q !== '?') return atom;
    this.at++;
    if (this.source[this.at] === '?') this.at++; // lazy: same language
    const exit = this.state();
    if (q === '?') {
      const split = this.state();
      split.edges.push(atom.start, exit);
      for (const end of atom.ends) end.edges.push(exit);
      return { start: split, ends: [exit] };
    }
    const loop = this.state();
    loop.edges.push(atom.start, exit);
    for (const end of atom.ends) end.edges.push(loop);
    return { start: q === '*' ? loop : atom.start, ends: [exit] };
  }

  private single(test: CharTest): Fragment {
    const state = this.state({ test });
    return { start: state, ends: [state] };
  }

  private atom(): Fragment {
    const ch = this.source[this.at++]!;
    if (ch === '(') {
      if (this.source.startsWith('?:', this.at)) this.at += 2;
      const inner = this.alternation();
      if (this.source[this.at++] !== ')') throw new Error('unbalanced (');
      return inner;
    }
    if (ch === '.') return this.single(() => true);
    if (ch === '^' || ch === '$') {
      const state = this.state({ assert: ch === '^' ? 'start' : 'end' });
      return { start: state, ends: [state] };
    }
    if (ch === '[') return this.single(this.set());
    if (ch === '\\') return this.single(this.escape());
    const code = ch.charCodeAt(0);
    return this.single((c) => c === code);
  }

  private escape(): CharTest {
    const ch = this.source[this.at++];
    if (ch === undefined) throw new Error('trailing backslash');
    if (ch === 's') return (c) => SPACE.has(c);
    if (/[a-zA-Z0-9]/.test(ch) && !'nrtfv'.includes(ch)) throw new Error(`unsupported escape \\${ch}`);
    const code = ({ n: 10, r: 13, t: 9, f: 12, v: 11 } as Record<string, number>)[ch] ?? ch.charCodeAt(0);
    return (c) => c === code;
  }

  private set(): CharTest {
    const negate = this.source[this.at] === '^';
    if (negate) this.at++;
    const tests: CharTest[] = [];
    let first = true;
    while (this.at < this.source.length && (this.source[this.at] !== ']' || first)) {
      first = false;
      const ch = this.source[this.at++]!;
      if (ch === '\\') {
        tests.push(this.escape());
      } else if (this.source[this.at] === '-' && this.source[this.at + 1] !== ']' && this.at + 1 < this.source.length) {
        const low = ch.charCodeAt(0);
        this.at++;
        const high = this.source[this.at++]!.charCodeAt(0);
        tests.push((c) => c >= low && c <= high);
      } else {
        const code = ch.charCodeAt(0);
        tests.push((c) => c === code);
      }
    }
    if (this.source[this.at++] !== ']') throw new Error('unbalanced [');
    return negate ? (c) => !tests.some((test) => test(c)) : (c) => tests.some((test) => test(c));
  }
}

/** A set of NFA states after their epsilon closure, with its transitions filled in as characters come. */
interface DfaState {
  states: State[];
  accepting: boolean;
  /** Accepts if the text ends here (a `$` on the way to the accept state). */
  acceptsAtEnd: boolean;
  next: Map<number, DfaState>;
}

const MAX_DFA_STATES = 10_000;

export class LinearRegex {
  private readonly start: State;
  private readonly dfa = new Map<string, DfaState>();
  private readonly first: DfaState;
  private readonly restart: State[];

  constructor(readonly source: string) {
    const parser = new Parser(source);
    const fragment = parser.parse();
    const accept = parser.state({ accept: true });
    for (const end of fragment.ends) end.edges.push(accept);
    this.start = fragment.start;
    // An unanchored search: the pattern may start at any position, where `^` no longer holds.
    this.restart = this.closure([this.start], false);
    this.first = this.intern(this.closure([this.start], true));
  }

  /** States reachable through epsilon edges; `start` says whether `^` holds here. `$` states are kept (checked at the end). */
  private closure(from: State[], atStart: boolean): State[] {
    const seen = new Set<State>();
    const stack = [...from];
    while (stack.length > 0) {
      const state = stack.pop()!;
      if (seen.has(state)) continue;
      seen.add(state);
      // A character state's edges are taken after it consumes a character, not here.
      if (state.test) continue;
      if (state.assert === 'start' && !atStart) continue;
      if (state.assert === 'end') continue;
      stack.push(...state.edges);
    }
    return [...seen];
  }

  private intern(states: State[]): DfaState {
    const key = states
      .map((state) => state.id)
      .sort((a, b) => a - b)
      .join(',');
    let dfa = this.dfa.get(key);
    if (!dfa) {
      if (this.dfa.size >= MAX_DFA_STATES) this.dfa.clear();
      const atEnd = new Set<State>();
      const stack = states.filter((state) => state.assert === 'end' || state.accept);
      while (stack.length > 0) {
        const state = stack.pop()!;
        if (atEnd.has(state)) continue;
        atEnd.add(state);
        if (state.assert === 'start' || state.test) continue;
        stack.push(...state.edges);
      }
      dfa = { states, accepting: states.some((state) => state.accept), acceptsAtEnd: [...atEnd].some((state) => state.accept), next: new Map() };
      this.dfa.set(key, dfa);
    }
    return dfa;
  }

  private step(from: DfaState, code: number): DfaState {
    let to = from.next.get(code);
    if (!to) {
      const moved: State[] = [];
      for (const state of from.states) if (state.test?.(code)) moved.push(...state.edges);
      to = this.intern([...new Set([...this.closure(moved, false), ...this.restart])]);
      from.next.set(code, to);
    }
    return to;
  }

  /** `RegExp.prototype.test`: is there a match anywhere in `text`? */
  test(text: string): boolean {
    let current = this.first;
    if (current.accepting) return true;
    for (let i = 0; i < text.length; i++) {
      current = this.step(current, text.charCodeAt(i));
      if (current.accepting) return true;
    }
    return current.acceptsAtEnd;
  }
}
