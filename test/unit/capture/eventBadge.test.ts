import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { clearTabProblem, showEventCount, showTabProblem } from '../../../src/capture/eventBadge';
import { appendToTab, forgetAllTabs } from '../../../src/capture/eventStore';

const badge = async (tabId: number) => ({
  text: await fakeBrowser.action.getBadgeText({ tabId }),
  title: await fakeBrowser.action.getTitle({ tabId }),
});

describe('the toolbar badge: event count, or "!" after a failed key or menu item', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    await forgetAllTabs();
  });

  it('shows the count, and "!" with the reason over it', async () => {
    await showEventCount(4, 12);
    expect(await badge(4)).toEqual({ text: '12', title: '' });
    await showEventCount(4, 1200);
    expect((await badge(4)).text).toBe('999+');
    await showTabProblem(4, 'The inspector cannot run on this page');
    expect(await badge(4)).toEqual({ text: '!', title: 'Actionlens: The inspector cannot run on this page' });
  });

  it('keeps "!" while events arrive, and clearing brings back the stored count', async () => {
    await showTabProblem(4, 'the side panel did not open');
    const events = Array.from({ length: 3 }, (_, seq) => ({ seq, event: '$pageview', size: 10 }));
    await appendToTab(4, { events, requests: 1, other: { count: 0, bytes: 0 }, recordings: { count: 0, bytes: 0, snapshots: 0 }, undecodable: [], document: null } as never);
    await showEventCount(4, 3);
    expect((await badge(4)).text).toBe('!');
    await clearTabProblem(4);
    expect(await badge(4)).toEqual({ text: '3', title: 'Actionlens' });
  });

  it('clearing without a problem changes nothing (the count is not wiped)', async () => {
    await showEventCount(5, 7);
    await clearTabProblem(5);
    expect(await badge(5)).toEqual({ text: '7', title: '' });
  });

  it('problems are per tab', async () => {
    await showTabProblem(6, 'no');
    await showEventCount(7, 2);
    expect((await badge(7)).text).toBe('2');
    expect((await badge(6)).text).toBe('!');
  });
});
