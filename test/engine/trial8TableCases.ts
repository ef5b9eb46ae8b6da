/**
 * Behaviour table rows from new-user trial 8 (test/engine/trial8/): each defect it found and fixed, with the
 * exact text that failed before its fix, and the guards that keep each fix from reaching further than it
 * should. They run one-shot (table.test.ts) and at every split point (chunks.test.ts) with the rest of CASES.
 */
import type { Case } from './cases';

export const TRIAL8_TABLE_CASES: Case[] = [
  {
    category: "trial 8: a hash in prose",
    name: "a Ruby / PHP hash after prose: a quoted key and `=>` prove the brace a value (it was FAILED: `=>` rejected the candidate)",
    input: "payload = { \"user\" => \"ada\", \"admin\" => false }",
    json: "{ \"user\" : \"ada\", \"admin\" : false }",
    status: "REPAIRED",
    repairs: [["wrong_colon",19,2,0,19,":"],["wrong_colon",37,2,0,37,":"]],
    stripped: [["prose",0,9,0,0]],
  },
  {
    category: "trial 8: a hash in prose",
    name: "a quoted key and `=` after prose likewise",
    input: "Use this:\n{\"a\" = 1}",
    json: "{\"a\" : 1}",
    status: "REPAIRED",
    repairs: [["wrong_colon",15,1,1,5,":"]],
    stripped: [["prose",0,9,0,0]],
  },
  {
    category: "trial 8: a hash in prose",
    name: "an unquoted key and `=` in prose is no value (a set, an assignment)",
    input: "Set {x = 1}.",
    json: null,
    status: "FAILED",
    repairs: [],
    stripped: [["prose",0,12,0,0]],
  },
  {
    category: "trial 8: a hash in prose",
    name: "a shell default `${VAR=default}` in prose stays prose: an unquoted value needs proof",
    input: "Use ${VAR=default} to set it.",
    json: null,
    status: "FAILED",
    repairs: [],
    stripped: [["prose",0,29,0,0]],
  },
  {
    category: "trial 8: a hash in prose",
    name: "a wrong colon does not confirm the candidate: it must still close with no repair prose would need",
    input: "Use {\"a\" => b c} here.",
    json: null,
    status: "FAILED",
    repairs: [],
    stripped: [["prose",0,22,0,0]],
  },
  {
    category: "trial 8: joiners between tokens",
    name: "a zero-width joiner where a key is expected joins nothing: removed (it was read as a key)",
    input: "{\"a\": 1,\u200d \"b\": 2}",
    json: "{\"a\": 1, \"b\": 2}",
    status: "REPAIRED",
    repairs: [["unicode_space",8,1,0,8,""]],
    stripped: [],
  },
  {
    category: "trial 8: joiners between tokens",
    name: "a zero-width non-joiner where a value is expected likewise",
    input: "{\"a\":\u200c1}",
    json: "{\"a\":1}",
    status: "REPAIRED",
    repairs: [["unicode_space",5,1,0,5,""]],
    stripped: [],
  },
  {
    category: "trial 8: joiners between tokens",
    name: "inside a string and inside a bare word a joiner stays text",
    input: "{\"k\": \"x\u200dy\", a\u200db: 1}",
    json: "{\"k\": \"x\u200dy\", \"a\u200db\": 1}",
    status: "REPAIRED",
    repairs: [["unquoted_key",13,3,0,13,"\"a\u200db\""]],
    stripped: [],
  },
];
