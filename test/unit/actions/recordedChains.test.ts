import { describe, expect, it } from 'vitest';
import { actionMatches, matchAction } from '../../../src/core/actions';
import { sdkElementsToChain } from '../../../src/core/elements/elementsChain';
import { loadRecordedChains } from '../../fixtures/actions/recordedChains';

const { chains } = loadRecordedChains();

describe('chains recorded from real posthog-js clicks', () => {
  it('come from the demo site and the corpus pages', () => {
    expect(chains.filter((c) => c.source === 'demo-site').length).toBeGreaterThan(50);
    expect(new Set(chains.filter((c) => c.source.startsWith('corpus/')).map((c) => c.source)).size).toBeGreaterThanOrEqual(8);
  });

  // For posthog-js 1.449 (which sends both) this checks the conversion against the SDK's own chain.
  it.each(chains.filter((c) => c.elements).map((c) => [c.source, c] as const))('$elements from %s convert to the stored chain', (_source, recorded) => {
    expect(sdkElementsToChain(recorded.elements ?? [])).toBe(recorded.chain);
    const step = { event: '$autocapture', selector: 'body *' };
    const fromElements = matchAction({ steps: [step] }, { event: '$autocapture', properties: { $elements: recorded.elements } });
    const fromChain = matchAction({ steps: [step] }, { event: '$autocapture', properties: { $elements_chain: recorded.chain } });
    expect(fromElements.matched).toBe(fromChain.matched);
  });

  it('the fast verdict agrees with the detailed one on every chain', () => {
    const actions = [
      { steps: [{ event: '$autocapture', selector: 'a' }] },
      { steps: [{ event: '$autocapture', selector: 'nav a', text: 'Pricing' }] },
      { steps: [{ event: '$autocapture', text: 'edit', text_matching: 'contains' as const }] },
      { steps: [{ event: '$autocapture', href: '#', href_matching: 'exact' as const }, { event: '$autocapture', url: 'corpus.test/wiki' }] },
      { steps: [{ event: '$autocapture', selector: '.btn', url: '^http://demo', url_matching: 'regex' as const }] },
    ];
    for (const action of actions) {
      for (const recorded of chains) {
        const event = { event: '$autocapture', properties: { $elements_chain: recorded.chain, $current_url: recorded.url } };
        expect(actionMatches(action, event)).toBe(matchAction(action, event).matched);
      }
    }
  });
});
