// The task editor (a side panel; full screen on phones): every field of a task, reminders,
// recurrence presets with a live preview of the next dates, and the task's activity.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type CSSProperties,
  type FormEvent,
  type KeyboardEvent,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import type { TaskDto } from '#contract/task.ts';
import { useTaskActions } from './actions.ts';
import { ApiError, fieldErrors, messageOf } from './api/client.ts';
import { api } from './api/endpoints.ts';
import { LIMITS } from './lib/contract.ts';
import { formatDateTime, formatOccurrence, relativeTime, todayIn } from './lib/dates.ts';
import {
  checkDraft,
  type Draft,
  type DraftReminder,
  draftOf,
  dueOf,
  newReminder,
  patchOf,
} from './lib/draft.ts';
import { PRIORITY_LABELS, PRIORITY_ORDER } from './lib/priority.ts';
import {
  NTH_LABELS,
  PRESET_LABELS,
  type Preset,
  type PresetKind,
  presetOfKind,
  toRecurrence,
  WEEK_ORDER,
  WEEKDAY_NAMES,
  type Weekday,
} from './lib/recurrence.ts';
import { UNITS, type Unit } from './lib/reminders.ts';
import { applyTask } from './live.ts';
import { keys, useMe, useTagColors, useTags, useTask } from './queries.ts';
import { useDebounced } from './quick-add.tsx';
import { ColorPicker, useSetTagColor } from './tags.tsx';
import { toast } from './toasts.tsx';
import { CloseIcon, PlusIcon, TrashIcon } from './ui/icons.tsx';
import { tagColorValue } from './ui/tag.tsx';

export default function Editor({ id, onClose }: { id: string; onClose: () => void }) {
  const task = useTask(id);
  const [tab, setTab] = useState<'details' | 'activity'>('details');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <aside className="panel editor-panel" aria-labelledby="editor-title">
      <header className="panel-head">
        <h2 id="editor-title" tabIndex={-1} ref={heading}>
          {task.data ? 'Edit task' : 'Task'}
        </h2>
        <div className="tabs" role="tablist" aria-label="Task">
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'details'}
            onClick={() => setTab('details')}
          >
            Details
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'activity'}
            onClick={() => setTab('activity')}
          >
            Activity
          </button>
        </div>
        <button type="button" className="icon-button" aria-label="Close the editor" onClick={onClose}>
          <CloseIcon />
        </button>
      </header>
      {task.isPending ? (
        <p className="muted panel-body">Loading the task…</p>
      ) : task.isError ? (
        <div className="panel-body state-box error" role="alert">
          <p>
            {task.error instanceof ApiError && task.error.status === 404
              ? 'This task no longer exists: it was deleted, here or in another tab.'
              : `Could not load the task: ${messageOf(task.error)}`}
          </p>
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
        </div>
      ) : tab === 'details' ? (
        <EditorForm task={task.data} onClose={onClose} />
      ) : (
        <Activity taskId={id} />
      )}
    </aside>
  );
}

function EditorForm({ task, onClose }: { task: TaskDto; onClose: () => void }) {
  const me = useMe();
  const client = useQueryClient();
  const actions = useTaskActions();
  const [base, setBase] = useState<Draft>(() => draftOf(task));
  const [draft, setDraft] = useState<Draft>(base);
  const [baseVersion, setBaseVersion] = useState(task.version);
  const [showErrors, setShowErrors] = useState(false);
  const patch = patchOf(base, draft);
  const dirty = Object.keys(patch).length > 0;
  const formId = useId();

  // Changed elsewhere (another tab, the assistant, the recurrence service): take it in when there
  // is nothing unsaved here; otherwise say so and let the person choose.
  const stale = task.version > baseVersion;
  useEffect(() => {
    if (stale && !dirty) {
      const fresh = draftOf(task);
      setBase(fresh);
      setDraft(fresh);
      setBaseVersion(task.version);
    }
  }, [stale, dirty, task]);

  const save = useMutation({
    mutationFn: () => api.patchTask(task.id, patch, baseVersion),
    onSuccess: (updated) => {
      applyTask(client, updated, me.timeZone);
      const fresh = draftOf(updated);
      setBase(fresh);
      setDraft(fresh);
      setBaseVersion(updated.version);
      setShowErrors(false);
      toast(`Saved “${updated.title}”`);
    },
  });
  const localErrors = checkDraft(draft);
  const serverErrors = fieldErrors(save.error);
  const errorOf = (prefix: string) =>
    (showErrors ? localErrors[prefix] : undefined) ??
    Object.entries(serverErrors).find(([path]) => path === prefix || path.startsWith(`${prefix}.`))?.[1];
  const conflict = save.error instanceof ApiError && save.error.status === 412;

  const update = (changes: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...changes }));
    if (save.isError) save.reset();
  };

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (Object.keys(localErrors).length) {
      setShowErrors(true);
      return;
    }
    if (dirty && !save.isPending) save.mutate();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  };
  const loadLatest = () => {
    const fresh = draftOf(task);
    setBase(fresh);
    setDraft(fresh);
    setBaseVersion(task.version);
    save.reset();
  };

  const ids = (name: string) => `${formId}-${name}`;
  const topErrors = Object.entries(serverErrors).filter(
    ([path]) =>
      !['title', 'description', 'tags', 'dueAt', 'allDay', 'recurrence', 'reminders', 'priority'].some((f) =>
        path.startsWith(f),
      ),
  );

  return (
    <form
      className="panel-body editor"
      onSubmit={submit}
      onKeyDown={onKeyDown}
      aria-label={`Edit “${task.title}”`}
      noValidate
    >
      {(stale || conflict) && (
        <div className="notice" role="alert">
          <p>This task was changed somewhere else since you opened it.</p>
          <button type="button" className="button small" onClick={loadLatest}>
            Load the latest (drops your edits)
          </button>
        </div>
      )}
      <div className="field">
        <label htmlFor={ids('title')}>Title</label>
        <input
          id={ids('title')}
          value={draft.title}
          maxLength={LIMITS.titleMax}
          onChange={(e) => update({ title: e.target.value })}
          aria-invalid={errorOf('title') ? true : undefined}
          aria-describedby={errorOf('title') ? ids('title-error') : undefined}
        />
        <FieldError id={ids('title-error')} text={errorOf('title')} />
      </div>
      <div className="field">
        <label htmlFor={ids('description')}>Description</label>
        <textarea
          id={ids('description')}
          value={draft.description}
          rows={3}
          maxLength={LIMITS.descriptionMax}
          onChange={(e) => update({ description: e.target.value })}
        />
        <FieldError text={errorOf('description')} />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={ids('priority')}>Priority</label>
          <select
            id={ids('priority')}
            value={draft.priority}
            onChange={(e) => update({ priority: e.target.value as Draft['priority'] })}
          >
            {PRIORITY_ORDER.map((p) => (
              <option key={p} value={p}>
                {PRIORITY_LABELS[p]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <TagsField tags={draft.tags} onChange={(tags) => update({ tags })} error={errorOf('tags')} />
      <DueField
        draft={draft}
        update={update}
        error={errorOf('dueAt') ?? errorOf('allDay')}
        defaultDate={todayIn(draft.timeZone)}
      />
      <RemindersField draft={draft} update={update} errorOf={errorOf} />
      <RecurrenceField draft={draft} update={update} error={errorOf('recurrence')} />

      {topErrors.length > 0 && (
        <p className="form-error" role="alert">
          {topErrors.map(([path, message]) => `${path}: ${message}`).join('; ')}
        </p>
      )}
      {save.isError && !conflict && Object.keys(serverErrors).length === 0 && (
        <p className="form-error" role="alert">
          Not saved: {messageOf(save.error)}
        </p>
      )}
      {showErrors && Object.keys(localErrors).length > 0 && (
        <p className="form-error" role="alert">
          Fix the marked fields to save.
        </p>
      )}
      <div className="editor-actions">
        <button type="submit" className="button primary" disabled={!dirty || save.isPending}>
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="button" onClick={() => (dirty ? setDraft(base) : onClose())}>
          {dirty ? 'Discard changes' : 'Close'}
        </button>
        <span className="spacer" />
        <button type="button" className="button" onClick={() => void actions.toggle(task)}>
          {task.status === 'pending' ? 'Complete' : 'Reopen'}
        </button>
        <button
          type="button"
          className="button danger"
          onClick={() => {
            actions.remove(task);
            onClose();
          }}
        >
          <TrashIcon size={16} /> Delete
        </button>
      </div>
      <p className="muted small">
        Times are in {draft.timeZone}
        {draft.timeZone !== me.timeZone ? ` (yours: ${me.timeZone})` : ''}. Created{' '}
        {formatDateTime(task.createdAt, me.timeZone)} · version {task.version}
      </p>
    </form>
  );
}

function FieldError({ text, id }: { text: string | undefined; id?: string }) {
  if (!text) return null;
  return (
    <p className="field-error" id={id}>
      {text}
    </p>
  );
}

function TagsField({
  tags,
  onChange,
  error,
}: {
  tags: string[];
  onChange: (tags: string[]) => void;
  error?: string | undefined;
}) {
  const known = useTags().data ?? [];
  const colors = useTagColors();
  const setColor = useSetTagColor();
  const [text, setText] = useState('');
  const [picking, setPicking] = useState<string | null>(null);
  const id = useId();
  const add = (raw: string) => {
    const names = raw
      .split(/[,\s]+/)
      .map((t) => t.trim().replace(/^#/, ''))
      .filter(Boolean);
    const next = [...tags];
    for (const name of names)
      if (!next.includes(name) && next.length < LIMITS.tagsMax) next.push(name.slice(0, LIMITS.tagMax));
    onChange(next);
    setText('');
  };
  return (
    <div className="field">
      <label htmlFor={id}>Tags</label>
      <div className="tag-editor">
        {tags.map((tag) => (
          <span
            key={tag}
            className="tag editable"
            style={{ '--tag': tagColorValue(colors.get(tag)) } as CSSProperties}
          >
            <button
              type="button"
              className="tag-color"
              aria-label={`Colour of #${tag}`}
              aria-expanded={picking === tag}
              onClick={() => setPicking(picking === tag ? null : tag)}
            />
            #{tag}
            <button
              type="button"
              className="tag-remove"
              aria-label={`Remove tag ${tag}`}
              onClick={() => onChange(tags.filter((t) => t !== tag))}
            >
              ×
            </button>
          </span>
        ))}
        <input
          id={id}
          className="tag-input"
          value={text}
          list={`${id}-known`}
          placeholder={tags.length ? 'Add another' : 'Add a tag'}
          onChange={(e) => {
            if (/[,\s]$/.test(e.target.value)) add(e.target.value);
            else setText(e.target.value);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && text.trim()) {
              e.preventDefault();
              add(text);
            } else if (e.key === 'Backspace' && !text && tags.length) onChange(tags.slice(0, -1));
          }}
          onBlur={() => text.trim() && add(text)}
        />
        <datalist id={`${id}-known`}>
          {known
            .filter((t) => !tags.includes(t.name))
            .map((t) => (
              <option key={t.name} value={t.name} />
            ))}
        </datalist>
      </div>
      {picking && (
        <ColorPicker
          name={picking}
          value={colors.get(picking)}
          onPick={(color) => {
            setColor.mutate({ name: picking, color });
            setPicking(null);
          }}
        />
      )}
      <FieldError text={error} />
    </div>
  );
}

function DueField({
  draft,
  update,
  error,
  defaultDate,
}: {
  draft: Draft;
  update: (c: Partial<Draft>) => void;
  error?: string | undefined;
  defaultDate: string;
}) {
  const id = useId();
  return (
    <fieldset className="field group">
      <legend>Due</legend>
      <div className="field-row wrap">
        <label className="inline-field checkbox">
          <input
            type="checkbox"
            checked={draft.hasDue}
            onChange={(e) => update({ hasDue: e.target.checked, dueDate: draft.dueDate || defaultDate })}
          />
          <span>Has a due date</span>
        </label>
        {draft.hasDue && (
          <>
            <label className="inline-field">
              <span className="sr-only">Due date</span>
              <input
                id={`${id}-date`}
                type="date"
                aria-label="Due date"
                value={draft.dueDate}
                onChange={(e) => update({ dueDate: e.target.value })}
              />
            </label>
            {!draft.allDay && (
              <label className="inline-field">
                <span className="sr-only">Due time</span>
                <input
                  type="time"
                  aria-label="Due time"
                  value={draft.dueTime}
                  onChange={(e) => update({ dueTime: e.target.value })}
                />
              </label>
            )}
            <label className="inline-field checkbox">
              <input
                type="checkbox"
                checked={draft.allDay}
                onChange={(e) => update({ allDay: e.target.checked })}
              />
              <span>All day</span>
            </label>
          </>
        )}
      </div>
      <FieldError text={error} />
    </fieldset>
  );
}

function RemindersField({
  draft,
  update,
  errorOf,
}: {
  draft: Draft;
  update: (c: Partial<Draft>) => void;
  errorOf: (prefix: string) => string | undefined;
}) {
  const set = (key: string, changes: Partial<DraftReminder>) =>
    update({
      // A changed reminder is a new one (it fires again even if the old one already did).
      reminders: draft.reminders.map((r) =>
        r.key === key ? { ...r, ...changes, id: undefined, state: undefined } : r,
      ),
    });
  return (
    <fieldset className="field group">
      <legend>Reminders</legend>
      {draft.reminders.length === 0 && <p className="muted small">No reminders.</p>}
      <ul className="reminder-list">
        {draft.reminders.map((r, index) => (
          <li key={r.key}>
            <div className="field-row wrap">
              <label className="inline-field">
                <span className="sr-only">Reminder {index + 1}: when</span>
                <select
                  value={r.mode}
                  aria-label={`Reminder ${index + 1}: when`}
                  onChange={(e) => set(r.key, { mode: e.target.value as DraftReminder['mode'] })}
                >
                  <option value="before" disabled={!draft.hasDue}>
                    Before due
                  </option>
                  <option value="at">At a time</option>
                </select>
              </label>
              {r.mode === 'before' ? (
                <>
                  <input
                    type="number"
                    min={0}
                    className="narrow"
                    aria-label={`Reminder ${index + 1}: how many`}
                    value={Number.isFinite(r.amount) ? r.amount : ''}
                    onChange={(e) => set(r.key, { amount: e.target.valueAsNumber })}
                  />
                  <select
                    aria-label={`Reminder ${index + 1}: unit`}
                    value={r.unit}
                    onChange={(e) => set(r.key, { unit: e.target.value as Unit })}
                  >
                    {(Object.keys(UNITS) as Unit[]).map((u) => (
                      <option key={u} value={u}>
                        {u} before
                      </option>
                    ))}
                  </select>
                </>
              ) : (
                <>
                  <input
                    type="date"
                    aria-label={`Reminder ${index + 1}: date`}
                    value={r.atDate}
                    onChange={(e) => set(r.key, { atDate: e.target.value })}
                  />
                  <input
                    type="time"
                    aria-label={`Reminder ${index + 1}: time`}
                    value={r.atTime}
                    onChange={(e) => set(r.key, { atTime: e.target.value })}
                  />
                </>
              )}
              {r.state && r.state !== 'pending' && <span className="muted small">{r.state}</span>}
              <button
                type="button"
                className="icon-button small"
                aria-label={`Remove reminder ${index + 1}`}
                onClick={() => update({ reminders: draft.reminders.filter((x) => x.key !== r.key) })}
              >
                <CloseIcon size={16} />
              </button>
            </div>
            <FieldError text={errorOf(`reminders.${index}`)} />
          </li>
        ))}
      </ul>
      {draft.reminders.length < LIMITS.remindersMax && (
        <button
          type="button"
          className="button subtle small"
          onClick={() => update({ reminders: [...draft.reminders, newReminder(draft)] })}
        >
          <PlusIcon size={14} /> Add reminder
        </button>
      )}
      <FieldError text={errorOf('reminders')} />
    </fieldset>
  );
}

function RecurrenceField({
  draft,
  update,
  error,
}: {
  draft: Draft;
  update: (c: Partial<Draft>) => void;
  error?: string | undefined;
}) {
  const id = useId();
  const preset = draft.preset;
  const setPreset = (next: Preset) => update({ preset: next });
  const dueDate = draft.hasDue ? draft.dueDate : null;
  const recurrence = toRecurrence(preset);
  const due = dueOf(draft);
  const start = due.dueAt ?? `${todayIn(draft.timeZone)}T09:00:00`;
  const input = useDebounced(
    recurrence ? { rule: recurrence.rule, basis: recurrence.basis, start } : null,
    250,
  );
  const preview = useQuery({
    queryKey: ['preview', input, draft.timeZone],
    queryFn: ({ signal }) => api.preview({ ...input!, timeZone: draft.timeZone, count: 5 }, signal),
    enabled: Boolean(input?.rule),
    staleTime: 5 * 60_000,
    retry: false,
  });

  return (
    <fieldset className="field group">
      <legend>Repeat</legend>
      <div className="field-row wrap">
        <label className="inline-field">
          <span className="sr-only">Repeat</span>
          <select
            id={`${id}-preset`}
            aria-label="Repeat"
            value={preset.kind}
            onChange={(e) => {
              const kind = e.target.value as PresetKind;
              const next = presetOfKind(kind, dueDate, preset);
              // A repeating task needs a due date: start today when there is none.
              update({
                preset: next,
                ...(kind !== 'none' && !draft.hasDue
                  ? { hasDue: true, dueDate: todayIn(draft.timeZone) }
                  : {}),
              });
            }}
          >
            {(Object.keys(PRESET_LABELS) as PresetKind[]).map((kind) => (
              <option key={kind} value={kind}>
                {PRESET_LABELS[kind]}
              </option>
            ))}
          </select>
        </label>
        {'interval' in preset && (
          <label className="inline-field">
            <span>every</span>
            <input
              type="number"
              min={1}
              max={999}
              className="narrow"
              value={preset.interval}
              onChange={(e) => setPreset({ ...preset, interval: Math.max(1, e.target.valueAsNumber || 1) })}
            />
            <span>
              {{
                daily: 'days',
                weekly: 'weeks',
                'monthly-day': 'months',
                'monthly-weekday': 'months',
                yearly: 'years',
              }[preset.kind as 'daily'] ?? ''}
            </span>
          </label>
        )}
        {preset.kind === 'after-completion' && (
          <label className="inline-field">
            <span>every</span>
            <input
              type="number"
              min={1}
              max={999}
              className="narrow"
              value={preset.days}
              onChange={(e) => setPreset({ ...preset, days: Math.max(1, e.target.valueAsNumber || 1) })}
            />
            <span>days after it is completed</span>
          </label>
        )}
      </div>
      {preset.kind === 'weekly' && (
        <fieldset className="toggle-group bare">
          <legend className="sr-only">Days of the week</legend>
          {WEEK_ORDER.map((day) => (
            <button
              key={day}
              type="button"
              className="toggle"
              aria-pressed={preset.days.includes(day)}
              aria-label={WEEKDAY_NAMES[day]}
              onClick={() =>
                setPreset({
                  ...preset,
                  days: preset.days.includes(day)
                    ? preset.days.filter((d) => d !== day)
                    : [...preset.days, day],
                })
              }
            >
              {WEEKDAY_NAMES[day].slice(0, 2)}
            </button>
          ))}
        </fieldset>
      )}
      {preset.kind === 'monthly-day' && (
        <label className="inline-field">
          <span>on day</span>
          <select value={preset.day} onChange={(e) => setPreset({ ...preset, day: Number(e.target.value) })}>
            {Array.from({ length: 31 }, (_, i) => i + 1).map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
            <option value={-1}>last day</option>
          </select>
        </label>
      )}
      {preset.kind === 'monthly-weekday' && (
        <div className="field-row wrap">
          <label className="inline-field">
            <span>on the</span>
            <select
              value={preset.nth}
              onChange={(e) => setPreset({ ...preset, nth: Number(e.target.value) })}
            >
              {['1', '2', '3', '4', '-1'].map((n) => (
                <option key={n} value={n}>
                  {NTH_LABELS[n]}
                </option>
              ))}
            </select>
          </label>
          <label className="inline-field">
            <span className="sr-only">weekday</span>
            <select
              aria-label="Weekday"
              value={preset.day}
              onChange={(e) => setPreset({ ...preset, day: e.target.value as Weekday })}
            >
              {WEEK_ORDER.map((d) => (
                <option key={d} value={d}>
                  {WEEKDAY_NAMES[d]}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {preset.kind !== 'none' && (
        <div className="field-row wrap">
          <label className="inline-field grow">
            <span>RRULE</span>
            <input
              className="mono"
              value={preset.kind === 'custom' ? preset.rule : (recurrence?.rule ?? '')}
              maxLength={LIMITS.ruleMax}
              spellCheck={false}
              aria-describedby={`${id}-preview`}
              onChange={(e) =>
                setPreset({
                  kind: 'custom',
                  rule: e.target.value,
                  basis: preset.kind === 'custom' ? preset.basis : (recurrence?.basis ?? 'due'),
                })
              }
            />
          </label>
          {preset.kind === 'custom' && (
            <label className="inline-field">
              <span className="sr-only">Counted from</span>
              <select
                aria-label="Counted from"
                value={preset.basis}
                onChange={(e) => setPreset({ ...preset, basis: e.target.value as 'due' | 'completion' })}
              >
                <option value="due">from the due date</option>
                <option value="completion">from completion</option>
              </select>
            </label>
          )}
        </div>
      )}
      <FieldError text={error} />
      {recurrence && (
        <div id={`${id}-preview`} className="preview" aria-live="polite">
          {preview.isError ? (
            <p className="field-error">{messageOf(preview.error)}</p>
          ) : preview.data ? (
            <>
              <p>
                <strong>{preview.data.description}</strong>
              </p>
              <ol className="occurrences" aria-label="Next dates">
                {preview.data.occurrences.map((o) => (
                  <li key={o}>{formatOccurrence(o)}</li>
                ))}
              </ol>
            </>
          ) : (
            <p className="muted small">Working out the next dates…</p>
          )}
        </div>
      )}
    </fieldset>
  );
}

const EVENT_LABELS: Record<string, string> = {
  'todo.task.created': 'Created',
  'todo.task.updated': 'Changed',
  'todo.task.completed': 'Completed',
  'todo.task.reopened': 'Reopened',
  'todo.task.deleted': 'Deleted',
  'todo.reminder.due': 'Reminder fired',
  'todo.notification.created': 'Notified',
};
const FIELD_LABELS: Record<string, string> = {
  dueAt: 'due date',
  allDay: 'all day',
  timeZone: 'time zone',
  recurrence: 'repeat',
};

function Activity({ taskId }: { taskId: string }) {
  const me = useMe();
  const activity = useInfiniteQuery({
    queryKey: keys.activity(taskId),
    queryFn: ({ pageParam }) => api.activity(taskId, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  if (activity.isPending) return <p className="muted panel-body">Loading the activity…</p>;
  if (activity.isError)
    return (
      <p className="form-error panel-body" role="alert">
        Could not load the activity: {messageOf(activity.error)}
      </p>
    );
  const items = activity.data.pages.flatMap((p) => p.items);
  return (
    <div className="panel-body">
      {items.length === 0 ? (
        <p className="muted">Nothing recorded yet.</p>
      ) : (
        <ol className="activity" aria-label="Activity, newest first">
          {items.map((item) => {
            const data = item.data as { changes?: string[]; task?: { title?: string } } | null;
            const changes = data?.changes?.map((c) => FIELD_LABELS[c] ?? c);
            return (
              <li key={item.id}>
                <span className={`activity-type type-${item.type.split('.').pop()}`}>
                  {EVENT_LABELS[item.type] ?? item.type}
                </span>
                {changes?.length ? <span> {changes.join(', ')}</span> : null}
                {item.type === 'todo.task.created' && data?.task?.title ? (
                  <span> “{data.task.title}”</span>
                ) : null}
                <time
                  className="muted small"
                  dateTime={item.time}
                  title={formatDateTime(item.time, me.timeZone)}
                >
                  {relativeTime(item.time, Date.now(), me.timeZone)}
                </time>
              </li>
            );
          })}
        </ol>
      )}
      {activity.hasNextPage && (
        <button type="button" className="button subtle" onClick={() => void activity.fetchNextPage()}>
          Older
        </button>
      )}
    </div>
  );
}
