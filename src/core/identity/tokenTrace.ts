import { looksAnonymous } from './distinctIdShape';
import { eventRef } from './eventOrder';
import { type PersonPropertyWrites, type SetOnceConflict, applyPersonPropertyWrites, personPropertyWrites } from './personProperties';
import type { IdentityEvent, IdentityState, PersonProperty, TimelineEntry } from './types';

/**
 * An event carrying an id the SDK left this recently (by timestamp) was in flight, not sent late:
 * timestamps derived from `offset` (posthog-js ≤ 1.300) land tens of ms after the real moment, so
 * a batch queued before `identify`/`reset` can sort just after it.
 */
export const IN_FLIGHT_GRACE_MS = 1_000;

/** How an event's distinct id relates to the SDK's identity when it was sent. */
export type EventRole =
  /** The SDK's current id (after any transition the event itself made). */
  | 'current'
  /** An earlier id of the same person: the anonymous id `$identify` merged, or an alias. */
  | 'merged'
  /** An id the SDK left less than `IN_FLIGHT_GRACE_MS` before: queued before the change. */
  | 'in-flight'
  /** An id the SDK left at a reset, sent more than the grace after it: something still uses it. */
  | 'after-reset'
  /** No distinct id on the event. */
  | 'no-id';

export type ResetEntry = Extract<TimelineEntry, { kind: 'reset' }>;

export interface TracedTransition {
  entry: TimelineEntry;
  time: number;
  /** Whether the SDK was identified just before. */
  previousIdentified: boolean;
  /** The SDK's identity just after. */
  currentId: string;
  identified: boolean;
}

export type ResetTransition = TracedTransition & { entry: ResetEntry };

/** What the reducer and its checks read from an event's properties (see `traceOf`). */
export interface EventFacts {
  distinctId: string | null;
  /** `$anon_distinct_id`, on `$identify` only. */
  anonDistinctId: string | null;
  isIdentified: boolean | undefined;
  deviceId: string | null;
  sessionId: string | null;
  windowId: string | null;
  lib: string | null;
  libVersion: string | null;
  currentUrl: string | null;
  /** `$process_person_profile: false`. */
  personless: boolean;
  groups: unknown;
  writes: PersonPropertyWrites | null;
}

/** One event as the checks see it: what it carries, and what it meant for the SDK's identity. */
export interface TracedEvent extends EventFacts {
  event: IdentityEvent;
  time: number;
  role: EventRole;
  /** The SDK's identity after this event. */
  currentId: string | null;
  identified: boolean;
  /** For `after-reset`: the first reset since the SDK left the event's id. */
  reset: ResetTransition | null;
  /** `$set_once` writes this event made that the person refused. */
  setOnceConflicts: readonly SetOnceConflict[];
}

/** One token's identity history: the state it ends in and every transition. */
export interface TokenTrace {
  /** Without warnings and persistence, which the checks and snapshots add. */
  state: IdentityState;
  transitions: TracedTransition[];
  /** Ordering time of the token's last event (NaN without events). */
  lastTime: number;
}

const NO_CONFLICTS: readonly SetOnceConflict[] = [];

/**
 * Replays one token's events, fed in `orderEvents` order to `add`, through the SDK's identity
 * states; `add` answers each event as traced, for the checks to watch (nothing keeps them: a tab
 * holds 20,000).
 *
 * Ids are grouped in epochs: one person as this SDK saw them. `$identify` and `$create_alias` add
 * ids to the current epoch; a reset or a switch starts a new one. An event carrying an id of the
 * current epoch other than the current id is `merged` (a late anonymous event after identify) and
 * changes nothing. An id of an earlier epoch is `in-flight` within `IN_FLIGHT_GRACE_MS` of the
 * SDK leaving it; later it is `after-reset` when a reset came since (the current id stays),
 * otherwise the SDK switched back to it. A new id is a reset when the event says
 * `$is_identified: false` (or, for SDKs without that flag, the id looks anonymous), otherwise a
 * switch.
 */
export class TokenTracer {
  private current: string | null = null;
  private identified = false;
  private deviceId: string | null = null;
  private sessionId: string | null = null;
  private windowId: string | null = null;
  private libVersion: string | null = null;
  private groups: Record<string, string> = {};
  private personProperties: Record<string, PersonProperty> = {};
  private readonly distinctIds: string[] = [];
  /** Per epoch, when the SDK left it: the time of the next epoch's first event. */
  private readonly epochEnds: number[] = [];
  private readonly epochOfId = new Map<string, number>();
  private readonly resets: ResetTransition[] = [];
  private readonly timeline: TimelineEntry[] = [];
  private readonly transitions: TracedTransition[] = [];
  private eventCount = 0;
  private lastTime = Number.NaN;

  constructor(private readonly token: string) {}

  add(event: IdentityEvent, time: number): TracedEvent {
    this.eventCount++;
    this.lastTime = time;
    const traced = traceOf(event, time);
    const { distinctId } = traced;
    let role: EventRole;

    if (distinctId === null) {
      role = 'no-id';
    } else if (event.event === '$identify') {
      role = 'current';
      this.identify(distinctId, traced, time);
    } else if (this.current === null) {
      role = 'current';
      this.firstSeen(distinctId, traced.isIdentified ?? !looksAnonymous(distinctId), event, time);
    } else if (distinctId === this.current || event.event === '$create_alias') {
      // `alias(alias, original)` sends the original as distinct_id without making it current.
      role = 'current';
      if (traced.isIdentified === true && !this.identified) this.becameIdentified(event, time);
    } else {
      const epoch = this.epochOfId.get(distinctId);
      if (epoch === undefined) {
        role = 'current';
        const flag = traced.isIdentified;
        if (flag === false || (flag === undefined && looksAnonymous(distinctId))) this.reset(distinctId, traced.deviceId, event, time);
        else this.switchTo(distinctId, flag ?? true, event, time);
      } else if (epoch === this.epochEnds.length - 1) {
        role = 'merged';
      } else {
        const leftAt = this.epochEnds[epoch]!;
        const since = this.resets.find((r) => r.time >= leftAt);
        if (time <= leftAt + IN_FLIGHT_GRACE_MS) {
          role = 'in-flight';
        } else if (since !== undefined) {
          role = 'after-reset';
          traced.reset = since;
        } else {
          role = 'current';
          this.switchTo(distinctId, traced.isIdentified ?? !looksAnonymous(distinctId), event, time);
        }
      }
    }

    const ofCurrentPerson = role === 'current' || role === 'merged';
    if (ofCurrentPerson || role === 'no-id') this.observeSdk(traced);
    if (ofCurrentPerson) this.observeGroups(traced.groups);
    if (ofCurrentPerson || role === 'in-flight') this.recordCall(event, distinctId, ofCurrentPerson, time);
    if (ofCurrentPerson && traced.writes !== null) {
      traced.setOnceConflicts = applyPersonPropertyWrites(this.personProperties, traced.writes, event) ?? NO_CONFLICTS;
    }
    traced.role = role;
    traced.currentId = this.current;
    traced.identified = this.identified;
    return traced;
  }

  finish(): TokenTrace {
    return {
      state: {
        token: this.token,
        distinctId: this.current,
        identified: this.identified,
        deviceId: this.deviceId,
        sessionId: this.sessionId,
        windowId: this.windowId,
        groups: this.groups,
        personProperties: this.personProperties,
        distinctIds: this.distinctIds,
        timeline: this.timeline,
        warnings: [],
        persistence: null,
        eventCount: this.eventCount,
        libVersion: this.libVersion,
      },
      transitions: this.transitions,
      lastTime: this.lastTime,
    };
  }

  private firstSeen(distinctId: string, identified: boolean, event: IdentityEvent, time: number): void {
    this.startEpoch(distinctId);
    this.current = distinctId;
    this.identified = identified;
    const ref = eventRef(event);
    this.push({ kind: 'first-seen', at: ref.timestamp, ref, distinctId, identified }, time, false);
  }

  private identify(distinctId: string, traced: TracedEvent, time: number): void {
    const { event, anonDistinctId } = traced;
    if (this.current === null) {
      if (anonDistinctId === null || anonDistinctId === distinctId) {
        this.firstSeen(distinctId, true, event, time);
        return;
      }
      this.firstSeen(anonDistinctId, false, event, time);
    }
    // A repeated $identify for the current person changes nothing.
    if (distinctId === this.current && this.identified) return;
    // `reset(); identify(next)` with no capture between: the anonymous id it merges is new.
    if (anonDistinctId !== null && anonDistinctId !== this.current && !this.epochOfId.has(anonDistinctId)) {
      this.reset(anonDistinctId, traced.deviceId, event, time);
    }
    const epoch = this.epochEnds.length - 1;
    if (anonDistinctId !== null && !this.epochOfId.has(anonDistinctId)) this.joinEpoch(anonDistinctId, epoch);
    this.joinEpoch(distinctId, epoch);
    const previousIdentified = this.identified;
    this.current = distinctId;
    this.identified = true;
    const ref = eventRef(event);
    this.push({ kind: 'identify', at: ref.timestamp, ref, distinctId, anonDistinctId }, time, previousIdentified);
  }

  /** The same id went from anonymous to identified: `identify(currentId)` sends `$set`, not `$identify`. */
  private becameIdentified(event: IdentityEvent, time: number): void {
    this.identified = true;
    const ref = eventRef(event);
    this.push({ kind: 'identify', at: ref.timestamp, ref, distinctId: this.current!, anonDistinctId: null }, time, false);
  }

  /** `reset()`: a new anonymous id (and device id with `reset(true)`), groups and person cleared. */
  private reset(distinctId: string, deviceId: string | null, event: IdentityEvent, time: number): void {
    const previousDistinctId = this.current!;
    const previousIdentified = this.identified;
    const deviceIdChanged = deviceId !== null && this.deviceId !== null && deviceId !== this.deviceId;
    this.leaveFor(distinctId, time);
    this.identified = false;
    this.groups = {};
    const ref = eventRef(event);
    const entry: ResetEntry = { kind: 'reset', at: ref.timestamp, ref, previousDistinctId, distinctId, deviceIdChanged };
    this.resets.push(this.push(entry, time, previousIdentified) as ResetTransition);
  }

  /** The id changed without `$identify` and without a reset (identify while identified, bootstrap). */
  private switchTo(distinctId: string, identified: boolean, event: IdentityEvent, time: number): void {
    const previousDistinctId = this.current!;
    const previousIdentified = this.identified;
    this.leaveFor(distinctId, time);
    this.identified = identified;
    const ref = eventRef(event);
    this.push({ kind: 'switch', at: ref.timestamp, ref, previousDistinctId, distinctId }, time, previousIdentified);
  }

  /** Ends the current epoch at `time` and starts one for `distinctId`: a new person. */
  private leaveFor(distinctId: string, time: number): void {
    this.epochEnds[this.epochEnds.length - 1] = time;
    this.startEpoch(distinctId);
    this.current = distinctId;
    // The server keeps the old person's properties with the old person.
    this.personProperties = {};
  }

  /** `$create_alias` and `$groupidentify` as timeline entries. */
  private recordCall(event: IdentityEvent, distinctId: string | null, ofCurrentPerson: boolean, time: number): void {
    if (event.event !== '$create_alias' && event.event !== '$groupidentify') return;
    const properties = event.properties;
    const ref = eventRef(event);
    if (event.event === '$create_alias') {
      const alias = idOf(properties.alias);
      if (alias === null) return;
      const original = distinctId ?? this.current;
      if (!this.epochOfId.has(alias)) this.joinEpoch(alias, (original !== null ? this.epochOfId.get(original) : undefined) ?? this.epochEnds.length - 1);
      this.push({ kind: 'alias', at: ref.timestamp, ref, distinctId: original ?? alias, alias }, time, this.identified);
    } else {
      const groupType = properties.$group_type;
      const groupKey = idOf(properties.$group_key);
      if (typeof groupType !== 'string' || groupKey === null) return;
      if (ofCurrentPerson) this.groups[groupType] = groupKey;
      const groupSet = properties.$group_set;
      const groupProperties = typeof groupSet === 'object' && groupSet !== null && !Array.isArray(groupSet) ? (groupSet as Record<string, unknown>) : {};
      this.push({ kind: 'group', at: ref.timestamp, ref, groupType, groupKey, properties: groupProperties }, time, this.identified);
    }
  }

  private observeSdk(facts: EventFacts): void {
    this.deviceId = facts.deviceId ?? this.deviceId;
    this.sessionId = facts.sessionId ?? this.sessionId;
    this.windowId = facts.windowId ?? this.windowId;
    this.libVersion = facts.libVersion ?? this.libVersion;
  }

  /** posthog-js puts every registered group on every event; merge so a late event cannot drop one. */
  private observeGroups(groups: unknown): void {
    if (typeof groups !== 'object' || groups === null || Array.isArray(groups)) return;
    for (const type in groups) {
      const id = idOf((groups as Record<string, unknown>)[type]);
      if (id !== null) this.groups[type] = id;
    }
  }

  private startEpoch(distinctId: string): void {
    this.epochEnds.push(Number.POSITIVE_INFINITY);
    this.joinEpoch(distinctId, this.epochEnds.length - 1);
  }

  private joinEpoch(distinctId: string, epoch: number): void {
    if (!this.epochOfId.has(distinctId)) this.distinctIds.push(distinctId);
    this.epochOfId.set(distinctId, epoch);
  }

  private push(entry: TimelineEntry, time: number, previousIdentified: boolean): TracedTransition {
    const transition = { entry, time, previousIdentified, currentId: this.current!, identified: this.identified };
    this.timeline.push(entry);
    this.transitions.push(transition);
    return transition;
  }
}

/**
 * The event with everything the reducer and its checks read from its properties, read in one go
 * (a buffered event's properties hold 50+ keys; each pass over 20,000 of them costs more than the
 * checks themselves), and its role still to be filled in.
 */
function traceOf(event: IdentityEvent, time: number): TracedEvent {
  const p = event.properties;
  const isIdentified = p.$is_identified;
  return {
    event,
    time,
    distinctId: idOf(p.distinct_id),
    anonDistinctId: event.event === '$identify' ? idOf(p.$anon_distinct_id) : null,
    isIdentified: typeof isIdentified === 'boolean' ? isIdentified : undefined,
    deviceId: idOf(p.$device_id),
    sessionId: idOf(p.$session_id),
    windowId: nonEmpty(p.$window_id),
    lib: nonEmpty(p.$lib),
    libVersion: nonEmpty(p.$lib_version),
    currentUrl: nonEmpty(p.$current_url),
    personless: p.$process_person_profile === false,
    groups: p.$groups,
    writes: personPropertyWrites(event),
    role: 'no-id',
    currentId: null,
    identified: false,
    reset: null,
    setOnceConflicts: NO_CONFLICTS,
  };
}

function nonEmpty(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** A distinct id as the server reads it: a string, or a number turned into one. */
function idOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}
