/**
 * `npm run bench -- candidates`: how long the inspector takes to find every candidate of a
 * 10,000-element page, in Chromium, with `core/elements` bundled into the page. Target: all
 * candidates of the page found and drawn in ≤ 50 ms; this measures the finding, `findCandidates(document)`
 * (one pass, the cursor read at most once per element), which Show all runs before drawing (see
 * inspector.bench.ts for both together on corpus pages).
 *
 * The page: a shop-like layout — navigation, a grid of cards (`cursor: pointer` from a stylesheet
 * class, with title, text, price, image and button inside), a table, forms, long link lists,
 * excluded sections and widgets in open shadow roots — 10,000 elements in all, counted deep.
 *
 * Baseline in the same page and run: `isCandidate` on every element (what a naive inspector does:
 * one verdict per element, each walking its ancestors). Rows alternate within each run; medians
 * of RUNS runs after one untimed run. "Styles dirty" rows toggle a class on `html` that changes an
 * inherited property of `body` before each run, so the first computed-style read pays for a style
 * recalculation of the whole tree (and `renderedOnly`, which asks `checkVisibility`, for a new layout), as when the inspector opens
 * right after the page changed.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../e2e/support/chromium';
import { bundleForPage } from '../support/bundleForPage';

const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const TARGET_MS = 50;
const ELEMENT_TARGET = 10_000;

function card(i: number): string {
  return `<div class="card product-${i % 7}" data-testid="card-${i}"><img src="data:," alt="Product ${i}" width="40" height="30"><h3 class="title">Product <span>${i}</span></h3><p class="text">A short description of product ${i}.</p><div class="price"><span class="amount">${i}.99</span> <span class="currency">EUR</span></div><button type="button" class="add">Add to cart</button></div>`;
}

function row(i: number): string {
  return `<tr><td>${i}</td><td><a href="/orders/${i}">Order ${i}</a></td><td><span class="status">shipped</span></td><td><button type="button">Details</button></td></tr>`;
}

const WIDGET = '<div class="widget"><ul>' + Array.from({ length: 8 }, (_, i) => `<li class="opt" style="cursor: pointer"><span>Option ${i}</span></li>`).join('') + '</ul><button type="button">OK</button></div>';

/** Markup of about `target` elements; the shadow widgets are attached by the page script. */
function pageBody(cards: number, rows: number, links: number, widgets: number): string {
  const nav = `<header><nav>${Array.from({ length: 20 }, (_, i) => `<a href="/section/${i}" class="nav">Section ${i}</a>`).join('')}</nav></header>`;
  const grid = `<main><section class="grid">${Array.from({ length: cards }, (_, i) => card(i)).join('')}</section>`;
  const table = `<table><tbody>${Array.from({ length: rows }, (_, i) => row(i)).join('')}</tbody></table>`;
  const form = `<form><label>Email <input name="email"></label><label>Password <input type="password" name="pw"></label><select name="c"><option>A</option><option>B</option></select><textarea name="t"></textarea><button type="submit">Send</button></form>`;
  const list = `<ul class="links">${Array.from({ length: links }, (_, i) => `<li><a href="/l/${i}">Link ${i}</a> <small>note</small></li>`).join('')}</ul>`;
  const excluded = `<section class="ph-no-capture">${Array.from({ length: 20 }, (_, i) => card(10_000 + i)).join('')}</section>`;
  const hosts = `<div class="widgets">${Array.from({ length: widgets }, () => '<div class="widget-host"></div>').join('')}</div></main>`;
  return `<style>html.bench-flip body { letter-spacing: 0.01px; } .card { cursor: pointer; display: inline-block; width: 180px; margin: 4px; } .card .price { cursor: default; } td { padding: 2px; }</style>${nav}${grid}${table}${form}${list}${excluded}${hosts}
<script>for (const host of document.querySelectorAll('.widget-host')) host.attachShadow({ mode: 'open' }).innerHTML = ${JSON.stringify(WIDGET)};</script>`;
}

async function bundle(): Promise<string> {
  return bundleForPage(`import * as elements from './src/core/elements'; (window as any).__elements = elements;`, {
    resolveDir: process.cwd(),
    sourcefile: 'bench-elements.ts',
    target: 'es2020',
  });
}

interface Timings {
  elements: number;
  candidates: number;
  visible: number;
  rows: Record<string, number[]>;
}

/**
 * Runs in the page. A string, not a function: tsx (esbuild with keepNames) would wrap the nested
 * functions in a `__name` helper that does not exist in the page.
 */
const IN_PAGE = `(runs) => {
      const { findCandidates, isCandidate, CandidateIndex } = window.__elements;
      const deepElements = (root) => {
        const out = [];
        for (const el of root.querySelectorAll(root.nodeType === 9 ? 'body, body *' : '*')) {
          out.push(el);
          if (el.shadowRoot) out.push(...deepElements(el.shadowRoot));
        }
        return out;
      };
      const all = deepElements(document);
      let flip = false;
      const dirty = () => {
        flip = !flip;
        document.documentElement.classList.toggle('bench-flip', flip);
      };
      const cases = {
        'findCandidates (what Show all searches)': () => findCandidates(document),
        'findCandidates, renderedOnly': () => findCandidates(document, { renderedOnly: true }),
        'findCandidates, styles dirty': () => {
          dirty();
          return findCandidates(document);
        },
        'the browser alone: style and layout after the same change': () => {
          dirty();
          getComputedStyle(document.body).cursor;
          return document.body.getBoundingClientRect();
        },
        'CandidateIndex.build + every candidate chain': () => {
          const index = CandidateIndex.build(document, { renderedOnly: true });
          for (const el of index.elements) index.chainOf(el);
          return index;
        },
        'baseline: isCandidate on every element': () => all.filter((el) => isCandidate(el)),
        'baseline: isCandidate on every element, styles dirty': () => {
          dirty();
          return all.filter((el) => isCandidate(el));
        },
      };
      const index = CandidateIndex.build(document, { renderedOnly: true });
      for (const el of index.elements) index.chainOf(el);
      cases["serverMatches('.card') on a built index (chains cached)"] = () => index.serverMatches('.card');
      const rows = {};
      for (const name of Object.keys(cases)) {
        cases[name]();
        rows[name] = [];
      }
      for (let run = 0; run < runs; run++) {
        for (const [name, fn] of Object.entries(cases)) {
          const start = performance.now();
          fn();
          rows[name].push(performance.now() - start);
        }
      }
      return { elements: all.length, candidates: findCandidates(document).length, visible: findCandidates(document, { renderedOnly: true }).length, rows };
}`;

async function main(): Promise<void> {
  const script = await bundle();
  // 1 card = 12 elements, 1 row = 10, 1 link item = 3, 1 widget = 1 host + 27 inside.
  const body = pageBody(520, 280, 700, 50);
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><html><head><meta charset="utf-8"></head><body>${body}<script>${script}</script></body></html>`));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs() });
  const loadBefore = loadavg()[0]!;
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(url);
    const version = browser.version();
    const timings = (await page.evaluate(`(${IN_PAGE})(${RUNS})`)) as Timings;
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const loadAfter = loadavg()[0]!;
    const baseline = median(timings.rows['baseline: isCandidate on every element']!);
    console.log(`## Inspector candidates\n`);
    console.log(
      `A ${timings.elements.toLocaleString('en')}-element page (target ${ELEMENT_TARGET.toLocaleString('en')}; shadow roots counted) with ${timings.candidates.toLocaleString('en')} candidates, ${timings.visible.toLocaleString('en')} of them visible. Chromium ${version}, ${cpus().length} CPUs, load average (1 min) ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}. Median of ${RUNS} runs after one untimed run; rows alternate within each run.\n`,
    );
    console.log('| case | median ms | min ms | ÷ baseline |');
    console.log('| --- | ---: | ---: | ---: |');
    for (const [name, values] of Object.entries(timings.rows)) {
      console.log(`| ${name} | ${median(values).toFixed(1)} | ${Math.min(...values).toFixed(1)} | ${(median(values) / baseline).toFixed(2)} |`);
    }
    const drawn = median(timings.rows['findCandidates (what Show all searches)']!);
    console.log(`\nFinding all candidates of the page: ${drawn.toFixed(1)} ms, of the ${TARGET_MS} ms for finding and drawing them.`);
  } finally {
    await browser.close();
    server.close();
  }
}

await main();
