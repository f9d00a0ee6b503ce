import { describe, expect, it } from 'vitest';
import { segments } from './quick-add.ts';
import { describeOffset, splitOffset, toOffset } from './reminders.ts';
import { shortcutOf } from './shortcuts.ts';
import { toolSummary } from './tool-calls.ts';

describe('quick add spans', () => {
  it('splits the text at what was understood', () => {
    const text = 'Water plants every day at 9am #home !high';
    const out = segments(text, [
      { kind: 'priority', start: 36, end: 41 },
      { kind: 'recurrence', start: 13, end: 22 },
      { kind: 'time', start: 23, end: 29 },
      { kind: 'tag', start: 30, end: 35 },
    ]);
    expect(out.map(({ text, kind }) => [text, kind])).toEqual([
      ['Water plants ', null],
      ['every day', 'recurrence'],
      [' ', null],
      ['at 9am', 'time'],
      [' ', null],
      ['#home', 'tag'],
      [' ', null],
      ['!high', 'priority'],
    ]);
    expect(out.map((s) => s.start)).toEqual([0, 13, 22, 23, 29, 30, 35, 36]);
    expect(out.map((s) => s.text).join('')).toBe(text);
  });
  it('drops spans out of range or overlapping', () => {
    expect(
      segments('abc def', [
        { kind: 'tag', start: 0, end: 3 },
        { kind: 'date', start: 2, end: 5 },
        { kind: 'date', start: 5, end: 99 },
      ]),
    ).toEqual([
      { text: 'abc', kind: 'tag', start: 0 },
      { text: ' def', kind: null, start: 3 },
    ]);
    expect(segments('', [])).toEqual([]);
  });
});

describe('reminder offsets', () => {
  it('picks the largest even unit and says it', () => {
    expect(splitOffset(90)).toEqual({ amount: 90, unit: 'minutes' });
    expect(splitOffset(120)).toEqual({ amount: 2, unit: 'hours' });
    expect(splitOffset(1440)).toEqual({ amount: 1, unit: 'days' });
    expect(splitOffset(20160)).toEqual({ amount: 2, unit: 'weeks' });
    expect(splitOffset(0)).toEqual({ amount: 0, unit: 'minutes' });
    expect(toOffset(3, 'hours')).toBe(180);
    expect(toOffset(-1, 'days')).toBe(0);
    expect(describeOffset(0)).toBe('at the due time');
    expect(describeOffset(1)).toBe('1 minute before');
    expect(describeOffset(15)).toBe('15 minutes before');
    expect(describeOffset(60)).toBe('1 hour before');
    expect(describeOffset(2880)).toBe('2 days before');
  });
});

describe('keyboard shortcuts', () => {
  const key = (k: string, extra: Partial<Parameters<typeof shortcutOf>[0]> = {}) =>
    shortcutOf({
      key: k,
      ctrlKey: false,
      metaKey: false,
      altKey: false,
      targetTag: 'BODY',
      targetEditable: false,
      ...extra,
    });
  it('maps keys outside text fields', () => {
    expect(key('q')).toBe('quick-add');
    expect(key('/')).toBe('search');
    expect(key('j')).toBe('next');
    expect(key('k')).toBe('previous');
    expect(key('x')).toBe('complete');
    expect(key('e')).toBe('edit');
    expect(key('?')).toBe('help');
    expect(key('Escape')).toBe('close');
    expect(key('z')).toBeNull();
  });
  it('leaves typing alone, and keys with modifiers', () => {
    expect(key('q', { targetTag: 'INPUT' })).toBeNull();
    expect(key('j', { targetTag: 'textarea' })).toBeNull();
    expect(key('x', { targetEditable: true })).toBeNull();
    expect(key('Escape', { targetTag: 'INPUT' })).toBe('close');
    expect(key('q', { ctrlKey: true })).toBeNull();
    expect(key('k', { metaKey: true })).toBeNull();
  });
});

describe('assistant tool calls in one line', () => {
  it('names the task, counts items, reports failures', () => {
    expect(toolSummary({ tool: 'quick_add', input: {}, output: { task: { title: 'Call mom' } } })).toEqual({
      text: 'quick_add → “Call mom”',
      failed: false,
    });
    expect(
      toolSummary({ tool: 'list_tasks', input: {}, output: { items: [1, 2, 3], nextCursor: null } }).text,
    ).toBe('list_tasks → 3 tasks');
    expect(
      toolSummary({ tool: 'list_notifications', input: {}, output: { items: [1], unreadCount: 1 } }).text,
    ).toBe('list_notifications → 1 notification');
    expect(toolSummary({ tool: 'delete_task', input: {}, output: { id: 'x', deleted: true } }).text).toBe(
      'delete_task → deleted',
    );
    expect(
      toolSummary({
        tool: 'complete_task',
        input: {},
        output: { error: { code: 'not_found', status: 404, message: 'No such task.' } },
      }),
    ).toEqual({ text: 'complete_task ✗ No such task.', failed: true });
    expect(toolSummary({ tool: 'x', input: {}, output: null })).toEqual({ text: 'x', failed: false });
  });
});
