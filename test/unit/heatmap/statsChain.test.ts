import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainOfStatsRow } from '../../../src/core/heatmap';
import { loadRecordedChains } from '../../fixtures/actions/recordedChains';
import { startTestServer, type TestServer } from '../project-api/testServer';
import { served } from './statsRows';

const recorded = [...new Set(loadRecordedChains().chains.map((c) => c.chain))];

describe('chainOfStatsRow', () => {
  it('rebuilds every chain recorded from real posthog-js clicks, byte for byte', () => {
    expect(recorded.length).toBeGreaterThan(200);
    const differing = recorded.filter((chain) => chainOfStatsRow(served(chain)) !== chain);
    expect(differing).toEqual([]);
  });

  it('takes the elements by `order`, whatever order they come in', () => {
    for (const chain of recorded.slice(0, 50)) {
      const elements = served(chain);
      expect(chainOfStatsRow([...elements].reverse())).toBe(chain);
    }
  });

  it('keeps escaped quotes, `;` inside values, attr__ prefixes, href and positions', () => {
    const chain =
      'a.btn.primary:attr__class="btn primary"attr__data-x="a;b"attr__href="/q?x=\\"1\\""href="/q?x=\\"1\\""nth-child="3"nth-of-type="2"text="Say \\"hi\\"";li:attr__id="row"attr_id="row"nth-child="1"nth-of-type="1"';
    expect(chainOfStatsRow(served(chain))).toBe(chain);
  });

  it('puts classes with a `.` back together (a parse cuts them: `h-[calc(100vh-3`, `5rem)]`)', () => {
    const chain = 'aside.-ml-2.h-[calc(100vh-3.5rem)].hidden.py-1.5:attr__class="hidden h-[calc(100vh-3.5rem)] py-1.5 -ml-2"nth-child="1"nth-of-type="1";body:nth-child="2"nth-of-type="1"';
    expect(served(chain)[0]!.attr_class).toEqual(['-ml-2', 'h-[calc(100vh-3', '5rem)]', 'hidden', 'py-1', '5']);
    expect(chainOfStatsRow(served(chain))).toBe(chain);
  });
});

describe('chainOfStatsRow on the local project API’s element stats', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('gives back the chain of every row, as ingestion stored it', async () => {
    const events = recorded.map((chain, i) => ({
      event: '$autocapture',
      distinct_id: 'clicker',
      timestamp: new Date(Date.now() - 60_000 - i).toISOString(),
      properties: { $elements_chain: chain, $current_url: 'https://corpus.test/', $process_person_profile: false },
    }));
    expect((await server.capture(events)).status).toBe(200);
    const rebuilt: string[] = [];
    let next: string | null = '/api/projects/1/element/stats/?include=$autocapture&paginate_response=true&limit=100';
    while (next) {
      const res = await server.call('GET', next.replace(/^https?:\/\/[^/]+/, ''));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      for (const row of res.body.results) rebuilt.push(chainOfStatsRow(row.elements));
      next = res.body.next;
    }
    expect(rebuilt.sort()).toEqual([...recorded].sort());
  });
});
