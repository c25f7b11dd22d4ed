import { UndecodableBody } from './undecodable';

/**
 * `application/x-www-form-urlencoded` text (a form body or a URL query) → the value of one field,
 * undefined when absent. Hand-rolled rather than `URLSearchParams` so a malformed `%` escape is
 * reported instead of being passed through.
 */
export function formField(formText: string, name: string): string | undefined {
  for (const pair of formText.split('&')) {
    const separator = pair.indexOf('=');
    const key = separator < 0 ? pair : pair.slice(0, separator);
    if (decodeFormComponent(key) !== name) continue;
    const value = separator < 0 ? '' : pair.slice(separator + 1);
    const decoded = decodeFormComponent(value);
    if (decoded === undefined) {
      throw new UndecodableBody(`form field \`${name}\` is not valid URL encoding`);
    }
    return decoded;
  }
  return undefined;
}

/** The names of the fields in a form text, for error messages. */
export function formFieldNames(formText: string): string[] {
  return formText
    .split('&')
    .map((pair) => decodeFormComponent(pair.split('=', 1)[0] ?? '') ?? '')
    .filter((key) => key !== '');
}

/** A URL's query field, or undefined when absent or malformed (a bad URL is not a bad body). */
export function queryField(url: string, name: string): string | undefined {
  const query = url.split('#', 1)[0]?.split('?').slice(1).join('?') ?? '';
  if (query === '') return undefined;
  try {
    return formField(query, name);
  } catch {
    return undefined;
  }
}

/** Does this text look like a form body (`key=value&…`) rather than JSON or bare base64? */
export function looksLikeForm(text: string): boolean {
  // Base64 only has `=` as trailing padding, so `key=` followed by anything else is a form; and
  // `data=` is the field every SDK form body has, even when empty.
  return /^[\w$.%-]+=(?!=*$)/.test(text) || /(?:^|&)data=/.test(text);
}

function decodeFormComponent(component: string): string | undefined {
  try {
    return decodeURIComponent(component.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}
