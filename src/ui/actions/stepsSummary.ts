import type { MatchableStep } from '../../core/actions/compileStep';

/**
 * An action's steps on one line, as the Actions view lists them:
 * `click [data-attr="signup"] · pageview /pricing`. Steps are alternatives (the server ORs them),
 * so they are joined with a middle dot, not "and". Only the fields the server checks for the step
 * are shown (element fields count on `$autocapture` steps alone, see core/actions/compileStep.ts).
 */

const EVENT_LABELS: Record<string, string> = {
  // PostHog's toolbar and action editor call an autocapture step a click; it also covers change and submit.
  $autocapture: 'click',
  $pageview: 'pageview',
  $pageleave: 'pageleave',
  $screen: 'screen',
};

/** `text "Sign up"`, `text contains "sign"`, `text ~ ^Sign`; URLs with contains (the default) bare. */
function matched(field: 'text' | 'href' | 'url', value: string, matching: string | null | undefined): string {
  const mode = matching ?? (field === 'url' ? 'contains' : 'exact');
  if (mode === 'regex') return `${field} ~ ${value}`;
  if (field === 'url') return mode === 'exact' ? `url = ${value}` : value;
  return mode === 'contains' ? `${field} contains "${value}"` : `${field} "${value}"`;
}

export function stepSummary(step: MatchableStep): string {
  const parts = [step.event ? (EVENT_LABELS[step.event] ?? step.event) : 'any event'];
  if (step.event === '$autocapture') {
    if (step.selector) parts.push(step.selector);
    if (step.tag_name != null) parts.push(`<${step.tag_name}>`);
    if (step.text != null) parts.push(matched('text', step.text, step.text_matching));
    if (step.href != null) parts.push(matched('href', step.href, step.href_matching));
  }
  if (step.url) parts.push(matched('url', step.url, step.url_matching));
  const properties = step.properties?.length ?? 0;
  if (properties > 0) parts.push(`+${properties} ${properties === 1 ? 'property' : 'properties'}`);
  return parts.join(' ');
}

export function stepsSummary(steps: readonly MatchableStep[] | null | undefined): string {
  if (!steps || steps.length === 0) return 'no steps (matches every event)';
  return steps.map(stepSummary).join(' · ');
}
