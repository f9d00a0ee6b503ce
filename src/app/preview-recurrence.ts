import type { PreviewInput, PreviewResult } from '../../contract/recurrence.ts';
import { describeRule, expand } from '../domain/recurrence/index.ts';
import type { Actor } from '../ports/index.ts';

/** The next occurrences of a rule, for the recurrence editor (DESIGN §4). */
export function previewRecurrence(actor: Actor, input: PreviewInput): PreviewResult {
  const timeZone = input.timeZone ?? actor.timeZone;
  const { occurrences, utc } = expand({
    rule: input.rule,
    start: input.start,
    timeZone,
    ...(input.count !== undefined ? { count: input.count } : {}),
    ...(input.exdates ? { exdates: input.exdates } : {}),
  });
  return {
    occurrences,
    utc,
    description: describeRule(input.rule, { basis: input.basis ?? 'due', timeZone }),
  };
}
