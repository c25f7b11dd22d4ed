import type { ActionWrite } from '../../src/core/actions/schema';
import type { ActionsList } from '../../src/messaging/protocol';
import { seededRandom } from '../../src/core/seededRandom';

/**
 * Random create / edit / delete operations for the sync end-to-end tests (Chrome and Firefox), with
 * the model of what the server must hold once everything is sent. `send` makes one operation
 * through the extension and answers with the action's key (for a create or an edit).
 */
export interface WorkloadStep {
  index: number;
  kind: 'create' | 'edit' | 'delete';
}

export interface Workload {
  run(
    count: number,
    send: (op: { kind: 'save'; key: string | null; action: ActionWrite } | { kind: 'delete'; key: string }) => Promise<string | null>,
    between?: (step: WorkloadStep) => Promise<void>,
  ): Promise<void>;
  /** `name selector` of every action the server must hold, sorted. */
  expected(): string[];
}

const action = (name: string, selector: string): ActionWrite => ({ name, description: '', steps: [{ event: '$autocapture', selector }] });

export function createWorkload(seed: number): Workload {
  const random = seededRandom(seed);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const model = new Map<string, { name: string; selector: string }>();
  let names = 0;
  return {
    async run(count, send, between) {
      for (let index = 0; index < count; index++) {
        const keys = [...model.keys()];
        const roll = random();
        let kind: WorkloadStep['kind'];
        if (roll < 0.45 || keys.length === 0) {
          kind = 'create';
          const value = { name: `Sync ${seed} #${names++}`, selector: `.s${index}` };
          const key = await send({ kind: 'save', key: null, action: action(value.name, value.selector) });
          if (!key) throw new Error(`create ${index} was refused`);
          model.set(key, value);
        } else if (roll < 0.8) {
          kind = 'edit';
          const key = pick(keys);
          const old = model.get(key)!;
          const value = random() < 0.5 ? { ...old, selector: `.e${index}` } : { ...old, name: `Sync ${seed} #${names++}` };
          const newKey = await send({ kind: 'save', key, action: action(value.name, value.selector) });
          if (!newKey) throw new Error(`edit ${index} was refused`);
          model.delete(key);
          model.set(newKey, value);
        } else {
          kind = 'delete';
          const key = pick(keys);
          await send({ kind: 'delete', key });
          model.delete(key);
        }
        await between?.({ index, kind });
      }
    },
    expected: () => [...model.values()].map((value) => `${value.name} ${value.selector}`).sort(),
  };
}

/** What the server holds, as `expected()` writes it. */
export async function serverHolds(api: { url: string; projectId: number; apiKey: string }): Promise<string[]> {
  const response = await fetch(`${api.url}/api/projects/${api.projectId}/actions/`, { headers: { authorization: `Bearer ${api.apiKey}` } });
  const body = (await response.json()) as { results: Array<{ name: string; steps: Array<{ selector: string | null }> }> };
  return body.results.map((a) => `${a.name} ${a.steps.map((step) => step.selector).join(',')}`).sort();
}

/** The fault mix of the end-to-end tests: every kind the local API can inject, often enough to matter. */
export const E2E_FAULTS = {
  rates: { serverError: 0.06, rateLimit: 0.02, unauthorized: 0.02, slow: 0.01, dropAfterCommit: 0.06, badJson: 0.04 },
  retryAfterSeconds: 1,
  // Past the engine's 10 s timeout: the write lands, the answer never comes in time.
  slowMs: 11_000,
};

/**
 * Where sync stands, for `expect.poll`: the summary while it moves; at once an error naming any action
 * that is refused or in conflict (those would never become synced on their own).
 */
export async function syncProgress(list: () => Promise<ActionsList>): Promise<unknown> {
  const answer = await list();
  if (answer.state !== 'ok') return answer;
  const stuck = answer.entries.filter((entry) => entry.status.state === 'failed' || entry.status.state === 'conflict');
  if (stuck.length > 0) throw new Error(`stuck: ${JSON.stringify(stuck)}`);
  return answer.sync;
}
