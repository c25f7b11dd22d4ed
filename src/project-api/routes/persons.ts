import type { Hono } from 'hono';
import { requireScope } from '../auth';
import type { AppEnv } from '../context';
import { notFound } from '../errors';
import { resolveProject } from '../resolveProject';
import { personsQuerySchema } from '../schemas';
import type { Person, PersonStore } from '../store/persons';
import type { ProjectStore } from '../store/projects';
import { parseOrThrow } from '../validation';
import { pageUrl } from './pagination';

/** PostHog's display name: email, then name, then username, then the first distinct id. */
function personName(person: Person): string | null {
  for (const key of ['email', 'name', 'username']) {
    const value = person.properties[key];
    if (typeof value === 'string' && value) return value;
  }
  return person.distinct_ids[0] ?? null;
}

function serializePerson(person: Person): Record<string, unknown> {
  return {
    id: person.id,
    uuid: person.uuid,
    name: personName(person),
    distinct_ids: person.distinct_ids,
    properties: person.properties,
    created_at: person.created_at,
    is_identified: person.is_identified,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `/api/projects/:id/persons/[?distinct_id=]` and `/persons/:uuid-or-id/`. */
export function registerPersonRoutes(api: Hono<AppEnv>, projects: ProjectStore, persons: PersonStore): void {
  const read = requireScope('person:read');
  const project = resolveProject(projects);

  api.get('/projects/:projectId/persons', read, project, (c) => {
    const query = parseOrThrow(personsQuerySchema, c.req.query());
    const projectId = c.get('project').id;
    if (query.distinct_id !== undefined) {
      const row = persons.byDistinctId(projectId, query.distinct_id);
      return c.json({ results: row ? [serializePerson(persons.expand(row))] : [], next: null, previous: null });
    }
    const rows = persons.list(projectId, query.limit + 1, query.offset);
    const hasNext = rows.length > query.limit;
    return c.json({
      results: rows.slice(0, query.limit).map((row) => serializePerson(persons.expand(row))),
      next: hasNext ? pageUrl(c.req.url, query.offset + query.limit, query.limit) : null,
      previous: query.offset > 0 ? pageUrl(c.req.url, Math.max(0, query.offset - query.limit), query.limit) : null,
    });
  });

  api.get('/projects/:projectId/persons/:personId', read, project, (c) => {
    const id = c.req.param('personId');
    const projectId = c.get('project').id;
    const row = UUID.test(id) ? persons.byUuid(projectId, id.toLowerCase()) : /^\d+$/.test(id) ? persons.byId(projectId, Number(id)) : undefined;
    if (!row) throw notFound();
    return c.json(serializePerson(persons.expand(row)));
  });
}
