import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import { useStore } from 'zustand';
import { actionMatches, AUTOCAPTURE_EVENT } from '../../core/actions';
import type { ElementClicks } from '../../core/heatmap/clickStats';
import type { BuilderStore } from '../build/builderStore';
import { clickRows, type ClickRow, type SortColumn, sortRows } from './clickTable';
import { nearMissSentence, twinsSentence } from './heatLabels';
import { formatShare } from './heatScale';
import type { HeatmapStore } from './heatmapStore';
import type { HeatmapServices } from './wireHeatmap';

const ROW_HEIGHT = 38;

const COLUMNS: ReadonlyArray<{ column: SortColumn; label: string; numeric?: boolean }> = [
  { column: 'element', label: 'Element' },
  { column: 'clicks', label: 'Clicks', numeric: true },
  { column: 'share', label: 'Share', numeric: true },
  { column: 'rage', label: 'Rage', numeric: true },
  { column: 'dead', label: 'Dead', numeric: true },
  { column: 'quality', label: 'Match' },
  { column: 'actions', label: 'Actions' },
];

/**
 * The clicked elements as a table, virtualized (a large page has hundreds): each row names the
 * element as its chain does, its counts, how it was matched, and the project's actions a click on
 * it belongs to — decided by the server's matching engine on its chain and this page's URL.
 */
export function HeatmapTable({ heatmap, services, builder }: { heatmap: HeatmapStore; services: HeatmapServices; builder: BuilderStore }) {
  const map = useStore(heatmap, (state) => state.map);
  const sort = useStore(heatmap, (state) => state.sort);
  const projectActions = useStore(builder, (state) => state.projectActions);
  const { sortBy } = heatmap.getState();

  const rows = useMemo(() => {
    const actions =
      projectActions?.state === 'ok'
        ? projectActions.entries.filter((entry) => !(entry.status.state === 'pending' && entry.status.op === 'delete') && !entry.action.deleted).map((entry) => entry.action)
        : [];
    const url = services.pageUrl();
    const actionsOf = (clicks: ElementClicks) => {
      if (actions.length === 0) return [];
      const event = { event: AUTOCAPTURE_EVENT, properties: { $current_url: url }, elements_chain: clicks.chain };
      return actions
        .filter((action) => actionMatches(action, event))
        .map((action) => action.name ?? `Action ${action.id ?? ''}`.trim())
        .sort((a, b) => a.localeCompare(b));
    };
    return clickRows(map?.elements ?? [], actionsOf);
  }, [map, projectActions, services]);
  const sorted = useMemo(() => sortRows(rows, sort), [rows, sort]);

  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: sorted.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const items = virtualizer.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);

  return (
    <div className="heatmap-table" ref={scroller} data-testid="heatmap-table" data-sort={sort.column} data-direction={sort.direction} data-rows={sorted.length}>
      <table>
        <thead>
          <tr>
            {COLUMNS.map(({ column, label, numeric }) => (
              <th key={column} className={numeric ? 'num' : undefined} aria-sort={sort.column === column ? sort.direction : 'none'} scope="col">
                <button type="button" onClick={() => sortBy(column)} data-testid={`heatmap-sort-${column}`} title={`Sort by ${label.toLowerCase()}`}>
                  {label}
                  <span aria-hidden="true" className="sort-mark">
                    {sort.column === column ? (sort.direction === 'ascending' ? '▲' : '▼') : ''}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {before > 0 && (
            <tr aria-hidden="true">
              <td colSpan={COLUMNS.length} style={{ height: before, padding: 0 }} />
            </tr>
          )}
          {items.map((item) => {
            const row = sorted[item.index]!;
            return <Row key={item.key} row={row} onReveal={services.reveal} />;
          })}
          {after > 0 && (
            <tr aria-hidden="true">
              <td colSpan={COLUMNS.length} style={{ height: after, padding: 0 }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

function Row({ row, onReveal }: { row: ClickRow; onReveal(element: Element): void }) {
  const { clicks } = row;
  const reveal = () => onReveal(clicks.element);
  return (
    <tr
      onClick={reveal}
      data-testid="heatmap-row"
      data-rank={clicks.rank}
      data-count={clicks.clicks}
      data-rage={clicks.rageClicks}
      data-dead={clicks.deadClicks}
      data-quality={clicks.quality}
      data-chain={clicks.chain}
      className={clicks.quality}
    >
      <td className="element">
        <button
          type="button"
          className="link"
          onClick={(event) => {
            event.stopPropagation();
            reveal();
          }}
          title="Scroll to this element and pin it"
        >
          {row.element}
        </button>
        {row.context && <span className="context">{row.context}</span>}
      </td>
      <td className="num">{clicks.clicks}</td>
      <td className="num">{formatShare(clicks.share)}</td>
      <td className="num">{clicks.rageClicks || ''}</td>
      <td className="num">{clicks.deadClicks || ''}</td>
      <td title={[clicks.quality === 'near' ? nearMissSentence(clicks) : 'Its chain, exactly', clicks.twins > 0 ? twinsSentence(clicks.twins) : ''].filter(Boolean).join('. ')}>
        {clicks.quality === 'near' ? '≈ near' : 'exact'}
        {clicks.twins > 0 && <span className="twins"> ×{clicks.twins + 1}</span>}
      </td>
      <td className="actions" title={row.actions.join(', ')}>
        <span>{row.actions.join(', ')}</span>
      </td>
    </tr>
  );
}
