// New-user trial 17, round 2: 22 texts written after round 1's fixes (not blind), in the same families, to
// probe the fixed rules' edges (an apostrophe before letters of other scripts, an object left open in an
// array, notes after a member, punctuation in unquoted keys) and the families again.
import type { TrialCase } from '../trialRun';

const F = '```';

export const TRIAL17_ROUND2: TrialCase[] = [
  { id: 't17r2-01', category: 'translation tasks', text: "{'greeting': 'Ciao, com'è andata?', 'lang': 'it'}", want: { greeting: "Ciao, com'è andata?", lang: 'it' }, status: 'REPAIRED' },
  { id: 't17r2-02', category: 'translation tasks', text: "[‘l’école’, ‘l’été’, ‘d’Artagnan’]", want: ['l’école', 'l’été', 'd’Artagnan'], status: 'REPAIRED' },
  { id: 't17r2-03', category: 'translation tasks', text: "{'uk': 'м'ята', 'en': 'mint'}", want: { uk: "м'ята", en: 'mint' }, status: 'REPAIRED' },
  { id: 't17r2-04', category: 'long arrays with one defect deep inside', text: '{"orders": [\n  {"id": "A1", "total": 10.5, "items": 2},\n  {"id": "A2", "total": 7, "items": 1,\n  {"id": "A3", "total": 12.25, "items": 3}\n], "count": 3}', want: { orders: [{ id: 'A1', total: 10.5, items: 2 }, { id: 'A2', total: 7, items: 1 }, { id: 'A3', total: 12.25, items: 3 }], count: 3 }, status: 'REPAIRED' },
  { id: 't17r2-05', category: 'long arrays with one defect deep inside', text: `${F}json\n[\n  {\n    "name": "alpha",\n    "tags": ["x", "y"],\n  {\n    "name": "beta",\n    "tags": []\n  }\n]\n${F}`, want: [{ name: 'alpha', tags: ['x', 'y'] }, { name: 'beta', tags: [] }], status: 'REPAIRED' },
  { id: 't17r2-06', category: 'long arrays with one defect deep inside', text: '[{"q": "2+2", "a": 4}, {"q": "3*3", "a": 9}, {"q": "10/2", "a": 5,{"q": "7-1", "a": 6}]', want: [{ q: '2+2', a: 4 }, { q: '3*3', a: 9 }, { q: '10/2', a: 5 }, { q: '7-1', a: 6 }], status: 'REPAIRED' },
  { id: 't17r2-07', category: 'inline per-field explanations', text: '{\n  "retries": 5,      ← was 3\n  "timeout_ms": 800, ← was 500\n  "verbose": false\n}', want: { retries: 5, timeout_ms: 800, verbose: false }, status: 'REPAIRED' },
  { id: 't17r2-08', category: 'inline per-field explanations', text: 'Updated config (changes marked):\n\n{\n  "model": "gpt-4o-mini", (changed)\n  "temperature": 0.2,\n  "max_tokens": 512 ← new\n}', want: { model: 'gpt-4o-mini', temperature: 0.2, max_tokens: 512 }, status: 'REPAIRED' },
  { id: 't17r2-09', category: 'inline per-field explanations', text: '[\n  "lint",     <-- runs first\n  "test",     <-- needs the build\n  "deploy"\n]', want: ['lint', 'test', 'deploy'], status: 'REPAIRED' },
  { id: 't17r2-10', category: 'inline per-field explanations', text: '{\n  "name": "billing-api",\n  "replicas": 3, (was 2, scaled for Black Friday)\n  "region": "eu-west-1"\n}', want: { name: 'billing-api', replicas: 3, region: 'eu-west-1' }, status: 'REPAIRED' },
  { id: 't17r2-11', category: 'unquoted keys with spaces or hyphens', text: '{\n  app.name: "shop",\n  app.version: "2.4.1",\n  db.pool.size: 20\n}', want: { 'app.name': 'shop', 'app.version': '2.4.1', 'db.pool.size': 20 }, status: 'REPAIRED' },
  { id: 't17r2-12', category: 'unquoted keys with spaces or hyphens', text: 'Extracted from the table:\n{Revenue (EUR m): 12.4, Headcount (FTE): 85, R&D share: "14%"}', want: { 'Revenue (EUR m)': 12.4, 'Headcount (FTE)': 85, 'R&D share': '14%' }, status: 'REPAIRED' },
  { id: 't17r2-13', category: 'unquoted keys with spaces or hyphens', text: '{Address line 1: "5 Main St", Address line 2: "Apt 3", City: "Dublin"}', want: { 'Address line 1': '5 Main St', 'Address line 2': 'Apt 3', City: 'Dublin' }, status: 'REPAIRED' },
  { id: 't17r2-14', category: 'unquoted keys with spaces or hyphens', text: '{km/h: 120, mph: 75}', want: { 'km/h': 120, mph: 75 }, status: 'REPAIRED' },
  { id: 't17r2-15', category: 'unquoted enum, date, time and unit values', text: '{"event": "launch", "date": 2025-01-15, "status": SCHEDULED, "window": 06:00-08:00}', want: { event: 'launch', date: '2025-01-15', status: 'SCHEDULED', window: '06:00-08:00' }, status: 'REPAIRED' },
  { id: 't17r2-16', category: 'extraction with N/A, unknown, dash or empty cells', text: '| field | value |\n|---|---|\n| name | Ana |\n\n{"name": "Ana", "age": N/A, "email": —, "phone": }', want: { name: 'Ana', age: 'N/A', email: '—', phone: null }, status: 'REPAIRED' },
  { id: 't17r2-17', category: 'OCR and vision outputs', text: '{"detections": [{"label": "car", "box": (10, 20, 110, 80), "conf": 92%}, {"label": "person", "box": (200, 40, 240, 160), "conf": 88%}]}', want: { detections: [{ label: 'car', box: [10, 20, 110, 80], conf: '92%' }, { label: 'person', box: [200, 40, 240, 160], conf: '88%' }] }, status: 'REPAIRED' },
  { id: 't17r2-18', category: 'classification with scores and percentages', text: "Top-3:\n[{'label': 'sci/tech', 'score': 0.81}, {'label': 'business', 'score': 0.12}, {'label': 'world', 'score': 0.04}]", want: [{ label: 'sci/tech', score: 0.81 }, { label: 'business', score: 0.12 }, { label: 'world', score: 0.04 }], status: 'REPAIRED' },
  { id: 't17r2-19', category: 'outputs that loop or repeat at the end', text: '{"tags": ["a", "b"]}\n{"tags": ["a", "b"]}\n{"tags": ["a", "b"]}\n{"tags": ["a", "b"]}\n{"tags": ["a', want: { tags: ['a', 'b'] }, status: ['VALID', 'REPAIRED'] },
  { id: 't17r2-20', category: 'JSON inside e-mail, HTML or XML', text: 'Hi Sam,\n\nAs requested, the mapping:\n\n{"EUR": "€", "GBP": "£", "JPY": "¥"}\n\nBest,\nLea\n\n> On Monday you wrote:\n> can you send the symbols as JSON?', want: { EUR: '€', GBP: '£', JPY: '¥' }, status: 'VALID' },
  { id: 't17r2-21', category: 'JSON then a self-check or validation list', text: `${F}json\n{"city": "Kraków", "country": "PL"}\n${F}\nSelf-check:\n- [x] city has its diacritics (ó)\n- [x] country is ISO 3166-1 alpha-2`, want: { city: 'Kraków', country: 'PL' }, status: 'VALID' },
  { id: 't17r2-22', category: "other languages' struct and map literals", text: `${F}rust\nlet cfg = json!({\n    "port": 8080,\n    "hosts": ["a", "b"],\n});\n${F}`, want: { port: 8080, hosts: ['a', 'b'] }, status: ['REPAIRED', 'VALID'] },
];
