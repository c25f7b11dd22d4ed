import type { Action, ActionWrite } from '../../../src/core/actions/schema';
import type { ProjectApi } from '../../../src/project-api/server';

/** Creates an action on the local project API over HTTP with the personal API key, as PostHog's own UI would. */
export async function createAction(api: Pick<ProjectApi, 'url' | 'projectId' | 'apiKey'>, action: ActionWrite): Promise<Action> {
  const url = new URL(`/api/projects/${api.projectId}/actions/`, api.url);
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${api.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(action),
  });
  if (!response.ok) throw new Error(`POST ${url} → ${response.status} ${await response.text()}`);
  return (await response.json()) as Action;
}

async function call<T>(api: Pick<ProjectApi, 'url' | 'projectId' | 'apiKey'>, method: string, path: string, body?: unknown): Promise<T> {
  const url = new URL(`/api/projects/${api.projectId}/actions/${path}`, api.url);
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${api.apiKey}`, 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${url} → ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** One action as the server has it now (deleted ones too). */
export const getAction = (api: Pick<ProjectApi, 'url' | 'projectId' | 'apiKey'>, id: number) => call<Action>(api, 'GET', `${id}/`);

/** Changes an action on the server directly, as someone in PostHog's UI would. */
export const patchAction = (api: Pick<ProjectApi, 'url' | 'projectId' | 'apiKey'>, id: number, patch: Partial<ActionWrite>) => call<Action>(api, 'PATCH', `${id}/`, patch);

/** The project's live actions. */
export const listActions = async (api: Pick<ProjectApi, 'url' | 'projectId' | 'apiKey'>) => (await call<{ results: Action[] }>(api, 'GET', '')).results;
