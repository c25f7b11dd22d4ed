/**
 * Action matching throughput: event × step evaluations per second, over 500 actions × 10,000
 * events built from the chains recorded from real posthog-js clicks (test/fixtures/actions).
 * Target: ≥ 1,000,000 evaluations/s for the counting path (`actionMatches`).
 *
 *   npm run bench -- actionMatching
 *
 * Prints one Markdown section and nothing else. Each figure is the median of RUNS runs after a
 * warm-up run; generation is seeded, so every run sees the same actions and events.
 */
import { cpus } from 'node:os';
import { actionMatches, type MatchableAction, type MatchableEvent, type MatchableStep, matchAction } from '../../src/core/actions';
import { type ChainElement, parseElementsChain } from '../../src/core/elements/elementsChain';
import { loadRecordedChains, type RecordedChain } from '../fixtures/actions/recordedChains';
import { seededRandom } from '../../src/core/seededRandom';

const ACTIONS = 500;
const EVENTS = 10_000;
const DETAILED_EVENTS = 1_000;
const RUNS = 7;
const TARGET = 1_000_000;

const random = seededRandom(20_241_125);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const CUSTOM_EVENTS = ['signed_up', 'invoice_sent', 'plan_changed', 'workspace_created'];

function makeEvents(chains: readonly RecordedChain[]): MatchableEvent[] {
  const events: MatchableEvent[] = [];
  for (let i = 0; i < EVENTS; i++) {
    const recorded = pick(chains);
    const roll = random();
    if (roll < 0.6) {
      events.push({ event: '$autocapture', properties: { $current_url: recorded.url, $event_type: recorded.eventType, $elements_chain: recorded.chain } });
    } else if (roll < 0.9) {
      events.push({ event: '$pageview', properties: { $current_url: recorded.url, $pathname: new URL(recorded.url).pathname } });
    } else {
      events.push({ event: pick(CUSTOM_EVENTS), properties: { $current_url: recorded.url, plan: pick(['free', 'pro', 'team']), seats: Math.floor(random() * 50) } });
    }
  }
  return events;
}

/** A selector of the kinds people and toolbars write, built from an element of a recorded chain. */
function selectorFor(elements: readonly ChainElement[]): string {
  const index = Math.min(elements.length - 1, Math.floor(random() * 3));
  const element = elements[index] as ChainElement;
  const parent = elements[index + 1];
  const tag = element.tag_name ?? 'div';
  const cls = element.attr_class?.[0];
  const attribute = Object.entries(element.attributes).find(([key, value]) => key !== 'attr__class' && key !== 'attr__style' && !value.includes('"'));
  const shapes = [
    () => tag,
    () => (cls ? `.${cls}` : tag),
    () => (cls ? `${tag}.${cls}` : tag),
    () => (attribute ? `[${attribute[0].slice('attr__'.length)}="${attribute[1]}"]` : tag),
    () => (parent?.tag_name ? `${parent.tag_name} > ${tag}` : tag),
    () => (parent?.attr_class?.[0] ? `.${parent.attr_class[0]} ${tag}` : tag),
    () => (element.attr_id ? `#${element.attr_id}` : `${tag}:nth-child(${element.nth_child ?? 1})`),
  ];
  return pick(shapes)();
}

function makeStep(chains: readonly RecordedChain[]): MatchableStep {
  const recorded = pick(chains);
  const roll = random();
  if (roll < 0.55) {
    const elements = parseElementsChain(recorded.chain);
    const step: MatchableStep = { event: '$autocapture', selector: selectorFor(elements) };
    const text = elements[0]?.text;
    if (text && random() < 0.3) Object.assign(step, random() < 0.5 ? { text } : { text: text.slice(0, 4), text_matching: 'contains' });
    if (random() < 0.3) step.url = new URL(recorded.url).pathname;
    return step;
  }
  if (roll < 0.8) {
    const path = new URL(recorded.url).pathname;
    return random() < 0.5 ? { event: '$pageview', url: path } : { event: '$pageview', url: `${path.replace(/[.]/g, '\\.')}$`, url_matching: 'regex' };
  }
  if (roll < 0.9) return { event: '$autocapture', href: pick(['#', '/pricing', '/signup']), href_matching: pick(['exact', 'contains']) };
  return { event: pick(CUSTOM_EVENTS), properties: [{ key: 'plan', value: pick(['pro', 'team']), operator: pick(['exact', 'is_not']), type: 'event' }] };
}

function makeActions(chains: readonly RecordedChain[]): MatchableAction[] {
  return Array.from({ length: ACTIONS }, () => ({ steps: Array.from({ length: 1 + Math.floor(random() * 3) }, () => makeStep(chains)) }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Runs `work` once to warm up, then RUNS times; returns the median milliseconds. */
function time(work: () => number): { ms: number; result: number } {
  let result = work();
  const samples: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = process.hrtime.bigint();
    result = work();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { ms: median(samples), result };
}

function countMatches(actions: readonly MatchableAction[], events: readonly MatchableEvent[]): number {
  let matches = 0;
  for (const action of actions) for (const event of events) if (actionMatches(action, event)) matches++;
  return matches;
}

const chains = loadRecordedChains().chains;
const events = makeEvents(chains);
const actions = makeActions(chains);
const steps = actions.reduce((sum, action) => sum + (action.steps?.length ?? 0), 0);
const pairs = EVENTS * steps;

const coldStart = process.hrtime.bigint();
countMatches(actions, events.slice(0, 1));
const coldCompileMs = Number(process.hrtime.bigint() - coldStart) / 1e6;

const warm = time(() => countMatches(actions, events));
// Every step as its own action: no OR short-circuit, each of the pairs is really evaluated.
const singleStepActions = actions.flatMap((action) => (action.steps ?? []).map((step) => ({ steps: [step] })));
const everyStep = time(() => countMatches(singleStepActions, events));
// New event objects each run: per-event facts are recomputed (chain columns stay cached by chain).
const fresh = time(() => countMatches(actions, events.map((event) => ({ ...event }))));
const detailedEvents = events.slice(0, DETAILED_EVENTS);
const detailed = time(() => {
  let matches = 0;
  for (const action of actions) for (const event of detailedEvents) if (matchAction(action, event).matched) matches++;
  return matches;
});

const format = (n: number) => Math.round(n).toLocaleString('en-US');
const row = (name: string, evaluated: number, ms: number) => `| ${name} | ${format(evaluated)} | ${ms.toFixed(0)} ms | ${format((evaluated / ms) * 1000)} |`;

console.log(
  [
    '## Action matching',
    '',
    `Event × step evaluations per second: ${ACTIONS} actions (${steps} steps: selectors, text, href, URL, properties) × ${format(EVENTS)} events built from the ${chains.length} chains recorded from real posthog-js clicks (\`test/fixtures/actions/recordedChains.json\`). Median of ${RUNS} runs after a warm-up; Node ${process.versions.node}, ${cpus().length} CPUs. Steps are OR-ed, so a matching step ends an action's evaluation early: the first row counts every event × step pair the verdicts cover, the second evaluates each pair.`,
    '',
    '| case | event × step pairs | median time | pairs/s |',
    '| --- | ---: | ---: | ---: |',
    row('`actionMatches` (counting), compiled, events seen before', pairs, warm.ms),
    row('`actionMatches`, every step evaluated (each step as its own action)', pairs, everyStep.ms),
    row('`actionMatches`, new event objects every run', pairs, fresh.ms),
    row(`\`matchAction\` (every condition, with reasons), ${format(DETAILED_EVENTS)} events`, DETAILED_EVENTS * steps, detailed.ms),
    '',
    `Target ≥ ${format(TARGET)} pairs/s for counting: ${(pairs / warm.ms) * 1000 >= TARGET ? 'met' : 'NOT met'}. ${format(warm.result)} of ${format(ACTIONS * EVENTS)} action × event pairs match. Compiling all ${ACTIONS} actions from cold caches, with the first event: ${coldCompileMs.toFixed(0)} ms.`,
  ].join('\n'),
);
