import type { Hono } from 'hono';
import { z } from 'zod';
import { parseElementsChain } from '../../core/elements/elementsChain';
import { requireScope } from '../auth';
import type { AppEnv } from '../context';
import { resolveDateFrom, resolveDateTo } from '../dateRange';
import { validationError } from '../errors';
import { resolveProject } from '../resolveProject';
import { elementStatsQuerySchema, eventPropertyFilterSchema } from '../schemas';
import type { EventPropertyFilter, EventStore } from '../store/events';
import type { ProjectStore } from '../store/projects';
import { parseOrThrow } from '../validation';
import { pageUrl } from './pagination';

/**
 * `include` when none is given: PostHog's `ElementViewSet._events_filter` default since it reads
 * `$dead_click` (before that, `$autocapture` and `$rageclick`).
 */
const DEFAULT_EVENT_TYPES = ['$autocapture', '$rageclick', '$dead_click'] as const;

/**
 * One `include` parameter as PostHog reads it: a repeated value (the toolbar), a JSON array, or a
 * comma-separated list.
 */
function includeValues(raw: string): string[] {
  if (raw.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw validationError('include must be a valid JSON array when passed as one', 'include');
    }
    if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string')) {
      throw validationError('include must be a JSON array of event names', 'include');
    }
    return parsed;
  }
  return raw.split(',').map((part) => part.trim()).filter(Boolean);
}

const LEGACY_OPERATOR_SUFFIX = /^(.*)__(icontains|not_icontains|regex|not_regex|is_not|is_set|is_not_set)$/;

/**
 * `properties` as PostHog's Filter reads it: a JSON list of property filters, an AND group
 * `{type: 'AND', values: [...]}` (nested AND groups flatten), or the legacy object form
 * `{"$current_url": "…", "key__icontains": "…"}`.
 */
function parsePropertyFilters(raw: string | undefined): EventPropertyFilter[] {
  if (raw === undefined || raw.trim() === '') return [];
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw validationError('Properties are unparsable!', 'properties');
  }
  const collect = (node: unknown, path: string): unknown[] => {
    if (Array.isArray(node)) return node.flatMap((item, index) => (isGroup(item) ? collect(item, `${path}__${index}`) : [item]));
    if (isGroup(node)) {
      if (node.type !== 'AND') throw validationError('Only AND property groups are supported.', `${path}__type`);
      return collect(node.values, `${path}__values`);
    }
    if (node && typeof node === 'object') {
      return Object.entries(node).map(([key, v]) => {
        const suffix = LEGACY_OPERATOR_SUFFIX.exec(key);
        return suffix ? { key: suffix[1], operator: suffix[2], value: v } : { key, operator: 'exact', value: v };
      });
    }
    throw validationError('Properties must be a list of property filters.', path);
  };
  const filters = parseOrThrow(z.array(eventPropertyFilterSchema), collect(value, 'properties'), 'properties');
  return filters.map((parsed, index) => {
    if (parsed.value === undefined || parsed.value === null) {
      if (parsed.operator !== 'is_set' && parsed.operator !== 'is_not_set') {
        throw validationError(`Property filter on "${parsed.key}" needs a value.`, `properties__${index}__value`);
      }
    }
    return { key: parsed.key, operator: parsed.operator, value: parsed.value };
  });
}

function isGroup(node: unknown): node is { type: unknown; values: unknown } {
  return typeof node === 'object' && node !== null && !Array.isArray(node) && 'values' in node && 'type' in node;
}

/**
 * `/api/projects/:id/element/stats/` as PostHog's `ElementViewSet.stats`: autocapture-family events
 * grouped by (elements_chain, event), most frequent first, each chain parsed into elements.
 * `paginate_response=true` answers `{results, next, previous}` with full-URL links, otherwise a bare
 * list (PostHog's legacy default).
 */
export function registerElementStatsRoutes(api: Hono<AppEnv>, projects: ProjectStore, events: EventStore): void {
  api.get('/projects/:projectId/element/stats', requireScope('element:read'), resolveProject(projects), (c) => {
    const include = (c.req.queries('include') ?? []).flatMap(includeValues);
    const query = parseOrThrow(elementStatsQuerySchema, { ...c.req.query(), include });
    const properties = parsePropertyFilters(c.req.query('properties'));
    const now = new Date();
    let dateFrom: string | undefined;
    let dateTo: string | undefined;
    try {
      dateFrom = resolveDateFrom(query.date_from ?? '-7d', now);
    } catch (error) {
      throw validationError((error as Error).message, 'date_from');
    }
    try {
      dateTo = query.date_to === undefined ? undefined : resolveDateTo(query.date_to, now);
    } catch (error) {
      throw validationError((error as Error).message, 'date_to');
    }

    const rows = events.elementStats(c.get('project').id, {
      eventTypes: query.include.length ? [...new Set(query.include)] : DEFAULT_EVENT_TYPES,
      ...(dateFrom !== undefined && { dateFrom }),
      ...(dateTo !== undefined && { dateTo }),
      properties,
      limit: query.limit,
      offset: query.offset,
    });
    const results = rows.slice(0, query.limit).map((row) => ({
      count: row.count,
      hash: null,
      type: row.type,
      elements: parseElementsChain(row.elements_chain),
    }));
    if (query.paginate_response !== 'true') return c.json(results);
    const hasNext = rows.length > query.limit;
    return c.json({
      results,
      next: hasNext ? pageUrl(c.req.url, query.offset + query.limit, query.limit) : null,
      previous: query.offset > 0 ? pageUrl(c.req.url, Math.max(0, query.offset - query.limit), query.limit) : null,
    });
  });
}
