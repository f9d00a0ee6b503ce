// The editor's due date: a date, a time or all day, in the task's time zone.
import { useId } from 'react';
import type { Draft } from '../lib/draft.ts';
import { FieldError } from './field-error.tsx';

export function DueField({
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
