// A case of the interpreter's corpus (index.ts): what someone says and the exact tool calls it
// must make, over the tasks in tasks.ts at the NOW of that file.
export type ExpectedCall = [tool: string, input: Record<string, unknown>];

export interface CorpusCase {
  say: string;
  calls: ExpectedCall[];
}

export const c = (say: string, calls: ExpectedCall[]): CorpusCase => ({ say, calls });
