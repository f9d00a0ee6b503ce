// Recurrence: RFC 5545 rules checked, expanded in a task's zone, advanced after a completion,
// offered as presets and described in English. Pure: time comes in as arguments.
export { type DescribeOptions, describeRule } from './describe.ts';
export { DEFAULT_COUNT, type ExpandInput, type ExpandResult, expand, MAX_EXPAND_COUNT } from './expand.ts';
export { type NextOccurrence, type NextOccurrenceInput, nextOccurrence } from './next-occurrence.ts';
export {
  type ByDay,
  type Frequency,
  formatRule,
  MAX_COUNT,
  MAX_INTERVAL,
  normalizeRuleText,
  type ParseResult,
  parseRule,
  type RuleParts,
  type Until,
  WEEKDAYS,
  type Weekday,
} from './parse.ts';
export { type CompletionUnit, type Preset, type PresetKind, presetToRule, ruleToPreset } from './presets.ts';
export { checkRule, type RuleCheckOptions, ruleProblem } from './validate.ts';
