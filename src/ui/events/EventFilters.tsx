import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useEventsStore } from '../stores/eventsStore';
import { CATEGORY_LABELS, type EventCategory } from './eventFilter';

/** Free-text search, quick category toggles and a multi-select of event names. */
export function EventFilters() {
  // Only what the bar shows: the store changes with every arriving event.
  const { search, setSearch, categories, toggleCategory, names } = useEventsStore(
    useShallow(({ search, setSearch, categories, toggleCategory, names }) => ({ search, setSearch, categories, toggleCategory, names })),
  );
  const [menuOpen, setMenuOpen] = useState(false);

  return (
    <div className="event-filters">
      <input type="search" placeholder="Search names and properties" aria-label="Search events" value={search} onChange={(e) => setSearch(e.target.value)} />
      <div className="row chips" role="group" aria-label="Event categories">
        {(Object.keys(CATEGORY_LABELS) as EventCategory[]).map((category) => (
          <button key={category} type="button" className="chip" aria-pressed={categories.has(category)} onClick={() => toggleCategory(category)}>
            {CATEGORY_LABELS[category]}
          </button>
        ))}
        <details className="name-picker" onToggle={(e) => setMenuOpen(e.currentTarget.open)}>
          <summary>{names.size === 0 ? 'All names' : `${names.size} name${names.size === 1 ? '' : 's'}`}</summary>
          {/* Drawn only while open: a tab's buffer can hold hundreds of names, none needed for the first paint. */}
          {menuOpen && <NameMenu />}
        </details>
      </div>
    </div>
  );
}

function NameMenu() {
  const { nameCounts, names, toggleName, clearNames } = useEventsStore(
    useShallow(({ nameCounts, names, toggleName, clearNames }) => ({ nameCounts, names, toggleName, clearNames })),
  );
  const counts = useMemo(() => [...nameCounts.entries()].sort((a, b) => b[1] - a[1]), [nameCounts]);
  return (
    <div className="name-menu" role="group" aria-label="Event names">
      {names.size > 0 && (
        <button type="button" onClick={clearNames}>
          Show all names
        </button>
      )}
      {counts.map(([name, count]) => (
        <label key={name} className="name-option">
          <input type="checkbox" checked={names.has(name)} onChange={() => toggleName(name)} />
          <span className="mono">{name}</span>
          <span className="muted">{count}</span>
        </label>
      ))}
    </div>
  );
}
