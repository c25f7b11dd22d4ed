/**
 * `npm run bench -- selectors`: the selector engine against the baseline (`@medv/finder` as
 * PostHog's toolbar configures it; see selectorBenchPage.ts) on every page of the inspector corpus
 * (`ACTIONLENS_CORPUS`, default `../shared/corpus` beside the repository), in Chromium with the pages'
 * JavaScript disabled and every request that is not `file:` aborted (as the corpus README says).
 *
 * For each page's candidates (`findCandidates`; at most `SELECTOR_SAMPLE` per page, evenly spread):
 * uniqueness as CSS and on the server (the chain regex, `CandidateIndex.serverMatches`), whether the
 * server matches the element at all, selector length and generation time (`BENCH_RUNS` runs per
 * element, the engines alternating which goes first; the median run per element). Then survival:
 * for each kind of change a fresh load of the page, the change applied for all sampled elements at
 * once, and every selector checked again — still exactly the same element, as CSS and on the server.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../e2e/support/chromium';
import type { ChangeKind, Engine, PageResult, SurvivalResult } from './selectorBenchPage';
import { CHANGE_KINDS, CHANGE_LABELS, ENGINES } from './selectorBenchPage';
import { bundleForPage } from '../support/bundleForPage';
import { percentile } from './percentile';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const corpus = process.env.ACTIONLENS_CORPUS ?? path.resolve(repoRoot, '../shared/corpus');
const SAMPLE = Number(process.env.SELECTOR_SAMPLE ?? 150);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const only = process.env.SELECTOR_PAGES?.split(',');

async function pageScript(): Promise<string> {
  return bundleForPage(`import * as bench from './selectorBenchPage'; window.__selectorBench = bench;`, { resolveDir: here, sourcefile: 'selector-bench-page.ts' });
}

interface PageRecord {
  name: string;
  result: PageResult;
  survival: Record<ChangeKind, SurvivalResult[]>;
}

async function load(page: Page, file: string, script: string): Promise<void> {
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  // The pages' own scripts stay off; this evaluates in the page regardless.
  await page.evaluate(script);
}

async function measurePage(page: Page, file: string, script: string): Promise<PageRecord> {
  await load(page, file, script);
  const result = (await page.evaluate(`window.__selectorBench.measureSelectors(${SAMPLE}, ${RUNS})`)) as PageResult;
  const positions = result.elements.map((element) => element.position);
  const selectors = Object.fromEntries(ENGINES.map((engine) => [engine, result.elements.map((element) => element[engine].selector)])) as Record<Engine, Array<string | null>>;
  const survival = {} as Record<ChangeKind, SurvivalResult[]>;
  for (const kind of CHANGE_KINDS) {
    await load(page, file, script);
    const outcome = (await page.evaluate(`window.__selectorBench.measureSurvival(${JSON.stringify(kind)}, ${JSON.stringify(positions)}, ${JSON.stringify(selectors)})`)) as SurvivalResult[] | string;
    if (typeof outcome === 'string') throw new Error(`${path.basename(file)}, ${kind}: ${outcome}`);
    survival[kind] = outcome;
  }
  return { name: path.basename(file, '.html'), result, survival };
}

// ---- figures ----------------------------------------------------------------------------------------

function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const pct = (part: number, whole: number) => (whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)}%`);
const ms = (value: number) => (Number.isNaN(value) ? '–' : value.toFixed(2));

interface Figures {
  elements: number;
  cannot: number;
  uniqueCss: Record<Engine, number>;
  uniqueServer: Record<Engine, number>;
  uniqueBoth: Record<Engine, number>;
  matchable: Record<Engine, number>;
  none: Record<Engine, number>;
  escapes: Record<Engine, number>;
  nthOfType: Record<Engine, number>;
  lengths: Record<Engine, number[]>;
  times: Record<Engine, number[]>;
}

function figures(pages: PageRecord[]): Figures {
  const zero = () => ({ ours: 0, baseline: 0 });
  const f: Figures = {
    elements: 0,
    cannot: 0,
    uniqueCss: zero(),
    uniqueServer: zero(),
    uniqueBoth: zero(),
    matchable: zero(),
    none: zero(),
    escapes: zero(),
    nthOfType: zero(),
    lengths: { ours: [], baseline: [] },
    times: { ours: [], baseline: [] },
  };
  for (const { result } of pages) {
    for (const element of result.elements) {
      f.elements++;
      if (element.sameChainAsAnother) f.cannot++;
      for (const engine of ENGINES) {
        const v = element[engine];
        f.times[engine].push(median(element.time[engine]));
        if (v.selector === null) {
          f.none[engine]++;
          continue;
        }
        f.lengths[engine].push(v.selector.length);
        if (v.uniqueAsCss) f.uniqueCss[engine]++;
        if (v.matchesOnServer) f.matchable[engine]++;
        if (!element.sameChainAsAnother && v.uniqueOnServer) f.uniqueServer[engine]++;
        if (!element.sameChainAsAnother && v.uniqueOnServer && v.uniqueAsCss) f.uniqueBoth[engine]++;
        if (v.selector.includes('\\')) f.escapes[engine]++;
        if (v.selector.includes(':nth-of-type')) f.nthOfType[engine]++;
      }
    }
  }
  return f;
}

interface SurvivalFigures {
  /** [survived, applicable] per kind and engine; `null` key: overall (every applicable change survived). */
  css: Record<string, Record<Engine, [number, number]>>;
  server: Record<string, Record<Engine, [number, number]>>;
}

/** Counted over the selectors that singled their element out before the change (as CSS, resp. on the server). */
function survivalFigures(pages: PageRecord[]): SurvivalFigures {
  const blank = () => Object.fromEntries([...CHANGE_KINDS, 'overall'].map((kind) => [kind, { ours: [0, 0], baseline: [0, 0] }])) as Record<string, Record<Engine, [number, number]>>;
  const out: SurvivalFigures = { css: blank(), server: blank() };
  for (const { result, survival } of pages) {
    result.elements.forEach((element, i) => {
      for (const engine of ENGINES) {
        for (const view of ['css', 'server'] as const) {
          const before = view === 'css' ? element[engine].uniqueAsCss : element[engine].uniqueOnServer;
          if (!before) continue;
          let all = true;
          for (const kind of CHANGE_KINDS) {
            const outcome = survival[kind][i]!;
            if (!outcome.applies) continue;
            const cell = out[view][kind]![engine];
            cell[1]++;
            if (outcome[view][engine]) cell[0]++;
            else all = false;
          }
          const overall = out[view].overall![engine];
          overall[1]++;
          if (all) overall[0]++;
        }
      }
    });
  }
  return out;
}

function report(pages: PageRecord[], meta: { chromium: string; load: string; seconds: number }): string {
  const f = figures(pages);
  const s = survivalFigures(pages);
  const able = f.elements - f.cannot;
  const ratio = (ours: number, baseline: number) => (ours === 0 ? '–' : `${(baseline / ours).toFixed(1)}×`);
  const lines = [
    '## Selectors (issue 7)',
    '',
    `Every page of the inspector corpus (${pages.length} pages), Chromium ${meta.chromium}, pages' JavaScript off. Candidates from \`findCandidates\`, at most ${SAMPLE} per page evenly spread (${f.elements.toLocaleString('en')} elements in all). Baseline in the same run: \`@medv/finder\` 4.0.2 as PostHog's toolbar configures it (\`data-attr\` first, \`seedMinLength: 5\`, any \`data-*\`, html/body/meta/head/script/link/style ignored; given the element's own root for shadow roots and frames). ${f.cannot} of the elements (${pct(f.cannot, f.elements)}) cannot be singled out: another candidate, neither inside the other, has exactly the same click chain from the element up to its root's top (the whole chain in the document; up to the shadow root's top for shadow content, since CSS from inside cannot reach the host) — whatever selects one as CSS is found on the server in the other's chain; they are left out of the server figures. Generation time: the median of ${RUNS} runs per element (engines alternating), then the median and p99 over elements; Chromium's \`performance.now()\` is coarsened to 0.1 ms outside cross-origin isolation. \`npm run bench -- selectors\`, ${cpus().length} cores, load average (1 min) ${meta.load}, ${Math.round(meta.seconds)} s.`,
    '',
    '| | ours | baseline | target |',
    '| --- | ---: | ---: | --- |',
    `| unique as CSS | **${pct(f.uniqueCss.ours, f.elements)}** | ${pct(f.uniqueCss.baseline, f.elements)} | 100% |`,
    `| unique on the server (of ${able.toLocaleString('en')} that can be) | **${pct(f.uniqueServer.ours, able)}** | ${pct(f.uniqueServer.baseline, able)} | 100% |`,
    `| unique both ways (same) | **${pct(f.uniqueBoth.ours, able)}** | ${pct(f.uniqueBoth.baseline, able)} | 100% |`,
    `| the server matches the element's clicks | **${pct(f.matchable.ours, f.elements)}** | ${pct(f.matchable.baseline, f.elements)} | 100% |`,
    `| no selector | ${f.none.ours} | ${f.none.baseline} | |`,
    `| CSS escapes (the server cannot match) | ${pct(f.escapes.ours, f.elements)} | ${pct(f.escapes.baseline, f.elements)} | 0 |`,
    `| \`:nth-of-type\` (the server cannot match) | ${pct(f.nthOfType.ours, f.elements)} | ${pct(f.nthOfType.baseline, f.elements)} | 0 |`,
    `| median length (characters) | ${median(f.lengths.ours)} | ${median(f.lengths.baseline)} | |`,
    `| generation time, median (ms) | **${ms(median(f.times.ours))}** | ${ms(median(f.times.baseline))} | faster than the baseline (${ratio(median(f.times.ours), median(f.times.baseline))}) |`,
    `| generation time, p99 (ms) | **${ms(percentile(f.times.ours, 99))}** | ${ms(percentile(f.times.baseline, 99))} | faster than the baseline (${ratio(percentile(f.times.ours, 99), percentile(f.times.baseline, 99))}) |`,
    `| generation time, mean (ms) | ${ms(f.times.ours.reduce((a, b) => a + b, 0) / f.times.ours.length)} | ${ms(f.times.baseline.reduce((a, b) => a + b, 0) / f.times.baseline.length)} | |`,
    '',
    'Survival: the share of selectors that still select exactly the same element after the change, counted over the selectors that singled their element out before it and the elements the change applies to (a changed class, id or row on the element or an ancestor; every element for the others). Overall: the selectors that survive every change that applies to them. Target ≥ 90% per kind (row reordering excepted), ≥ 70% overall.',
    '',
    '| change | ours, CSS | baseline, CSS | ours, server | baseline, server |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...[...CHANGE_KINDS, 'overall'].map((kind) => {
      const cell = (view: 'css' | 'server', engine: Engine) => {
        const [survived, total] = s[view][kind]![engine];
        const text = `${pct(survived, total)} (${survived}/${total})`;
        return engine === 'ours' ? `**${text}**` : text;
      };
      const label = kind === 'overall' ? '**overall**' : CHANGE_LABELS[kind as ChangeKind];
      return `| ${label} | ${cell('css', 'ours')} | ${cell('css', 'baseline')} | ${cell('server', 'ours')} | ${cell('server', 'baseline')} |`;
    }),
    '',
    '<details><summary>Per page</summary>',
    '',
    '| page | candidates | sampled | same chain | CSS unique ours / base | server unique ours / base | server matches ours / base | survive all ours / base (CSS) | median ms ours / base | index ms |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...pages.map((record) => {
      const pf = figures([record]);
      const ps = survivalFigures([record]);
      const pAble = pf.elements - pf.cannot;
      const both = (counts: Record<Engine, number>, whole: number) => `${pct(counts.ours, whole)} / ${pct(counts.baseline, whole)}`;
      const all = (engine: Engine) => pct(...(ps.css.overall![engine] as [number, number]));
      return `| ${record.name} | ${record.result.candidates} | ${pf.elements} | ${pf.cannot} | ${both(pf.uniqueCss, pf.elements)} | ${both(pf.uniqueServer, pAble)} | ${both(pf.matchable, pf.elements)} | ${all('ours')} / ${all('baseline')} | ${ms(median(pf.times.ours))} / ${ms(median(pf.times.baseline))} | ${Math.round(record.result.indexMs)} |`;
    }),
    '',
    '</details>',
    '',
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  const pagesDir = path.join(corpus, 'pages');
  const files = readdirSync(pagesDir)
    .filter((file) => file.endsWith('.html'))
    .filter((file) => !only || only.some((name) => file.startsWith(name)))
    .sort()
    .map((file) => path.join(pagesDir, file));
  const script = await pageScript();
  const loadBefore = loadavg()[0]!;
  const started = Date.now();
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs(), headless: true });
  const records: PageRecord[] = [];
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    await context.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
    const page = await context.newPage();
    for (const file of files) {
      const t0 = Date.now();
      records.push(await measurePage(page, file, script));
      if (process.env.SELECTOR_VERBOSE) console.error(`${path.basename(file)}: ${Date.now() - t0} ms`);
    }
    // Every selector and its fate, for looking into failures.
    if (process.env.SELECTOR_DUMP) writeFileSync(process.env.SELECTOR_DUMP, JSON.stringify(records));
    console.log(report(records, { chromium: browser.version(), load: `${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}`, seconds: (Date.now() - started) / 1000 }));
  } finally {
    await browser.close();
  }
}

await main();
