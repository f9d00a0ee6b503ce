// Status, priority, tag, due range, overdue and sort, kept in the URL (shareable, back button).
import { useState } from 'react';
import type { Priority, Sort } from '#contract/task.ts';
import { PRIORITY_LABELS, PRIORITY_ORDER } from './lib/priority.ts';
import {
  activeFilterCount,
  type Filters,
  filtersToSearch,
  type StatusFilter,
  type ViewId,
} from './lib/views.ts';
import { useTags } from './queries.ts';
import { navigate } from './router.ts';

const SORT_LABELS: [Sort, string][] = [
  ['dueAt', 'Due date (soonest)'],
  ['-dueAt', 'Due date (latest)'],
  ['-priority', 'Priority (highest)'],
  ['priority', 'Priority (lowest)'],
  ['title', 'Title (A–Z)'],
  ['-title', 'Title (Z–A)'],
  ['-createdAt', 'Newest'],
  ['createdAt', 'Oldest'],
  ['-updatedAt', 'Recently changed'],
];

export function FilterBar({ view, filters }: { view: ViewId; filters: Filters }) {
  const [open, setOpen] = useState(activeFilterCount(filters) > 0);
  const tags = useTags().data ?? [];
  const count = activeFilterCount(filters);
  const update = (changes: Partial<Filters>) => {
    const search = filtersToSearch({ ...filters, ...changes }, new URLSearchParams(location.search));
    const query = search.toString();
    navigate(`${location.pathname}${query ? `?${query}` : ''}`, { replace: true });
  };
  const togglePriority = (p: Priority) =>
    update({
      priority: filters.priority.includes(p)
        ? filters.priority.filter((x) => x !== p)
        : [...filters.priority, p],
    });
  const fixedStatus = view === 'completed' || view === 'overdue';

  return (
    <div className="filter-bar">
      <div className="filter-summary">
        <button
          type="button"
          className="button subtle"
          aria-expanded={open}
          aria-controls="filters"
          onClick={() => setOpen(!open)}
        >
          Filters{count ? ` (${count})` : ''}
        </button>
        <label className="inline-field">
          <span>Sort</span>
          <select
            value={filters.sort ?? ''}
            onChange={(e) => update({ sort: (e.target.value || null) as Sort | null })}
          >
            <option value="">Default</option>
            {SORT_LABELS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {count > 0 && (
          <button
            type="button"
            className="button subtle"
            onClick={() =>
              update({ status: null, priority: [], tags: [], dueFrom: '', dueTo: '', overdue: false })
            }
          >
            Clear filters
          </button>
        )}
      </div>
      {open && (
        <fieldset id="filters" className="filters">
          <legend className="sr-only">Filters</legend>
          {!fixedStatus && (
            <label className="inline-field">
              <span>Status</span>
              <select
                value={filters.status ?? 'pending'}
                onChange={(e) =>
                  update({ status: e.target.value === 'pending' ? null : (e.target.value as StatusFilter) })
                }
              >
                <option value="pending">Open</option>
                <option value="completed">Completed</option>
                <option value="all">All</option>
              </select>
            </label>
          )}
          <fieldset className="inline-field bare">
            <legend className="inline-legend">Priority</legend>
            <div className="toggle-group">
              {PRIORITY_ORDER.map((p) => (
                <button
                  key={p}
                  type="button"
                  className={`toggle prio-${p}`}
                  aria-pressed={filters.priority.includes(p)}
                  onClick={() => togglePriority(p)}
                >
                  {PRIORITY_LABELS[p]}
                </button>
              ))}
            </div>
          </fieldset>
          <label className="inline-field">
            <span>Tag</span>
            <select
              value={filters.tags[0] ?? ''}
              onChange={(e) => update({ tags: e.target.value ? [e.target.value] : [] })}
            >
              <option value="">Any tag</option>
              {tags.map((t) => (
                <option key={t.name} value={t.name}>
                  #{t.name} ({t.taskCount})
                </option>
              ))}
              {filters.tags[0] && !tags.some((t) => t.name === filters.tags[0]) && (
                <option value={filters.tags[0]}>#{filters.tags[0]}</option>
              )}
            </select>
          </label>
          <label className="inline-field">
            <span>Due from</span>
            <input
              type="date"
              value={filters.dueFrom}
              onChange={(e) => update({ dueFrom: e.target.value })}
            />
          </label>
          <label className="inline-field">
            <span>to</span>
            <input type="date" value={filters.dueTo} onChange={(e) => update({ dueTo: e.target.value })} />
          </label>
          {view !== 'overdue' && (
            <label className="inline-field checkbox">
              <input
                type="checkbox"
                checked={filters.overdue}
                onChange={(e) => update({ overdue: e.target.checked })}
              />
              <span>Overdue only</span>
            </label>
          )}
        </fieldset>
      )}
    </div>
  );
}
