/**
 * Behaviour table rows for issue 8's open rows of trials 12-13 (helper "engine22"): each fix with the exact
 * text that failed before it, and the guards that keep it from reaching further. They run one-shot
 * (table.test.ts) and at every split point and one character at a time (chunks.test.ts) with the rest of
 * CASES.
 */
import type { Case } from './cases';

const CAT = 'engine22: a decimal comma after space thousands (1 000,50)';

export const ENGINE22_TABLE_CASES: Case[] = [
  {
    category: CAT,
    name: 'a price written the French / German way is one number (it was {"preis": 1000,"50": null}, the cents a key)',
    input: '{"preis": 1 000,50}',
    json: '{"preis": 1000.50}',
    status: 'REPAIRED',
    repairs: [['thousands_separator', 10, 8, 0, 10, '1000.50']],
    stripped: [],
  },
  {
    category: CAT,
    name: 'the members after it stay',
    input: '{"a": 1 000,50, "b": 2}',
    json: '{"a": 1000.50, "b": 2}',
    status: 'REPAIRED',
    repairs: [['thousands_separator', 6, 8, 0, 6, '1000.50']],
    stripped: [],
  },
  {
    category: CAT,
    name: 'several groups and one digit after the comma',
    input: '{"a": 12 345 678,9}',
    json: '{"a": 12345678.9}',
    status: 'REPAIRED',
    repairs: [['thousands_separator', 6, 12, 0, 6, '12345678.9']],
    stripped: [],
  },
  {
    category: CAT,
    name: 'a no-break space (U+00A0) as the separator',
    input: '{"a": 1\u00a0000,50}',
    json: '{"a": 1000.50}',
    status: 'REPAIRED',
    repairs: [['thousands_separator', 6, 8, 0, 6, '1000.50']],
    stripped: [],
  },
  {
    category: CAT,
    name: 'a minus, then a line break after the number',
    input: '{"a": -1 000,5\n}',
    json: '{"a": -1000.5\n}',
    status: 'REPAIRED',
    repairs: [['thousands_separator', 6, 8, 0, 6, '-1000.5']],
    stripped: [],
  },
  {
    category: CAT,
    name: 'guard: three digits after the comma are no decimal comma, as before',
    input: '{"a": 1 000,500}',
    json: '{"a": 1000,"500": null}',
    status: 'REPAIRED',
    repairs: [
      ['thousands_separator', 6, 5, 0, 6, '1000'],
      ['unquoted_key', 12, 3, 0, 12, '"500"'],
      ['missing_value', 15, 0, 0, 15, ': null'],
    ],
    stripped: [],
  },
  {
    category: CAT,
    name: 'guard: a letter glued after the digits, as before',
    input: '{"a": 1 000,5x}',
    json: '{"a": 1000,"5x": null}',
    status: 'REPAIRED',
    repairs: [
      ['thousands_separator', 6, 5, 0, 6, '1000'],
      ['unquoted_key', 12, 2, 0, 12, '"5x"'],
      ['missing_value', 14, 0, 0, 14, ': null'],
    ],
    stripped: [],
  },
  {
    category: CAT,
    name: 'guard: the member\'s comma then a line break, as before',
    input: '{"a": 1 000,\n"b": 2}',
    json: '{"a": 1000,\n"b": 2}',
    status: 'REPAIRED',
    repairs: [['thousands_separator', 6, 5, 0, 6, '1000']],
    stripped: [],
  },
  {
    category: CAT,
    name: 'guard: cut by the end after the comma\'s digits, as a cut 3,50 (a dangling key)',
    input: '{"a": 1 000,50',
    json: '{"a": 1000}',
    status: 'TRUNCATED',
    repairs: [
      ['thousands_separator', 6, 5, 0, 6, '1000'],
      ['dangling_key', 11, 3, 0, 11, ''],
      ['unclosed_container', 14, 0, 0, 14, '}'],
    ],
    stripped: [],
  },
  {
    category: CAT,
    name: 'guard: in an array a space and a comma separate elements, as before',
    input: '[1 000,50]',
    json: '[1, 0,50]',
    status: 'REPAIRED',
    repairs: [
      ['missing_comma', 2, 0, 0, 2, ','],
      ['invalid_number', 3, 3, 0, 3, '0'],
    ],
    stripped: [],
  },
];
