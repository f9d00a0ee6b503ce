// English vocabulary shared by the phrase parsers: weekdays, months, ordinals, number words.
import type { TimeOfDay } from './types.ts';

export const WD = String.raw`(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)s?\b`;
/** "mon, wed and fri", "mon/thu", "mon wed fri". */
export const WD_LIST = String.raw`${WD}(?:(?:\s*(?:,\s*and|,|&|/|\band\b)\s*|\s+)${WD})*`;
export const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?`;
export const ORD = '(?:first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last)';
export const SUFFIX = '(?:st|nd|rd|th)';

/** Words to numbers from a list read left to right: 'a an one' with start 1 → a=1, an=1… */
const table = (entries: string): Record<string, number> =>
  Object.fromEntries(
    entries
      .split(' ')
      .map((pair) => pair.split('=') as [string, string])
      .map(([k, v]) => [k, Number(v)]),
  );

export const NUMBER_WORDS = table(
  'a=1 an=1 one=1 other=2 two=2 three=3 four=4 five=5 six=6 seven=7 eight=8 nine=9 ten=10 eleven=11 twelve=12 fifteen=15 twenty=20 thirty=30 fortyfive=45',
);
const ORDINALS = table('first=1 1st=1 second=2 2nd=2 third=3 3rd=3 fourth=4 4th=4 fifth=5 5th=5 last=-1');

/** A number written as digits or a word ("other" = 2); NaN when it is neither. */
export const numberOf = (word: string): number =>
  NUMBER_WORDS[word.toLowerCase().replace(/[-\s]/g, '')] ?? Number.parseFloat(word);
export const ordinalOf = (word: string): number => ORDINALS[word.toLowerCase()] ?? 1;

/** 1 = Monday … 7 = Sunday; 0 when the word is no weekday. */
export const weekdayOf = (word: string): number =>
  ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'].indexOf(word.slice(0, 2).toLowerCase()) + 1;

const MONTH_PREFIXES = ['ja', 'fe', 'mar', 'ap', 'may', 'jun', 'jul', 'au', 'se', 'oc', 'no', 'de'];
export const monthOf = (word: string): number =>
  MONTH_PREFIXES.findIndex((prefix) => word.toLowerCase().startsWith(prefix)) + 1;

/** Times of day for words without a clock time ("tomorrow morning", "every evening"). */
export const PART_OF_DAY: Record<string, TimeOfDay> = {
  morning: { hour: 9, minute: 0 },
  afternoon: { hour: 15, minute: 0 },
  evening: { hour: 19, minute: 0 },
  tonight: { hour: 20, minute: 0 },
  night: { hour: 20, minute: 0 },
};
