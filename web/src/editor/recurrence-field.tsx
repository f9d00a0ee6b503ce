// The editor's recurrence: presets, a custom RRULE, and a live preview of the next dates.
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { messageOf } from '../api/client.ts';
import { api } from '../api/endpoints.ts';
import { LIMITS } from '../lib/contract.ts';
import { formatOccurrence, todayIn } from '../lib/dates.ts';
import { type Draft, dueOf } from '../lib/draft.ts';
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
} from '../lib/recurrence.ts';
import { useDebounced } from '../quick-add.tsx';
import { FieldError } from './field-error.tsx';

export function RecurrenceField({
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
          <EveryField
            value={preset.interval}
            onChange={(interval) => setPreset({ ...preset, interval })}
            unit={
              {
                daily: 'days',
                weekly: 'weeks',
                'monthly-day': 'months',
                'monthly-weekday': 'months',
                yearly: 'years',
              }[preset.kind as 'daily'] ?? ''
            }
          />
        )}
        {preset.kind === 'after-completion' && (
          <EveryField
            value={preset.days}
            onChange={(days) => setPreset({ ...preset, days })}
            unit="days after it is completed"
          />
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

/** "every N <unit>": a whole number from 1 to 999 (an empty or invalid entry counts as 1). */
function EveryField({
  value,
  onChange,
  unit,
}: {
  value: number;
  onChange: (value: number) => void;
  unit: string;
}) {
  return (
    <label className="inline-field">
      <span>every</span>
      <input
        type="number"
        min={1}
        max={999}
        className="narrow"
        value={value}
        onChange={(e) => onChange(Math.max(1, e.target.valueAsNumber || 1))}
      />
      <span>{unit}</span>
    </label>
  );
}
