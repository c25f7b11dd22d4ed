/**
 * Decode throughput of `decodeRequest` for gzip batches as posthog-js 1.449 sends them
 * (`{api_key, batch, sent_at}` gzipped), built from the real recorded events. Target: ≥ 50,000
 * events/s. Baseline in the same run: `JSON.parse` of the same batch already decompressed, the
 * least any decoder must do.
 */
import { gunzipSync, gzipSync, strToU8 } from 'fflate';
import { decodeRequest } from '../../src/core/wire';
import { readWireFixture, toDecodeInput } from '../fixtures/wire/wireFixture';

const fixture = readWireFixture('1.449.2');
const samples = fixture.requests.flatMap((request) => decodeRequest(toDecodeInput(request)).events);
if (samples.length === 0) throw new Error('no recorded events to build batches from');

function batchBody(size: number): Uint8Array {
  const batch = Array.from({ length: size }, (_, i) => ({ ...samples[i % samples.length]!, uuid: crypto.randomUUID() }));
  return gzipSync(strToU8(JSON.stringify({ api_key: 'phc_bench', batch, sent_at: new Date().toISOString() })));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function measure(size: number, run: (body: Uint8Array) => number): number {
  const body = batchBody(size);
  const minEvents = 30_000;
  const rounds = Math.max(3, Math.ceil(minEvents / size));
  for (let i = 0; i < Math.min(rounds, 50); i++) run(body); // warm-up
  const rates: number[] = [];
  for (let repeat = 0; repeat < 5; repeat++) {
    const start = performance.now();
    let events = 0;
    for (let i = 0; i < rounds; i++) events += run(body);
    rates.push(events / ((performance.now() - start) / 1000));
  }
  return median(rates);
}

const decode = (body: Uint8Array) => decodeRequest({ url: 'http://127.0.0.1/i/v0/e/', method: 'POST', contentType: 'text/plain', body }).events.length;
const baseline = (body: Uint8Array) => (JSON.parse(new TextDecoder().decode(gunzipSync(body))) as { batch: unknown[] }).batch.length;

const rows = [1, 50, 1000].map((size) => {
  const rate = measure(size, decode);
  const floor = measure(size, baseline);
  return `| ${size} | ${Math.round(rate).toLocaleString('en')} | ${Math.round(floor).toLocaleString('en')} | ${(rate / floor).toFixed(2)} | ${rate >= 50_000 ? 'yes' : 'no'} |`;
});

console.log(`## Wire decoding

\`decodeRequest\` on gzip envelopes of real posthog-js 1.449.2 events (median of 5 runs, ≥ 30,000
events each). Baseline: gunzip + \`JSON.parse\` alone, same bodies, same run. Target ≥ 50,000 events/s.

| events per batch | decodeRequest events/s | gunzip + JSON.parse events/s | ratio | target met |
| --- | --- | --- | --- | --- |
${rows.join('\n')}
`);
