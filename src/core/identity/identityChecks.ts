import { quoteId, suspiciousIdReason } from './distinctIdShape';
import { eventRef } from './eventOrder';
import { type EventCheck, type TimedWarning, warningAt } from './identityWarning';
import { isSdkPersonProperty } from './sdkPersonProperties';
import { sensitiveValueReason } from './sensitiveValue';
import type { TokenTrace, TracedEvent } from './tokenTrace';
import type { TimelineEntry } from './types';

/**
 * The QA checks that follow from who the SDK became and what it wrote to the person: checks 1–2
 * read the transitions, 3–6 watch the events. `duplicateInstance.ts` (8) and `persistence.ts` (7)
 * hold the two that need more.
 */
export function transitionWarnings(trace: TokenTrace): TimedWarning[] {
  return [...switchWithoutIdentify(trace), ...suspiciousIdentifyIds(trace)];
}

export function eventChecks(): EventCheck[] {
  return [new OldIdAfterReset(), new SetOnceConflicts(), new SensitivePersonProperties(), new PersonlessAfterIdentify()];
}

/** How deep person property objects are searched for secrets (`profile.billing.card`). */
const MAX_SENSITIVE_DEPTH = 3;

/** 1. An identified id gave way to another with no `$identify` and no reset between. */
function switchWithoutIdentify({ transitions }: TokenTrace): TimedWarning[] {
  return transitions.flatMap(({ entry, time, previousIdentified }) =>
    entry.kind === 'switch' && previousIdentified
      ? [
          warningAt(
            'switch-without-identify',
            entry.ref,
            time,
            `The distinct id changed from identified ${quoteId(entry.previousDistinctId)} to ${quoteId(entry.distinctId)} with no $identify and no reset between, so both users' events may land on one person.`,
            'Call posthog.reset() on logout, before identifying the next user (identify() while identified only switches the id).',
          ),
        ]
      : [],
  );
}

/** 2. The SDK was identified with an id that looks anonymous or broken (once per id). */
function suspiciousIdentifyIds({ transitions }: TokenTrace): TimedWarning[] {
  const reported = new Set<string>();
  const warnings: TimedWarning[] = [];
  for (const { entry, time } of transitions) {
    const subject = identifiedAs(entry);
    if (subject === null || reported.has(subject.distinctId)) continue;
    const reason = suspiciousIdReason(subject.distinctId);
    if (reason === null) continue;
    reported.add(subject.distinctId);
    warnings.push(
      warningAt(
        'suspicious-identify-id',
        entry.ref,
        time,
        `${subject.how} ${quoteId(subject.distinctId)}, which ${reason}.`,
        "Identify with your stable user id (the id in your own database), and only once it is known; never with the SDK's anonymous id or an unset value.",
      ),
    );
  }
  return warnings;
}

function identifiedAs(entry: TimelineEntry): { distinctId: string; how: string } | null {
  switch (entry.kind) {
    case 'identify':
      return { distinctId: entry.distinctId, how: '$identify identified the user as' };
    case 'switch':
      return { distinctId: entry.distinctId, how: 'The distinct id switched to' };
    case 'first-seen':
      return entry.identified ? { distinctId: entry.distinctId, how: 'The SDK was already identified as' } : null;
    default:
      return null;
  }
}

/** 3. An id the SDK left at a reset, still sent well after it (once per reset and id). */
class OldIdAfterReset implements EventCheck {
  private readonly reported = new Set<string>();
  private readonly found: TimedWarning[] = [];

  observe(traced: TracedEvent): void {
    const { reset } = traced;
    const { distinctId } = traced;
    if (traced.role !== 'after-reset' || reset === null || distinctId === null) return;
    const key = `${reset.entry.ref.key}\u0000${distinctId}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    const after = Math.round((traced.time - reset.time) / 100) / 10;
    this.found.push(
      warningAt(
        'old-id-after-reset',
        eventRef(traced.event),
        traced.time,
        `${traced.event.event} was sent as ${quoteId(distinctId)} ${after} s after the reset to ${quoteId(reset.entry.distinctId)}; the SDK had left that id.`,
        'Find what still sends as the old user (a second posthog instance, a queued or server-side call) and reset it on logout too.',
      ),
    );
  }

  warnings(): TimedWarning[] {
    return this.found;
  }
}

/** 4. `$set_once` on a key that already held another value (once per key and value). */
class SetOnceConflicts implements EventCheck {
  private readonly reported = new Set<string>();
  private readonly found: TimedWarning[] = [];

  observe(traced: TracedEvent): void {
    for (const { key, kept, attempted } of traced.setOnceConflicts) {
      if (isSdkPersonProperty(key)) continue;
      const dedupe = `${key}\u0000${JSON.stringify(attempted)}`;
      if (this.reported.has(dedupe)) continue;
      this.reported.add(dedupe);
      this.found.push(
        warningAt(
          'set-once-conflict',
          eventRef(traced.event),
          traced.time,
          `$set_once tried to change "${key}" of ${quoteId(traced.currentId ?? '')} from ${formatValue(kept)} to ${formatValue(attempted)}; the first value stays.`,
          'Use $set for values that change; keep $set_once for values fixed at first sight, such as a sign-up date.',
        ),
      );
    }
  }

  warnings(): TimedWarning[] {
    return this.found;
  }
}

/** 5. A person property that looks like a password, a secret or a card number (once per property). */
class SensitivePersonProperties implements EventCheck {
  private readonly reported = new Set<string>();
  private readonly found: TimedWarning[] = [];

  observe(traced: TracedEvent): void {
    const { writes } = traced;
    if (writes === null) return;
    if (writes.$set !== null) this.inspect(traced, '$set', writes.$set);
    if (writes.$set_once !== null) this.inspect(traced, '$set_once', writes.$set_once);
  }

  warnings(): TimedWarning[] {
    return this.found;
  }

  private inspect(traced: TracedEvent, via: '$set' | '$set_once', written: Record<string, unknown>): void {
    for (const key in written) {
      if (isSdkPersonProperty(key)) continue;
      const findings: Finding[] = [];
      findSensitive(key, key, written[key], 1, findings);
      for (const { path, reason } of findings) {
        if (this.reported.has(path)) continue;
        this.reported.add(path);
        this.found.push(
          warningAt(
            'sensitive-person-property',
            eventRef(traced.event),
            traced.time,
            `${via} on ${traced.event.event} sends person property "${path}" for ${quoteId(traced.distinctId ?? '')}, which looks like ${reason}.`,
            "Keep it out of analytics (don't pass it to identify or setPersonProperties, or drop it in before_send), and rotate it if it was a real secret.",
          ),
        );
      }
    }
  }
}

interface Finding {
  path: string;
  reason: string;
}

/** Adds what looks sensitive in `value` (under `key`, at `path`) to `findings`; array items go by their array's key. */
function findSensitive(path: string, key: string, value: unknown, depth: number, findings: Finding[]): void {
  if (typeof value !== 'object' || value === null) {
    const reason = sensitiveValueReason(key, value);
    if (reason !== null) findings.push({ path, reason });
  } else if (depth < MAX_SENSITIVE_DEPTH) {
    if (Array.isArray(value)) value.forEach((item, i) => findSensitive(`${path}[${i}]`, key, item, depth + 1, findings));
    else for (const [child, item] of Object.entries(value)) findSensitive(`${path}.${child}`, child, item, depth + 1, findings);
  }
}

/** 6. Personless events of an identified user: one warning per run of them. */
class PersonlessAfterIdentify implements EventCheck {
  private run: { first: TracedEvent; count: number } | null = null;
  private readonly found: TimedWarning[] = [];

  observe(traced: TracedEvent): void {
    // Late events of an earlier id (an anonymous batch after identify) say nothing about this user.
    if (traced.role !== 'current') return;
    if (!traced.identified || !traced.personless) this.close();
    else if (this.run === null) this.run = { first: traced, count: 1 };
    else this.run.count++;
  }

  warnings(): TimedWarning[] {
    this.close();
    return this.found;
  }

  private close(): void {
    if (this.run === null) return;
    const { first, count } = this.run;
    this.run = null;
    this.found.push(
      warningAt(
        'personless-after-identify',
        eventRef(first.event),
        first.time,
        `${count === 1 ? '1 event' : `${count} events`} from ${first.event.event} on carried $process_person_profile: false after ${quoteId(first.currentId ?? '')} was identified, so they update no person.`,
        "Drop $process_person_profile: false from captures of identified users; with person_profiles: 'identified_only' the SDK sets it only before identify.",
      ),
    );
  }
}

function formatValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
