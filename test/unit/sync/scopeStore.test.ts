import { describe, expect, it } from 'vitest';
import { ScopeStore } from '../../../src/sync/scopeStore';
import { MemoryArea } from '../../support/memoryArea';

const action = (id: number, name: string) => ({
  id,
  name,
  description: '',
  steps: [{ event: '$autocapture', selector: '.buy' }],
  deleted: false,
});

describe('ScopeStore', () => {
  it('keeps what a refused write held for the next write, under anything newer', async () => {
    const area = new MemoryArea();
    const store = await ScopeStore.load(area, 'http://127.0.0.1:1', 1);
    const setting = area.set.bind(area);
    let refuse = true;
    area.set = async (items) => {
      if (refuse) throw new Error('QUOTA_BYTES quota exceeded');
      return setting(items);
    };
    store.putServer(action(1, 'First'));
    store.putServer(action(2, 'Second'));
    await expect(store.commit()).rejects.toThrow('quota');
    refuse = false;
    store.putServer(action(2, 'Second, renamed'));
    await store.commit();
    const again = await ScopeStore.load(area, 'http://127.0.0.1:1', 1);
    expect([...again.server.values()].map((a) => a.name).sort()).toEqual(['First', 'Second, renamed']);
  });
});
