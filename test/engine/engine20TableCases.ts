/**
 * Behaviour table rows for engine20's fixes of trial 11's open defects: the spaces French typography puts
 * inside guillemets. They run one-shot (table.test.ts) and at every split point (chunks.test.ts) with the
 * rest of CASES.
 */
import type { Case } from './cases';

const sp = (n: number) => ' '.repeat(n);

export const ENGINE20_TABLE_CASES: Case[] = [
  {
    category: "engine20: French spacing inside guillemets",
    name: "a narrow no-break space (U+202F) inside guillemets is removed",
    input: "{\"ville\": «\u202fParis\u202f»}",
    json: "{\"ville\": \"Paris\"}",
    status: "REPAIRED",
    repairs: [["smart_quotes",10,1,0,10,"\""],["guillemet_space",11,1,0,11,""],["guillemet_space",17,1,0,17,""],["smart_quotes",18,1,0,18,"\""]],
    stripped: [],
  },
  {
    category: "engine20: French spacing inside guillemets",
    name: "a no-break space (U+00A0) inside guillemets is removed",
    input: "{\"ville\": «\u00a0Paris\u00a0»}",
    json: "{\"ville\": \"Paris\"}",
    status: "REPAIRED",
    repairs: [["smart_quotes",10,1,0,10,"\""],["guillemet_space",11,1,0,11,""],["guillemet_space",17,1,0,17,""],["smart_quotes",18,1,0,18,"\""]],
    stripped: [],
  },
  {
    category: "engine20: French spacing inside guillemets",
    name: "trial 11 t11b-06: French prose and guillemets with spaces, keys and values",
    input: "Voici le résultat : {« ville » : « Paris », « pays » : « France »}",
    json: "{\"ville\" : \"Paris\", \"pays\" : \"France\"}",
    status: "REPAIRED",
    repairs: [["smart_quotes",21,1,0,21,"\""],["guillemet_space",22,1,0,22,""],["guillemet_space",28,1,0,28,""],["smart_quotes",29,1,0,29,"\""],["smart_quotes",33,1,0,33,"\""],["guillemet_space",34,1,0,34,""],["guillemet_space",40,1,0,40,""],["smart_quotes",41,1,0,41,"\""],["smart_quotes",44,1,0,44,"\""],["guillemet_space",45,1,0,45,""],["guillemet_space",50,1,0,50,""],["smart_quotes",51,1,0,51,"\""],["smart_quotes",55,1,0,55,"\""],["guillemet_space",56,1,0,56,""],["guillemet_space",63,1,0,63,""],["smart_quotes",64,1,0,64,"\""]],
    stripped: [["prose",0,19,0,0]],
  },
  {
    category: "engine20: French spacing inside guillemets",
    name: "spaces between the words of a guillemet string are its text",
    input: "{\"nom\": « Jean  Dupont »}",
    json: "{\"nom\": \"Jean  Dupont\"}",
    status: "REPAIRED",
    repairs: [["smart_quotes",8,1,0,8,"\""],["guillemet_space",9,1,0,9,""],["guillemet_space",22,1,0,22,""],["smart_quotes",23,1,0,23,"\""]],
    stripped: [],
  },
  {
    category: "engine20: French spacing inside guillemets",
    name: "in an array, with and without the spaces",
    input: "[« a », «b »]",
    json: "[\"a\", \"b\"]",
    status: "REPAIRED",
    repairs: [["smart_quotes",1,1,0,1,"\""],["guillemet_space",2,1,0,2,""],["guillemet_space",4,1,0,4,""],["smart_quotes",5,1,0,5,"\""],["smart_quotes",8,1,0,8,"\""],["guillemet_space",10,1,0,10,""],["smart_quotes",11,1,0,11,"\""]],
    stripped: [],
  },
  {
    category: "engine20: French spacing inside guillemets",
    name: "a guillemet string of spaces only is empty: one repair for the run",
    input: "{\"a\": «   »}",
    json: "{\"a\": \"\"}",
    status: "REPAIRED",
    repairs: [["smart_quotes",6,1,0,6,"\""],["guillemet_space",7,3,0,7,""],["smart_quotes",10,1,0,10,"\""]],
    stripped: [],
  },
  {
    category: "engine20: French spacing inside guillemets",
    name: "16 spaces before » are the most removed",
    input: "{\"a\": «x" + sp(16) + "»}",
    json: "{\"a\": \"x\"}",
    status: "REPAIRED",
    repairs: [["smart_quotes",6,1,0,6,"\""],["guillemet_space",8,16,0,8,""],["smart_quotes",24,1,0,24,"\""]],
    stripped: [],
  },
  {
    category: "engine20: French spacing inside guillemets",
    name: "bound: 17 spaces before » are the string's text (a stream holds at most 16)",
    input: "{\"a\": «x" + sp(17) + "»}",
    json: "{\"a\": \"x" + sp(17) + "\"}",
    status: "REPAIRED",
    repairs: [["smart_quotes",6,1,0,6,"\""],["smart_quotes",25,1,0,25,"\""]],
    stripped: [],
  },
  {
    category: "engine20: French spacing inside guillemets",
    name: "a guillemet string cut by the end after a space keeps it (no » follows it)",
    input: "{\"a\": « Paris ",
    json: "{\"a\": \"Paris \"}",
    status: "TRUNCATED",
    repairs: [["smart_quotes",6,1,0,6,"\""],["guillemet_space",7,1,0,7,""],["unclosed_string",14,0,0,14,"\""],["unclosed_container",14,0,0,14,"}"]],
    stripped: [],
  },
  {
    category: "engine20: French spacing inside guillemets",
    name: "spaces after an escape are no leading spaces",
    input: "{\"a\": «\\n x »}",
    json: "{\"a\": \"\\n x\"}",
    status: "REPAIRED",
    repairs: [["smart_quotes",6,1,0,6,"\""],["guillemet_space",11,1,0,11,""],["smart_quotes",12,1,0,12,"\""]],
    stripped: [],
  },
  {
    category: "engine20: French spacing inside guillemets",
    name: "guard: a double-quoted string keeps its spaces",
    input: "{\"a\": \" Paris \"}",
    json: "{\"a\": \" Paris \"}",
    status: "VALID",
    repairs: [],
    stripped: [],
  },
  {
    category: "engine20: French spacing inside guillemets",
    name: "guard: a smart-quoted string keeps its spaces",
    input: "{\"a\": “ Paris ”}",
    json: "{\"a\": \" Paris \"}",
    status: "REPAIRED",
    repairs: [["smart_quotes",6,1,0,6,"\""],["smart_quotes",14,1,0,14,"\""]],
    stripped: [],
  },
];
