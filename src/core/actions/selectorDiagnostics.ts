import { parseSelector, SELECTOR_ATTRIBUTE, SelectorCompileError, type SelectorPart } from './selectorParser';

/**
 * What the server will do with a selector that CSS would read differently: errors for parts it
 * can never match (with the reason), warnings for conditions it drops, and notes on the rules
 * where a selector that works in the browser matches more or fewer events on the server.
 */

export type SelectorDiagnosticCode =
  | 'server-error'
  | 'matches-everything'
  | 'nth-of-type'
  | 'not'
  | 'pseudo-class'
  | 'attribute-presence'
  | 'attribute-unquoted'
  | 'attribute-operator'
  | 'multiple-attributes'
  | 'attribute-drops-rest'
  | 'sibling-combinator'
  | 'combinator-spacing'
  | 'css-escape'
  | 'nth-child-expression'
  | 'invalid-tag'
  | 'any-element'
  | 'prefix-match'
  | 'parent-not-descendant'
  | 'child-not-enforced'
  | 'ancestor-conditions-float'
  | 'attribute-substring';

export interface SelectorDiagnostic {
  severity: 'error' | 'warning' | 'info';
  code: SelectorDiagnosticCode;
  message: string;
  /** UTF-16 offsets into the selector. */
  start: number;
  end: number;
}

const VALID_TAG = /^[A-Za-z][A-Za-z0-9-]*$/;
const VALID_ATTRIBUTE_KEY = /^[A-Za-z_:][-A-Za-z0-9_:.]*$/;
/** Pseudo-classes people write; any of them after a `:` ends up inside a tag or class name. */
const PSEUDO = /:(nth-last-of-type|nth-last-child|nth-of-type|not|is|where|has|first-child|last-child|only-child|first-of-type|last-of-type|only-of-type|hover|focus-visible|focus-within|focus|active|visited|checked|disabled|enabled|empty|root|target|required|optional|valid|invalid|before|after|placeholder)(?![\w-])/;

function pseudoProblem(text: string): Pick<SelectorDiagnostic, 'code' | 'message'> | undefined {
  const pseudo = PSEUDO.exec(text)?.[1];
  if (pseudo === undefined) return undefined;
  if (pseudo === 'nth-of-type') return { code: 'nth-of-type', message: ':nth-of-type is not supported: the server looks for it as part of a tag or class name, so this never matches (use :nth-child(n), which it reads)' };
  if (pseudo === 'not') return { code: 'not', message: ':not(…) is not supported: it stays in a tag or class name, so this never matches' };
  return { code: 'pseudo-class', message: `:${pseudo} is not supported: it stays in a tag or class name, so this never matches` };
}

function tagProblem(tag: string): Pick<SelectorDiagnostic, 'code' | 'message'> {
  if (tag === '+' || tag === '~') return { code: 'sibling-combinator', message: `the sibling combinator ${tag} is not supported: the server reads it as a tag, so this never matches` };
  if (tag.includes('>') || tag.includes('+') || tag.includes('~')) {
    return { code: 'combinator-spacing', message: `the server splits selectors on spaces only: write combinators with spaces around them (${tag} is read as one tag and never matches)` };
  }
  const pseudo = pseudoProblem(tag);
  if (pseudo) return pseudo;
  if (/\[[^\]=]*\]/.test(tag)) return { code: 'attribute-presence', message: 'an attribute without a value ([attr]) is not supported: the server reads it as a tag, so this never matches' };
  if (/\[[^\]]*=[^'"\]][^\]]*\]/.test(tag)) return { code: 'attribute-unquoted', message: 'attribute values must be quoted ([type="submit"]): unquoted, the server reads the part as a tag and it never matches' };
  if (tag.includes('\\')) return { code: 'css-escape', message: 'CSS escapes are not undone by the server (only \\: is): this never matches' };
  return { code: 'invalid-tag', message: `no element has the tag ${tag}: this never matches` };
}

function attributeKeyProblem(key: string): Pick<SelectorDiagnostic, 'code' | 'message'> {
  if (/[\^*$~|]$/.test(key)) return { code: 'attribute-operator', message: `attribute operators (${key.slice(-1)}=) are not supported: the server looks for an attribute named ${key}, which never exists` };
  if (/["'\]\[]/.test(key)) return { code: 'multiple-attributes', message: 'only one [attr="value"] per element is read: the server merges several into one attribute name that never exists' };
  return { code: 'attribute-operator', message: `the server looks for an attribute named ${key}, which never exists` };
}

/** Diagnostics for a selector, located in the selector string. */
export function diagnoseSelector(selector: string): SelectorDiagnostic[] {
  const out: SelectorDiagnostic[] = [];
  const whole = { start: 0, end: selector.length };
  let parts: SelectorPart[];
  try {
    parts = parseSelector(selector).parts;
  } catch (error) {
    if (!(error instanceof SelectorCompileError)) throw error;
    return [{ severity: 'error', code: 'server-error', message: `${error.message}; the server cannot run this selector`, ...whole }];
  }
  if (parts.length === 0) {
    return [{ severity: 'warning', code: 'matches-everything', message: 'this selector has no parts: the server compiles it to an empty regex and matches every $autocapture event', ...whole }];
  }

  // Locate parts left to right (they are stored clicked element first, i.e. right to left).
  const written = [...parts].reverse();
  let cursor = 0;
  const ranges = new Map<SelectorPart, { start: number; end: number }>();
  for (const part of written) {
    const at = selector.indexOf(part.source, cursor);
    const range = at === -1 ? whole : { start: at, end: at + part.source.length };
    if (at !== -1) cursor = range.end;
    ranges.set(part, range);
  }

  for (const part of written) {
    const range = ranges.get(part) ?? whole;
    const error = (problem: Pick<SelectorDiagnostic, 'code' | 'message'>) => out.push({ severity: 'error', ...problem, ...range });

    const attribute = SELECTOR_ATTRIBUTE.exec(part.source);
    if (attribute && (attribute.index > 0 || attribute.index + attribute[0].length < part.source.length)) {
      const before = part.source.slice(0, attribute.index);
      const after = part.source.slice(attribute.index + attribute[0].length);
      if (before && attribute[1]) {
        error({
          code: 'attribute-drops-rest',
          message: `with [attr], the server keeps only the letters right before [ as the tag (${attribute[1]}) and drops ${before}: tag.class[attr] never matches — use [attr] alone or tag[attr]`,
        });
      } else if (before) {
        out.push({ severity: 'warning', code: 'attribute-drops-rest', message: `the server keeps only letters before [ as the tag, so it drops ${before}: this matches any element with the attribute`, ...range });
      }
      if (after) {
        out.push({ severity: 'warning', code: 'attribute-drops-rest', message: `the server ignores ${after} after [attr]: this matches more than it says`, ...range });
      }
    }
    if (part.tagName !== undefined && part.tagName !== '*' && !VALID_TAG.test(part.tagName)) error(tagProblem(part.tagName));
    for (const cls of part.classes ?? []) {
      // Tailwind variants put words like hover before a colon (hover:bg-blue): only what follows
      // the last colon can be a pseudo-class.
      const problem = pseudoProblem(cls.slice(Math.max(0, cls.lastIndexOf(':')))) ?? (cls.includes('\\') ? tagProblem('\\') : undefined) ?? (/[>+~]/.test(cls.replace(/\[[^\]]*\]/g, '')) ? tagProblem('>') : undefined);
      if (problem) error({ code: problem.code, message: `${problem.message} (class ${cls})` });
    }
    if (part.attrId !== undefined) {
      const problem = pseudoProblem(part.attrId) ?? (part.attrId.includes('\\') ? tagProblem('\\') : undefined);
      if (problem) error({ code: problem.code, message: `${problem.message} (id ${part.attrId})` });
    }
    for (const key of part.chAttributes.keys()) {
      if (key !== 'attr_id' && key !== 'nth-child' && !VALID_ATTRIBUTE_KEY.test(key)) error(attributeKeyProblem(key));
    }
    if (part.nthChild !== undefined && !/^\d+$/.test(part.nthChild)) {
      error({
        code: 'nth-child-expression',
        message: `:nth-child(${part.nthChild}) never matches: the server compares the position as written, only a plain number works (and nothing may follow the parenthesis)`,
      });
    }
  }
  if (out.some((diagnostic) => diagnostic.severity === 'error')) return out;

  // Not errors: where the server's reading is wider or narrower than the browser's.
  const info = (code: SelectorDiagnosticCode, message: string, range = whole) => out.push({ severity: 'info', code, message, ...range });
  info('any-element', 'the server matches the selector against every element of the chain, not only the clicked one: an ancestor that fits counts');
  if (parts.some((part) => (part.tagName && part.tagName !== '*') || part.classes?.length)) {
    info('prefix-match', 'tags and classes match by prefix on the server: .btn also matches btn-primary, b also matches button');
  }
  parts.forEach((part, index) => {
    if (index === 0) return;
    const range = ranges.get(part) ?? whole;
    const hasTag = part.tagName !== undefined && part.tagName !== '*';
    const conditions = (part.classes?.length ?? 0) > 0 || part.chAttributes.size > 0;
    if (hasTag && !part.directDescendant) {
      info('parent-not-descendant', `${part.source} starts with a tag, so the server wants it as the direct parent of the next part, even with a space (CSS: any ancestor)`, range);
    }
    if (hasTag && conditions) {
      info('ancestor-conditions-float', `the classes and attributes of ${part.source} may be found on a further ancestor, not only on that parent`, range);
    }
    if (!hasTag && part.directDescendant) {
      info('child-not-enforced', `> is not enforced after ${part.source}: without a tag it may be any ancestor on the server`, range);
    }
  });
  if (parts.some((part) => part.attributes.length > 0)) {
    info('attribute-substring', '[k="v"] is found anywhere from the element upward: an ancestor can satisfy it, and so can data-k="v"');
  }
  return out;
}
