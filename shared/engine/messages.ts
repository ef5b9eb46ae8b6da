import type { RepairKind } from './types';

/** The short message each repair carries (CLI report, LSP diagnostic, artifact, metrics). */
export const REPAIR_MESSAGES: Record<RepairKind, string> = {
  trailing_comma: 'Trailing comma removed',
  missing_comma: 'Missing comma inserted',
  unquoted_key: 'Unquoted key quoted',
  single_quotes: 'Single quotes replaced by double quotes',
  smart_quotes: 'Typographic quotes replaced by double quotes',
  python_literal: 'Python/JavaScript literal replaced by its JSON spelling',
  comment: 'Comment removed',
  control_character: 'Raw control character in a string escaped',
  invalid_escape: 'Invalid escape sequence: backslash escaped',
  unquoted_string: 'Unquoted string quoted',
  invalid_number: 'Invalid number made valid',
  incomplete_keyword: 'Keyword cut off at the end completed',
  dangling_key: 'Key without a value at the end removed',
  dropped_value: 'Incomplete value at the end removed',
  unclosed_string: 'String cut off at the end closed',
  unclosed_container: 'Unclosed brackets closed',
  missing_value: 'Missing value filled with null',
  missing_colon: 'Missing colon inserted',
  mismatched_bracket: 'Missing closing bracket inserted before a mismatched one',
  stray_bracket: 'Stray closing bracket removed',
};

/** Plural-aware labels for summaries such as "2 trailing commas, 1 unquoted key". */
export const REPAIR_LABELS: Record<RepairKind, [string, string]> = {
  trailing_comma: ['trailing comma', 'trailing commas'],
  missing_comma: ['missing comma', 'missing commas'],
  unquoted_key: ['unquoted key', 'unquoted keys'],
  single_quotes: ['single quote', 'single quotes'],
  smart_quotes: ['smart quote', 'smart quotes'],
  python_literal: ['Python literal', 'Python literals'],
  comment: ['comment', 'comments'],
  control_character: ['control character', 'control characters'],
  invalid_escape: ['invalid escape', 'invalid escapes'],
  unquoted_string: ['unquoted string', 'unquoted strings'],
  invalid_number: ['invalid number', 'invalid numbers'],
  incomplete_keyword: ['incomplete keyword', 'incomplete keywords'],
  dangling_key: ['dangling key', 'dangling keys'],
  dropped_value: ['dropped value', 'dropped values'],
  unclosed_string: ['unclosed string', 'unclosed strings'],
  unclosed_container: ['unclosed bracket', 'unclosed brackets'],
  missing_value: ['missing value', 'missing values'],
  missing_colon: ['missing colon', 'missing colons'],
  mismatched_bracket: ['mismatched bracket', 'mismatched brackets'],
  stray_bracket: ['stray bracket', 'stray brackets'],
};
