import { describe, expect, it } from 'vitest';
import type { TaskListQuery } from '../ports/index.ts';
import { listShape, listStatement } from './list-statement.ts';

const base: TaskListQuery = { status: 'pending', sort: { key: 'dueAt', desc: false }, limit: 50 };
const full: TaskListQuery = {
  status: 'completed',
  priorities: ['high', 'urgent'],
  tags: ['work', 'home'],
  words: ['rep', 'q3'],
  dueFrom: new Date('2026-11-01T00:00:00Z'),
  dueTo: new Date('2026-12-01T00:00:00Z'),
  overdueBefore: new Date('2026-11-22T10:00:00Z'),
  sort: { key: 'priority', desc: true },
  limit: 20,
  after: { value: 3, id: '0195f1c2-0000-7000-8000-000000000001' },
};

const parameterNumbers = (text: string) => new Set([...text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));

describe('the list statement', () => {
  it('is built once per shape: the same text for other values', () => {
    const a = listStatement('u1', full);
    const b = listStatement('u2', {
      ...full,
      priorities: ['low', 'none'],
      tags: ['x'],
      words: ['milk'],
      after: { value: 1, id: '0195f1c2-0000-7000-8000-000000000002' },
    });
    expect(b.text).toBe(a.text);
    expect(b.values).not.toEqual(a.values);
  });

  it('numbers one parameter per value, in the driver form', () => {
    const { text, values } = listStatement('u1', full);
    expect(parameterNumbers(text)).toEqual(new Set(values.map((_, i) => i + 1)));
    expect(values).toEqual([
      'u1',
      'completed',
      'high',
      'urgent',
      ['work', 'home'],
      "'rep':* & 'q3':*",
      '2026-11-01T00:00:00.000Z',
      '2026-12-01T00:00:00.000Z',
      'pending',
      '2026-11-22T10:00:00.000Z',
      3,
      '0195f1c2-0000-7000-8000-000000000001',
      21,
    ]);
  });

  it('asks for one row past the limit, the next page evidence', () => {
    const { values } = listStatement('u1', base);
    expect(values).toEqual(['u1', 'pending', 51]);
  });

  it('tells shapes apart by every part that changes the text', () => {
    const variants: TaskListQuery[] = [
      base,
      { ...base, status: 'all' },
      { ...base, priorities: ['high'] },
      { ...base, priorities: ['high', 'low'] },
      { ...base, tags: ['a'] },
      { ...base, words: ['a'] },
      { ...base, dueFrom: new Date(0) },
      { ...base, dueTo: new Date(0) },
      { ...base, overdueBefore: new Date(0) },
      { ...base, after: { value: null, id: 'x' } },
      { ...base, after: { value: '2026-11-01T00:00:00.000Z', id: 'x' } },
      { ...base, sort: { key: 'dueAt', desc: true } },
      { ...base, sort: { key: 'title', desc: false } },
    ];
    const shapes = variants.map(listShape);
    const texts = variants.map((query) => listStatement('u1', query).text);
    expect(new Set(shapes).size).toBe(variants.length);
    expect(new Set(texts).size).toBe(variants.length);
    for (const query of variants) {
      const { text, values } = listStatement('u1', query);
      expect(parameterNumbers(text)).toEqual(new Set(values.map((_, i) => i + 1)));
    }
  });

  it('keeps nulls last and the id as tiebreak when sorting by due date', () => {
    const { text } = listStatement('u1', { ...base, sort: { key: 'dueAt', desc: true } });
    expect(text).toMatch(/"due_at" DESC NULLS LAST, "tasks"\."id" desc limit \$\d+$/);
  });
});
