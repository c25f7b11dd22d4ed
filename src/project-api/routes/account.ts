import type { Hono } from 'hono';
import { requireScope } from '../auth';
import type { AppEnv } from '../context';
import { notFound } from '../errors';
import { resolveProject } from '../resolveProject';
import type { ProjectRow, ProjectStore, UserRow } from '../store/projects';

/** PostHog's UserBasicSerializer, also used for `created_by`. */
export function userBasic(user: UserRow): Record<string, unknown> {
  return {
    id: user.id,
    uuid: user.uuid,
    distinct_id: user.distinct_id,
    first_name: user.first_name,
    last_name: user.last_name,
    email: user.email,
    is_email_verified: true,
    hedgehog_config: null,
    role_at_organization: null,
  };
}

function serializeProject(projects: ProjectStore, project: ProjectRow): Record<string, unknown> {
  const organization = projects.organization(project.organization_id);
  return {
    id: project.id,
    uuid: project.uuid,
    organization: project.organization_id,
    project_id: project.id,
    api_token: project.api_token,
    name: project.name,
    created_at: project.created_at,
    updated_at: project.created_at,
    timezone: 'UTC',
    app_urls: [],
    data_attributes: ['data-attr'],
    toolbar_mode: 'toolbar',
    autocapture_opt_out: false,
    capture_dead_clicks: true,
    heatmaps_opt_in: false,
    session_recording_opt_in: false,
    completed_snippet_onboarding: true,
    ingested_event: projects.ingestedEvent(project.id),
    is_demo: false,
    access_control: false,
    effective_membership_level: 8,
    organization_name: organization?.name ?? null,
  };
}

/** `/api/users/@me/` and `/api/projects/[:id/]`: who the key belongs to and what it can see. */
export function registerAccountRoutes(api: Hono<AppEnv>, projects: ProjectStore): void {
  api.get('/users/@me', requireScope('user:read'), (c) => {
    const user = projects.user(c.get('principal').userId);
    if (!user) throw notFound();
    const organization = projects.organization(user.organization_id);
    const team = user.current_project_id === null ? undefined : projects.project(user.current_project_id);
    const organizationBasic = organization && { id: organization.id, name: organization.name, slug: 'actionlens', membership_level: 15 };
    return c.json({
      ...userBasic(user),
      date_joined: null,
      is_staff: false,
      team: team && {
        id: team.id,
        uuid: team.uuid,
        organization: team.organization_id,
        project_id: team.id,
        api_token: team.api_token,
        name: team.name,
        timezone: 'UTC',
        completed_snippet_onboarding: true,
        has_completed_onboarding_for: {},
        ingested_event: projects.ingestedEvent(team.id),
        is_demo: false,
      },
      organization: organizationBasic && {
        ...organizationBasic,
        teams: projects.projectsOf(user.organization_id).map((p) => ({ id: p.id, name: p.name, api_token: p.api_token })),
        projects: projects.projectsOf(user.organization_id).map((p) => ({ id: p.id, name: p.name })),
      },
      organizations: organizationBasic ? [organizationBasic] : [],
      scopes: c.get('principal').scopes,
    });
  });

  api.get('/projects', requireScope('project:read'), (c) => {
    const user = projects.user(c.get('principal').userId);
    const results = user ? projects.projectsOf(user.organization_id).map((p) => serializeProject(projects, p)) : [];
    return c.json({ count: results.length, next: null, previous: null, results });
  });

  api.get('/projects/:projectId', requireScope('project:read'), resolveProject(projects), (c) =>
    c.json(serializeProject(projects, c.get('project'))),
  );
}
