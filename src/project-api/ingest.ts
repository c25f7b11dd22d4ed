import { randomUUID } from 'node:crypto';
import { sdkElementsToChain, type SdkElement } from '../core/elements/elementsChain';
import type { CapturedEvent } from '../core/wire/index';
import type { EventStore } from './store/events';
import type { PersonStore } from './store/persons';

export interface IngestSummary {
  received: number;
  stored: number;
  duplicates: number;
  /** Events without a distinct id are dropped (PostHog's capture rejects them too). */
  dropped: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() ? value : undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function recordOf(value: unknown): Record<string, unknown> | undefined {
  return isRecord(value) ? value : undefined;
}

/** ISO 8601 UTC with milliseconds (text order = time order in SQLite); `fallback` for nonsense. */
export function normalizeTimestamp(value: string, fallback: number): string {
  const ms = Date.parse(value);
  return new Date(Number.isFinite(ms) ? ms : fallback).toISOString();
}

/**
 * `elements_chain` as PostHog ingestion derives it: the SDK's `$elements_chain` when sent,
 * otherwise the chain built from `$elements` (autocapture with `elementsChainAsString` off).
 */
export function elementsChainOf(properties: Record<string, unknown>): string {
  const chain = properties['$elements_chain'];
  if (typeof chain === 'string' && chain) return chain;
  const elements = properties['$elements'];
  if (Array.isArray(elements) && elements.length) return sdkElementsToChain(elements.filter(isRecord) as SdkElement[]);
  return '';
}

/** The project token a request carries: the first event's `token` (the envelope's `api_key` lands there). */
export function tokenOf(events: readonly CapturedEvent[]): string | undefined {
  for (const event of events) {
    const token = event.properties['token'] ?? event.properties['$token'] ?? event.properties['api_key'];
    if (typeof token === 'string' && token) return token;
  }
  return undefined;
}

/**
 * Stores decoded events for a project and runs PostHog's person processing on each, in order,
 * in one transaction: a person per distinct id (unless `$process_person_profile` is false),
 * identity merges for `$identify` / `$create_alias` / `$merge_dangerously`, `$set` / `$set_once`
 * / `$unset`, and groups for `$groupidentify`. A uuid seen before is skipped entirely.
 */
export class Ingestor {
  constructor(
    private readonly events: EventStore,
    private readonly persons: PersonStore,
  ) {}

  ingest(projectId: number, batch: readonly CapturedEvent[], receivedAt: number): IngestSummary {
    const summary: IngestSummary = { received: batch.length, stored: 0, duplicates: 0, dropped: 0 };
    const createdAt = new Date(receivedAt).toISOString();
    this.persons.transaction(() => {
      for (const captured of batch) {
        const distinctId = idOf(captured.properties['distinct_id']) ?? idOf(captured.properties['$distinct_id']);
        if (distinctId === undefined) {
          summary.dropped++;
          continue;
        }
        const uuid = captured.uuid || randomUUID();
        if (this.events.exists(projectId, uuid)) {
          summary.duplicates++;
          continue;
        }
        const timestamp = normalizeTimestamp(captured.timestamp, receivedAt);
        const personId = this.processPerson(projectId, captured, distinctId, timestamp);
        const { $elements: _elements, ...properties } = captured.properties;
        const inserted = this.events.insert(projectId, {
          uuid,
          event: captured.event,
          distinctId,
          personId,
          properties,
          elementsChain: elementsChainOf(captured.properties),
          timestamp,
          createdAt,
        });
        if (inserted) summary.stored++;
        else summary.duplicates++;
      }
    });
    return summary;
  }

  private processPerson(projectId: number, captured: CapturedEvent, distinctId: string, timestamp: string): string | null {
    const properties = captured.properties;
    if (captured.event === '$groupidentify') {
      const groupType = idOf(properties['$group_type']);
      const groupKey = idOf(properties['$group_key']);
      if (groupType && groupKey) {
        this.persons.upsertGroup(projectId, groupType, groupKey, recordOf(properties['$group_set']) ?? {}, timestamp);
      }
    }

    if (properties['$process_person_profile'] === false) {
      // Personless event: linked to an existing person if there is one, which stays unchanged.
      return this.persons.byDistinctId(projectId, distinctId)?.uuid ?? null;
    }

    let person;
    const anonId = idOf(properties['$anon_distinct_id']);
    const alias = idOf(properties['alias']);
    if (captured.event === '$identify' && anonId !== undefined) {
      person = this.persons.mergeDistinctIds(projectId, anonId, distinctId, timestamp);
    } else if ((captured.event === '$create_alias' || captured.event === '$merge_dangerously') && alias !== undefined) {
      person = this.persons.mergeDistinctIds(projectId, alias, distinctId, timestamp, captured.event === '$merge_dangerously');
    } else {
      person = this.persons.getOrCreate(projectId, distinctId, timestamp);
    }

    const unset = properties['$unset'];
    person = this.persons.updateProperties(person, {
      set: { ...recordOf(properties['$set']), ...captured.$set },
      setOnce: { ...recordOf(properties['$set_once']), ...captured.$set_once },
      unset: Array.isArray(unset) ? unset.filter((key): key is string => typeof key === 'string') : [],
    });
    return person.uuid;
  }
}
