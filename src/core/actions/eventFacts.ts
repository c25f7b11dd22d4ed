import { type SdkElement, sdkElementsToChain } from '../elements/elementsChain';
import { type ChainColumns, chainColumns } from './chainColumns';

/**
 * An event as matching needs it: a `CapturedEvent` from the wire, or a stored event of the
 * project API (which carries the ingested `elements_chain` at the top level).
 */
export interface MatchableEvent {
  event: string;
  properties?: Readonly<Record<string, unknown>> | null;
  /** The chain as stored after ingestion; when absent it is derived from the properties. */
  elements_chain?: string | null;
}

/** The event's columns as the server has them after ingestion, computed once per event object. */
export interface EventFacts {
  event: string;
  properties: Readonly<Record<string, unknown>>;
  chain: ChainColumns;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The `elements_chain` column as PostHog ingestion fills it (plugin-server `getElementsChain`): a
 * non-empty `$elements_chain` property as it is, else `$elements` converted exactly as ingestion
 * converts it, else ''.
 */
export function ingestedElementsChain(event: MatchableEvent): string {
  if (typeof event.elements_chain === 'string') return event.elements_chain;
  const properties = event.properties ?? {};
  const chain = properties['$elements_chain'];
  if (typeof chain === 'string' && chain) return chain;
  const elements = properties['$elements'];
  if (Array.isArray(elements) && elements.length) return sdkElementsToChain(elements.filter(isRecord) as SdkElement[]);
  return '';
}

const factsCache = new WeakMap<object, EventFacts>();

/** Facts for an event; cached per event object, so treat events as immutable once matched. */
export function eventFacts(event: MatchableEvent): EventFacts {
  const hit = factsCache.get(event);
  if (hit) return hit;
  const facts: EventFacts = {
    event: event.event,
    properties: event.properties ?? {},
    chain: chainColumns(ingestedElementsChain(event)),
  };
  factsCache.set(event, facts);
  return facts;
}

/**
 * A property as HogQL reads it: `replaceRegexpAll(nullIf(nullIf(JSONExtractRaw(properties, key),
 * ''), 'null'), '^"|"$', '')`. So a missing key and JSON `null` are NULL; every other value is its
 * raw JSON text with one leading and one trailing quote removed — a string keeps its JSON escapes
 * (`say "hi"` is compared as `say \"hi\"`), `true` is `'true'`, `1` is `'1'`, an object is its JSON.
 * `$elements_chain` is the chain column; `$elements` is gone (ingestion moves both out of the
 * properties).
 */
export function hogqlProperty(facts: EventFacts, key: string): string | null {
  if (key === '$elements_chain') return facts.chain.chain;
  if (key === '$elements') return null;
  const value = facts.properties[key];
  if (value === undefined || value === null) return null;
  const raw = JSON.stringify(value);
  if (raw === undefined) return null;
  return raw.replace(/^"|"$/g, '');
}
