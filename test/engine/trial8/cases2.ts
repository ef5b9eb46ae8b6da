// New-user trial 8, round 2: 40 texts written after the first round's fixes (and after reading the engine's
// answer selection, so NOT blind like cases.ts) to probe their edges and a few families round 1 left out:
// other languages' map literals (the `=>` / `=` fix), retractions inside drafts (the retraction-line fix),
// correction lead-ins in prose, joiners and zero-width characters, and REPL / notebook / debug output.
// Expectations written by hand, as a user wants them, committed before the run; never edited to match.
import type { Trial8Case } from './cases';

const F = '```';

const MAPS = 'round 2: other languages\' map literals';
const RETRACT = 'round 2: retractions inside drafts';
const LEADIN = 'round 2: correction lead-ins in prose';
const ZW = 'round 2: joiners and zero-width characters';
const REPL = 'round 2: REPL, notebook and debug output';

export const TRIAL8_ROUND2: readonly Trial8Case[] = [
  // ---- other languages' map literals ----
  { id: 't8b-map-01', category: MAPS, text: 'In Ruby: h = {"name" => "Ada", "tags" => ["x", "y"]}', want: { name: 'Ada', tags: ['x', 'y'] }, status: 'REPAIRED' },
  { id: 't8b-map-02', category: MAPS, text: "$config = ['debug' => true, 'level' => 3];", want: { debug: true, level: 3 }, status: 'REPAIRED' },
  { id: 't8b-map-03', category: MAPS, text: 'local cfg = { name = "Ada", debug = true }', want: { name: 'Ada', debug: true }, status: 'REPAIRED' },
  { id: 't8b-map-04', category: MAPS, text: '%{"name" => "Ada", "age" => 36}', want: { name: 'Ada', age: 36 }, status: 'REPAIRED' },
  { id: 't8b-map-05', category: MAPS, text: 'm := map[string]int{"a": 1, "b": 2}', want: { a: 1, b: 2 }, status: 'VALID' },
  { id: 't8b-map-06', category: MAPS, text: 'let scores = ["ada": 3, "bob": 5]', want: { ada: 3, bob: 5 }, status: 'REPAIRED' },
  { id: 't8b-map-07', category: MAPS, text: 'var payload = new { name = "Ada", age = 36 };', want: { name: 'Ada', age: 36 }, status: 'REPAIRED' },
  { id: 't8b-map-08', category: MAPS, text: 'The hash looks like this:\n\n{ "id" => 7, "roles" => ["admin"] }\n\nPass it to `render json:`.', want: { id: 7, roles: ['admin'] }, status: 'REPAIRED' },

  // ---- retractions inside drafts ----
  { id: 't8b-ret-01', category: RETRACT, text: 'Here\'s the JSON:\n{"city": "Paris", "country": "FR"\nWait, I need to add the population.\n{"city": "Paris", "country": "FR", "pop": 2.1}', want: { city: 'Paris', country: 'FR', pop: 2.1 }, status: ['VALID', 'REPAIRED'] },
  { id: 't8b-ret-02', category: RETRACT, text: 'Result:\n{"ok": true,\n"items": [1, 2\nOops, I forgot to close it. Here is the full version:\n{"ok": true, "items": [1, 2, 3]}', want: { ok: true, items: [1, 2, 3] }, status: ['VALID', 'REPAIRED'] },
  { id: 't8b-ret-03', category: RETRACT, text: 'Output:\n{\n  "name": "Ada",\n  "age": 3\nNo wait, the age is 36.\n}\n\n{"name": "Ada", "age": 36}', want: { name: 'Ada', age: 36 }, status: ['VALID', 'REPAIRED'] },
  { id: 't8b-ret-04', category: RETRACT, text: 'Sure:\n{"a": 1, "b": 2\nScratch that, b should be a list.\n{"a": 1, "b": [2]}', want: { a: 1, b: [2] }, status: ['VALID', 'REPAIRED'] },
  { id: 't8b-ret-05', category: RETRACT, text: 'Here:\n{"x": 1\nLet me fix that.\n```json\n{"x": 1, "y": 2}\n```', want: { x: 1, y: 2 }, status: ['VALID', 'REPAIRED'] },
  { id: 't8b-ret-06', category: RETRACT, text: 'Here it is:\n{\n  "status": "ok",\n  "note": "let me know if anything is missing"\n}', want: { status: 'ok', note: 'let me know if anything is missing' }, status: 'VALID' },
  { id: 't8b-ret-07', category: RETRACT, text: 'Config:\n{\n  debug: true,\n  retry: 3\n}\nLet me know if you need more options.', want: { debug: true, retry: 3 }, status: 'REPAIRED' },
  { id: 't8b-ret-08', category: RETRACT, text: 'Answer:\n{"total": 10\nHmm, I miscounted.\nAnswer:\n{"total": 12}', want: { total: 12 }, status: ['VALID', 'REPAIRED'] },

  // ---- correction lead-ins in prose ----
  { id: 't8b-lead-01', category: LEADIN, text: 'Here you go:\n{"n": 1}\nMy mistake, the right value is: {"n": 2}', want: { n: 2 }, status: ['VALID', 'REPAIRED'] },
  { id: 't8b-lead-02', category: LEADIN, text: `Here you go:\n${F}json\n{"n": 1}\n${F}\nSorry about that. Here is the corrected JSON:\n${F}json\n{"n": 2}\n${F}`, want: { n: 2 }, status: ['VALID', 'REPAIRED'] },
  { id: 't8b-lead-03', category: LEADIN, text: 'Example of the format: {"id": 0}\n\nThe correct output for your input is:\n{"id": 42}', want: { id: 42 }, status: 'VALID' },
  { id: 't8b-lead-04', category: LEADIN, text: 'The schema says ids are integers.\nThe correct payload would be:\n\n{"id": 42, "name": "Ada"}', want: { id: 42, name: 'Ada' }, status: 'VALID' },
  { id: 't8b-lead-05', category: LEADIN, text: 'Original: {"v": "1.0"}\nThe updated version is: {"v": "1.1"}', want: { v: '1.1' }, status: 'VALID' },
  { id: 't8b-lead-06', category: LEADIN, text: 'Here is the result:\n{"score": 7}\n\nThe correct answer depends on your rubric; this is my best estimate.', want: { score: 7 }, status: 'VALID' },
  { id: 't8b-lead-07', category: LEADIN, text: 'Here is the result:\n{"score": 7}\n\nIf that is not the correct format, tell me.', want: { score: 7 }, status: 'VALID' },
  { id: 't8b-lead-08', category: LEADIN, text: 'Draft: {"a": 1}\nThe fixed JSON is:\n{"a": 1, "b": 2}\nThe old one missed b.', want: { a: 1, b: 2 }, status: 'VALID' },

  // ---- joiners and zero-width characters ----
  { id: 't8b-zw-01', category: ZW, text: '{"mood": "\u{1F469}\u200d\u{1F4BB}", "ok": true}', want: { mood: '\u{1F469}\u200d\u{1F4BB}', ok: true }, status: 'VALID' },
  { id: 't8b-zw-02', category: ZW, text: '{"\u0646\u0627\u0645": "\u0639\u0644\u06cc", "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645": 1}', want: { '\u0646\u0627\u0645': '\u0639\u0644\u06cc', '\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645': 1 }, status: 'VALID' },
  { id: 't8b-zw-03', category: ZW, text: '{"a": 1\u200d, "b": 2}', want: { a: 1, b: 2 }, status: 'REPAIRED' },
  { id: 't8b-zw-04', category: ZW, text: '[\u200d"x",\u200c"y"\u200b]', want: ['x', 'y'], status: 'REPAIRED' },
  { id: 't8b-zw-05', category: ZW, text: '\u200b\u200bHere:\u200b {"a": [1,\u2060 2]}', want: { a: [1, 2] }, status: 'REPAIRED' },
  { id: 't8b-zw-06', category: ZW, text: '{"k": true\u200d}', want: { k: true }, status: 'REPAIRED' },
  { id: 't8b-zw-07', category: ZW, text: '{"name": "Ada"\u200d}', want: { name: 'Ada' }, status: 'REPAIRED' },
  { id: 't8b-zw-08', category: ZW, text: '{emoji: "\u{1F44D}", \u200dlabel: "ok"}', want: { emoji: '\u{1F44D}', label: 'ok' }, status: 'REPAIRED' },

  // ---- REPL, notebook and debug output ----
  { id: 't8b-repl-01', category: REPL, text: "Out[3]: {'a': 1, 'b': [1, 2]}", want: { a: 1, b: [1, 2] }, status: 'REPAIRED' },
  { id: 't8b-repl-02', category: REPL, text: ">>> json.loads(s)\n{'a': 1, 'ok': True}", want: { a: 1, ok: true }, status: 'REPAIRED' },
  { id: 't8b-repl-03', category: REPL, text: '> JSON.parse(s)\n{ a: 1, b: [ 1, 2 ] }', want: { a: 1, b: [1, 2] }, status: 'REPAIRED' },
  { id: 't8b-repl-04', category: REPL, text: 'Config { name: "x", port: 8080 }', want: { name: 'x', port: 8080 }, status: 'REPAIRED' },
  { id: 't8b-repl-05', category: REPL, text: '<pre>{"a": 1, "b": null}</pre>', want: { a: 1, b: null }, status: 'VALID' },
  { id: 't8b-repl-06', category: REPL, text: '$ curl -s localhost:8080/health\n{"status":"up","uptime":1234}\n$ ', want: { status: 'up', uptime: 1234 }, status: 'VALID' },
  { id: 't8b-repl-07', category: REPL, text: 'irb(main):001> {a: 1, "b" => 2}\n=> {:a=>1, "b"=>2}', want: { a: 1, b: 2 }, status: 'REPAIRED' },
  { id: 't8b-repl-08', category: REPL, text: "In [5]: df.to_dict()\nOut[5]: {'col': {0: 'x', 1: 'y'}}", want: { col: { '0': 'x', '1': 'y' } }, status: 'REPAIRED' },
];
