import { describe, expect, it } from 'vitest';
import { task } from './fixtures.ts';
import {
  activeFilterCount,
  filtersToSearch,
  groupTasks,
  listQuery,
  matchesQuery,
  NO_FILTERS,
  parseFilters,
  viewOfPath,
} from './views.ts';

describe('filters in the URL', () => {
  it('round-trips, dropping what it does not know', () => {
    const search = new URLSearchParams(
      'status=all&priority=high,bogus,urgent&tags=home,work&q=milk&dueFrom=2026-11-01&dueTo=nope&overdue=true&sort=-priority&task=abc',
    );
    const filters = parseFilters(search);
    expect(filters).toEqual({
      status: 'all',
      priority: ['high', 'urgent'],
      tags: ['home', 'work'],
      q: 'milk',
      dueFrom: '2026-11-01',
      dueTo: '',
      overdue: true,
      sort: '-priority',
    });
    expect(activeFilterCount(filters)).toBe(5);
    const back = filtersToSearch(filters, search);
    expect(back.get('task')).toBe('abc');
    expect(parseFilters(back)).toEqual(filters);
    expect(filtersToSearch(NO_FILTERS).toString()).toBe('');
    expect(parseFilters(new URLSearchParams('sort=nonsense&status=x')).sort).toBeNull();
  });

  it('knows the views by path', () => {
    expect(viewOfPath('/')).toBe('inbox');
    expect(viewOfPath('/overdue')).toBe('overdue');
    expect(viewOfPath('/settings')).toBeNull();
  });
});

describe('the list query of a view', () => {
  const today = '2026-11-22';
  it('Today: everything open due by the end of today (overdue included)', () => {
    expect(listQuery('today', NO_FILTERS, today)).toEqual({ status: 'pending', sort: 'dueAt', dueTo: today });
  });
  it('Upcoming: from tomorrow on', () => {
    expect(listQuery('upcoming', NO_FILTERS, today)).toEqual({
      status: 'pending',
      sort: 'dueAt',
      dueFrom: '2026-11-23',
    });
  });
  it('Overdue and Completed fix their status', () => {
    expect(listQuery('overdue', { ...NO_FILTERS, status: 'completed' }, today)).toEqual({
      status: 'pending',
      sort: 'dueAt',
      overdue: 'true',
    });
    expect(listQuery('completed', NO_FILTERS, today)).toEqual({ status: 'completed', sort: '-updatedAt' });
  });
  it('puts filters on top, narrowing date ranges', () => {
    expect(
      listQuery(
        'upcoming',
        {
          ...NO_FILTERS,
          priority: ['high'],
          tags: ['home'],
          q: ' milk ',
          dueFrom: '2026-11-01',
          dueTo: '2026-12-01',
          sort: 'title',
        },
        today,
      ),
    ).toEqual({
      status: 'pending',
      sort: 'title',
      priority: 'high',
      tags: 'home',
      q: 'milk',
      dueFrom: '2026-11-23',
      dueTo: '2026-12-01',
    });
    expect(listQuery('today', { ...NO_FILTERS, dueTo: '2026-12-01', status: 'all' }, today)).toMatchObject({
      status: 'all',
      dueTo: today,
    });
  });
});

describe('whether a changed task still belongs in a list', () => {
  const zone = 'Europe/Berlin';
  const now = Date.parse('2026-11-22T10:00:00Z');
  it('checks status, priority, tags, due range and overdue', () => {
    const t = task({ priority: 'high', tags: ['home', 'garden'], dueAt: '2026-11-22T08:00:00Z' });
    expect(matchesQuery(t, { status: 'pending' }, zone, now)).toBe(true);
    expect(matchesQuery({ ...t, status: 'completed' }, { status: 'pending' }, zone, now)).toBe(false);
    expect(matchesQuery({ ...t, status: 'completed' }, { status: 'all' }, zone, now)).toBe(true);
    expect(matchesQuery(t, { status: 'pending', priority: 'urgent' }, zone, now)).toBe(false);
    expect(matchesQuery(t, { status: 'pending', tags: 'home,garden' }, zone, now)).toBe(true);
    expect(matchesQuery(t, { status: 'pending', tags: 'home,work' }, zone, now)).toBe(false);
    expect(matchesQuery(t, { status: 'pending', overdue: 'true' }, zone, now)).toBe(true);
    expect(matchesQuery(t, { status: 'pending', dueTo: '2026-11-22' }, zone, now)).toBe(true);
    expect(matchesQuery(t, { status: 'pending', dueFrom: '2026-11-23' }, zone, now)).toBe(false);
    expect(matchesQuery({ ...t, dueAt: null }, { status: 'pending', dueTo: '2026-11-22' }, zone, now)).toBe(
      false,
    );
  });
  it('cannot tell for a full-text search', () => {
    expect(matchesQuery(task(), { status: 'pending', q: 'milk' }, zone, now)).toBe('unknown');
    expect(matchesQuery(task({ status: 'completed' }), { status: 'pending', q: 'milk' }, zone, now)).toBe(
      false,
    );
  });
});

describe('grouping rows', () => {
  const zone = 'Europe/Berlin';
  const now = Date.parse('2026-11-22T10:00:00Z');
  const a = task({ id: 'a', dueAt: '2026-11-21T08:00:00Z' });
  const b = task({ id: 'b', dueAt: '2026-11-22T17:00:00Z' });
  const c = task({ id: 'c', dueAt: '2026-11-23T08:00:00Z' });
  const d = task({ id: 'd', dueAt: '2026-11-23T18:00:00Z' });
  it('Today: overdue first, then today', () => {
    const groups = groupTasks('today', [a, b], zone, now);
    expect(groups.map((g) => [g.heading?.split(' ·')[0], g.tasks.map((t) => t.id)])).toEqual([
      ['Overdue', ['a']],
      ['Today', ['b']],
    ]);
  });
  it('Upcoming: one heading per day', () => {
    const groups = groupTasks(
      'upcoming',
      [c, d, task({ id: 'e', dueAt: '2026-11-25T08:00:00Z' })],
      zone,
      now,
    );
    expect(groups.map((g) => g.tasks.map((t) => t.id))).toEqual([['c', 'd'], ['e']]);
    expect(groups[0]?.heading).toMatch(/^Tomorrow · /);
  });
  it('other views: one list, none when empty', () => {
    expect(groupTasks('inbox', [a, b], zone, now)).toHaveLength(1);
    expect(groupTasks('inbox', [], zone, now)).toEqual([]);
  });
});
