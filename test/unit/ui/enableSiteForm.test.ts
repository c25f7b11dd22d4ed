import { describe, expect, it } from 'vitest';
import { sitePatternFromInput } from '../../../src/ui/onboarding/EnableSiteForm';

describe('the welcome page’s site address', () => {
  it.each([
    ['https://shop.example.com', 'https://shop.example.com/*'],
    ['shop.example.com', 'https://shop.example.com/*'],
    ['  shop.example.com/pricing?x=1  ', 'https://shop.example.com/*'],
    ['http://localhost:8020/', 'http://localhost/*'],
    ['localhost:8020', 'https://localhost/*'],
    ['HTTP://Example.COM', 'http://example.com/*'],
  ])('%s → %s', (input, pattern) => {
    expect(sitePatternFromInput(input)).toBe(pattern);
  });

  it.each(['', '   ', 'chrome://settings', 'about:addons', 'file:///etc/hosts', 'ftp://example.com', 'shop', 'not a site', 'mailto:a@example.com', 'javascript:alert(1)', 'https://user:pw@example.com'])('refuses %j', (input) => {
    expect(sitePatternFromInput(input)).toBeNull();
  });
});
