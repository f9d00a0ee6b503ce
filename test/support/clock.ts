import type { Clock } from '../../src/ports/index.ts';

/** A clock tests move by hand; it never moves by itself. */
export class FakeClock implements Clock {
  private current: number;
  constructor(start: string | Date = '2026-11-22T10:00:00Z') {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(to: string | Date): void {
    this.current = new Date(to).getTime();
  }
  advance(ms: number): void {
    this.current += ms;
  }
}
