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
