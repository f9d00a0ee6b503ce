// The task list of a view: filters, rows grouped under headings, infinite scroll over the cursor,
// j/k selection. Rows change live (live.ts patches the cached pages).
import { type RefObject, useEffect, useImperativeHandle, useMemo, useRef, useState } from 'react';
import type { TaskDto } from '#contract/task.ts';
import { pendingDeletes, useTaskActions } from './actions.ts';
import { messageOf } from './api/client.ts';
import { flattenPages } from './lib/cache.ts';
import { dueLabel, todayIn } from './lib/dates.ts';
import { PRIORITY_LABELS } from './lib/priority.ts';
import { describeOffset } from './lib/reminders.ts';
import { activeFilterCount, type Filters, groupTasks, listQuery, VIEWS, type ViewId } from './lib/views.ts';
import { useMe, useTagColors, useTaskList } from './queries.ts';
import { navigate, setSearch } from './router.ts';
import { useStore } from './store.ts';
import { AlarmIcon, RepeatIcon, TrashIcon } from './ui/icons.tsx';
import { TagChip } from './ui/tag.tsx';

export interface ListControls {
  move(delta: 1 | -1): void;
  completeSelected(): void;
  editSelected(): void;
}

export function TaskList(props: {
  view: ViewId;
  filters: Filters;
  controls: RefObject<ListControls | null>;
  openTaskId: string | null;
}) {
  const { view, filters } = props;
  const me = useMe();
  const zone = me.timeZone;
  const today = todayIn(zone);
  const query = useMemo(() => listQuery(view, filters, today), [view, filters, today]);
  const list = useTaskList(query);
  const hidden = useStore(pendingDeletes);
  const tasks = useMemo(() => flattenPages(list.data).filter((t) => !hidden.has(t.id)), [list.data, hidden]);
  const groups = useMemo(() => groupTasks(view, tasks, zone), [view, tasks, zone]);
  const colors = useTagColors();
  const actions = useTaskActions();
  const [selected, setSelected] = useState<string | null>(null);
  const listRef = useRef<HTMLDivElement>(null);

  const focusRow = (id: string) => {
    setSelected(id);
    const row = listRef.current?.querySelector<HTMLElement>(`[data-task-id="${CSS.escape(id)}"] .task-title`);
    row?.focus();
    row?.scrollIntoView({ block: 'nearest' });
  };

  useImperativeHandle(props.controls, () => ({
    move(delta) {
      if (tasks.length === 0) return;
      const index = tasks.findIndex((t) => t.id === selected);
      const next =
        index < 0
          ? delta > 0
            ? 0
            : tasks.length - 1
          : Math.min(tasks.length - 1, Math.max(0, index + delta));
      focusRow(tasks[next]!.id);
      if (next >= tasks.length - 5 && list.hasNextPage && !list.isFetchingNextPage) void list.fetchNextPage();
    },
    completeSelected() {
      const task = tasks.find((t) => t.id === selected);
      if (task) void actions.toggle(task);
    },
    editSelected() {
      if (selected) setSearch({ task: selected });
    },
  }));

  // Infinite scroll: load the next page when the sentinel under the last row comes into view.
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  useEffect(() => {
    const element = sentinel.current;
    if (!element || !hasNextPage) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
      },
      { rootMargin: '600px 0px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  if (list.isPending)
    return (
      <div className="task-list" aria-busy="true">
        <span className="sr-only">Loading tasks…</span>
        {[0, 1, 2, 3, 4].map((i) => (
          <div key={i} className="skeleton-row" />
        ))}
      </div>
    );
  if (list.isError && !list.data)
    return (
      <div className="state-box error" role="alert">
        <p>
          <strong>Could not load the tasks.</strong> {messageOf(list.error)}
        </p>
        <button type="button" className="button" onClick={() => void list.refetch()}>
          Try again
        </button>
      </div>
    );
  if (tasks.length === 0) {
    const filtered = activeFilterCount(filters) > 0 || filters.q.trim() !== '';
    return (
      <div className="state-box empty">
        {filtered ? (
          <>
            <p>No tasks match {filters.q.trim() ? `“${filters.q.trim()}” and ` : ''}these filters.</p>
            <button type="button" className="button" onClick={() => navigate(location.pathname)}>
              Clear search and filters
            </button>
          </>
        ) : (
          <p>{VIEWS.find((v) => v.id === view)?.empty}</p>
        )}
      </div>
    );
  }

  return (
    <div className="task-list" ref={listRef}>
      {groups.map((group) => (
        <section key={group.key} aria-label={group.heading ?? 'Tasks'}>
          {group.heading && (
            <h2 className={`group-heading ${group.key === 'overdue' ? 'overdue' : ''}`}>{group.heading}</h2>
          )}
          <ul className="rows">
            {group.tasks.map((task) => (
              <TaskRow
                key={task.id}
                task={task}
                zone={zone}
                colors={colors}
                selected={task.id === selected}
                open={task.id === props.openTaskId}
                onSelect={() => setSelected(task.id)}
                onToggle={() => actions.toggle(task)}
                onDelete={() => actions.remove(task)}
              />
            ))}
          </ul>
        </section>
      ))}
      <div ref={sentinel} className="sentinel" />
      {list.hasNextPage && (
        <button
          type="button"
          className="button subtle load-more"
          onClick={() => void list.fetchNextPage()}
          disabled={list.isFetchingNextPage}
        >
          {list.isFetchingNextPage ? 'Loading more…' : 'Load more'}
        </button>
      )}
      {list.isFetchNextPageError && (
        <p className="form-error" role="alert">
          Could not load more: {messageOf(list.error)}
        </p>
      )}
      <p className="list-count muted small" aria-live="polite">
        {tasks.length} {tasks.length === 1 ? 'task' : 'tasks'}
        {list.hasNextPage ? ' shown, more below' : ''}
      </p>
    </div>
  );
}

function TaskRow(props: {
  task: TaskDto;
  zone: string;
  colors: Map<string, string>;
  selected: boolean;
  open: boolean;
  onSelect: () => void;
  /** Completes or reopens; settles once the server answered (or the change was rolled back). */
  onToggle: () => Promise<void>;
  onDelete: () => void;
}) {
  const { task, zone } = props;
  const due = dueLabel(task, zone);
  const done = task.status === 'completed';
  // The box follows the click at once, before the cache update re-renders the row (or drops it
  // from a view it no longer belongs to); the task's own status takes over once the toggle settles.
  const [wanted, setWanted] = useState<boolean | null>(null);
  const toggle = () => {
    if (wanted !== null) return;
    setWanted(!done);
    void props.onToggle().finally(() => setWanted(null));
  };
  const pendingReminders = task.reminders.filter((r) => r.state === 'pending');
  const metaId = `meta-${task.id}`;
  return (
    <li
      className={`task-row prio-${task.priority}${done ? ' done' : ''}${props.selected ? ' selected' : ''}${props.open ? ' open' : ''}`}
      data-task-id={task.id}
    >
      <input
        type="checkbox"
        className="check"
        checked={wanted ?? done}
        onChange={toggle}
        aria-label={done ? `Reopen “${task.title}”` : `Complete “${task.title}”`}
      />
      <div className="task-main">
        <button
          type="button"
          className="task-title"
          onClick={() => setSearch({ task: task.id })}
          onFocus={props.onSelect}
          aria-describedby={metaId}
        >
          {task.title}
        </button>
        <div className="task-meta" id={metaId}>
          {due && (
            <span
              className={`due${due.overdue ? ' overdue' : ''}${due.today ? ' today' : ''}`}
              title={due.full}
            >
              {due.overdue ? 'Overdue · ' : ''}
              {due.text}
            </span>
          )}
          {task.recurrence && (
            <span className="meta-icon" title="Repeats">
              <RepeatIcon size={14} />
              <span className="sr-only">repeats</span>
            </span>
          )}
          {pendingReminders.length > 0 && (
            <span
              className="meta-icon"
              title={pendingReminders
                .map((r) => (r.offsetMinutes !== null ? describeOffset(r.offsetMinutes) : 'at a set time'))
                .join(', ')}
            >
              <AlarmIcon size={14} />
              <span className="sr-only">
                {pendingReminders.length} {pendingReminders.length === 1 ? 'reminder' : 'reminders'}
              </span>
            </span>
          )}
          {task.priority !== 'none' && (
            <span className={`prio-label prio-${task.priority}`}>{PRIORITY_LABELS[task.priority]}</span>
          )}
          {task.tags.map((tag) => (
            <TagChip key={tag} name={tag} color={props.colors.get(tag)} />
          ))}
          {task.description && <span className="desc-snippet">{task.description.split('\n')[0]}</span>}
        </div>
      </div>
      <button
        type="button"
        className="icon-button row-delete"
        aria-label={`Delete “${task.title}”`}
        onClick={props.onDelete}
      >
        <TrashIcon size={16} />
      </button>
    </li>
  );
}
