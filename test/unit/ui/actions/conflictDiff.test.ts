import { describe, expect, it } from 'vitest';
import type { Action } from '../../../../src/core/actions/schema';
import type { ActionContent } from '../../../../src/sync/actionContent';
import { conflictDiff } from '../../../../src/ui/actions/conflictDiff';

const click = { event: '$autocapture', selector: '[data-attr="signup"]' };
const pricing = { event: '$pageview', url: '/pricing' };
const docs = { event: '$pageview', url: '/docs' };

const base: ActionContent = { name: 'Signup', description: '', steps: [click] };
/** As the server returns a step: nulls for what is not set, and the read-only regex. */
const served = (step: Record<string, unknown>) => ({ text: null, href: null, selector: null, url: null, properties: [], selector_regex: '(^|;)x', ...step });
const server = (content: Partial<ActionContent>): Action => ({ id: 12, name: content.name ?? base.name, description: content.description ?? '', steps: (content.steps ?? base.steps).map(served) });

describe('conflictDiff: mine and theirs side by side', () => {
  it('an edit against an edit: each field with who changed it, steps marked where one side only has them', () => {
    const view = conflictDiff({ op: 'edit', base, mine: { ...base, steps: [click, pricing] }, theirs: server({ name: 'Signed up', steps: [click, docs] }) });
    expect(view.kind).toBe('edited');
    expect(view.headline).toBe('Changed on the server while you changed it too.');
    expect(view.fields.map(({ field, mine, theirs, differs, changedBy }) => ({ field, mine, theirs, differs, changedBy }))).toEqual([
      { field: 'name', mine: 'Signup', theirs: 'Signed up', differs: true, changedBy: 'them' },
      { field: 'description', mine: '(none)', theirs: '(none)', differs: false, changedBy: null },
      { field: 'steps', mine: 'click [data-attr="signup"]\npageview /pricing', theirs: 'click [data-attr="signup"]\npageview /docs', differs: true, changedBy: 'both' },
    ]);
    expect(view.changes).toBe('On the server: name, steps. Here: steps.');
    // The server's copy of the same step (nulls, regex) is the same step.
    expect(view.mineSteps).toEqual([
      { text: 'click [data-attr="signup"]', only: false },
      { text: 'pageview /pricing', only: true },
    ]);
    expect(view.theirSteps).toEqual([
      { text: 'click [data-attr="signup"]', only: false },
      { text: 'pageview /docs', only: true },
    ]);
    expect([view.mine.label, view.theirs.label, view.merge?.label]).toEqual(['Keep mine', 'Take theirs', 'Merge steps']);
    expect(view.merge?.hint).toBe('3 steps: theirs + 1 of mine; my name and description');
  });

  it('merging adds nothing of mine when they already have all my steps', () => {
    const view = conflictDiff({ op: 'edit', base, mine: { ...base, name: 'Mine' }, theirs: server({ name: 'Theirs', steps: [click, pricing] }) });
    expect(view.merge?.hint).toBe('2 steps: theirs; my name and description');
    expect(view.changes).toBe('On the server: name, steps. Here: name.');
  });

  it('no merge to offer when they have no step I lack: it would be "Keep mine"', () => {
    const view = conflictDiff({ op: 'edit', base, mine: { ...base, name: 'Mine', steps: [click, pricing] }, theirs: server({ name: 'Theirs' }) });
    expect(view.merge).toBeNull();
    expect(view.mine.label).toBe('Keep mine');
  });

  it('deleted on the server: says so, keeping mine makes it again, nothing to merge', () => {
    const mine = { ...base, name: 'Mine' };
    const view = conflictDiff({ op: 'edit', base, mine, theirs: null });
    expect(view).toMatchObject({ kind: 'deleted-on-server', headline: 'Deleted on the server while you changed it.', fields: [], merge: null });
    expect(view.mine.hint).toBe('create it again, as a new action');
    expect(view.theirs.hint).toBe('let it go, drop my change');
    expect(view.mineSteps).toEqual([{ text: 'click [data-attr="signup"]', only: false }]);
    // A server that answers the deleted action itself, marked deleted, says the same.
    expect(conflictDiff({ op: 'edit', base, mine, theirs: { ...server({}), deleted: true } }).kind).toBe('deleted-on-server');
  });

  it('my delete against their edit: delete anyway or keep theirs, no merge', () => {
    const view = conflictDiff({ op: 'delete', base, mine: base, theirs: server({ description: 'Now with a description' }) });
    expect(view).toMatchObject({ kind: 'delete-vs-edit', headline: 'Changed on the server after you deleted it.', merge: null, changes: 'On the server: description.' });
    expect(view.mine.hint).toBe('delete it anyway');
    expect(view.theirs.hint).toBe('keep their version, cancel my delete');
  });

  it('a create whose name the server already has, with nothing to compare against', () => {
    const view = conflictDiff({ op: 'create', base: null, mine: { name: 'Signup', description: 'mine', steps: [pricing] }, theirs: server({}) });
    expect(view.kind).toBe('name-taken');
    expect(view.headline).toBe('The server already has an action named “Signup”, different from yours.');
    expect(view.fields.every((field) => field.changedBy === null)).toBe(true);
    expect(view.changes).toBe('Differs: description, steps.');
  });
});
