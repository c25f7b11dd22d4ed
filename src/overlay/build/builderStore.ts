import { createStore } from 'zustand/vanilla';
import type { ActionsList, PendingEdit, SaveActionResult } from '../../messaging/protocol';
import { type BuilderDraft, type BuilderStep, emptyStep, fromAction, type StepKind } from './builderModel';

/**
 * The action builder's state in the overlay. The builder is open or not; while open it edits one
 * draft (new, or an action from the server), one step is active (its preview is drawn on the page),
 * and `picking` means the next element pinned becomes a new click step.
 */
export interface BuilderState {
  open: boolean;
  draft: BuilderDraft;
  active: number;
  picking: boolean;
  saving: boolean;
  result: SaveActionResult | null;
  /** The project's actions as the background last listed them (for the name check), null before. */
  projectActions: ActionsList | null;
  /** Opens the builder with a first click step (from the pinned element). */
  start(step: BuilderStep): void;
  /** Opens the builder on an existing action (handed over by the Actions view). */
  load(edit: PendingEdit): void;
  setProjectActions(list: ActionsList | null): void;
  close(): void;
  setName(name: string): void;
  setDescription(description: string): void;
  addStep(step: BuilderStep): void;
  addEmptyStep(kind: StepKind): void;
  updateStep(index: number, change: (step: BuilderStep) => BuilderStep): void;
  removeStep(index: number): void;
  activate(index: number): void;
  setPicking(picking: boolean): void;
  saveStarted(): void;
  saveFinished(result: SaveActionResult): void;
}

const blank = (): BuilderDraft => ({ key: null, id: null, name: '', description: '', steps: [] });

export function createBuilderStore() {
  return createStore<BuilderState>()((set, get) => ({
    open: false,
    draft: blank(),
    active: 0,
    picking: false,
    saving: false,
    result: null,
    projectActions: null,
    start: (step) => set({ open: true, draft: { ...blank(), steps: [step] }, active: 0, picking: false, result: null }),
    load: ({ key, action }) => set({ open: true, draft: fromAction(action, key), active: 0, picking: false, result: null }),
    setProjectActions: (projectActions) => set({ projectActions }),
    close: () => set({ open: false, draft: blank(), active: 0, picking: false, saving: false, result: null }),
    setName: (name) => set({ draft: { ...get().draft, name }, result: null }),
    setDescription: (description) => set({ draft: { ...get().draft, description }, result: null }),
    addStep: (step) => {
      const steps = [...get().draft.steps, step];
      set({ draft: { ...get().draft, steps }, active: steps.length - 1, picking: false, result: null });
    },
    addEmptyStep: (kind) => get().addStep(emptyStep(kind)),
    updateStep: (index, change) => {
      const steps = get().draft.steps.map((step, at) => (at === index ? change(step) : step));
      set({ draft: { ...get().draft, steps }, result: null });
    },
    removeStep: (index) => {
      const steps = get().draft.steps.filter((_, at) => at !== index);
      set({ draft: { ...get().draft, steps }, active: Math.max(0, Math.min(get().active, steps.length - 1)), result: null });
    },
    activate: (index) => set({ active: index }),
    setPicking: (picking) => set({ picking }),
    saveStarted: () => set({ saving: true, result: null }),
    saveFinished: (result) =>
      set({
        saving: false,
        result,
        // Saved (or queued): from now on the builder edits that action, so a second save changes it.
        ...(result.ok ? { draft: { ...get().draft, key: result.key, id: result.entry?.id ?? get().draft.id } } : {}),
      }),
  }));
}

export type BuilderStore = ReturnType<typeof createBuilderStore>;
