import { describe, expect, it } from 'vitest';
import { changedFields, conflictingFields, contentOf, mergeSteps, sameContent } from '../../../src/sync/actionContent';

describe('action content', () => {
  it('reads a server copy and a write the same way', () => {
    const server = contentOf({
      name: ' Buy ',
      description: null,
      steps: [{ event: '$autocapture', selector: '.buy', selector_regex: '…', text: null, url_matching: null, properties: [] }],
    });
    const written = contentOf({ name: 'Buy', steps: [{ selector: '.buy', event: '$autocapture' }] });
    expect(sameContent(server, written)).toBe(true);
  });

  it('names the changed fields and the ones that conflict three-way', () => {
    const base = contentOf({ name: 'A', description: 'd', steps: [{ event: '$pageview' }] });
    const mine = { ...base, steps: [{ event: '$pageview', url: '/pricing' }] };
    expect(changedFields(base, mine)).toEqual(['steps']);
    // They changed the description: no conflict with my steps.
    expect(conflictingFields(base, mine, { ...base, description: 'theirs' }, ['steps'])).toEqual([]);
    // They changed the steps too, differently: conflict.
    expect(conflictingFields(base, mine, { ...base, steps: [{ event: '$autocapture' }] }, ['steps'])).toEqual(['steps']);
    // They made the same change: no conflict.
    expect(conflictingFields(base, mine, mine, ['steps'])).toEqual([]);
  });

  it('merges steps as a union, identical steps once, theirs first', () => {
    const theirs = [{ event: '$autocapture', selector: '.a' }, { event: '$pageview', url: '/x' }];
    const mine = [{ selector: '.a', event: '$autocapture', text: null }, { event: '$autocapture', selector: '.b' }];
    expect(mergeSteps(theirs, mine)).toEqual([
      { event: '$autocapture', selector: '.a' },
      { event: '$pageview', url: '/x' },
      { event: '$autocapture', selector: '.b' },
    ]);
  });
});
