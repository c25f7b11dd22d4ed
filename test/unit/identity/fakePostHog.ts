/**
 * Builds identity event sequences the way posthog-js produces them (see posthog-core.js `identify`,
 * `alias`, `group`, `reset`): a `FakeTab` holds the buffer (seq in arrival order), a `FakePostHog`
 * is one SDK instance with a clock. `hold()`/`deliver()` model a batch that reaches the tab late.
 */
import type { IdentityEvent, PersistenceSnapshot } from '../../../src/core/identity';

export const TOKEN = 'phc_test_token';
export const T0 = Date.parse('2026-03-02T10:00:00.000Z');
export const iso = (ms: number) => new Date(ms).toISOString();

/** A UUIDv7-shaped id, distinct per `n` (what posthog-js mints for anonymous visitors). */
export const uuid = (n: number) => `0195a6b0-${n.toString(16).padStart(4, '0')}-7000-8000-${n.toString(16).padStart(12, '0')}`;

export class FakeTab {
  readonly events: IdentityEvent[] = [];
  private seq = 1;
  page = 1;

  arrive(events: readonly IdentityEvent[]): void {
    for (const event of events) this.events.push({ ...event, seq: this.seq++, page: this.page });
  }

  /** A navigation: later events belong to the next page (document) of the tab. */
  navigate(): void {
    this.page++;
  }
}

export interface FakePostHogOptions {
  token?: string;
  /** Numbers for the UUIDs it mints, in order: distinct/device id first, then one per reset. */
  ids?: number[];
  libVersion?: string;
  /** `person_profiles: 'identified_only'`: events are personless until identify. */
  identifiedOnly?: boolean;
  /** Event keys as SDKs without uuids get them: `<request>#<index>`. */
  withoutUuids?: boolean;
  /** Leave out `$is_identified` (SDKs that do not send it). */
  withoutIsIdentified?: boolean;
  /** Start identified as this id (a page loaded after login). */
  identifiedAs?: string;
  /** Start with these (persisted) ids instead of minting new ones. */
  distinctId?: string;
  deviceId?: string;
  windowId?: string;
}

export class FakePostHog {
  now = T0;
  distinctId: string;
  deviceId: string;
  sessionId: string;
  windowId: string;
  identified: boolean;
  personProcessing: boolean;
  groups: Record<string, string> = {};
  private held: IdentityEvent[] | null = null;
  private readonly ids: number[];
  private readonly token: string;
  private readonly libVersion: string;
  private readonly withoutUuids: boolean;
  private readonly withoutIsIdentified: boolean;
  private eventNumber = 0;
  private static instances = 0;
  private readonly instance = ++FakePostHog.instances;

  constructor(
    private readonly tab: FakeTab,
    options: FakePostHogOptions = {},
  ) {
    this.ids = [...(options.ids ?? [1, 2, 3, 4, 5])];
    this.token = options.token ?? TOKEN;
    this.libVersion = options.libVersion ?? '1.449.2';
    this.withoutUuids = options.withoutUuids ?? false;
    this.withoutIsIdentified = options.withoutIsIdentified ?? false;
    const minted = this.mint();
    this.distinctId = options.identifiedAs ?? options.distinctId ?? minted;
    this.deviceId = options.deviceId ?? minted;
    this.identified = options.identifiedAs !== undefined;
    this.personProcessing = !(options.identifiedOnly ?? false) || this.identified;
    this.sessionId = `session-${this.instance}-1`;
    this.windowId = options.windowId ?? `window-${this.instance}-1`;
  }

  /** Moves the clock to `T0 + ms`. */
  at(ms: number): this {
    this.now = T0 + ms;
    return this;
  }

  capture(event: string, properties: Record<string, unknown> = {}, top: Pick<IdentityEvent, '$set' | '$set_once'> = {}): IdentityEvent {
    this.eventNumber++;
    const captured: IdentityEvent = {
      key: this.withoutUuids ? `req-${this.instance}-${this.eventNumber}#0` : uuid(10_000 + this.instance * 1000 + this.eventNumber),
      seq: 0,
      event,
      timestamp: iso(this.now),
      properties: {
        token: this.token,
        distinct_id: this.distinctId,
        $device_id: this.deviceId,
        $session_id: this.sessionId,
        $window_id: this.windowId,
        $lib: 'web',
        $lib_version: this.libVersion,
        $current_url: 'https://shop.example/',
        ...(this.withoutIsIdentified ? {} : { $is_identified: this.identified }),
        $process_person_profile: this.personProcessing,
        ...(Object.keys(this.groups).length > 0 && { $groups: { ...this.groups } }),
        ...properties,
      },
      ...top,
    };
    this.now += 10;
    if (this.held !== null) this.held.push(captured);
    else this.tab.arrive([captured]);
    return captured;
  }

  pageview(url = 'https://shop.example/'): IdentityEvent {
    return this.capture('$pageview', { $current_url: url });
  }

  identify(id: string, $set?: Record<string, unknown>, $set_once?: Record<string, unknown>): void {
    this.personProcessing = true;
    if (!this.identified && id !== this.distinctId) {
      const anon = this.distinctId;
      this.distinctId = id;
      this.identified = true;
      this.capture('$identify', { distinct_id: id, $anon_distinct_id: anon }, { $set: $set ?? {}, $set_once: $set_once ?? {} });
    } else if (!this.identified) {
      this.identified = true;
      this.capture('$set', {}, { $set: $set ?? {}, $set_once: $set_once ?? {} });
    } else {
      // Identified already: posthog-js just switches the id, no event.
      this.distinctId = id;
    }
  }

  setPersonProperties($set?: Record<string, unknown>, $set_once?: Record<string, unknown>): void {
    this.personProcessing = true;
    this.capture('$set', {}, { ...($set && { $set }), ...($set_once && { $set_once }) });
  }

  alias(alias: string): void {
    this.capture('$create_alias', { alias, distinct_id: this.distinctId });
  }

  group(type: string, key: string, properties: Record<string, unknown> = {}): void {
    this.groups[type] = key;
    this.capture('$groupidentify', { $group_type: type, $group_key: key, $group_set: properties });
  }

  /** No event: a new anonymous id (and device id with `resetDevice`), session and window. */
  reset(resetDevice = false): void {
    const minted = this.mint();
    this.distinctId = minted;
    if (resetDevice) this.deviceId = minted;
    this.identified = false;
    this.groups = {};
    this.sessionId = `session-${this.instance}-${minted}`;
    this.windowId = `window-${this.instance}-${minted}`;
  }

  /** Captures go to a queue until `deliver()`: a batch reaching the tab late. */
  hold(): void {
    this.held = [];
  }

  deliver(): void {
    this.tab.arrive(this.takeHeld());
  }

  /** Stops holding and hands the held events over, for a test to deliver in its own order. */
  takeHeld(): IdentityEvent[] {
    const held = this.held ?? [];
    this.held = null;
    return held;
  }

  /** What its persistence would hold now. */
  snapshot(readAtMs: number, overrides: Partial<PersistenceSnapshot> = {}): PersistenceSnapshot {
    return {
      name: `ph_${this.token}_posthog`,
      token: this.token,
      source: 'localStorage',
      readAt: T0 + readAtMs,
      distinctId: this.distinctId,
      deviceId: this.deviceId,
      userState: this.identified ? 'identified' : 'anonymous',
      sessionId: this.sessionId,
      storedPersonProperties: null,
      ...overrides,
    };
  }

  private mint(): string {
    const n = this.ids.shift();
    if (n === undefined) throw new Error('FakePostHog ran out of ids');
    return uuid(n + this.instance * 100);
  }
}

/** A single hand-made event, for what no SDK call produces. */
export function rawEvent(event: string, properties: Record<string, unknown>, atMs: number, extra: Partial<IdentityEvent> = {}): IdentityEvent {
  return { key: `raw-${event}-${atMs}`, seq: 0, event, timestamp: iso(T0 + atMs), properties: { token: TOKEN, ...properties }, ...extra };
}
