import { describe, expect, it } from 'vitest';
import { menuScope } from '../../../src/background/contextMenu';

describe('where the context menu item shows', () => {
  it.each([
    { sites: [], scope: { visible: false } },
    { sites: ['http://127.0.0.1/*'], scope: { visible: true, documentUrlPatterns: ['http://127.0.0.1/*'] } },
    { sites: ['https://example.com/*', 'https://shop.test/*'], scope: { visible: true, documentUrlPatterns: ['https://example.com/*', 'https://shop.test/*'] } },
  ])('enabled sites $sites', ({ sites, scope }) => {
    expect(menuScope(sites)).toEqual(scope);
  });
});
