/**
 * Behaviour table rows (cases.ts) for values the engine dropped or mis-picked (issue 8, left open):
 * a line of prose after a value cut at its line's end in held text.
 */
import type { Case } from './cases';

export const PICKED_VALUE_CASES: Case[] = [
  {
    category: "prose after a cut value",
    name: "ends a value cut at its line's end before a line of prose, the sentence kept as trailing text",
    input: "Here: {\"a\": 1\nThat is all.",
    json: "{\"a\": 1}",
    status: "TRUNCATED",
    repairs: [["unclosed_container",13,0,0,13,"}"]],
    stripped: [["prose",0,5,0,0], ["trailing",14,12,1,0]],
  },
  {
    category: "prose after a cut value",
    name: "ends a cut array and object before a sentence with a comma in it",
    input: "Result: {\"a\": [1, 2\n  That is all, folks?",
    json: "{\"a\": [1, 2]}",
    status: "TRUNCATED",
    repairs: [["unclosed_container",19,0,0,19,"]}"]],
    stripped: [["prose",0,7,0,0], ["trailing",22,19,1,2]],
  },
  {
    category: "prose after a cut value",
    name: "keeps an unquoted key followed by a colon on the next line",
    input: "Here: {\"a\": 1\nname: \"x\"}",
    json: "{\"a\": 1,\n\"name\": \"x\"}",
    status: "REPAIRED",
    repairs: [["missing_comma",13,0,0,13,","], ["unquoted_key",14,4,1,0,"\"name\""]],
    stripped: [["prose",0,5,0,0]],
  },
  {
    category: "prose after a cut value",
    name: "keeps the next line in a string left open on the value's line",
    input: "Here: {\"a\": \"hello\nThat is all.",
    json: "{\"a\": \"hello\\nThat is all.\"}",
    status: "TRUNCATED",
    repairs: [["control_character",18,1,0,18,"\\n"], ["unclosed_string",31,0,1,12,"\""], ["unclosed_container",31,0,1,12,"}"]],
    stripped: [["prose",0,5,0,0]],
  },
];
