import { describe, expect, it } from 'vitest';
import { actionPatchSchema, actionSchema, actionStepSchema, actionStepWriteSchema, actionWriteSchema, writableStep } from '../../../src/core/actions';

describe('action schemas: the project API’s shapes, writable and read-only apart', () => {
  it.each<[string, unknown, boolean]>([
    ['a full write body', { name: 'Buy', description: '', tags: ['x'], post_to_slack: false, slack_message_format: '', steps: [{ event: '$autocapture', selector: 'button', text: 'Buy', text_matching: 'exact', url: '/p', url_matching: 'contains', properties: [{ key: 'a', value: 'b' }] }], deleted: false, pinned_at: null }, true],
    ['a name only', { name: 'Buy' }, true],
    ['a blank name', { name: '  ' }, false],
    ['no name', {}, false],
    ['a name over 400 characters', { name: 'x'.repeat(401) }, false],
    ['a blank step string (DRF allow_blank=False)', { name: 'x', steps: [{ event: '' }] }, false],
    ['an unknown matching', { name: 'x', steps: [{ text: 'a', text_matching: 'fuzzy' }] }, false],
    ['null step fields', { name: 'x', steps: [{ event: null, selector: null, url_matching: null }] }, true],
    ['a bad pinned_at', { name: 'x', pinned_at: 'yesterday' }, false],
    ['a slack format over 1200 characters', { name: 'x', slack_message_format: 'x'.repeat(1201) }, false],
  ])('%s → %s', (_name, body, valid) => {
    expect(actionWriteSchema.safeParse(body).success).toBe(valid);
  });

  it('trims name, selector and url but not text (DRF trim_whitespace)', () => {
    const parsed = actionWriteSchema.parse({ name: ' Buy ', steps: [{ selector: ' a ', url: ' /p ', text: ' Buy ' }] });
    expect(parsed.name).toBe('Buy');
    expect(parsed.steps?.[0]).toEqual({ selector: 'a', url: '/p', text: ' Buy ' });
  });

  it('drops read-only fields from a write body', () => {
    const parsed = actionWriteSchema.parse({ name: 'x', id: 3, team_id: 1, is_calculating: true, steps: [{ event: 'e', selector_regex: '.*' }] });
    expect(parsed).toEqual({ name: 'x', steps: [{ event: 'e' }] });
    expect(actionStepWriteSchema.parse({ selector: 'a', selector_regex: 'x' })).toEqual({ selector: 'a' });
  });

  it('reads a response with read-only fields and keeps unknown ones', () => {
    const response = {
      id: 7, name: 'Buy', description: '', tags: [], post_to_slack: false, slack_message_format: '',
      steps: [{ event: '$autocapture', selector: 'a', selector_regex: '(^|;)a', properties: null, tag_name: null, text: null, text_matching: null, href: null, href_matching: null, url: null, url_matching: null }],
      created_at: '2026-01-01T00:00:00Z', created_by: { id: 1, uuid: 'u', email: 'a@b.c' }, deleted: false, is_calculating: false,
      last_calculated_at: null, team_id: 1, is_action: true, bytecode_error: null, pinned_at: null, creation_context: null, user_access_level: 'editor', future_field: 1,
    };
    const parsed = actionSchema.parse(response);
    expect(parsed.steps?.[0]?.selector_regex).toBe('(^|;)a');
    expect(parsed).toHaveProperty('future_field', 1);
    expect(actionStepSchema.parse(response.steps[0])).toHaveProperty('selector_regex', '(^|;)a');
  });

  it('writableStep keeps only writable step fields', () => {
    expect(writableStep({ event: 'e', selector_regex: 'x', isNew: true, url: '/a' })).toEqual({ event: 'e', url: '/a' });
  });

  it('a patch may omit the name', () => {
    expect(actionPatchSchema.safeParse({ deleted: true }).success).toBe(true);
  });
});
