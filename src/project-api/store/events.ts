import type { Db } from '../db';

export interface StoredEvent {
  uuid: string;
  event: string;
  distinctId: string;
  personId: string | null;
  properties: Record<string, unknown>;
  elementsChain: string;
  /** ISO 8601 UTC with milliseconds, so that text order is time order. */
  timestamp: string;
  createdAt: string;
}

export interface EventRow {
  id: number;
  uuid: string;
  event: string;
  distinct_id: string;
  person_id: string | null;
  properties: string;
  elements_chain: string;
  timestamp: string;
  created_at: string;
}

export interface EventQuery {
  event?: string;
  distinctId?: string;
  after?: string;
  before?: string;
  limit: number;
  offset: number;
}

/** A property filter already checked by its zod schema (see schemas.ts). */
export interface EventPropertyFilter {
  key: string;
  operator: 'exact' | 'is_not' | 'icontains' | 'not_icontains' | 'regex' | 'not_regex' | 'is_set' | 'is_not_set';
  value?: unknown;
}

export interface ElementStatsQuery {
  eventTypes: readonly string[];
  dateFrom?: string;
  dateTo?: string;
  properties: readonly EventPropertyFilter[];
  limit: number;
  offset: number;
}

export interface ElementStatsRow {
  elements_chain: string;
  count: number;
  type: string;
}

/** JSON path for a property key; quoted so keys with dots or `$` stay one key. */
function jsonPath(key: string): string {
  return `$."${key.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * A property filter as SQL over `events.properties`, with PostHog's operator meanings
 * (exact with a list value is "any of"; negations also match events without the property).
 */
function propertyFilterSql(filter: EventPropertyFilter, params: unknown[]): string {
  const path = jsonPath(filter.key);
  // json_extract turns JSON true/false into 1/0; compare against text for exact/is_not.
  const text = `CAST(json_extract(properties, ?) AS TEXT)`;
  const values = Array.isArray(filter.value) ? filter.value : [filter.value];
  const asText = (value: unknown): string => (typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
  switch (filter.operator) {
    case 'is_set':
      params.push(path);
      return `json_type(properties, ?) IS NOT NULL`;
    case 'is_not_set':
      params.push(path);
      return `json_type(properties, ?) IS NULL`;
    case 'exact':
    case 'is_not': {
      params.push(path, ...values.map(asText));
      const list = `${text} IN (${values.map(() => '?').join(', ')})`;
      return filter.operator === 'exact' ? list : `NOT coalesce(${list}, 0)`;
    }
    case 'icontains':
      params.push(path, asText(filter.value));
      return `icontains(${text}, ?)`;
    case 'not_icontains':
      params.push(path, asText(filter.value));
      return `NOT icontains(${text}, ?)`;
    case 'regex':
      params.push(path, asText(filter.value));
      return `${text} REGEXP ?`;
    case 'not_regex':
      params.push(path, asText(filter.value));
      return `NOT coalesce(${text} REGEXP ?, 0)`;
  }
}

/** Events: insert with PostHog's dedup by uuid, list newest first, group by elements chain. */
export class EventStore {
  private readonly insertStatement;
  private readonly existsStatement;

  constructor(private readonly db: Db) {
    this.insertStatement = db.prepare(
      `INSERT OR IGNORE INTO events (project_id, uuid, event, distinct_id, person_id, properties, elements_chain, timestamp, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.existsStatement = db.prepare('SELECT 1 FROM events WHERE project_id = ? AND uuid = ?');
  }

  exists(projectId: number, uuid: string): boolean {
    return this.existsStatement.get(projectId, uuid) !== undefined;
  }

  /** False when an event with this uuid is already stored (PostHog keeps the first). */
  insert(projectId: number, event: StoredEvent): boolean {
    const { changes } = this.insertStatement.run(
      projectId,
      event.uuid,
      event.event,
      event.distinctId,
      event.personId,
      JSON.stringify(event.properties),
      event.elementsChain,
      event.timestamp,
      event.createdAt,
    );
    return changes > 0;
  }

  /** Newest first; `limit + 1` rows are read so the caller knows whether there is a next page. */
  list(projectId: number, query: EventQuery): EventRow[] {
    const where = ['project_id = ?'];
    const params: unknown[] = [projectId];
    if (query.event !== undefined) {
      where.push('event = ?');
      params.push(query.event);
    }
    if (query.distinctId !== undefined) {
      where.push('distinct_id = ?');
      params.push(query.distinctId);
    }
    if (query.after !== undefined) {
      where.push('timestamp > ?');
      params.push(query.after);
    }
    if (query.before !== undefined) {
      where.push('timestamp < ?');
      params.push(query.before);
    }
    params.push(query.limit + 1, query.offset);
    return this.db
      .prepare(`SELECT * FROM events WHERE ${where.join(' AND ')} ORDER BY timestamp DESC, id DESC LIMIT ? OFFSET ?`)
      .all(...params) as EventRow[];
  }

  /**
   * PostHog's GET_ELEMENTS: count events per (elements_chain, event) among the given event types,
   * most clicked first. Reads `limit + 1` rows for pagination.
   */
  elementStats(projectId: number, query: ElementStatsQuery): ElementStatsRow[] {
    if (query.eventTypes.length === 0) return [];
    const where = ['project_id = ?', `event IN (${query.eventTypes.map(() => '?').join(', ')})`, "elements_chain != ''"];
    const params: unknown[] = [projectId, ...query.eventTypes];
    if (query.dateFrom !== undefined) {
      where.push('timestamp >= ?');
      params.push(query.dateFrom);
    }
    if (query.dateTo !== undefined) {
      where.push('timestamp <= ?');
      params.push(query.dateTo);
    }
    for (const filter of query.properties) where.push(propertyFilterSql(filter, params));
    params.push(query.limit + 1, query.offset);
    return this.db
      .prepare(
        `SELECT elements_chain, count(*) AS count, event AS type FROM events
         WHERE ${where.join(' AND ')}
         GROUP BY elements_chain, event
         ORDER BY count DESC, max(timestamp) DESC, elements_chain, event
         LIMIT ? OFFSET ?`,
      )
      .all(...params) as ElementStatsRow[];
  }
}
