import type { Db } from '../db';

export interface ProjectRow {
  id: number;
  uuid: string;
  organization_id: string;
  name: string;
  api_token: string;
  created_at: string;
}

export interface UserRow {
  id: number;
  uuid: string;
  distinct_id: string;
  email: string;
  first_name: string;
  last_name: string;
  organization_id: string;
  current_project_id: number | null;
}

export interface OrganizationRow {
  id: string;
  name: string;
  created_at: string;
}

/** Projects, organizations and users: the account side of the API, read-only after seeding. */
export class ProjectStore {
  private readonly byId;
  private readonly byToken;
  private readonly userById;
  private readonly organizationById;
  private readonly all;
  private readonly hasEvents;

  constructor(db: Db) {
    this.byId = db.prepare('SELECT * FROM projects WHERE id = ?');
    this.byToken = db.prepare('SELECT * FROM projects WHERE api_token = ?');
    this.userById = db.prepare('SELECT * FROM users WHERE id = ?');
    this.organizationById = db.prepare('SELECT * FROM organizations WHERE id = ?');
    this.all = db.prepare('SELECT * FROM projects WHERE organization_id = ? ORDER BY id');
    this.hasEvents = db.prepare('SELECT 1 FROM events WHERE project_id = ? LIMIT 1');
  }

  project(id: number): ProjectRow | undefined {
    return this.byId.get(id) as ProjectRow | undefined;
  }

  projectByToken(token: string): ProjectRow | undefined {
    return this.byToken.get(token) as ProjectRow | undefined;
  }

  projectsOf(organizationId: string): ProjectRow[] {
    return this.all.all(organizationId) as ProjectRow[];
  }

  user(id: number): UserRow | undefined {
    return this.userById.get(id) as UserRow | undefined;
  }

  organization(id: string): OrganizationRow | undefined {
    return this.organizationById.get(id) as OrganizationRow | undefined;
  }

  ingestedEvent(projectId: number): boolean {
    return this.hasEvents.get(projectId) !== undefined;
  }
}
