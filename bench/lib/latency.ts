// Lateness bookkeeping for the reminders benchmark: when each reminder's firing committed, how many
// times it fired, and percentiles of the lateness.

export interface Distribution {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function distribution(values: number[]): Distribution {
  const sorted = Float64Array.from(values).sort();
  const list = Array.from(sorted);
  return {
    count: list.length,
    p50: percentile(list, 50),
    p90: percentile(list, 90),
    p99: percentile(list, 99),
    max: list.at(-1) ?? Number.NaN,
    mean: list.length > 0 ? list.reduce((a, b) => a + b, 0) / list.length : Number.NaN,
  };
}

/** Firings seen in-process, keyed by reminder id. */
export class FiringRecorder {
  /** Lateness in ms of each first firing: commit seen − remindAt. */
  readonly lateness: number[] = [];
  /** Firings per second of wall time, for the peak rate. */
  readonly perSecond = new Map<number, number>();
  private readonly seen = new Map<string, number>();
  first = Number.NaN;
  last = Number.NaN;
  repeats = 0;

  add(rows: { id: string; remindAt: Date }[], at: Date): void {
    const ms = at.getTime();
    if (Number.isNaN(this.first)) this.first = ms;
    this.last = ms;
    const second = Math.floor(ms / 1000);
    this.perSecond.set(second, (this.perSecond.get(second) ?? 0) + rows.length);
    for (const row of rows) {
      const times = this.seen.get(row.id) ?? 0;
      if (times > 0) this.repeats++;
      else this.lateness.push(ms - row.remindAt.getTime());
      this.seen.set(row.id, times + 1);
    }
  }

  has(id: string): boolean {
    return this.seen.has(id);
  }

  get distinct(): number {
    return this.seen.size;
  }

  get peakPerSecond(): number {
    return Math.max(0, ...this.perSecond.values());
  }
}
