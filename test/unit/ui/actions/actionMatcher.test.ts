import { describe, expect, it, vi } from 'vitest';
import { actionMatches, type MatchableEvent } from '../../../../src/core/actions';
import type { Action } from '../../../../src/core/actions/schema';
import { createActionMatcher } from '../../../../src/ui/actions/actionMatcher';
import { chainOf } from '../../../fixtures/actions/posthogCases';

// Counts calls into the engine, to check that each event is matched once per list.
vi.mock('../../../../src/core/actions/matchAction', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../../src/core/actions/matchAction')>();
  return { ...real, actionMatches: vi.fn(real.actionMatches) };
});
const engineCalls = () => vi.mocked(actionMatches).mock.calls.length;

const signupClick: Action = { id: 1, name: 'Signup clicked', steps: [{ event: '$autocapture', selector: '[data-attr="signup"]' }] };
const pricing: Action = { id: 2, name: 'Pricing viewed', steps: [{ event: '$pageview', url: '/pricing' }] };
const either: Action = { id: 3, name: 'Either', steps: [...signupClick.steps!, ...pricing.steps!] };
const ACTIONS = [signupClick, pricing, either];

const click = (attr: string): MatchableEvent => ({
  event: '$autocapture',
  properties: { $current_url: 'https://app.test/', $elements_chain: chainOf({ tag_name: 'button', attributes: { 'attr__data-attr': attr } }) },
});
const pageview = (path: string): MatchableEvent => ({ event: '$pageview', properties: { $current_url: `https://app.test${path}` } });

describe('createActionMatcher', () => {
  it('answers the actions an event matches, in list order, the same array each time', () => {
    const matcher = createActionMatcher(ACTIONS);
    const event = click('signup');
    const first = matcher.matching(event);
    expect(first).toEqual([signupClick, either]);
    expect(matcher.matching(event)).toBe(first);
    expect(matcher.matching(pageview('/pricing'))).toEqual([pricing, either]);
    expect(matcher.matching(pageview('/'))).toEqual([]);
  });

  it('counts every action over the events in one pass, as matching one by one would', () => {
    const events = [click('signup'), click('other'), pageview('/pricing'), pageview('/pricing?yearly=1'), pageview('/'), { event: 'custom' }];
    const counts = createActionMatcher(ACTIONS).counts(events);
    expect(counts).toEqual(ACTIONS.map((action) => events.filter((event) => actionMatches(action, event)).length));
    expect(counts).toEqual([1, 2, 3]);
  });

  it('matches each event once per list: painted rows, counts and new arrays share the work', () => {
    const events = Array.from({ length: 100 }, (_, i) => (i % 2 ? click(`b${i}`) : pageview(`/p${i}`)));
    const matcher = createActionMatcher(ACTIONS);
    const before = engineCalls();
    matcher.matching(events[0]!);
    expect(engineCalls() - before).toBe(ACTIONS.length);
    const counts = matcher.counts(events);
    expect(engineCalls() - before).toBe(events.length * ACTIONS.length);
    // The same array: the counts are remembered.
    expect(matcher.counts(events)).toBe(counts);
    // A new event arriving (a new array, as the events store makes): only it is matched.
    const grown = [...events, pageview('/pricing')];
    expect(matcher.counts(grown)).toEqual([0, 1, 1]);
    expect(engineCalls() - before).toBe((events.length + 1) * ACTIONS.length);
  });

  it('a new list is a new matcher: nothing stale is reused', () => {
    const event = click('signup');
    expect(createActionMatcher([signupClick]).matching(event)).toEqual([signupClick]);
    const renamed = { ...signupClick, steps: [{ event: '$autocapture', selector: '[data-attr="other"]' }] };
    expect(createActionMatcher([renamed]).matching(event)).toEqual([]);
  });

  it('with no actions, counts nothing and matches nothing', () => {
    const matcher = createActionMatcher([]);
    expect(matcher.counts([click('signup')])).toEqual([]);
    expect(matcher.matching(click('signup'))).toEqual([]);
  });

  it('matches a draft (an action without an id) like any other', () => {
    const draft = { name: 'Draft', steps: [{ event: '$pageview', url: '/pricing' }] };
    expect(createActionMatcher([draft]).counts([pageview('/pricing'), pageview('/'), click('signup')])).toEqual([1]);
  });
});
