/**
 * `npm run bench -- decode`: decode throughput for gzip batches as posthog-js 1.449 sends them
 * (`{api_key, batch, sent_at}` gzipped), built from the real recorded events. Target: ≥ 50,000
 * events/s.
 *
 * Measured where the decoder runs: in a Chromium service worker (the extension's background
 * decodes captured requests there; the decoders are bundled with esbuild and served from
 * 127.0.0.1), and in Node (the local project API). Baselines in the same run: gunzip +
 * `TextDecoder` + `JSON.parse` alone, with fflate and with the platform's `DecompressionStream`.
 * Decoders and baselines take turns within every run (the first one rotates), so all see the same
 * machine load. Each run is timed on the wall clock and in CPU time: on a shared machine the
 * first mostly measures the share of a core the run got; the second what the code costs (the
 * service worker's thread, read from /proc; the whole Node process).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { gzipSync, strToU8 } from 'fflate';
import { chromium } from 'playwright-core';
import { decodeRequest } from '../../src/core/wire';
import { chromiumArgs, chromiumPath } from '../e2e/support/chromium';
import { readWireFixture, toDecodeInput } from '../fixtures/wire/wireFixture';
import { type DecoderName, decodeRepeatedly } from './decodeThroughput';
import { bundleForPage } from '../support/bundleForPage';

const SIZES = [1, 50, 1000];
const TARGET = 50_000;
const DECODERS: DecoderName[] = ['decodeRequestAsync', 'decodeRequest', 'fflate + JSON.parse', 'DecompressionStream + JSON.parse'];
const BASELINES: DecoderName[] = ['fflate + JSON.parse', 'DecompressionStream + JSON.parse'];
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const MIN_EVENTS = 10_000;

const samples = readWireFixture('1.449.2').requests.flatMap((request) => decodeRequest(toDecodeInput(request)).events);
if (samples.length === 0) throw new Error('no recorded events to build batches from');

function batchBody(size: number): Uint8Array {
  const batch = Array.from({ length: size }, (_, i) => ({ ...samples[i % samples.length]!, uuid: crypto.randomUUID() }));
  return gzipSync(strToU8(JSON.stringify({ api_key: 'phc_bench', batch, sent_at: new Date().toISOString() })));
}

interface Timing {
  wallMs: number;
  /** Undefined where the CPU time cannot be read. */
  cpuMs: number | undefined;
}

/** Where the decoders run: one timed run of `rounds` decodes of the batch of `size` events. */
interface Runner {
  run(size: number, decoder: DecoderName, rounds: number): Promise<Timing>;
}

function nodeRunner(bodies: Record<number, Uint8Array>): Runner {
  return {
    async run(size, decoder, rounds) {
      const before = process.cpuUsage();
      const wallMs = await decodeRepeatedly(decoder, bodies[size]!, size, rounds);
      const cpu = process.cpuUsage(before);
      return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
    },
  };
}

/** The decoders, bundled for a service worker: `self.decodeBench`. */
async function workerScript(bodies: Record<number, Uint8Array>): Promise<string> {
  const encoded = Object.fromEntries(Object.entries(bodies).map(([size, body]) => [size, Buffer.from(body).toString('base64')]));
  return bundleForPage(
    `import { decodeRepeatedly } from './decodeThroughput';
        const bodies = Object.fromEntries(Object.entries(${JSON.stringify(encoded)}).map(([size, base64]) => [size, Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))]));
        self.decodeBench = (size, decoder, rounds) => decodeRepeatedly(decoder, bodies[size], size, rounds);`,
    { resolveDir: fileURLToPath(new URL('.', import.meta.url)), sourcefile: 'decode-worker.ts' },
  );
}

/** CPU time of one thread in clock ticks (utime + stime, /proc/<pid>/task/<tid>/stat). */
function threadTicks(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** The renderer thread that runs the service worker, found by its name among the renderers' threads. */
function serviceWorkerThread(rendererPids: number[]): string | undefined {
  const found: string[] = [];
  for (const pid of rendererPids) {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      if (readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').startsWith('ServiceWorker')) found.push(`/proc/${pid}/task/${tid}/stat`);
    }
  }
  return found.length === 1 ? found[0] : undefined;
}

/** Registers the decoders as a page's service worker on 127.0.0.1 and runs them there. */
async function withChromiumServiceWorker<T>(bodies: Record<number, Uint8Array>, use: (runner: Runner, version: string) => Promise<T>): Promise<T> {
  const script = await workerScript(bodies);
  const server = createServer((req, res) => {
    if (req.url === '/decode-worker.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    } else {
      res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><title>decode</title><script>navigator.serviceWorker.register('/decode-worker.js')</script>`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs(), headless: true });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const registered = context.waitForEvent('serviceworker');
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const worker = await registered;
    // The thread has its name once the script runs.
    if ((await worker.evaluate('typeof self.decodeBench')) !== 'function') throw new Error('the decode worker did not start');
    const cdp = await browser.newBrowserCDPSession();
    const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
    const thread = serviceWorkerThread(processInfo.filter((info) => info.type === 'renderer').map((info) => info.id));
    const runner: Runner = {
      async run(size, decoder, rounds) {
        const ticks = () => (thread === undefined ? undefined : threadTicks(readFileSync(thread, 'utf8')));
        const before = ticks();
        // A string, not a function: tsx would add helpers to a function that the worker lacks.
        const wallMs = (await worker.evaluate(`self.decodeBench(${size}, ${JSON.stringify(decoder)}, ${rounds})`)) as number;
        const after = ticks();
        return { wallMs, cpuMs: before === undefined || after === undefined ? undefined : (after - before) * TICK_MS };
      },
    };
    return await use(runner, browser.version());
  } finally {
    await browser.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** Events/s per batch size and decoder: medians over the runs, wall clock and CPU time. */
type Throughput = Record<number, Record<string, { wall: number; cpu: number | undefined }>>;

async function measure(runner: Runner): Promise<Throughput> {
  const result: Throughput = {};
  for (const size of SIZES) {
    const rounds = Math.ceil(MIN_EVENTS / size);
    const timings: Record<string, Timing[]> = Object.fromEntries(DECODERS.map((name) => [name, []]));
    for (let run = -1; run < RUNS; run++) {
      for (let turn = 0; turn < DECODERS.length; turn++) {
        const decoder = DECODERS[(turn + run + 1) % DECODERS.length]!;
        const timing = await runner.run(size, decoder, rounds);
        if (run >= 0) timings[decoder]!.push(timing);
      }
    }
    const perSecond = (ms: number) => (rounds * size) / (ms / 1000);
    result[size] = Object.fromEntries(
      Object.entries(timings).map(([name, runs]) => {
        const cpu = runs.every((timing) => timing.cpuMs !== undefined) ? perSecond(median(runs.map((timing) => timing.cpuMs!))) : undefined;
        return [name, { wall: perSecond(median(runs.map((timing) => timing.wallMs))), cpu }];
      }),
    );
  }
  return result;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const rate = (value: number) => Math.round(value).toLocaleString('en');

/** `measured`: the entry point that environment uses, compared with each baseline. */
function table(throughput: Throughput, clock: 'wall' | 'cpu', measured: DecoderName): string[] {
  const cell = (size: number, name: string) => throughput[size]![name]![clock];
  if (SIZES.some((size) => DECODERS.some((name) => cell(size, name) === undefined))) return ['(CPU time not available here)'];
  return [
    `| events per batch | ${DECODERS.join(' | ')} | ${BASELINES.map((name) => `÷ ${name}`).join(' | ')} | ≥ ${rate(TARGET)} |`,
    `| ---: | ${[...DECODERS, ...BASELINES].map(() => '---:').join(' | ')} | --- |`,
    ...SIZES.map((size) => {
      const value = cell(size, measured)!;
      const cells = DECODERS.map((name) => (name === measured ? `**${rate(value)}**` : rate(cell(size, name)!)));
      const ratios = BASELINES.map((name) => (value / cell(size, name)!).toFixed(2));
      return `| ${size} | ${cells.join(' | ')} | ${ratios.join(' | ')} | ${value >= TARGET ? 'yes' : 'no'} |`;
    }),
  ];
}

async function main(): Promise<void> {
  const bodies = Object.fromEntries(SIZES.map((size) => [size, batchBody(size)]));
  const loadBefore = loadavg()[0]!;
  const inChromium = await withChromiumServiceWorker(bodies, async (runner, version) => ({ version, throughput: await measure(runner) }));
  const inNode = await measure(nodeRunner(bodies));
  const load = `${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}`;

  console.log(
    [
      '## Wire decoding',
      '',
      `Gzip envelopes of real posthog-js 1.449.2 events (${SIZES.map((size) => `${size}: ${bodies[size]!.length.toLocaleString('en')} bytes`).join(', ')}), in events/s: the median of ${RUNS} runs of ≥ ${MIN_EVENTS.toLocaleString('en')} events each, after one untimed run; decoders and baselines take turns within each run. Target ≥ ${rate(TARGET)} events/s. \`${process.env.BENCH_RUNS ? `BENCH_RUNS=${RUNS} ` : ''}npm run bench -- decode\`, ${cpus().length} cores, load average (1 min) ${load}.`,
      '',
      `The extension's background (\`decodeRequestAsync\`, in bold) in a service worker, Chromium ${inChromium.version}; wall clock:`,
      '',
      ...table(inChromium.throughput, 'wall', 'decodeRequestAsync'),
      '',
      'Per second of the service worker thread’s CPU time:',
      '',
      ...table(inChromium.throughput, 'cpu', 'decodeRequestAsync'),
      '',
      `The local project API (\`decodeRequest\`, in bold), Node ${process.versions.node}; wall clock:`,
      '',
      ...table(inNode, 'wall', 'decodeRequest'),
      '',
      'Per second of the Node process’s CPU time:',
      '',
      ...table(inNode, 'cpu', 'decodeRequest'),
      '',
    ].join('\n'),
  );
}

await main();
