// Quick add: type a task in plain words; what the parser understood shows under the field
// (highlighted words and chips) before Enter saves it.
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { type RefObject, useEffect, useState } from 'react';
import type { QuickAddParse } from '#contract/quick-add.ts';
import { fieldErrors, messageOf } from './api/client.ts';
import { api } from './api/endpoints.ts';
import { dueLabel, formatDateTime, zonedToInstant } from './lib/dates.ts';
import { PRIORITY_LABELS } from './lib/priority.ts';
import { segments } from './lib/quick-add.ts';
import { describeOffset } from './lib/reminders.ts';
import { applyTask } from './live.ts';
import { useMe, useTagColors } from './queries.ts';
import { setSearch } from './router.ts';
import { toast } from './toasts.tsx';
import { AlarmIcon, CalendarIcon, FlagIcon, PlusIcon, RepeatIcon } from './ui/icons.tsx';
import { TagChip } from './ui/tag.tsx';

export function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** The instant of a parsed dueAt (a local wall time or date in `zone`, or an instant). */
function instantOf(dueAt: string, zone: string): string {
  if (/[zZ]|[+-]\d{2}:\d{2}$/.test(dueAt)) return dueAt;
  const [date, time] = dueAt.split('T') as [string, string | undefined];
  return zonedToInstant(date, time ? time.slice(0, 5) : '00:00', zone);
}

export function QuickAdd({ inputRef }: { inputRef: RefObject<HTMLInputElement | null> }) {
  const me = useMe();
  const client = useQueryClient();
  const colors = useTagColors();
  const [text, setText] = useState('');
  const trimmed = text.trim();
  const debounced = useDebounced(trimmed, 150);
  const parse = useQuery({
    queryKey: ['quick-parse', debounced],
    queryFn: async ({ signal }) => ({ text: debounced, ...(await api.parseQuick(debounced, signal)) }),
    enabled: debounced.length > 0,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
  // Adds do not wait for each other: the field clears at once, ready for the next task.
  const [adding, setAdding] = useState(0);
  const [failed, setFailed] = useState<unknown>(null);
  async function add(value: string) {
    setText('');
    setFailed(null);
    setAdding((n) => n + 1);
    try {
      const task = await api.quickAdd(value);
      applyTask(client, task, me.timeZone);
      toast(`Added “${task.title}”`, { action: { label: 'Open', run: () => setSearch({ task: task.id }) } });
    } catch (error) {
      setFailed(error);
      setText((current) => current || value);
    } finally {
      setAdding((n) => n - 1);
    }
  }
  const preview = trimmed && parse.data ? parse.data : null;
  const addError = failed ? (fieldErrors(failed).text ?? messageOf(failed)) : null;

  return (
    <form
      className="quick-add"
      onSubmit={(event) => {
        event.preventDefault();
        if (trimmed) void add(trimmed);
      }}
    >
      <div className="quick-row">
        <label htmlFor="quick-add" className="sr-only">
          Quick add a task
        </label>
        <input
          id="quick-add"
          className="quick-input"
          ref={inputRef}
          value={text}
          maxLength={2000}
          autoComplete="off"
          placeholder="Add a task — e.g. “Pay rent every month on the 1st at 9am #home !high remind me 1 day before”"
          aria-describedby="quick-add-preview"
          onChange={(e) => {
            setText(e.target.value);
            if (failed) setFailed(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              if (text) setText('');
              else e.currentTarget.blur();
            }
          }}
        />
        <button type="submit" className="button primary" disabled={!trimmed} aria-busy={adding > 0}>
          <PlusIcon size={16} />
          <span>Add</span>
        </button>
      </div>
      <div id="quick-add-preview" className="quick-preview" aria-live="polite">
        {addError && (
          <p className="form-error" role="alert">
            Not added: {addError}
          </p>
        )}
        {preview && <Understood preview={preview} zone={me.timeZone} colors={colors} />}
        {trimmed && parse.isError && !preview && (
          <p className="muted small">Could not read that yet: {messageOf(parse.error)}</p>
        )}
      </div>
    </form>
  );
}

function Understood({
  preview,
  zone,
  colors,
}: {
  preview: QuickAddParse & { text: string };
  zone: string;
  colors: Map<string, string>;
}) {
  const { task } = preview;
  const due = task.dueAt
    ? dueLabel({ dueAt: instantOf(task.dueAt, task.timeZone), allDay: task.allDay, status: 'pending' }, zone)
    : null;
  return (
    <div className="understood">
      <p className="quick-text">
        <span className="sr-only">Understood: </span>
        {segments(preview.text, preview.understood).map((s) =>
          s.kind ? (
            <mark key={s.start} className={`span span-${s.kind}`} title={s.kind}>
              {s.text}
            </mark>
          ) : (
            <span key={s.start}>{s.text}</span>
          ),
        )}
      </p>
      <ul className="chips" aria-label="Task preview">
        <li className="chip chip-title">
          <span className="muted">Title</span> {task.title || '—'}
        </li>
        {due && (
          <li className={`chip chip-date${due.overdue ? ' overdue' : ''}`} title={due.full}>
            <CalendarIcon size={14} /> {due.text}
          </li>
        )}
        {preview.recurrence && (
          <li className="chip chip-recurrence">
            <RepeatIcon size={14} /> {preview.recurrence}
          </li>
        )}
        {task.priority !== 'none' && (
          <li className={`chip prio-${task.priority}`}>
            <FlagIcon size={14} /> {PRIORITY_LABELS[task.priority]}
          </li>
        )}
        {task.tags.map((tag) => (
          <li key={tag} className="chip-tag">
            <TagChip name={tag} color={colors.get(tag)} />
          </li>
        ))}
        {task.reminders.map((r) => (
          <li key={'offsetMinutes' in r ? `o${r.offsetMinutes}` : `a${r.at}`} className="chip chip-reminder">
            <AlarmIcon size={14} />{' '}
            {'offsetMinutes' in r
              ? `Remind ${describeOffset(r.offsetMinutes)}`
              : `Remind ${formatDateTime(instantOf(r.at, task.timeZone), zone)}`}
          </li>
        ))}
      </ul>
      <p className="hint">Enter saves.</p>
    </div>
  );
}
