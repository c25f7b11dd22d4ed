import type { Condition, IgnoredCondition } from './matchResult';
import { propertyCondition } from './propertyCondition';
import { eventCondition, hrefCondition, selectorCondition, tagNameCondition, textCondition, urlCondition } from './stepConditions';

/**
 * A step's conditions in the order and under the guards of `steps_to_expr`:
 *
 * - `event` only when non-empty (`if step.event`).
 * - Element conditions only when `event` is exactly `$autocapture`; on any other step (no event
 *   included) they are silently ignored — the step then matches more than it seems to.
 * - `selector` only when non-empty; `tag_name`, `href`, `text` whenever not null — an empty string
 *   is a condition too (`text: ""` wants an element whose text is empty, which the chain never has).
 * - `url` only when non-empty; `properties` only when a non-empty list.
 * - No condition at all: the step matches every event.
 */

export const AUTOCAPTURE_EVENT = '$autocapture';

/** What matching reads from a step; any object with these fields works (API, storage, editor). */
export interface MatchableStep {
  event?: string | null;
  selector?: string | null;
  tag_name?: string | null;
  text?: string | null;
  text_matching?: string | null;
  href?: string | null;
  href_matching?: string | null;
  url?: string | null;
  url_matching?: string | null;
  properties?: readonly unknown[] | null;
}

export interface CompiledStep {
  /** The step's `event` when it has one: a cheap first check. */
  event: string | undefined;
  conditions: Condition[];
  ignored: IgnoredCondition[];
}

const ELEMENT_FIELDS = ['selector', 'tag_name', 'href', 'text'] as const;

export function compileStep(step: MatchableStep): CompiledStep {
  const conditions: Condition[] = [];
  const ignored: IgnoredCondition[] = [];
  const event = step.event ? step.event : undefined;
  if (event !== undefined) conditions.push(eventCondition(event));

  if (event === AUTOCAPTURE_EVENT) {
    if (step.selector) conditions.push(selectorCondition(step.selector));
    else if (step.selector === '') ignored.push({ kind: 'selector', path: ['selector'], value: '', reason: 'an empty selector is the same as none' });
    if (step.tag_name != null) conditions.push(tagNameCondition(step.tag_name));
    if (step.href != null) conditions.push(hrefCondition(step.href, step.href_matching));
    if (step.text != null) conditions.push(textCondition(step.text, step.text_matching));
  } else {
    for (const field of ELEMENT_FIELDS) {
      const value = step[field];
      if (value == null) continue;
      ignored.push({
        kind: field,
        path: [field],
        value,
        reason: `${field} is ignored: element conditions apply only when the step's event is $autocapture${event === undefined ? ' (this step has no event)' : ''}`,
      });
    }
  }

  if (step.url) conditions.push(urlCondition(step.url, step.url_matching));
  else if (step.url === '') ignored.push({ kind: 'url', path: ['url'], value: '', reason: 'an empty URL is the same as none' });

  if (Array.isArray(step.properties)) step.properties.forEach((raw, index) => conditions.push(propertyCondition(raw, index)));
  return { event, conditions, ignored };
}
