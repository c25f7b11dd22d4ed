import { randomUUID } from 'node:crypto';
import type { Db } from '../db';

export interface PersonRow {
  id: number;
  uuid: string;
  project_id: number;
  created_at: string;
  properties: string;
  is_identified: number;
}

export interface Person {
  id: number;
  uuid: string;
  created_at: string;
  properties: Record<string, unknown>;
  is_identified: boolean;
  distinct_ids: string[];
}

export interface PersonPropertyUpdate {
  set?: Record<string, unknown>;
  setOnce?: Record<string, unknown>;
  unset?: readonly string[];
}

function parseProperties(json: string): Record<string, unknown> {
  const value: unknown = JSON.parse(json);
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * Persons and their distinct ids, with PostHog's identity rules (plugin-server `PersonState`):
 * a person per distinct id, `$identify`/`$create_alias` merge two ids into one person, but never
 * merge away a person that is already identified (unless `$merge_dangerously`).
 */
export class PersonStore {
  private readonly statements;

  constructor(private readonly db: Db) {
    this.statements = {
      byDistinctId: db.prepare(
        `SELECT p.* FROM person_distinct_ids d JOIN persons p ON p.id = d.person_id
         WHERE d.project_id = ? AND d.distinct_id = ?`,
      ),
      byId: db.prepare('SELECT * FROM persons WHERE id = ?'),
      byUuid: db.prepare('SELECT * FROM persons WHERE project_id = ? AND uuid = ?'),
      insertPerson: db.prepare(
        'INSERT INTO persons (uuid, project_id, created_at, properties, is_identified) VALUES (?, ?, ?, ?, ?)',
      ),
      insertDistinctId: db.prepare(
        'INSERT OR REPLACE INTO person_distinct_ids (project_id, distinct_id, person_id) VALUES (?, ?, ?)',
      ),
      distinctIds: db.prepare('SELECT distinct_id FROM person_distinct_ids WHERE person_id = ? ORDER BY rowid'),
      setProperties: db.prepare('UPDATE persons SET properties = ? WHERE id = ?'),
      setIdentified: db.prepare('UPDATE persons SET is_identified = 1 WHERE id = ?'),
      moveDistinctIds: db.prepare('UPDATE person_distinct_ids SET person_id = ? WHERE person_id = ?'),
      mergeInto: db.prepare('UPDATE persons SET properties = ?, created_at = ?, is_identified = 1 WHERE id = ?'),
      deletePerson: db.prepare('DELETE FROM persons WHERE id = ?'),
      repointEvents: db.prepare('UPDATE events SET person_id = ? WHERE project_id = ? AND person_id = ?'),
      list: db.prepare('SELECT * FROM persons WHERE project_id = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?'),
      upsertGroup: db.prepare(
        `INSERT INTO groups (project_id, group_type, group_key, properties, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (project_id, group_type, group_key) DO UPDATE SET properties = excluded.properties`,
      ),
      group: db.prepare('SELECT properties FROM groups WHERE project_id = ? AND group_type = ? AND group_key = ?'),
    };
  }

  byDistinctId(projectId: number, distinctId: string): PersonRow | undefined {
    return this.statements.byDistinctId.get(projectId, distinctId) as PersonRow | undefined;
  }

  byUuid(projectId: number, uuid: string): PersonRow | undefined {
    return this.statements.byUuid.get(projectId, uuid) as PersonRow | undefined;
  }

  byId(projectId: number, id: number): PersonRow | undefined {
    const row = this.statements.byId.get(id) as PersonRow | undefined;
    return row?.project_id === projectId ? row : undefined;
  }

  list(projectId: number, limit: number, offset: number): PersonRow[] {
    return this.statements.list.all(projectId, limit, offset) as PersonRow[];
  }

  /** The row with its distinct ids, in the order they were first seen, and parsed properties. */
  expand(row: PersonRow): Person {
    const distinctIds = (this.statements.distinctIds.all(row.id) as { distinct_id: string }[]).map((d) => d.distinct_id);
    return {
      id: row.id,
      uuid: row.uuid,
      created_at: row.created_at,
      properties: parseProperties(row.properties),
      is_identified: row.is_identified === 1,
      distinct_ids: distinctIds,
    };
  }

  private create(projectId: number, distinctIds: readonly string[], createdAt: string, identified: boolean): PersonRow {
    const uuid = randomUUID();
    const { lastInsertRowid } = this.statements.insertPerson.run(uuid, projectId, createdAt, '{}', identified ? 1 : 0);
    for (const distinctId of distinctIds) this.statements.insertDistinctId.run(projectId, distinctId, lastInsertRowid);
    return this.statements.byId.get(lastInsertRowid) as PersonRow;
  }

  private reload(row: PersonRow): PersonRow {
    return this.statements.byId.get(row.id) as PersonRow;
  }

  getOrCreate(projectId: number, distinctId: string, timestamp: string): PersonRow {
    return this.byDistinctId(projectId, distinctId) ?? this.create(projectId, [distinctId], timestamp, false);
  }

  /**
   * `$identify` (`$anon_distinct_id` → `distinct_id`) and `$create_alias` (`alias` → `distinct_id`):
   * afterwards both ids belong to one identified person. Two different persons are merged into
   * the one of `intoId` only while the other is not identified yet (PostHog refuses to merge an
   * identified person away; `force` is `$merge_dangerously`).
   */
  mergeDistinctIds(projectId: number, otherId: string, intoId: string, timestamp: string, force = false): PersonRow {
    if (otherId === intoId) return this.getOrCreate(projectId, intoId, timestamp);
    const other = this.byDistinctId(projectId, otherId);
    const into = this.byDistinctId(projectId, intoId);

    if (!other && !into) return this.create(projectId, [intoId, otherId], timestamp, true);
    if (other && !into) {
      this.statements.insertDistinctId.run(projectId, intoId, other.id);
      this.statements.setIdentified.run(other.id);
      return this.reload(other);
    }
    if (!other && into) {
      this.statements.insertDistinctId.run(projectId, otherId, into.id);
      this.statements.setIdentified.run(into.id);
      return this.reload(into);
    }
    if (!other || !into) throw new Error('unreachable');
    if (other.id === into.id) {
      this.statements.setIdentified.run(into.id);
      return this.reload(into);
    }
    if (other.is_identified === 1 && !force) {
      // PostHog logs this as an illegal merge and leaves both persons as they are.
      return into;
    }
    // The person merged into wins on conflicting properties; the older creation date is kept.
    const properties = { ...parseProperties(other.properties), ...parseProperties(into.properties) };
    const createdAt = other.created_at < into.created_at ? other.created_at : into.created_at;
    this.statements.moveDistinctIds.run(into.id, other.id);
    this.statements.mergeInto.run(JSON.stringify(properties), createdAt, into.id);
    this.statements.repointEvents.run(into.uuid, projectId, other.uuid);
    this.statements.deletePerson.run(other.id);
    return this.reload(into);
  }

  /** `$set_once` fills only missing keys, then `$set` overwrites, then `$unset` removes. */
  updateProperties(row: PersonRow, update: PersonPropertyUpdate): PersonRow {
    const before = row.properties;
    // Spreads define own keys, so a `__proto__` property name is stored like any other.
    let properties = parseProperties(before);
    const missing = Object.entries(update.setOnce ?? {}).filter(([key]) => !Object.hasOwn(properties, key));
    properties = { ...properties, ...Object.fromEntries(missing), ...update.set };
    for (const key of update.unset ?? []) delete properties[key];
    const after = JSON.stringify(properties);
    if (after === before) return row;
    this.statements.setProperties.run(after, row.id);
    return { ...row, properties: after };
  }

  /** `$groupidentify`: creates the group or merges `$group_set` into its properties. */
  upsertGroup(projectId: number, groupType: string, groupKey: string, set: Record<string, unknown>, timestamp: string): void {
    const existing = this.statements.group.get(projectId, groupType, groupKey) as { properties: string } | undefined;
    const properties = { ...(existing ? parseProperties(existing.properties) : {}), ...set };
    this.statements.upsertGroup.run(projectId, groupType, groupKey, JSON.stringify(properties), timestamp);
  }

  group(projectId: number, groupType: string, groupKey: string): Record<string, unknown> | undefined {
    const row = this.statements.group.get(projectId, groupType, groupKey) as { properties: string } | undefined;
    return row ? parseProperties(row.properties) : undefined;
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
