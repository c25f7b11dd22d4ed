import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { releaseHostAccess } from '../../../src/platform/hostAccess';

afterEach(() => vi.restoreAllMocks());

describe('releasing a host', () => {
  it.each([
    ['Firefox, or a host granted at runtime: removed', async () => true, true],
    ['Chrome, a host the manifest lists: kept', async () => Promise.reject(new Error('You cannot remove required permissions.')), false],
  ])('%s', async (_case, remove, released) => {
    vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async () => true);
    vi.spyOn(fakeBrowser.permissions, 'remove').mockImplementation(remove);
    expect(await releaseHostAccess('http://127.0.0.1/*')).toBe(released);
  });

  it('a host not held is already released', async () => {
    vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async () => false);
    const remove = vi.spyOn(fakeBrowser.permissions, 'remove');
    expect(await releaseHostAccess('http://127.0.0.1/*')).toBe(true);
    expect(remove).not.toHaveBeenCalled();
  });
});
