// The task editor (a side panel; full screen on phones): every field of a task, reminders,
// recurrence presets with a live preview of the next dates, and the task's activity.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import type { TaskDto } from '#contract/task.ts';
import { useTaskActions } from './actions.ts';
import { ApiError, fieldErrors, messageOf } from './api/client.ts';
import { api } from './api/endpoints.ts';
import { Activity } from './editor/activity.tsx';
import { DueField } from './editor/due-field.tsx';
import { FieldError } from './editor/field-error.tsx';
import { RecurrenceField } from './editor/recurrence-field.tsx';
import { RemindersField } from './editor/reminders-field.tsx';
import { TagsField } from './editor/tags-field.tsx';
import { LIMITS } from './lib/contract.ts';
import { formatDateTime, todayIn } from './lib/dates.ts';
import { checkDraft, type Draft, draftOf, patchOf } from './lib/draft.ts';
import { PRIORITY_LABELS, PRIORITY_ORDER } from './lib/priority.ts';
import { applyTask } from './live.ts';
import { useMe, useTask } from './queries.ts';
import { toast } from './toasts.tsx';
import { CloseIcon, TrashIcon } from './ui/icons.tsx';

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
