/**
 * Does a person property look like something that must not reach analytics: a password, a secret,
 * an API key or a payment card number? Judged by the key's name and by the value's shape; the
 * caller leaves out the SDK's own properties (`sdkPersonProperties.ts`).
 *
 * Names are judged by their last word (`user_password`, `authToken`, `stripe-api-key`), not by a
 * substring anywhere, so `author`, `token_count` and `password_updated_at` pass. Values are
 * judged whatever the key: JWTs, bearer tokens, well-known key prefixes, long high-entropy
 * strings and Luhn-valid card numbers. An email is none of these.
 */

/** Last words that name a secret on their own, and what they name. */
const SECRET_WORDS = new Map([
  ['pwd', 'a password'],
  ['pw', 'a password'],
  ['auth', 'credentials'],
  ['authorization', 'credentials'],
  ['credential', 'credentials'],
  ['credentials', 'credentials'],
  ['ssn', 'a social security number'],
  ['cvv', 'a card security code'],
  ['cvv2', 'a card security code'],
  ['cvc', 'a card security code'],
  ['jwt', 'a token'],
  ['bearer', 'a token'],
]);
/** Last words that name a secret as a suffix too (`userpassword`, `apikey`, `accesstoken`). */
const SECRET_SUFFIXES: readonly [string, string][] = [
  ['password', 'a password'],
  ['passwd', 'a password'],
  ['passphrase', 'a password'],
  ['secret', 'a secret'],
  ['token', 'a token'],
  ['apikey', 'an API key'],
];
/** `key` is a secret after these words (`api_key`, `privateKey`). */
const KEY_QUALIFIERS = new Set(['api', 'private', 'secret', 'access', 'signing', 'encryption']);

const JWT = /^(?:bearer\s+)?eyJ[\w-]{4,}\.eyJ[\w-]{4,}\.[\w-]*$/i;
const BEARER = /^bearer\s+[\w.~+/-]{16,}=*$/i;
/** Prefixes of well-known secret keys (the public `phc_` project token is not one). */
const SECRET_PREFIXES: readonly [RegExp, string][] = [
  [/^[sr]k_(?:live|test)_\w{10,}$/, 'a Stripe secret key'],
  [/^whsec_\w{10,}$/, 'a webhook signing secret'],
  [/^phx_\w{10,}$/, 'a PostHog personal API key'],
  [/^(?:gh[pousr]_\w{20,}|github_pat_\w{20,})$/, 'a GitHub token'],
  [/^glpat-[\w-]{20,}$/, 'a GitLab token'],
  [/^xox[abposr]-[\w-]{10,}$/, 'a Slack token'],
  [/^(?:AKIA|ASIA)[0-9A-Z]{16}$/, 'an AWS access key id'],
  [/^AIza[\w-]{35}$/, 'a Google API key'],
  [/^npm_\w{36}$/, 'an npm token'],
  [/^sk-[\w-]{20,}$/, 'an API secret key'],
];
/** No secret shape matches fewer characters (a 13-digit card). */
const MIN_SECRET_LENGTH = 13;
/** Random secrets are long; ids people store (Clerk's `user_…`, Firebase uids) are ≤ 32. */
const MIN_ENTROPY_SECRET_LENGTH = 40;
/** Bits per character; random base62 of this length reaches ~5, words and hex stay ≤ 4. */
const MIN_SECRET_ENTROPY = 4.3;

/** What `value` under `key` looks like (e.g. "a password (by its name)"), or null. */
export function sensitiveValueReason(key: string, value: unknown): string | null {
  if (typeof value === 'string') {
    const byShape = value.length < MIN_SECRET_LENGTH ? null : secretShape(value.trim());
    if (byShape !== null) return byShape;
  } else if (typeof value !== 'number' && typeof value !== 'bigint') {
    // A boolean (`has_password: true`), null or an object says nothing secret by itself.
    return null;
  }
  const named = secretNamedBy(key);
  if (named === null || (typeof value === 'string' && value.trim() === '')) return null;
  return `${named} (by its name)`;
}

/** Verdicts by key: the same few keys come with thousands of events. Bounded, for many-keyed pages. */
const namedByKey = new Map<string, string | null>();
const MAX_CACHED_KEYS = 5_000;

/** The secret the key's last word names ("a password", "a token", "an API key", …), or null. */
export function secretNamedBy(key: string): string | null {
  let named = namedByKey.get(key);
  if (named === undefined) {
    if (namedByKey.size >= MAX_CACHED_KEYS) namedByKey.clear();
    named = nameSecret(key);
    namedByKey.set(key, named);
  }
  return named;
}

function nameSecret(key: string): string | null {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const last = words.at(-1);
  if (last === undefined) return null;
  const word = SECRET_WORDS.get(last);
  if (word !== undefined) return word;
  // `pass` alone is a password; `boarding_pass` and `season_pass` are not.
  if (last === 'pass' && words.length === 1) return 'a password';
  const suffix = SECRET_SUFFIXES.find(([ending]) => last.endsWith(ending));
  if (suffix !== undefined) return suffix[1];
  const before = words.at(-2);
  if (last === 'key' && before !== undefined && KEY_QUALIFIERS.has(before)) return before === 'api' ? 'an API key' : `a ${before} key`;
  return null;
}

function secretShape(text: string): string | null {
  if (JWT.test(text)) return 'a JWT';
  if (BEARER.test(text)) return 'a bearer token';
  for (const [pattern, name] of SECRET_PREFIXES) if (pattern.test(text)) return name;
  if (isCardNumber(text)) return 'a payment card number';
  if (isHighEntropySecret(text)) return 'a random secret (long and high-entropy)';
  return null;
}

/** 13–19 digits (spaces or dashes between), an issuer's first digit (2–6), Luhn-valid. */
export function isCardNumber(text: string): boolean {
  if (!/^\d(?:[ -]?\d){12,18}$/.test(text)) return false;
  const digits = text.replace(/[ -]/g, '');
  // 1 starts ms timestamps (and UATP cards, rare); one repeated digit is a placeholder.
  if (!/^[2-6]/.test(digits) || /^(\d)\1+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

function isHighEntropySecret(text: string): boolean {
  if (text.length < MIN_ENTROPY_SECRET_LENGTH || !/^[A-Za-z0-9+/_=-]+$/.test(text)) return false;
  if (!/[a-z]/.test(text) || !/[A-Z]/.test(text) || !/[0-9]/.test(text)) return false;
  return shannonEntropy(text) >= MIN_SECRET_ENTROPY;
}

function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
