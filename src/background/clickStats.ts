import { browser } from 'wxt/browser';
import { ApiError, createApiClient } from '../api/client';
import { gateFor } from '../api/requestGate';
import { DEFAULT_RETRY_AFTER_MS } from '../api/retryPolicy';
import type { ElementStatsRow } from '../api/schemas';
import { readTab } from '../capture/eventStore';
import { parseElementsChain, sdkElementsToChain, type SdkElement } from '../core/elements/elementsChain';
import type { ClickKind, ClickStatsRow } from '../core/heatmap/clickStats';
import { urlMatchesPattern, urlPatternToFilter } from '../core/heatmap/urlPattern';
import type { CapturedEvent } from '../core/wire';
import type { ClickStats, StatsRange, StatsRequest } from '../messaging/protocol';
import type { MessageContext } from '../messaging/router';
import { describeProblem } from '../sync/describeProblem';
import type { SyncConnection } from '../sync/syncEngine';
import { assertOverlay } from './actions';
import { connection } from './sync';

/**
 * Click stats for the heatmap (issue 10): the project's element stats (PostHog's
 * `GET /api/projects/:id/element/stats/`), or the tab's own captured clicks without a connection
 * and as the fallback when the project fails. The key stays here; the overlay gets rows.
 */

/** How long an answer of the project is reused; `refresh` skips it. */
export const STATS_CACHE_MS = 60_000;
/** Answers kept at once (each pattern × range × kinds); the oldest goes first. */
export const STATS_CACHE_ENTRIES = 32;
/** Pages of `next` followed at most; the answer says `truncated` when there were more. */
export const STATS_MAX_PAGES = 20;

const PRESET_DATE_FROM = { '24h': '-24h', '7d': '-7d', '30d': '-30d' } as const;
const PRESET_MS = { '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 } as const;

export interface StatsQuery {
  /** The tab whose own events are the fallback; null for an extension page that names none. */
  tabId: number | null;
  pattern: string;
  range: StatsRange;
  include: readonly ClickKind[];
  refresh?: boolean;
}

export interface ClickStatsDeps {
  connection(): Promise<SyncConnection | null>;
  /** The tab's captured events (src/capture): the buffer the Events view reads. */
  readEvents(tabId: number): Promise<readonly CapturedEvent[]>;
  fetch?: typeof fetch;
  now?: () => number;
  /** Rows per page asked of the server (its default when unset). */
  pageSize?: number;
  maxPages?: number;
}

interface ProjectRows {
  rows: ClickStatsRow[];
  truncated: boolean;
  fetchedAt: number;
}

/** The server's row as the contract has it: the fields of `ClickStatsRow`, nothing the server added. */
function toRow(row: ElementStatsRow): ClickStatsRow {
  return {
    count: row.count,
    type: row.type,
    elements: row.elements.map((element) => ({
      text: element.text ?? null,
      tag_name: element.tag_name,
      attr_class: element.attr_class ?? null,
      href: element.href ?? null,
      attr_id: element.attr_id ?? null,
      nth_child: element.nth_child ?? null,
      nth_of_type: element.nth_of_type ?? null,
      attributes: element.attributes ?? {},
      order: element.order ?? null,
    })),
  };
}

/** `[from, to]` in epoch ms, as the project reads the range: date-only values are whole UTC days. */
export function rangeBounds(range: StatsRange, now: number): [number, number] {
  if ('preset' in range) return [now - PRESET_MS[range.preset], Number.POSITIVE_INFINITY];
  const dateOnly = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);
  const from = Date.parse(dateOnly(range.from) ? `${range.from}T00:00:00Z` : range.from);
  const to = dateOnly(range.to) ? Date.parse(`${range.to}T00:00:00Z`) + 86_400_000 - 1 : Date.parse(range.to);
  return [from, to];
}

function eventChain(properties: Record<string, unknown>): string {
  const chain = properties['$elements_chain'];
  if (typeof chain === 'string' && chain !== '') return chain;
  const elements = properties['$elements'];
  // What ingestion stores for SDKs that send `$elements` only (posthog-js 1.130 by default).
  if (Array.isArray(elements) && elements.length > 0) {
    return sdkElementsToChain(elements.filter((el): el is SdkElement => typeof el === 'object' && el !== null));
  }
  return '';
}

/**
 * The tab's own clicks as element stats rows: the chosen kinds on pages the pattern selects within
 * the range, grouped by (event, chain) as the server groups them, most first (then most recent).
 */
export function tabClickRows(
  events: readonly CapturedEvent[],
  query: { pattern: string; range: StatsRange; include: readonly string[] },
  now: number,
): ClickStatsRow[] {
  const kinds = new Set(query.include);
  const [from, to] = rangeBounds(query.range, now);
  const groups = new Map<string, { type: string; chain: string; count: number; last: number }>();
  for (const event of events) {
    if (!kinds.has(event.event)) continue;
    const url = event.properties['$current_url'];
    if (typeof url !== 'string' || !urlMatchesPattern(url, query.pattern)) continue;
    const at = Date.parse(event.timestamp);
    if (!(at >= from && at <= to)) continue;
    const chain = eventChain(event.properties);
    if (chain === '') continue;
    const key = `${event.event}\n${chain}`;
    const group = groups.get(key);
    if (group) {
      group.count++;
      group.last = Math.max(group.last, at);
    } else groups.set(key, { type: event.event, chain, count: 1, last: at });
  }
  return [...groups.values()]
    .sort((a, b) => b.count - a.count || b.last - a.last)
    .map(({ type, chain, count }) => ({ count, type, elements: parseElementsChain(chain) }));
}

function projectQuery(query: StatsQuery, pageSize: number | undefined) {
  return {
    properties: JSON.stringify([urlPatternToFilter(query.pattern)]),
    date_from: 'preset' in query.range ? PRESET_DATE_FROM[query.range.preset] : query.range.from,
    date_to: 'preset' in query.range ? undefined : query.range.to,
    // Repeated `include=`: how PostHog's toolbar sends it, and what every version reads.
    include: [...query.include],
    limit: pageSize,
  };
}

export function createClickStats(deps: ClickStatsDeps) {
  const now = deps.now ?? Date.now;
  const cache = new Map<string, Promise<ProjectRows>>();
  const cachedAt = new Map<string, number>();

  function remember(key: string, value: Promise<ProjectRows>): void {
    cache.delete(key);
    cache.set(key, value);
    cachedAt.set(key, now());
    while (cache.size > STATS_CACHE_ENTRIES) {
      const oldest = cache.keys().next().value as string;
      cache.delete(oldest);
      cachedAt.delete(oldest);
    }
    // A failure is not remembered: the next ask tries again.
    value.catch(() => {
      if (cache.get(key) === value) {
        cache.delete(key);
        cachedAt.delete(key);
      }
    });
  }

  function projectRows(project: SyncConnection, query: StatsQuery): Promise<ProjectRows> {
    const key = JSON.stringify([project.host, project.projectId, query.pattern, query.range, [...query.include].sort()]);
    const hit = cache.get(key);
    if (hit && !query.refresh && now() - (cachedAt.get(key) ?? 0) < STATS_CACHE_MS) return hit;
    const gate = gateFor(project.host, project.projectId);
    // Waiting out a rate limit would leave the overlay without an answer for up to a minute.
    if (gate.pausedUntil > now()) {
      return Promise.reject(new ApiError('rate_limited', `GET /api/projects/${project.projectId}/element/stats/`, 'paused by an earlier 429', { retryAfterMs: gate.pausedUntil - now() }));
    }
    const client = createApiClient({ host: project.host, apiKey: project.apiKey, projectId: String(project.projectId), gate, fetch: deps.fetch });
    const value = client.elementStats(projectQuery(query, deps.pageSize), deps.maxPages ?? STATS_MAX_PAGES).then(({ rows, truncated }) => ({
      rows: rows.filter((row) => row.elements.length > 0).map(toRow),
      truncated,
      fetchedAt: now(),
    }));
    remember(key, value);
    return value;
  }

  async function tabRows(query: StatsQuery) {
    if (query.tabId === null) return null;
    const events = await deps.readEvents(query.tabId);
    return { source: 'tab' as const, rows: tabClickRows(events, query, now()), fetchedAt: now() };
  }

  return {
    async get(query: StatsQuery): Promise<ClickStats> {
      const project = await deps.connection();
      if (!project) {
        const tab = await tabRows(query);
        if (!tab) {
          return { state: 'error', kind: 'not-connected', problem: 'No project API is connected', detail: 'Connect one in Settings, or ask from a tab.', pattern: query.pattern };
        }
        return { state: 'ok', ...tab, pattern: query.pattern, truncated: false };
      }
      try {
        const result = await projectRows(project, query);
        return { state: 'ok', source: 'project', ...result, pattern: query.pattern, projectId: project.projectId };
      } catch (error) {
        const at = now();
        const described = describeProblem(error, { host: project.host, projectId: project.projectId, writing: false, scope: 'element:read' }, at);
        const limited = error instanceof ApiError && error.kind === 'rate_limited';
        const retryAt = limited ? at + (error.extra.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS) : undefined;
        const fallback = await tabRows(query).catch(() => null);
        return {
          state: 'error',
          kind: described.kind,
          problem: retryAt !== undefined ? `Rate limited, retrying in ${Math.ceil((retryAt - at) / 1000)} s` : described.message,
          detail: error instanceof Error ? error.message : String(error),
          pattern: query.pattern,
          projectId: project.projectId,
          ...(retryAt !== undefined && { retryAt }),
          ...(fallback && { fallback }),
        };
      }
    },
  };
}

/** The page a URL shows, as the default pattern: without query and hash. */
export function pagePattern(url: string): string {
  const parsed = new URL(url);
  return parsed.origin + parsed.pathname;
}

/**
 * Which tab and page a `stats.get` is about: the overlay's own tab and page (where the background
 * finds the inspector open), or the tab an extension page names.
 */
export async function statsQueryFor(request: StatsRequest, context: MessageContext): Promise<StatsQuery> {
  const { range, include, refresh } = request;
  if (context.senderClass === 'overlay') {
    if (request.tabId !== undefined && request.tabId !== context.tabId) throw new Error('the overlay may only ask about its own tab');
    const tabId = await assertOverlay(context.tabId);
    const pattern = request.pattern ?? (context.senderUrl ? pagePattern(context.senderUrl) : null);
    if (!pattern) throw new Error('no page to ask about');
    return { tabId, pattern, range, include, refresh };
  }
  const tabId = request.tabId ?? null;
  let pattern = request.pattern ?? null;
  if (pattern === null && tabId !== null) {
    const url = (await browser.tabs.get(tabId)).url;
    pattern = url && /^https?:/.test(url) ? pagePattern(url) : null;
  }
  if (!pattern) throw new Error('name a page pattern, or a tab showing a web page');
  return { tabId, pattern, range, include, refresh };
}

export const clickStats = createClickStats({
  connection,
  readEvents: async (tabId) => (await readTab(tabId)).events,
});
