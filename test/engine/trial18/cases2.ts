/**
 * Round 2 of new-user trial 18: 22 texts in round 1's families, written after round 1's fixes (DSPy's field
 * markers, words after an inner quote's comma) to probe their edges and the families again; not blind.
 */
import type { TrialCase } from '../trialRun';

const F = '```';

export const TRIAL18_ROUND2: TrialCase[] = [
  { id: 't18r2-01', category: 'framework outputs', text: `[[ ## reasoning ## ]]\nThe ticket mentions a refund and an angry tone.\n\n[[ ## category ## ]]\nbilling\n\n[[ ## details ## ]]\n{"priority": "high", "refund": true}\n\n[[ ## completed ## ]]`, want: { priority: 'high', refund: true }, status: 'VALID' },
  { id: 't18r2-02', category: 'framework outputs', text: `[[ ## answer ## ]]\n[{"name": "Ada", "score": 91}, {"name": "Linus", "score": 78}]\n\n[[ ## completed ## ]]`, want: [{ name: 'Ada', score: 91 }, { name: 'Linus', score: 78 }], status: 'VALID' },
  { id: 't18r2-03', category: 'framework outputs', text: `[[ ## output ## ]]\n{"city": "Bergen", "rain_mm": 2250,}\n\n[[ ## completed ## ]]`, want: { city: 'Bergen', rain_mm: 2250 }, status: 'REPAIRED' },
  { id: 't18r2-04', category: 'framework outputs', text: `[[1, 0], [0, 1]]`, want: [[1, 0], [0, 1]], status: 'VALID' },
  { id: 't18r2-05', category: 'framework outputs', text: `Retry 2/3 — parser said: Expecting ',' delimiter: line 1 column 31 (char 30)\n${F}json\n{"order": "A-17", "items": 3, "express": false}\n${F}`, want: { order: 'A-17', items: 3, express: false }, status: 'VALID' },
  { id: 't18r2-06', category: 'unescaped quotes', text: `{"tip": "Type "yes", then press Enter to confirm", "step": 4}`, want: { tip: 'Type "yes", then press Enter to confirm', step: 4 }, status: 'REPAIRED' },
  { id: 't18r2-07', category: 'unescaped quotes', text: `{\n  "quote": "Churchill: "We shall fight on the beaches", he told the House",\n  "year": 1940\n}`, want: { quote: 'Churchill: "We shall fight on the beaches", he told the House', year: 1940 }, status: 'REPAIRED' },
  { id: 't18r2-08', category: 'unescaped quotes', text: `{"note": "Pick "A", "B" or "C"", "type": "mcq"}`, want: { note: 'Pick "A", "B" or "C"', type: 'mcq' }, status: 'REPAIRED' },
  { id: 't18r2-09', category: 'unescaped quotes', text: `{"label": "The "fast" path", mode: "auto"}`, want: { label: 'The "fast" path', mode: 'auto' }, status: 'REPAIRED' },
  { id: 't18r2-10', category: 'unescaped quotes', text: `{"msg": "Il a répondu "non", évidemment", "lang": "fr"}`, want: { msg: 'Il a répondu "non", évidemment', lang: 'fr' }, status: 'REPAIRED' },
  { id: 't18r2-11', category: 'raw newlines in strings', text: `{"haiku": "An old silent pond\nA frog jumps into the pond—\nSplash! Silence again.", "author": "Bashō"}`, want: { haiku: 'An old silent pond\nA frog jumps into the pond—\nSplash! Silence again.', author: 'Bashō' }, status: 'REPAIRED' },
  { id: 't18r2-12', category: 'human numbers', text: `{"stars": 4.5/5, "reviews": 1,024}`, want: { stars: '4.5/5', reviews: 1024 }, alsoOk: [{ stars: '4.5/5', reviews: '1,024' }], status: 'REPAIRED' },
  { id: 't18r2-13', category: 'yes/no booleans', text: `{"wheelchair_access": Yes, "parking": No, "wifi": Yes}`, want: { wheelchair_access: 'Yes', parking: 'No', wifi: 'Yes' }, alsoOk: [{ wheelchair_access: true, parking: false, wifi: true }], status: 'REPAIRED' },
  { id: 't18r2-14', category: 'stringified JSON', text: `{"type": "function_call", "name": "lookup_user", "arguments": "{\\"email\\": \\"ada@example.com\\"}", "call_id": "fc_12"}`, want: { type: 'function_call', name: 'lookup_user', arguments: '{"email": "ada@example.com"}', call_id: 'fc_12' }, status: 'VALID' },
  { id: 't18r2-15', category: 'backslashes', text: String.raw`{"glob": "src\**\*.ts", "exclude": "node_modules\"}`, want: { glob: String.raw`src\**\*.ts`, exclude: 'node_modules\\' }, alsoOk: [{ glob: String.raw`src\**\*.ts`, exclude: 'node_modules"}' }], status: ['REPAIRED', 'TRUNCATED'] },
  { id: 't18r2-16', category: 'backslashes', text: String.raw`{"venv": "C:\Users\dev\project\.venv\Scripts\activate"}`, want: { venv: String.raw`C:\Users\dev\project\.venv\Scripts\activate` }, status: 'REPAIRED' },
  { id: 't18r2-17', category: 'BOM and zero-width', text: `\uFEFF[\n  {"id": 1},\u200b\n  {"id": 2}\n]`, want: [{ id: 1 }, { id: 2 }], status: 'REPAIRED' },
  { id: 't18r2-18', category: 'quiz generation', text: `{"question": "Which word is a synonym of "happy"?", "options": ["sad", "joyful", "angry"], "answer": "joyful"}`, want: { question: 'Which word is a synonym of "happy"?', options: ['sad', 'joyful', 'angry'], answer: 'joyful' }, status: 'REPAIRED' },
  { id: 't18r2-19', category: 'recipes and catalogues', text: `{"name": "Focaccia", "ingredients": ["500 g flour", "400 ml water", "10 g salt", "7 g yeast"], "notes": "Dimple the dough, then drizzle "generously" with oil"}`, want: { name: 'Focaccia', ingredients: ['500 g flour', '400 ml water', '10 g salt', '7 g yeast'], notes: 'Dimple the dough, then drizzle "generously" with oil' }, status: 'REPAIRED' },
  { id: 't18r2-20', category: 'code review findings', text: `{"file": "api.ts", "line": 31, "message": "Rename "data", then narrow its type", "severity": "low"}`, want: { file: 'api.ts', line: 31, message: 'Rename "data", then narrow its type', severity: 'low' }, status: 'REPAIRED' },
  { id: 't18r2-21', category: 'follow-up questions', text: `{"summary": "The meeting moved to Friday.", "action_items": ["book room", "send agenda"]}\n\nShould I draft the agenda too? I could use a format like [[ ## agenda ## ]] if you're feeding it to DSPy.`, want: { summary: 'The meeting moved to Friday.', action_items: ['book room', 'send agenda'] }, status: 'VALID' },
  { id: 't18r2-22', category: 'follow-up questions', text: `${F}json\n{"tone": "friendly", "length": "short"}\n${F}\n\nWant me to try a more "formal", less chatty version?`, want: { tone: 'friendly', length: 'short' }, status: 'VALID' },
];
