import type { Hono } from 'hono';
import { parseElementsChain } from '../../core/elements/elementsChain';
import { requireScope } from '../auth';
import type { AppEnv } from '../context';
import { resolveProject } from '../resolveProject';
import { eventsQuerySchema } from '../schemas';
import type { EventRow, EventStore } from '../store/events';
import type { PersonStore } from '../store/persons';
import type { ProjectStore } from '../store/projects';
import { parseOrThrow } from '../validation';
import { pageUrl } from './pagination';

/**
 * `/api/projects/:id/events/` — stored events newest first, in the shape of PostHog's events API
 * (`id` is the event uuid, `elements` parsed from `elements_chain`, `person` as it is now).
 * Filters: `event`, `distinct_id`, `after`, `before`; pages by `limit`/`offset` with a `next` link.
 * PostHog guards this endpoint with the `query` scope.
 */
export function registerEventRoutes(api: Hono<AppEnv>, projects: ProjectStore, events: EventStore, persons: PersonStore): void {
  api.get('/projects/:projectId/events', requireScope('query:read'), resolveProject(projects), (c) => {
    const query = parseOrThrow(eventsQuerySchema, c.req.query());
    const projectId = c.get('project').id;
    const rows = events.list(projectId, {
      ...(query.event !== undefined && { event: query.event }),
      ...(query.distinct_id !== undefined && { distinctId: query.distinct_id }),
      ...(query.after !== undefined && { after: query.after }),
      ...(query.before !== undefined && { before: query.before }),
      limit: query.limit,
      offset: query.offset,
    });
    const personCache = new Map<string, Record<string, unknown> | null>();
    const personOf = (distinctId: string) => {
      if (!personCache.has(distinctId)) {
        const row = persons.byDistinctId(projectId, distinctId);
        const person = row && persons.expand(row);
        personCache.set(
          distinctId,
          person
            ? { uuid: person.uuid, is_identified: person.is_identified, distinct_ids: person.distinct_ids, properties: person.properties }
            : null,
        );
      }
      return personCache.get(distinctId) ?? null;
    };
    const serialize = (row: EventRow) => ({
      id: row.uuid,
      uuid: row.uuid,
      event: row.event,
      distinct_id: row.distinct_id,
      properties: JSON.parse(row.properties) as Record<string, unknown>,
      timestamp: row.timestamp,
      elements_chain: row.elements_chain,
      elements: parseElementsChain(row.elements_chain),
      person: personOf(row.distinct_id),
    });
    const hasNext = rows.length > query.limit;
    return c.json({
      results: rows.slice(0, query.limit).map(serialize),
      next: hasNext ? pageUrl(c.req.url, query.offset + query.limit, query.limit) : null,
    });
  });
}
