import type { ProjectRow } from './store/projects';

/** What an authenticated `/api/*` request carries once the auth and project middlewares ran. */
export interface ApiPrincipal {
  userId: number;
  keyId: string;
  scopes: readonly string[];
}

export interface AppEnv {
  Variables: {
    principal: ApiPrincipal;
    project: ProjectRow;
  };
}
