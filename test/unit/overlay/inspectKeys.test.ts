import { describe, expect, it } from 'vitest';
import { inspectKeyAction } from '../../../src/overlay/inspect/inspectKeys';

const press = (key: string, modifiers: Partial<Record<'ctrlKey' | 'altKey' | 'metaKey', boolean>> = {}) => ({ key, ctrlKey: false, altKey: false, metaKey: false, ...modifiers });

describe('inspectKeyAction', () => {
  it.each([
    ['ArrowUp', 'parent'],
    ['[', 'parent'],
    ['ArrowDown', 'child'],
    [']', 'child'],
    ['ArrowLeft', 'previous'],
    ['ArrowRight', 'next'],
    ['Escape', 'escape'],
    ['a', null],
    ['Enter', null],
    ['Tab', null],
    [' ', null],
  ] as const)('%j → %s', (key, action) => {
    expect(inspectKeyAction(press(key))).toBe(action);
  });

  it.each(['ctrlKey', 'altKey', 'metaKey'] as const)('leaves %s combinations to the browser and the site', (modifier) => {
    expect(inspectKeyAction(press('ArrowUp', { [modifier]: true }))).toBeNull();
    expect(inspectKeyAction(press('[', { [modifier]: true }))).toBeNull();
  });
});
