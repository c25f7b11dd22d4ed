import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

/**
 * Schema versions, applied in order and recorded in `PRAGMA user_version`. Append only: a shipped
 * migration is never edited, a change is a new entry.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE organizations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    distinct_id TEXT NOT NULL,
    email TEXT NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL DEFAULT '',
    organization_id TEXT NOT NULL REFERENCES organizations(id),
    current_project_id INTEGER,
    created_at TEXT NOT NULL
  );
  CREATE TABLE projects (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    organization_id TEXT NOT NULL REFERENCES organizations(id),
    name TEXT NOT NULL,
    api_token TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
  );
  CREATE TABLE personal_api_keys (
    id TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    label TEXT NOT NULL,
    value TEXT NOT NULL UNIQUE,
    scopes TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_used_at TEXT
  );
  CREATE TABLE actions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id INTEGER NOT NULL REFERENCES projects(id),
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',
    post_to_slack INTEGER NOT NULL DEFAULT 0,
    slack_message_format TEXT NOT NULL DEFAULT '',
    steps TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    created_by INTEGER REFERENCES users(id),
    deleted INTEGER NOT NULL DEFAULT 0,
    last_calculated_at TEXT,
    pinned_at TEXT
  );
  CREATE INDEX actions_project_deleted ON actions(project_id, deleted);
  CREATE TABLE events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id INTEGER NOT NULL REFERENCES projects(id),
    uuid TEXT NOT NULL,
    event TEXT NOT NULL,
    distinct_id TEXT NOT NULL,
    person_id TEXT,
    properties TEXT NOT NULL,
    elements_chain TEXT NOT NULL DEFAULT '',
    timestamp TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (project_id, uuid)
  );
  CREATE INDEX events_project_timestamp ON events(project_id, timestamp);
  CREATE INDEX events_project_event_timestamp ON events(project_id, event, timestamp);
  CREATE INDEX events_project_distinct_id ON events(project_id, distinct_id);
  CREATE TABLE persons (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid TEXT NOT NULL UNIQUE,
    project_id INTEGER NOT NULL REFERENCES projects(id),
    created_at TEXT NOT NULL,
    properties TEXT NOT NULL DEFAULT '{}',
    is_identified INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX persons_project_created ON persons(project_id, created_at);
  CREATE TABLE person_distinct_ids (
    project_id INTEGER NOT NULL REFERENCES projects(id),
    distinct_id TEXT NOT NULL,
    person_id INTEGER NOT NULL REFERENCES persons(id),
    PRIMARY KEY (project_id, distinct_id)
  );
  CREATE INDEX person_distinct_ids_person ON person_distinct_ids(person_id);
  CREATE TABLE groups (
    project_id INTEGER NOT NULL REFERENCES projects(id),
    group_type TEXT NOT NULL,
    group_key TEXT NOT NULL,
    properties TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL,
    PRIMARY KEY (project_id, group_type, group_key)
  );
  `,
  // Every create and rename asks whether the name is taken among the project's live actions; without
  // this, each asked by scanning all of them.
  `
  CREATE INDEX actions_project_live_name ON actions(project_id, name) WHERE deleted = 0;
  `,
];

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `project-api database is at schema version ${current}, newer than this code knows (${MIGRATIONS.length})`,
    );
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version] ?? '');
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

/** SQL functions the queries need that SQLite lacks (PostHog runs these on ClickHouse). */
function registerFunctions(db: Db): void {
  const regexCache = new Map<string, RegExp | null>();
  const compile = (pattern: string): RegExp | null => {
    if (!regexCache.has(pattern)) {
      let compiled: RegExp | null = null;
      try {
        compiled = new RegExp(pattern);
      } catch {
        compiled = null;
      }
      if (regexCache.size > 500) regexCache.clear();
      regexCache.set(pattern, compiled);
    }
    return regexCache.get(pattern) ?? null;
  };
  // `x REGEXP pattern` calls regexp(pattern, x); an invalid pattern matches nothing.
  db.function('regexp', { deterministic: true }, (pattern: unknown, value: unknown) => {
    if (value === null || value === undefined || typeof pattern !== 'string') return 0;
    return compile(pattern)?.test(String(value)) ? 1 : 0;
  });
  // Case-insensitive substring for any script; SQLite's LIKE and lower() only fold ASCII.
  db.function('icontains', { deterministic: true }, (value: unknown, needle: unknown) => {
    if (value === null || value === undefined || needle === null || needle === undefined) return 0;
    return String(value).toLowerCase().includes(String(needle).toLowerCase()) ? 1 : 0;
  });
}

/** Opens (creating if needed) `<dataDir>/project-api.sqlite` in WAL mode, migrated to the latest schema. */
export function openDatabase(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'project-api.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  registerFunctions(db);
  migrate(db);
  return db;
}
