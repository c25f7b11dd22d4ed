import { describe, expect, it } from 'vitest';
import { readPersistence, tokenOfPersistenceName, type PersistenceSources } from '../../../src/identity/readPersistence';

/** What the content script makes of posthog-js's stored state, from each place the SDK may keep it. */

function storage(entries: Record<string, string>): Storage {
  const keys = Object.keys(entries);
  return {
    length: keys.length,
    key: (i: number) => keys[i] ?? null,
    getItem: (key: string) => entries[key] ?? null,
  } as Storage;
}

const sources = (overrides: Partial<PersistenceSources>): PersistenceSources => ({
  localStorage: storage({}),
  sessionStorage: storage({}),
  cookie: '',
  ...overrides,
});

const TOKEN = 'phc_AbC_123';
const stored = {
  distinct_id: 'user-42',
  $device_id: '019a-device',
  $user_state: 'identified',
  $sesid: [1_700_000_000_000, '019a-session', 1_699_999_000_000],
  $stored_person_properties: { email: 'a@example.com' },
  $initial_referrer: '$direct',
};

describe('readPersistence', () => {
  it.each([
    ['ph_phc_AbC_123_posthog', 'phc_AbC_123'],
    ['ph_custom', null],
    ['ph__posthog', null],
  ])('the token of %s is %s', (name, token) => {
    expect(tokenOfPersistenceName(name)).toBe(token);
  });

  it('reads localStorage persistence', () => {
    const [snapshot, ...rest] = readPersistence(sources({ localStorage: storage({ [`ph_${TOKEN}_posthog`]: JSON.stringify(stored) }) }), 5);
    expect(rest).toEqual([]);
    expect(snapshot).toEqual({
      name: `ph_${TOKEN}_posthog`,
      token: TOKEN,
      source: 'localStorage',
      readAt: 5,
      distinctId: 'user-42',
      deviceId: '019a-device',
      userState: 'identified',
      sessionId: '019a-session',
      storedPersonProperties: { email: 'a@example.com' },
    });
  });

  it('reads a URI-encoded cookie and merges it with localStorage under one name', () => {
    const cookie = `other=1; ph_${TOKEN}_posthog=${encodeURIComponent(JSON.stringify({ distinct_id: 'user-42', $user_state: 'identified' }))}; x=%E0%A4%A`;
    const local = storage({ [`ph_${TOKEN}_posthog`]: JSON.stringify({ $device_id: 'dev', $sesid: [1, 'sess', 0] }) });
    const [snapshot] = readPersistence(sources({ localStorage: local, cookie }), 1);
    expect(snapshot).toMatchObject({ source: 'cookie', distinctId: 'user-42', deviceId: 'dev', userState: 'identified', sessionId: 'sess' });
  });

  it('reads sessionStorage persistence and custom persistence names', () => {
    const snapshots = readPersistence(sources({ sessionStorage: storage({ ph_myapp: JSON.stringify({ distinct_id: 'anon-1' }) }) }), 1);
    expect(snapshots).toEqual([expect.objectContaining({ name: 'ph_myapp', token: null, source: 'sessionStorage', distinctId: 'anon-1' })]);
  });

  it('ignores what is not persistence: other ph_ keys, broken JSON, arrays', () => {
    const local = storage({
      [`ph_${TOKEN}_window_id`]: '"019a"',
      ph_flags: JSON.stringify({ flag: true }),
      ph_broken: '{"distinct_id":',
      ph_array: '[1]',
      unrelated: JSON.stringify({ distinct_id: 'x' }),
    });
    expect(readPersistence(sources({ localStorage: local }), 1)).toEqual([]);
  });

  it('leaves out oversized stored person properties and overlong ids', () => {
    const local = storage({ [`ph_${TOKEN}_posthog`]: JSON.stringify({ distinct_id: 'x'.repeat(600), $stored_person_properties: { blob: 'y'.repeat(20_000) } }) });
    const [snapshot] = readPersistence(sources({ localStorage: local }), 1);
    expect(snapshot!.distinctId).toHaveLength(512);
    expect(snapshot!.storedPersonProperties).toBeNull();
  });

  it('treats a storage that refuses access as empty', () => {
    const refusing = {
      get length(): number {
        throw new DOMException('denied', 'SecurityError');
      },
    } as Storage;
    expect(readPersistence(sources({ localStorage: refusing, cookie: `ph_${TOKEN}_posthog=${encodeURIComponent('{"distinct_id":"c"}')}` }), 1)).toEqual([
      expect.objectContaining({ source: 'cookie', distinctId: 'c' }),
    ]);
  });
});
