/**
 * Behaviour table rows from new-user trial 6 (test/engine/trial6/): each defect it found and fixed, with the
 * exact text that failed before its fix, and the guards that keep each fix from reaching further than it
 * should. They run one-shot (table.test.ts) and at every split point (chunks.test.ts) with the rest of CASES.
 */
import type { Case } from './cases';

export const TRIAL6_TABLE_CASES: Case[] = [
  {
    category: "trial 6: an empty answer",
    name: "an empty array alone on its line after a label is the answer, not a bracketed option in the usage line before it",
    input: "Usage: fetch <id> [--all]\nResult:\n[]",
    json: "[]",
    status: "VALID",
    repairs: [],
    stripped: [["prose", 0, 25, 0, 0], ["prose", 26, 7, 1, 0]],
  },
  {
    category: "trial 6: an empty answer",
    name: "an empty array after a label's colon is the answer, not the draft an Actually retracted",
    input: "Draft: {\"items\": [1]}\nActually nothing qualifies.\nFinal: []",
    json: "[]",
    status: "VALID",
    repairs: [],
    stripped: [["prose", 0, 21, 0, 0], ["prose", 22, 34, 1, 0]],
  },
  {
    category: "trial 6: an empty answer",
    name: "an empty object alone after a label wins over a value ending a line of prose before it",
    input: "Filter before: {\"status\": \"any\"}\nFilter now:\n{}",
    json: "{}",
    status: "VALID",
    repairs: [],
    stripped: [["prose", 0, 32, 0, 0], ["prose", 33, 11, 1, 0]],
  },
  {
    category: "trial 6: an empty answer",
    name: "guard: an empty array inside a sentence stays prose, the value before it the answer",
    input: "Step 1: {\"a\": 1}\nAn empty [] would mean none.",
    json: "{\"a\": 1}",
    status: "VALID",
    repairs: [],
    stripped: [["prose", 0, 7, 0, 0], ["trailing", 17, 28, 1, 0]],
  },
  {
    category: "trial 6: an empty answer",
    name: "guard: an empty object after a label with words after it in its sentence stays prose",
    input: "Result: {\"a\": 1}\nDefault: {} unless you pass options.",
    json: "{\"a\": 1}",
    status: "VALID",
    repairs: [],
    stripped: [["prose", 0, 7, 0, 0], ["trailing", 17, 36, 1, 0]],
  },
  {
    category: "trial 6: an empty answer",
    name: "guard: an empty object in a fence ranks below a later value standing alone (an empty case shown first)",
    input: "If nothing matches you get:\n```json\n{}\n```\nYour result:\n{\"id\": 4}",
    json: "{\"id\": 4}",
    status: "VALID",
    repairs: [],
    stripped: [["prose", 0, 38, 0, 0], ["fence", 39, 4, 3, 0], ["prose", 43, 12, 4, 0]],
  },
];
