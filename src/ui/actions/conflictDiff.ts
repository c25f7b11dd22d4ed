import type { ActionContent } from '../../sync/actionContent';
import type { EntryStatus } from '../../sync/syncView';
import { stepSummary } from './stepsSummary';

/**
 * What the conflict panel shows: my copy and the server's side by side, field by field, which side
 * changed what since the copy my change was made from, and what each choice would keep. The
 * choices themselves are made by the background (`sync.resolve`, see src/sync/syncEngine.ts).
 */

type Conflict = Extract<EntryStatus, { state: 'conflict' }>;
type Step = NonNullable<ActionContent['steps']>[number];
type Field = 'name' | 'description' | 'steps';

export interface StepLine {
  text: string;
  /** Only this side has the step. */
  only: boolean;
}

export interface ConflictField {
  field: Field;
  label: string;
  mine: string;
  theirs: string;
  differs: boolean;
  /** Who changed the field since the copy my change started from; null when that copy is not known. */
  changedBy: 'me' | 'them' | 'both' | null;
}

export interface ConflictChoiceText {
  label: string;
  hint: string;
}

export interface ConflictView {
  kind: 'edited' | 'deleted-on-server' | 'delete-vs-edit' | 'name-taken';
  headline: string;
  /** Name, description, steps: each with both values. Empty when the server's copy is gone. */
  fields: ConflictField[];
  /** `On the server: name, steps. Here: steps.` */
  changes: string;
  mineSteps: StepLine[];
  theirSteps: StepLine[];
  mine: ConflictChoiceText;
  theirs: ConflictChoiceText;
  /** Null where merging means nothing: the server's copy is gone, my change is a delete, or they have no step I lack. */
  merge: ConflictChoiceText | null;
}

/**
 * A step as a comparable string: the fields that count, keys sorted, absent and empty alike. The
 * server's copy carries the read-only `selector_regex`, which no copy of mine has. The background
 * compares with `sync/actionContent`; that module brings zod with it, which extension pages do
 * not load, so this is its small twin for display only.
 */
function stepKey(step: Readonly<Record<string, unknown>>): string {
  const fields = Object.keys(step)
    .filter((key) => key !== 'selector_regex')
    .filter((key) => step[key] != null && !(Array.isArray(step[key]) && (step[key] as unknown[]).length === 0))
    .sort();
  return JSON.stringify(fields.map((key) => [key, step[key]]));
}

function stepLines(steps: readonly Step[], other: readonly Step[]): StepLine[] {
  const there = new Set(other.map(stepKey));
  return steps.map((step) => ({ text: stepSummary(step), only: !there.has(stepKey(step)) }));
}

const sameSteps = (a: readonly Step[], b: readonly Step[]) => JSON.stringify(a.map(stepKey)) === JSON.stringify(b.map(stepKey));

const LABELS: Record<Field, string> = { name: 'Name', description: 'Description', steps: 'Steps' };

function valueOf(content: ActionContent, field: Field): string {
  if (field === 'steps') return content.steps.map(stepSummary).join('\n') || 'no steps';
  return content[field] || (field === 'name' ? '(no name)' : '(none)');
}

function sameField(field: Field, a: ActionContent, b: ActionContent): boolean {
  return field === 'steps' ? sameSteps(a.steps, b.steps) : a[field].trim() === b[field].trim();
}

const list = (fields: readonly string[]) => fields.map((field) => field.toLowerCase()).join(', ');

export function conflictDiff(conflict: Pick<Conflict, 'op' | 'mine' | 'theirs' | 'base'>): ConflictView {
  const { op, mine, base } = conflict;
  const mineSteps = mine.steps;
  // The server may answer a deleted action with `deleted: true` rather than not at all.
  if (!conflict.theirs || conflict.theirs.deleted) {
    return {
      kind: 'deleted-on-server',
      headline: op === 'delete' ? 'Already deleted on the server.' : 'Deleted on the server while you changed it.',
      fields: [],
      changes: '',
      mineSteps: mineSteps.map((step) => ({ text: stepSummary(step), only: false })),
      theirSteps: [],
      mine: op === 'delete' ? { label: 'Keep mine', hint: 'it stays deleted' } : { label: 'Keep mine', hint: 'create it again, as a new action' },
      theirs: op === 'delete' ? { label: 'Take theirs', hint: 'it stays deleted' } : { label: 'Take theirs', hint: 'let it go, drop my change' },
      merge: null,
    };
  }
  const server = conflict.theirs;
  const theirs: ActionContent = { name: (server.name ?? '').trim(), description: server.description ?? '', steps: (server.steps ?? []) as Step[] };
  const fields: ConflictField[] = (['name', 'description', 'steps'] as const).map((field) => {
    const byMe = base ? !sameField(field, base, mine) : null;
    const byThem = base ? !sameField(field, base, theirs) : null;
    return {
      field,
      label: LABELS[field],
      mine: valueOf(mine, field),
      theirs: valueOf(theirs, field),
      differs: !sameField(field, mine, theirs),
      changedBy: byMe === null || byThem === null ? null : byMe && byThem ? 'both' : byMe ? 'me' : byThem ? 'them' : null,
    };
  });
  const changedThere = fields.filter((field) => field.changedBy === 'them' || field.changedBy === 'both').map((field) => field.label);
  const changedHere = fields.filter((field) => field.changedBy === 'me' || field.changedBy === 'both').map((field) => field.label);
  const changes = base
    ? [changedThere.length > 0 && `On the server: ${list(changedThere)}.`, op !== 'delete' && changedHere.length > 0 && `Here: ${list(changedHere)}.`].filter(Boolean).join(' ')
    : `Differs: ${list(fields.filter((field) => field.differs).map((field) => field.label)) || 'nothing that shows here'}.`;
  const theirSteps = stepLines(theirs.steps, mineSteps);
  const mineLines = stepLines(mineSteps, theirs.steps);
  const added = mineLines.filter((line) => line.only).length;

  if (op === 'delete') {
    return {
      kind: 'delete-vs-edit',
      headline: 'Changed on the server after you deleted it.',
      fields,
      changes,
      mineSteps: mineLines,
      theirSteps,
      mine: { label: 'Keep mine', hint: 'delete it anyway' },
      theirs: { label: 'Take theirs', hint: 'keep their version, cancel my delete' },
      merge: null,
    };
  }
  const merged = theirs.steps.length + added;
  // Without a step only they have, merging keeps my steps and my name: "Keep mine" already does.
  const mergeMeansMore = theirSteps.some((line) => line.only);
  return {
    kind: op === 'create' ? 'name-taken' : 'edited',
    headline: op === 'create' ? `The server already has an action named “${theirs.name}”, different from yours.` : 'Changed on the server while you changed it too.',
    fields,
    changes,
    mineSteps: mineLines,
    theirSteps,
    mine: { label: 'Keep mine', hint: 'overwrite the server’s copy' },
    theirs: { label: 'Take theirs', hint: 'drop my change' },
    merge: mergeMeansMore
      ? { label: 'Merge steps', hint: `${merged} ${merged === 1 ? 'step' : 'steps'}: theirs${added > 0 ? ` + ${added} of mine` : ''}; my name and description` }
      : null,
  };
}
