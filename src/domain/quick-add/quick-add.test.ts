import { describe, expect, it } from 'vitest';
import { CreateTaskBody } from '../../../contract/task.ts';
import { createTask } from '../task.ts';
import { ambiguityCases } from './cases/ambiguity.ts';
import { type Case, contextOf, fullResult } from './cases/case.ts';
import { dateCases, timeCases } from './cases/dates.ts';
import { recurrenceCases } from './cases/recurrence.ts';
import { reminderCases } from './cases/reminders.ts';
import { priorityCases, tagCases } from './cases/tokens.ts';
import { dstCases, exampleCases, zoneCases } from './cases/zones.ts';
import { parseQuickAdd } from './index.ts';

const groups: Record<string, Case[]> = {
  'issue and design examples': exampleCases,
  priority: priorityCases,
  tags: tagCases,
  dates: dateCases,
  times: timeCases,
  recurrence: recurrenceCases,
  reminders: reminderCases,
  'ambiguous words': ambiguityCases,
  'other zones': zoneCases,
  'around daylight-saving changes': dstCases,
};
const rows = Object.values(groups).flat();

describe(`quick add (process TZ=${process.env.TZ})`, () => {
  it('runs in the process zone its vitest project sets', () => {
    const offsets: Record<string, number> = { UTC: 0, 'Asia/Kolkata': -330 };
    const expected = offsets[process.env.TZ ?? ''];
    if (expected !== undefined) expect(new Date(rows[0]!.now).getTimezoneOffset()).toBe(expected);
  });

  it('has a table of at least 120 phrases', () => {
    expect(rows.length).toBeGreaterThanOrEqual(120);
    expect(new Set(rows.map((row) => `${row.text}|${row.now}|${row.zone}`)).size).toBe(rows.length);
  });

  for (const [name, cases] of Object.entries(groups)) {
    describe(name, () => {
      it.each(cases.map((row) => [`${row.text} (${row.zone})`, row] as const))('%s', (_, row) => {
        expect(parseQuickAdd(row.text, contextOf(row))).toEqual(fullResult(row));
      });
    });
  }

  it('answers what POST /api/tasks accepts and createTask turns into a task', () => {
    let ids = 0;
    for (const row of rows) {
      const { understood, ...input } = parseQuickAdd(row.text, contextOf(row));
      const body = CreateTaskBody.parse(input);
      expect(body, row.text).toEqual({ ...input, title: input.title.trim() });
      const task = createTask(
        body,
        { userId: 'u', timeZone: row.zone },
        { now: new Date(row.now), newId: () => `id-${++ids}` },
      );
      expect(task.allDay, row.text).toBe(input.allDay);
    }
  });
});
