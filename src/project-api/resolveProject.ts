import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context';
import { notFound } from './errors';
import { projectIdParam } from './schemas';
import type { ProjectStore } from './store/projects';

/**
 * `:projectId` → the project (`@current` is the key owner's current project); 404 in PostHog's
 * words for a malformed or unknown id, or a project of another organization.
 */
export function resolveProject(projects: ProjectStore): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const parsed = projectIdParam.safeParse(c.req.param('projectId'));
    if (!parsed.success) throw notFound();
    const user = projects.user(c.get('principal').userId);
    const id = parsed.data === '@current' ? user?.current_project_id : parsed.data;
    const project = id === null || id === undefined ? undefined : projects.project(id);
    if (!project || project.organization_id !== user?.organization_id) throw notFound();
    c.set('project', project);
    await next();
  };
}
