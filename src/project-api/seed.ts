import { randomBytes, randomUUID } from 'node:crypto';
import type { Db } from './db';

export const DEMO_PROJECT_ID = 1;
export const DEMO_PROJECT_NAME = 'Actionlens demo';
const DEMO_USER_ID = 1;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** PostHog-looking secret: a prefix and `length` random alphanumerics. */
export function randomSecret(prefix: string, length: number): string {
  const bytes = randomBytes(length * 2);
  let out = '';
  // Rejection sampling keeps the alphabet uniform (256 is not a multiple of 62).
  for (const byte of bytes) {
    if (byte < 248) out += ALPHABET[byte % 62];
    if (out.length === length) break;
  }
  return out.length === length ? `${prefix}${out}` : randomSecret(prefix, length);
}

export interface SeededIdentity {
  projectId: number;
  projectToken: string;
  userId: number;
  apiKey: string;
}

/**
 * First start: one organization, the user who owns it, project 1 "Actionlens demo" with a random
 * `phc_` token (or the fixed `projectToken` given) and one personal API key (`phx_`, or the fixed
 * `apiKey` given) with scope `*`. Later starts find them and change nothing, so tokens and keys
 * survive restarts; a fixed `projectToken` replaces the stored one, a fixed `apiKey` that is not
 * stored yet is added as another key.
 */
export function seed(db: Db, options: { apiKey?: string; projectToken?: string }): SeededIdentity {
  const now = new Date().toISOString();
  return db.transaction((): SeededIdentity => {
    let project = db.prepare('SELECT id, api_token FROM projects WHERE id = ?').get(DEMO_PROJECT_ID) as
      | { id: number; api_token: string }
      | undefined;
    if (!project) {
      const organizationId = randomUUID();
      db.prepare('INSERT INTO organizations (id, name, created_at) VALUES (?, ?, ?)').run(organizationId, 'Actionlens', now);
      const token = options.projectToken ?? randomSecret('phc_', 43);
      db.prepare(
        'INSERT INTO projects (id, uuid, organization_id, name, api_token, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(DEMO_PROJECT_ID, randomUUID(), organizationId, DEMO_PROJECT_NAME, token, now);
      db.prepare(
        `INSERT INTO users (id, uuid, distinct_id, email, first_name, last_name, organization_id, current_project_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(DEMO_USER_ID, randomUUID(), randomUUID(), 'demo@actionlens.local', 'Demo', 'User', organizationId, DEMO_PROJECT_ID, now);
      project = { id: DEMO_PROJECT_ID, api_token: token };
    } else if (options.projectToken !== undefined && options.projectToken !== project.api_token) {
      db.prepare('UPDATE projects SET api_token = ? WHERE id = ?').run(options.projectToken, project.id);
      project = { ...project, api_token: options.projectToken };
    }

    let apiKey = options.apiKey;
    if (apiKey) {
      const exists = db.prepare('SELECT 1 FROM personal_api_keys WHERE value = ?').get(apiKey);
      if (!exists) insertApiKey(db, DEMO_USER_ID, apiKey, ['*'], 'Seeded key');
    } else {
      const first = db
        .prepare("SELECT value FROM personal_api_keys WHERE user_id = ? AND label = 'Seeded key' ORDER BY created_at LIMIT 1")
        .get(DEMO_USER_ID) as { value: string } | undefined;
      apiKey = first?.value ?? insertApiKey(db, DEMO_USER_ID, randomSecret('phx_', 47), ['*'], 'Seeded key');
    }
    return { projectId: project.id, projectToken: project.api_token, userId: DEMO_USER_ID, apiKey };
  })();
}

/**
 * Stores a personal API key. Stored in clear (PostHog stores a hash): this server is a local
 * development default and must be able to print its key again after a restart.
 */
export function insertApiKey(db: Db, userId: number, value: string, scopes: readonly string[], label: string): string {
  db.prepare(
    'INSERT INTO personal_api_keys (id, user_id, label, value, scopes, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(randomUUID(), userId, label, value, JSON.stringify(scopes), new Date().toISOString());
  return value;
}
