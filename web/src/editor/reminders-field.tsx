// The editor's reminders: before the due time, or at a time of their own.
import { LIMITS } from '../lib/contract.ts';
import { type Draft, type DraftReminder, newReminder } from '../lib/draft.ts';
import { UNITS, type Unit } from '../lib/reminders.ts';
import { CloseIcon, PlusIcon } from '../ui/icons.tsx';
import { FieldError } from './field-error.tsx';

export function RemindersField({
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
