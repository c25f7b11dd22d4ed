import { describe, expect, it } from 'vitest';
import {
  COOKIELESS_DISTINCT_ID,
  isCardNumber,
  isSdkPersonProperty,
  looksAnonymous,
  secretNamedBy,
  sensitiveValueReason,
  suspiciousIdReason,
} from '../../../src/core/identity';

describe('distinct id shapes', () => {
  it.each([
    ['01a21307-0d17-7346-94ee-1e1c97f647b8', true], // posthog-js uuidv7 (recorded)
    ['01A21307-0D17-7346-94EE-1E1C97F647B8', true],
    ['3f1e9c52-8d0b-4f3a-9a7e-2b6c1d0e4f5a', true], // v4
    ['18b3a8e5ce3a5d-0bd7b4e9a73a7-26031c51-1fa400-18b3a8e5ce4e64', true], // posthog-js < 1.60 `_UUID`
    [COOKIELESS_DISTINCT_ID, true],
    ['user-1', false],
    ['ada@example.com', false],
    ['42', false],
    ['01a21307-0d17-7346-94ee', false],
  ])('looksAnonymous(%j) is %s', (id, anonymous) => {
    expect(looksAnonymous(id)).toBe(anonymous);
  });

  it.each([
    ['undefined', 'is the placeholder "undefined"'],
    [' Undefined ', 'is the placeholder "Undefined"'],
    ["'null'", 'is the placeholder "null"'],
    ['[object Object]', 'is an object turned into a string'],
    ['""', 'is blank'],
    ['``', 'is blank'],
    ['"', 'is blank'],
    ['\t', 'is blank'],
    ['', 'is blank'],
    ['x'.repeat(201), 'is 201 characters long'],
    ['01a21307-0d17-7346-94ee-1e1c97f647b8', 'is a UUID, the shape of the anonymous ids the SDK mints'],
    ['user-1', null],
    ['ada@example.com', null],
    ['x'.repeat(200), null],
    ['null-island', null],
    ['100', null],
  ])('suspiciousIdReason(%j) → %j', (id, reason) => {
    expect(suspiciousIdReason(id)).toBe(reason);
  });
});

describe('sensitive person properties', () => {
  it.each([
    ['password', 'a password'],
    ['user_password', 'a password'],
    ['userPassword', 'a password'],
    ['USERPASSWORD', 'a password'],
    ['pass', 'a password'],
    ['pwd', 'a password'],
    ['client_secret', 'a secret'],
    ['authToken', 'a token'],
    ['access-token', 'a token'],
    ['apikey', 'an API key'],
    ['stripe_api_key', 'an API key'],
    ['privateKey', 'a private key'],
    ['auth', 'credentials'],
    ['Authorization', 'credentials'],
    ['ssn', 'a social security number'],
    ['card_cvv', 'a card security code'],
    ['cvc', 'a card security code'],
    ['author', null],
    ['authored_posts', null],
    ['token_count', null],
    ['password_updated_at', null],
    ['boarding_pass', null],
    ['keyboard', null],
    ['monkey', null],
    ['email', null],
  ])('secretNamedBy(%j) → %j', (key, word) => {
    expect(secretNamedBy(key)).toBe(word);
  });

  it.each([
    ['4242 4242 4242 4242', true],
    ['4242-4242-4242-4242', true],
    ['4242424242424242', true],
    ['378282246310005', true], // Amex, 15 digits
    ['4242424242424241', false], // Luhn fails
    ['1772445600000', false], // ms timestamp
    ['0000000000000', false],
    ['4444444444444444', false],
    ['4242 4242', false],
    ['42424242424242424242', false], // 20 digits
  ])('isCardNumber(%j) is %s', (text, card) => {
    expect(isCardNumber(text)).toBe(card);
  });

  it.each([
    ['note', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 'a JWT'],
    ['header', 'Bearer abcdefghijklmnop1234567890', 'a bearer token'],
    ['x', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'a Stripe secret key'],
    ['x', 'phx_1a2B3c4D5e6F7g8H9i0J', 'a PostHog personal API key'],
    ['x', 'ghp_16C7e42F292c6912E7710c838347Ae178B4a', 'a GitHub token'],
    ['x', 'AKIAIOSFODNN7EXAMPLE', 'an AWS access key id'],
    ['x', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY12', 'a random secret (long and high-entropy)'],
    ['card', '5555 5555 5555 4444', 'a payment card number'],
    ['password', 'hunter2', 'a password (by its name)'],
    ['ssn', 123456789, 'a social security number (by its name)'],
    ['password', '', null],
    ['password', true, null],
    ['password', null, null],
    ['token', { nested: 1 }, null],
    ['x', 'phc_public_project_token_1234567890', null],
    ['email', 'ada@example.com', null],
    ['x', '01a21307-0d17-7346-94ee-1e1c97f647b8', null],
    ['x', 'https://example.com/a/very/long/path/with/Segments/123456789', null],
    ['x', 'This is a long sentence about nothing in particular at all.', null],
  ])('sensitiveValueReason(%j, %j) → %j', (key, value, reason) => {
    expect(sensitiveValueReason(key, value)).toBe(reason);
  });

  it.each([
    ['$initial_referrer', true],
    ['$set_once_thing', true],
    ['utm_source', true],
    ['gclid', true],
    ['ph_keyword', true],
    ['plan', false],
    ['password', false],
  ])('isSdkPersonProperty(%j) is %s', (key, sdk) => {
    expect(isSdkPersonProperty(key)).toBe(sdk);
  });
});
