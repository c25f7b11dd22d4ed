/**
 * `npm run bench -- identity`: `reduceIdentity` over a tab's full buffer, 20,000 events (the
 * per-tab cap) built from the real recorded posthog-js flows. Target: well under 50 ms.
 *
 * Cases: one identified user for all 20,000 events, each with `$set`, `$set_once` and `$groups`;
 * a QA session of 20 cycles of the recorded flow (anonymous visit → identify → alias → group →
 * reset) padded with clicks; and, as a worst case, the recorded 9-event flows of 1.130, 1.300
 * and 1.449 back to back with fresh ids (≈2,200 identities, every 1.130 event carrying
 * `$set_once`, every 1.300/1.449 identify ~50 `$set_once` keys), also in reverse arrival order.
 * Events are structured-cloned first, as they reach the popup from IndexedDB. Baseline in the
 * same run: `structuredClone` of the same events, what reading them out of the buffer costs at
 * least.
 */
import { cpus, loadavg } from 'node:os';
import { type IdentityEvent, reduceIdentity } from '../../src/core/identity';
import { type CapturedEvent, decodeRequest } from '../../src/core/wire';
import { RECORDED_VERSIONS, readWireFixture, toDecodeInput } from '../fixtures/wire/wireFixture';

const EVENTS = 20_000;
const TARGET_MS = 50;
const RUNS = Number(process.env.BENCH_RUNS ?? 25);

const flows = RECORDED_VERSIONS.map((version) =>
  readWireFixture(version).requests.flatMap((request) => decodeRequest(toDecodeInput(request)).events),
);

/**
 * The recorded flows one after another, ids rewritten per cycle so each is a new visitor, each
 * cycle a page of its own 20 s after the last; `clicksPerCycle` more clicks of the identified user
 * after the group call.
 */
function repeatedFlows(clicksPerCycle = 0): IdentityEvent[] {
  const events: IdentityEvent[] = [];
  for (let cycle = 0; events.length < EVENTS; cycle++) {
    const flow = flows[cycle % flows.length]!;
    const shift = cycle * (20_000 + clicksPerCycle * 100) - Date.parse(flow[0]!.timestamp) + Date.parse('2026-03-02T10:00:00.000Z');
    const rename = (value: unknown) =>
      typeof value === 'string' && (/^[0-9a-f-]{36}$/.test(value) || /^(user|alias)-1$/.test(value)) ? `${value}~${cycle}` : value;
    const push = (event: CapturedEvent, key: string, timestamp: number) => {
      if (events.length === EVENTS) return;
      const properties = { ...event.properties };
      for (const name of ['distinct_id', '$anon_distinct_id', '$device_id', '$session_id', '$window_id', 'alias']) properties[name] = rename(properties[name]);
      events.push({ ...event, properties, page: cycle, key, seq: events.length + 1, timestamp: new Date(timestamp + shift).toISOString() });
    };
    let clicked = 0;
    for (const event of flow) {
      push(event, `${event.uuid}~${cycle}`, Date.parse(event.timestamp) + clicked);
      if (event.event === '$groupidentify') {
        for (let i = 0; i < clicksPerCycle; i++) push({ ...event, event: '$autocapture' }, `${event.uuid}~${cycle}~${i}`, Date.parse(event.timestamp) + 1 + i * 100);
        // The rest of the flow (reset, anonymous clicks) after the clicks.
        clicked = clicksPerCycle * 100;
      }
    }
  }
  return events;
}

function oneUser(): IdentityEvent[] {
  const base = flows[2]!.find((e) => e.event === '$autocapture')!;
  return Array.from({ length: EVENTS }, (_, i) => ({
    ...base,
    key: `k${i}`,
    seq: i + 1,
    timestamp: new Date(Date.parse('2026-03-02T10:00:00.000Z') + i * 250).toISOString(),
    properties: { ...base.properties, distinct_id: 'user-1', $is_identified: true, $process_person_profile: true, $groups: { company: 'c1' } },
    $set: { plan: i % 2 === 0 ? 'pro' : 'team', last_seen_page: `/p/${i % 40}` },
    $set_once: { $initial_referrer: '$direct', signed_up_at: '2026-03-01' },
  }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Median wall time, median and least CPU time (user + system) of one run, in ms. */
function time(run: () => unknown): { wall: number; cpu: number; leastCpu: number } {
  for (let i = 0; i < 5; i++) run(); // warm-up
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    run();
    walls.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
  }
  return { wall: median(walls), cpu: median(cpus), leastCpu: Math.min(...cpus) };
}

/** As the popup gets them: structured-cloned out of IndexedDB or a message, not built by spreading. */
const reversedArrival = (events: IdentityEvent[]) => events.map((event, i) => ({ ...event, seq: events.length - i }));
const cases: [string, () => IdentityEvent[]][] = [
  ['one identified user, $set/$set_once/$groups on every event', oneUser],
  ['QA session: 20 login → alias → group → logout cycles, 1,000 events each', () => repeatedFlows(991)],
  ['worst case: the recorded flows back to back (≈2,200 identities)', () => repeatedFlows()],
  ['worst case, reverse arrival order', () => reversedArrival(repeatedFlows())],
];

// One case at a time, so the heap holds one buffer's events, as the popup does.
const rows = cases.map(([name, build]) => {
  const events = structuredClone(build());
  const report = reduceIdentity(events);
  const reduce = time(() => reduceIdentity(events));
  const copy = time(() => structuredClone(events));
  const warnings = report.tokens.reduce((n, t) => n + t.warnings.length, 0);
  const timeline = report.tokens.reduce((n, t) => n + t.timeline.length, 0);
  return `| ${name} | ${events.length.toLocaleString('en')} | ${timeline.toLocaleString('en')} | ${warnings} | ${reduce.wall.toFixed(1)} ms | ${reduce.cpu.toFixed(1)} ms | ${reduce.leastCpu.toFixed(1)} ms | ${copy.wall.toFixed(1)} ms | ${reduce.cpu < TARGET_MS ? 'yes' : 'no'} |`;
});

console.log(`## Identity reducer

\`reduceIdentity\` over ${EVENTS.toLocaleString('en')} events (a tab's whole buffer) built from the recorded posthog-js 1.130/1.300/1.449
flows, structured-cloned first as the popup reads them from IndexedDB (median of ${RUNS} runs after a warm-up; Node ${process.versions.node}, ${cpus().length} CPUs, load average
${loadavg()[0]!.toFixed(1)}). Baseline: \`structuredClone\` of the same events (what reading them out of the buffer costs at least), same run. Target < ${TARGET_MS} ms.

| case | events | timeline entries | warnings | reduceIdentity wall | CPU | least CPU | structuredClone wall | target met (median CPU) |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
${rows.join('\n')}
`);
