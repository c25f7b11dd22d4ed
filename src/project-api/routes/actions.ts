import type { Context, Hono } from 'hono';
import { selectorRegex } from '../../core/actions';
import { requireScope } from '../auth';
import type { AppEnv } from '../context';
import { methodNotAllowed, notFound, validationError } from '../errors';
import { resolveProject } from '../resolveProject';
import { actionCreateSchema, actionUpdateSchema, recordIdParam } from '../schemas';
import type { ActionRow, ActionStore, StoredActionStep } from '../store/actions';
import type { ProjectStore } from '../store/projects';
import { parseOrThrow } from '../validation';
import { userBasic } from './account';
import { readJsonBody } from './jsonBody';

function serializeStep(step: StoredActionStep): Record<string, unknown> {
  return {
    event: step.event,
    properties: step.properties,
    selector: step.selector,
    // Read-only: the regex over elements_chain the server matches the selector as, from the same
    // engine the extension matches with, so the two cannot disagree.
    selector_regex: selectorRegex(step.selector),
    tag_name: step.tag_name,
    text: step.text,
    text_matching: step.text_matching,
    href: step.href,
    href_matching: step.href_matching,
    url: step.url,
    url_matching: step.url_matching,
  };
}

/** PostHog's ActionSerializer fields. */
function serializeAction(projects: ProjectStore, row: ActionRow): Record<string, unknown> {
  const creator = row.created_by === null ? undefined : projects.user(row.created_by);
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    tags: JSON.parse(row.tags) as string[],
    post_to_slack: row.post_to_slack === 1,
    slack_message_format: row.slack_message_format,
    steps: (JSON.parse(row.steps) as StoredActionStep[]).map(serializeStep),
    created_at: row.created_at,
    created_by: creator ? userBasic(creator) : null,
    deleted: row.deleted === 1,
    is_calculating: false,
    last_calculated_at: row.last_calculated_at,
    team_id: row.project_id,
    is_action: true,
    bytecode_error: null,
    pinned_at: row.pinned_at,
  };
}

function uniqueNameError(collidingId: number) {
  return validationError(`This project already has an action with this name, ID ${collidingId}`, 'name', 'unique');
}

/**
 * `/api/projects/:id/actions/`: list (live actions only), create, retrieve, partial update. There is
 * no hard delete: DELETE answers 405 like PostHog, deleting is `PATCH {deleted: true}`.
 */
export function registerActionRoutes(api: Hono<AppEnv>, projects: ProjectStore, actions: ActionStore): void {
  const project = resolveProject(projects);
  const read = requireScope('action:read');
  const write = requireScope('action:write');

  const findAction = (c: Context<AppEnv>): ActionRow => {
    const id = recordIdParam.safeParse(c.req.param('actionId'));
    const row = id.success ? actions.get(c.get('project').id, id.data) : undefined;
    if (!row) throw notFound();
    return row;
  };

  api.get('/projects/:projectId/actions', read, project, (c) => {
    const results = actions.list(c.get('project').id).map((row) => serializeAction(projects, row));
    return c.json({ count: results.length, next: null, previous: null, results });
  });

  api.post('/projects/:projectId/actions', write, project, async (c) => {
    const input = parseOrThrow(actionCreateSchema, await readJsonBody(c));
    const projectId = c.get('project').id;
    if (!input.deleted) {
      const colliding = actions.collidingId(projectId, input.name);
      if (colliding !== undefined) throw uniqueNameError(colliding);
    }
    const row = actions.create(projectId, input, c.get('principal').userId);
    return c.json(serializeAction(projects, row), 201);
  });

  api.get('/projects/:projectId/actions/:actionId', read, project, (c) => c.json(serializeAction(projects, findAction(c))));

  const update = (partial: boolean) => async (c: Context<AppEnv>) => {
    const existing = findAction(c);
    const body = await readJsonBody(c);
    const patch = partial ? parseOrThrow(actionUpdateSchema, body) : parseOrThrow(actionCreateSchema, body);
    const name = patch.name ?? existing.name;
    const deleted = patch.deleted ?? existing.deleted === 1;
    if (!deleted) {
      const colliding = actions.collidingId(existing.project_id, name, existing.id);
      if (colliding !== undefined) throw uniqueNameError(colliding);
    }
    return c.json(serializeAction(projects, actions.update(existing, patch)));
  };
  api.patch('/projects/:projectId/actions/:actionId', write, project, update(true));
  api.put('/projects/:projectId/actions/:actionId', write, project, update(false));

  api.delete('/projects/:projectId/actions/:actionId', write, project, (c) => {
    throw methodNotAllowed(c.req.method);
  });
}
