import { describe, expect, it } from 'vitest';
import { draftBannerText } from '../../../../src/ui/actions/draftBannerText';

describe('draftBannerText', () => {
  it.each<[string | null | undefined, number, number, string]>([
    ['Sign up', 3, 40, 'Draft "Sign up" would have matched 3 of 40 events in this tab'],
    ['Sign up', 0, 0, 'Draft "Sign up" would have matched 0 of 0 events in this tab'],
    ['Sign up', 1, 1, 'Draft "Sign up" would have matched 1 of 1 event in this tab'],
    ['  padded  ', 2, 5, 'Draft "padded" would have matched 2 of 5 events in this tab'],
    ['', 2, 5, 'The draft action would have matched 2 of 5 events in this tab'],
    [null, 2, 5, 'The draft action would have matched 2 of 5 events in this tab'],
  ])('%j, %i of %i', (name, matched, total, expected) => {
    expect(draftBannerText(name, matched, total)).toBe(expected);
  });
});
