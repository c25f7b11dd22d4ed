import { eventRef } from './eventOrder';
import { type EventCheck, type TimedWarning, warningAt } from './identityWarning';
import type { TracedEvent } from './tokenTrace';

/** Two `$pageview`s of one URL closer than this come from two instances, not a navigation. */
export const DUPLICATE_PAGEVIEW_MS = 1_000;
/**
 * One SDK instance never goes back to a window id (or a library version) it left: it moves on at
 * reset and at session rotation only. An older one still sending this long after a newer one
 * appeared is a second instance; less could be a queued batch whose `offset` time landed late.
 */
export const INTERLEAVE_GRACE_MS = 1_000;

const ADVICE =
  'Initialise posthog once per page (guard the init call, and load either the snippet or the npm package, not both); give a second project its own named instance and token.';

/**
 * 8. Two SDK instances sending for one token on one page (per `page`; all events count as one page
 * when it is unknown). Evidence, conservatively:
 * - two `$pageview`s of the same `$current_url` with different keys within
 *   `DUPLICATE_PAGEVIEW_MS`, the same `distinct_id` (instances sharing persistence share it; a
 *   reset between the two mints a new one, and a new window with it) and different `$window_id`s
 *   (one window id is one instance capturing twice, not two instances); or
 * - an older `$window_id`, or an older `$lib_version` of the same `$lib`, still sending more than
 *   `INTERLEAVE_GRACE_MS` after a newer one started.
 * At most one warning per token and page: the first evidence.
 */
export class DuplicateInstanceCheck implements EventCheck {
  private readonly pages = new Map<number | undefined, PageEvidence>();
  /** The page of the previous event: a page's events come in runs. */
  private lastPage: { key: number | undefined; evidence: PageEvidence } | null = null;
  private readonly found: TimedWarning[] = [];

  constructor(private readonly token: string) {}

  observe(traced: TracedEvent): void {
    const page = this.pageOf(traced.event.page);
    if (page.reported) return;
    const message = page.observe(traced, this.token);
    if (message !== null) {
      page.reported = true;
      this.found.push(warningAt('duplicate-instance', eventRef(traced.event), traced.time, message, ADVICE));
    }
  }

  warnings(): TimedWarning[] {
    return this.found;
  }

  private pageOf(key: number | undefined): PageEvidence {
    if (this.lastPage !== null && this.lastPage.key === key) return this.lastPage.evidence;
    let evidence = this.pages.get(key);
    if (evidence === undefined) this.pages.set(key, (evidence = new PageEvidence()));
    this.lastPage = { key, evidence };
    return evidence;
  }
}

class PageEvidence {
  reported = false;
  private readonly lastPageview = new Map<string, TracedEvent>();
  private readonly windows = new FirstSeenOrder();
  /** Per `$lib`: the library versions in order of appearance. */
  private readonly libVersions = new Map<string, FirstSeenOrder>();

  /** A sentence naming the evidence this event completes, or null. */
  observe(traced: TracedEvent, token: string): string | null {
    const { event, time } = traced;
    const { windowId, currentUrl: url } = traced;

    if (event.event === '$pageview' && url !== null) {
      const previous = this.lastPageview.get(url);
      this.lastPageview.set(url, traced);
      const previousWindow = previous === undefined ? null : previous.windowId;
      if (
        previous !== undefined &&
        previous.event.key !== event.key &&
        time - previous.time <= DUPLICATE_PAGEVIEW_MS &&
        previous.distinctId === traced.distinctId &&
        !(windowId !== null && windowId === previousWindow)
      ) {
        return `Two $pageview events for ${url} ${time - previous.time} ms apart${windowId !== null && previousWindow !== null ? ` from windows "${previousWindow}" and "${windowId}"` : ''}: two SDK instances for token ${token} on this page.`;
      }
    }

    if (windowId !== null) {
      const newer = this.windows.newerThan(windowId, time);
      if (newer !== null && time > newer.firstTime + INTERLEAVE_GRACE_MS) {
        return `Window "${windowId}" still sent ${event.event} ${seconds(time - newer.firstTime)} after window "${newer.value}" started: two SDK instances for token ${token} on this page.`;
      }
    }

    const version = traced.libVersion;
    if (version !== null) {
      const lib = traced.lib ?? '';
      let versions = this.libVersions.get(lib);
      if (versions === undefined) this.libVersions.set(lib, (versions = new FirstSeenOrder()));
      const newer = versions.newerThan(version, time);
      if (newer !== null && time > newer.firstTime + INTERLEAVE_GRACE_MS) {
        return `${lib || 'The SDK'} ${version} still sent ${event.event} ${seconds(time - newer.firstTime)} after ${newer.value} started: two SDK instances for token ${token} on this page.`;
      }
    }
    return null;
  }
}

/** Values in order of first appearance, with when each appeared. */
class FirstSeenOrder {
  private readonly index = new Map<string, number>();
  private readonly order: { value: string; firstTime: number }[] = [];

  /** Records `value` and answers the value that first appeared right after it, if any. */
  newerThan(value: string, time: number): { value: string; firstTime: number } | null {
    // Most events carry the newest value: answer without hashing it.
    if (value === this.order.at(-1)?.value) return null;
    const at = this.index.get(value);
    if (at === undefined) {
      this.index.set(value, this.order.length);
      this.order.push({ value, firstTime: time });
      return null;
    }
    return this.order[at + 1] ?? null;
  }
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}
