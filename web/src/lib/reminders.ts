// Reminder offsets as people say them: "15 minutes before", "1 day before", "at the due time".
export const UNITS = { minutes: 1, hours: 60, days: 1440, weeks: 10_080 } as const;
export type Unit = keyof typeof UNITS;

/** The largest unit that divides the offset evenly: 90 → 90 minutes, 120 → 2 hours. */
export function splitOffset(minutes: number): { amount: number; unit: Unit } {
  for (const unit of ['weeks', 'days', 'hours'] as const) {
    if (minutes > 0 && minutes % UNITS[unit] === 0) return { amount: minutes / UNITS[unit], unit };
  }
  return { amount: minutes, unit: 'minutes' };
}

export function toOffset(amount: number, unit: Unit): number {
  return Math.max(0, Math.round(amount * UNITS[unit]));
}

export function describeOffset(minutes: number): string {
  if (minutes === 0) return 'at the due time';
  const { amount, unit } = splitOffset(minutes);
  const name = amount === 1 ? unit.slice(0, -1) : unit;
  return `${amount} ${name} before`;
}
