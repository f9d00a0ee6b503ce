// The interpreter's corpus: every case in one list (see case.ts).
import { ADD_AND_ASK } from './add-and-ask.ts';
import type { CorpusCase } from './case.ts';
import { CHANGE } from './change.ts';

export const CORPUS: CorpusCase[] = [...ADD_AND_ASK, ...CHANGE];
