import { describe, expect, it } from 'vitest';
import { listingDraft, toDraft } from '../../../src/ui/options/connectionDraft';

const form = { target: 'self-hosted' as const, host: 'https://ph.example.com/', projectId: '12', apiKey: '' };
const saved = { host: 'https://ph.example.com', keyHint: 'phx_…abcd' };

describe('the options form as a draft', () => {
  it('resolves the host and says what is wrong, field by field', () => {
    expect(toDraft({ ...form, apiKey: ' phx_1 ' })).toEqual({ draft: { target: 'self-hosted', host: 'https://ph.example.com', projectId: '12', apiKey: 'phx_1' } });
    expect(toDraft({ ...form, host: 'nope' })).toEqual({ error: 'URL: enter a full URL such as https://posthog.example.com' });
    expect(toDraft({ ...form, projectId: 'abc' })).toEqual({ error: 'Project id: a number or @current' });
  });

  it('lists projects with a typed key, or the saved key on its own host only; a half-typed project id does not matter', () => {
    expect(listingDraft({ ...form, apiKey: 'phx_1', projectId: '1x' }, null)).toEqual({ draft: { target: 'self-hosted', host: 'https://ph.example.com', projectId: '@current', apiKey: 'phx_1' } });
    expect(listingDraft(form, saved)).toEqual({ draft: { target: 'self-hosted', host: 'https://ph.example.com', projectId: '12' } });
    expect(listingDraft(form, null)).toEqual({ error: 'Enter a personal API key to list its projects.' });
    expect(listingDraft({ ...form, host: 'https://other.example.com' }, saved)).toEqual({
      error: 'The saved key is only sent to https://ph.example.com: enter a key for this URL to list its projects.',
    });
    expect(listingDraft({ ...form, target: 'us' }, saved)).toMatchObject({ error: expect.stringContaining('only sent to https://ph.example.com') });
  });
});
