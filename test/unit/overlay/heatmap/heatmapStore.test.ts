import { describe, expect, it } from 'vitest';
import { createHeatmapStore } from '../../../../src/overlay/heatmap/heatmapStore';

const ROW = { count: 3, type: '$autocapture', elements: [{ tag_name: 'button', order: 0 }] };

describe('heatmap store', () => {
  it('wants stats when the mode goes on, and keeps them when it goes off', () => {
    const store = createHeatmapStore('https://a.example/');
    expect(store.getState()).toMatchObject({ on: false, wanted: false });
    store.getState().toggle();
    expect(store.getState()).toMatchObject({ on: true, wanted: true });
    store.getState().toggle();
    expect(store.getState()).toMatchObject({ on: false, wanted: true });
  });

  it('commits a pattern only when it changed and is not blank', () => {
    const store = createHeatmapStore('https://a.example/');
    const query = store.getState().query;
    store.getState().setPattern('  https://a.example/  ');
    expect(store.getState().query).toBe(query);
    store.getState().setPattern('   ');
    expect(store.getState().query).toBe(query);
    store.getState().setPattern('https://a.example/product/*');
    expect(store.getState().query.pattern).toBe('https://a.example/product/*');
  });

  it('keeps the include list in PostHog’s order whatever the order of the clicks on it', () => {
    const store = createHeatmapStore('p');
    store.getState().setInclude('$autocapture', false);
    store.getState().setInclude('$autocapture', true);
    expect(store.getState().query.include).toEqual(['$autocapture', '$rageclick', '$dead_click']);
    store.getState().setInclude('$rageclick', false);
    expect(store.getState().query.include).toEqual(['$autocapture', '$dead_click']);
  });

  it('records the project’s rows, the tab’s fallback with the problem, or the problem alone', () => {
    const store = createHeatmapStore('p');
    const query = store.getState().query;
    store.getState().loadStarted();
    store.getState().loadFinished(query, { state: 'ok', source: 'project', rows: [ROW], fetchedAt: 1, pattern: 'p', truncated: false, projectId: 7 });
    expect(store.getState()).toMatchObject({ loading: false, problem: null, data: { source: 'project', projectId: 7, rows: [ROW], query } });
    const failed = { state: 'error', kind: 'forbidden', detail: 'GET … → 403', pattern: 'p' } as const;
    store.getState().loadFinished(query, { ...failed, problem: 'The key lacks element:read', fallback: { rows: [ROW], source: 'tab', fetchedAt: 2 } });
    expect(store.getState()).toMatchObject({ problem: null, data: { source: 'tab', problem: 'The key lacks element:read' } });
    store.getState().loadFinished(query, { ...failed, problem: 'offline' });
    expect(store.getState()).toMatchObject({ problem: 'offline', data: null, map: null });
  });

  it('sorts by clicks first, then as the headers are clicked', () => {
    const store = createHeatmapStore('p');
    expect(store.getState().sort).toEqual({ column: 'clicks', direction: 'descending' });
    store.getState().sortBy('clicks');
    expect(store.getState().sort.direction).toBe('ascending');
    store.getState().sortBy('element');
    expect(store.getState().sort).toEqual({ column: 'element', direction: 'ascending' });
  });
});
