/**
 * The inspector's drawing (src/overlay/inspect/boxLayer.ts) on corpus pages, in Chromium:
 *
 * - **Show all**: find every candidate (`findCandidates`, visible only, the highlight rule) and
 *   draw them all, target ≤ 50 ms on a 10,000-element page (wikipedia-2, 9,888 elements); the
 *   baseline, in the same run, draws the same boxes as one positioned element each;
 * - **hover**: one pointermove's work (recorded element, highlight rule, moving the box), target
 *   p95 ≤ 16 ms on the same page.
 *
 * Pages load from `ACTIONLENS_CORPUS` (default `../shared/corpus` beside the repository) with their
 * own scripts removed and every other request aborted. JavaScript itself stays on: with it off,
 * Chromium runs no animation-frame callbacks, and frames are what is measured. Prints a Markdown
 * section for BENCHMARKS.md.
 */
import { cpus, loadavg } from 'node:os';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../e2e/support/chromium';
import type { ShowAllSample } from './inspectorBenchPage';
import { benchPageScript, CORPUS_DIR, loadCorpusPage, serveCorpusPages } from './corpusPages';
import { percentile } from './percentile';

const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const HOVERS = 200;
const SCROLLS = 40;
const PAGES = ['wikipedia-2', 'archive-of-our-own', 'app-1000-rows'];

const median = (values: number[]) => percentile(values, 50);
const ms = (value: number) => `${value.toFixed(1)} ms`;


async function main() {
  const script = await benchPageScript('inspectorBenchPage', '__inspectorBench');
  const loadBefore = loadavg()[0]!;
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs(), headless: true });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await serveCorpusPages(context, CORPUS_DIR);
  const page = await context.newPage();
  const rows: string[] = [];
  let hoverRow = '';
  let scrollRow = '';
  try {
    for (const name of PAGES) {
      const canvas: ShowAllSample[] = [];
      const elements: ShowAllSample[] = [];
      let count = 0;
      // Alternate, each on a fresh load, so neither warms the page for the other.
      for (let run = 0; run < RUNS; run++) {
        await loadCorpusPage(page, name, script);
        count = (await page.evaluate('window.__inspectorBench.elementCount()')) as number;
        canvas.push((await page.evaluate('window.__inspectorBench.showAllCanvas()')) as ShowAllSample);
        await loadCorpusPage(page, name, script);
        elements.push((await page.evaluate('window.__inspectorBench.showAllElements()')) as ShowAllSample);
      }
      const ours = median(canvas.map((sample) => sample.work));
      const baseline = median(elements.map((sample) => sample.work));
      const cell = (samples: ShowAllSample[], key: 'script' | 'painted' | 'work' | 'frame') => ms(median(samples.map((sample) => sample[key])));
      rows.push(
        `| ${name} | ${count.toLocaleString('en')} | ${elements[0]!.boxes.toLocaleString('en')} | ${ms(median(canvas.map((s) => s.find)))} | ${cell(canvas, 'script')} | **${cell(canvas, 'work')}** | ${cell(canvas, 'painted')} | ${cell(canvas, 'frame')} | ${cell(elements, 'script')} | ${cell(elements, 'work')} | ${cell(elements, 'painted')} | ${cell(elements, 'frame')} | ${(baseline / ours).toFixed(2)}× |`,
      );
      if (name === PAGES[0]) {
        await loadCorpusPage(page, name, script);
        const hover = (await page.evaluate(`window.__inspectorBench.hover(${HOVERS})`)) as { script: number[]; frame: number[] };
        await loadCorpusPage(page, name, script);
        const scroll = (await page.evaluate(`window.__inspectorBench.scrollRelayout(${SCROLLS})`)) as number[];
        scrollRow = `| ${name} | ${elements[0]!.boxes.toLocaleString('en')} | ${scroll.length} | ${ms(median(scroll))} | ${ms(percentile(scroll, 95))} |`;
        hoverRow = `| ${name} | ${hover.script.length} | ${ms(median(hover.script))} | ${ms(percentile(hover.script, 95))} | ${ms(median(hover.frame))} | ${ms(percentile(hover.frame, 95))} |`;
      }
    }
  } finally {
    await browser.close();
  }
  const loadAfter = loadavg()[0]!;
  console.log(`## Inspector drawing

Chromium ${browser.version()}, ${cpus().length} cores, load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}; median of ${RUNS} fresh loads per page.
*Find*: \`findCandidates\` (src/core/elements) in the canvas script; the baseline asks it for rendered candidates only, which the canvas asks of those on screen. *Script*: finding and drawing, synchronous. *Work*: the script plus the
rendering of the frame that paints it (style, layout, paint; measured from that frame's start to a task posted from its animation-frame callback), which is
the time to find and draw. *Painted*: the same end, from the start on the wall clock, so it also holds the idle wait for that frame to begin (0–16.7 ms at
60 Hz, by chance). *Next frame*: to the start of the frame after that one (two animation frames). Baseline: the same candidates drawn as one positioned
element each, in the same run; the ratio compares *work*.

**Show all** (target: find and draw ≤ 50 ms on the 10,000-element page)

| page | elements | candidates with a box | find | canvas script | canvas work | canvas painted | canvas next frame | baseline script | baseline work | baseline painted | baseline next frame | baseline ÷ canvas (work) |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}

**Show all while scrolling** (within a 16 ms frame): re-layout after each of ${SCROLLS} scrolls of 400 px

| page | candidates | scrolls | median | p95 |
| --- | ---: | ---: | ---: | ---: |
${scrollRow}

**Hover update** (target: p95 ≤ 16 ms), ${HOVERS} elements spread over the page

| page | hovers | script median | script p95 | to next frame, median | to next frame, p95 |
| --- | ---: | ---: | ---: | ---: | ---: |
${hoverRow}
`);
}

await main();
