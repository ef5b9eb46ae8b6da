// New-user trial 17: LLM-like texts written by hand (trial17, 2026-12-03) BEFORE running the engine on them and
// before reading the engine's code, the corpus or trials 1-16's texts (only the README's user-facing opening,
// the trial harness's types and trial 16's run.ts), in 12 families earlier trials did not cover: unquoted
// enum / date / time / unit values (unq), unquoted keys with spaces or hyphens (key), extraction with N/A /
// unknown / dash / empty cells (na), OCR and vision outputs (ocr), classification with scores and percentages
// (cls), small models looping or repeating at the end (loop), JSON inside e-mail / HTML / XML documents (doc),
// other languages' map and struct literals as the answer (lang), JSON followed by a self-check or a validation
// list (chk), inline per-field explanations (ann), translation tasks (tr) and long arrays of records with one
// defect deep inside (deep). `want` is the value a user wants; `alsoOk` only where two are equally right.
import type { TrialCase } from '../trialRun';

const F = '```';

/** A list of `n` user records, one per line as models print them, with `edit` changing record `k`'s line. */
function records(n: number, edit?: (i: number, line: string) => string): { text: string; want: Record<string, unknown>[] } {
  const want: Record<string, unknown>[] = [];
  const lines: string[] = [];
  for (let i = 1; i <= n; i++) {
    const r = { id: i, name: `User ${i}`, email: `user${i}@example.com`, active: i % 3 !== 0, score: (i * 37) % 100 };
    want.push(r);
    const line = `  {"id": ${i}, "name": "User ${i}", "email": "user${i}@example.com", "active": ${i % 3 !== 0}, "score": ${(i * 37) % 100}}`;
    lines.push(edit ? edit(i, line) : line);
  }
  return { text: '[\n' + lines.join(',\n') + '\n]', want };
}

/** An inventory list of `n` products, pretty-printed with two-space indents, `edit` changing product `k`'s lines. */
function products(n: number, edit?: (i: number, block: string) => string): { text: string; want: Record<string, unknown>[] } {
  const want: Record<string, unknown>[] = [];
  const blocks: string[] = [];
  for (let i = 1; i <= n; i++) {
    const p = { sku: `SKU-${1000 + i}`, title: `Item number ${i}`, price: Math.round(i * 137) / 100, stock: (i * 7) % 23, tags: i % 2 ? ['sale'] : [] };
    want.push(p);
    const block = `    {\n      "sku": "SKU-${1000 + i}",\n      "title": "Item number ${i}",\n      "price": ${p.price},\n      "stock": ${p.stock},\n      "tags": ${i % 2 ? '["sale"]' : '[]'}\n    }`;
    blocks.push(edit ? edit(i, block) : block);
  }
  return { text: '{\n  "products": [\n' + blocks.join(',\n') + '\n  ]\n}', want };
}

const d01 = records(60, (i, l) => (i === 37 ? l.replace('"score": 69}', '"score": 69,}') : l));
const d02 = records(80, (i, l) => (i === 55 ? l + '\n' : l));
const d02text = d02.text.replace('"score": 35}\n,\n', '"score": 35}\n').replace(/("id": 55[^\n]*)\n\n/, '$1\n');
const d03 = records(50, (i, l) => (i === 41 ? l.replace('"active": true', '"active": None') : l));
const d03want = d03.want.map((r) => (r.id === 41 ? { ...r, active: null } : r));
const d04 = products(40, (i, b) => (i === 29 ? b.replace('"Item number 29"', '"Item number 29 - the "Pro" model"') : b));
const d04want = d04.want.map((p) => (p.sku === 'SKU-1029' ? { ...p, title: 'Item number 29 - the "Pro" model' } : p));
const d06 = records(70, (i, l) => (i === 63 ? l.replace('"User 63"', "'User 63'") : l));
const d07 = records(45);
const d08 = products(60, (i, b) => (i === 30 ? b.replace('"Item number 30"', '"Item number 30\nsecond line of the title"') : b));
const d08want = d08.want.map((p) => (p.sku === 'SKU-1030' ? { ...p, title: 'Item number 30\nsecond line of the title' } : p));
const d09 = records(90, (i, l) => (i === 12 ? l.replace('"email"', 'email') : l));
const d11 = records(30, (i, l) => (i === 20 ? '  // the records below were added in March\n' + l : l));
const d12 = records(120, (i, l) => (i === 88 ? l.replace('"active": true', '"active": True') : l));
const d13 = products(64, (i, b) => (i === 50 ? b.replace('"price": 68.5', '"price": 68.50').replace('"stock": 5', '"stock": .5') : b));
const d13want = d13.want.map((p) => (p.sku === 'SKU-1050' ? { ...p, stock: 0.5 } : p));
const d14 = records(40, (i, l) => (i === 33 ? l.replace('"score": 21', '"score": ') : l));
const d14want = d14.want.map((r) => (r.id === 33 ? { ...r, score: null } : r));
const d15 = records(55);
const d15text = d15.text.slice(0, d15.text.indexOf('"email": "user54@')) ;
const d16 = records(80, (i, l) => (i === 66 ? l.replace('"name": "User 66"', '“name”: “User 66”') : l));
const d10 = records(50, (i, l) => (i === 48 ? l.replace('"score": 76}', '"score": 76') : l));

const nums = Array.from({ length: 400 }, (_, i) => i + 1);

export const TRIAL17_CASES: TrialCase[] = [
  // ---- unq: unquoted enum / date / time / unit values
  { id: 't17-unq-01', category: 'unquoted enum, date, time and unit values', text: '{"status": active, "due": 2024-05-01, "at": 10:30}', want: { status: 'active', due: '2024-05-01', at: '10:30' }, status: 'REPAIRED' },
  { id: 't17-unq-02', category: 'unquoted enum, date, time and unit values', text: `${F}json\n{\n  "task": "Renew passport",\n  "priority": HIGH,\n  "due_date": 2025-03-14,\n  "reminder": 09:00\n}\n${F}`, want: { task: 'Renew passport', priority: 'HIGH', due_date: '2025-03-14', reminder: '09:00' }, status: 'REPAIRED' },
  { id: 't17-unq-03', category: 'unquoted enum, date, time and unit values', text: '{"weight": 12kg, "height": 180 cm, "temp": 36.6°C}', want: { weight: '12kg', height: '180 cm', temp: '36.6°C' }, status: 'REPAIRED' },
  { id: 't17-unq-04', category: 'unquoted enum, date, time and unit values', text: 'Here is the config:\n\n{"duration": 1h30m, "timeout": 30s, "retry_after": 500ms}', want: { duration: '1h30m', timeout: '30s', retry_after: '500ms' }, status: 'REPAIRED' },
  { id: 't17-unq-05', category: 'unquoted enum, date, time and unit values', text: '{\n  "id": 17,\n  "created_at": 2024-05-01T10:30:00Z,\n  "updated_at": 2024-05-02T08:00:00+02:00\n}', want: { id: 17, created_at: '2024-05-01T10:30:00Z', updated_at: '2024-05-02T08:00:00+02:00' }, status: 'REPAIRED' },
  { id: 't17-unq-06', category: 'unquoted enum, date, time and unit values', text: '{"ticket": 4411, "tags": [urgent, billing, follow-up]}', want: { ticket: 4411, tags: ['urgent', 'billing', 'follow-up'] }, status: 'REPAIRED' },
  { id: 't17-unq-07', category: 'unquoted enum, date, time and unit values', text: 'Sure! Here is the parsed price:\n```json\n{"currency": USD, "amount": 49.99, "interval": monthly}\n```', want: { currency: 'USD', amount: 49.99, interval: 'monthly' }, status: 'REPAIRED' },
  { id: 't17-unq-08', category: 'unquoted enum, date, time and unit values', text: '{"store": "Main St", "open": 9:00 AM, "close": 5:30 PM}', want: { store: 'Main St', open: '9:00 AM', close: '5:30 PM' }, status: 'REPAIRED' },
  { id: 't17-unq-09', category: 'unquoted enum, date, time and unit values', text: 'Extracted event:\n{"event": "Team sync", "date": 2024-06-12, "start": 14:00, "end": 15:00, "timezone": Europe/Berlin}', want: { event: 'Team sync', date: '2024-06-12', start: '14:00', end: '15:00', timezone: 'Europe/Berlin' }, status: 'REPAIRED' },
  { id: 't17-unq-10', category: 'unquoted enum, date, time and unit values', text: '{"node": v20.11.1, "npm": 10.2.4, "os": linux}', want: { node: 'v20.11.1', npm: '10.2.4', os: 'linux' }, status: 'REPAIRED' },
  { id: 't17-unq-11', category: 'unquoted enum, date, time and unit values', text: '{"product": "Mug", "in_stock": yes, "gift_wrap": no}', want: { product: 'Mug', in_stock: 'yes', gift_wrap: 'no' }, status: 'REPAIRED' },
  { id: 't17-unq-12', category: 'unquoted enum, date, time and unit values', text: '{"name": "J. Doe", "dob": 03/14/1990, "issued": 14.03.2020}', want: { name: 'J. Doe', dob: '03/14/1990', issued: '14.03.2020' }, status: 'REPAIRED' },
  { id: 't17-unq-13', category: 'unquoted enum, date, time and unit values', text: '{\n    "state": IN_PROGRESS,\n    "assignee": null,\n    "eta": 2d\n}', want: { state: 'IN_PROGRESS', assignee: null, eta: '2d' }, status: 'REPAIRED' },
  { id: 't17-unq-14', category: 'unquoted enum, date, time and unit values', text: '{"contact": "Front desk", "phone": +1-555-0134, "ext": 204}', want: { contact: 'Front desk', phone: '+1-555-0134', ext: 204 }, status: 'REPAIRED' },
  { id: 't17-unq-15', category: 'unquoted enum, date, time and unit values', text: '{"city": New York, "country": US, "population": 8336817}', want: { city: 'New York', country: 'US', population: 8336817 }, status: 'REPAIRED' },
  { id: 't17-unq-16', category: 'unquoted enum, date, time and unit values', text: 'Current usage on web-02:\n\n{\n  "cpu": 85%,\n  "memory": 3.2GB,\n  "disk": 120 GB,\n  "uptime": 12 days\n}', want: { cpu: '85%', memory: '3.2GB', disk: '120 GB', uptime: '12 days' }, status: 'REPAIRED' },

  // ---- key: unquoted keys with spaces, hyphens and punctuation
  { id: 't17-key-01', category: 'unquoted keys with spaces or hyphens', text: '{first name: "Ada", last name: "Lovelace"}', want: { 'first name': 'Ada', 'last name': 'Lovelace' }, status: 'REPAIRED' },
  { id: 't17-key-02', category: 'unquoted keys with spaces or hyphens', text: '{content-type: "application/json", x-request-id: "abc123"}', want: { 'content-type': 'application/json', 'x-request-id': 'abc123' }, status: 'REPAIRED' },
  { id: 't17-key-03', category: 'unquoted keys with spaces or hyphens', text: '{\n  Full Name: "Grace Hopper",\n  Date of Birth: "1906-12-09",\n  Place of Birth: "New York City"\n}', want: { 'Full Name': 'Grace Hopper', 'Date of Birth': '1906-12-09', 'Place of Birth': 'New York City' }, status: 'REPAIRED' },
  { id: 't17-key-04', category: 'unquoted keys with spaces or hyphens', text: '{"name": "Ada", e-mail: "ada@example.com", phone number: null}', want: { name: 'Ada', 'e-mail': 'ada@example.com', 'phone number': null }, status: 'REPAIRED' },
  { id: 't17-key-05', category: 'unquoted keys with spaces or hyphens', text: '{server.port: 8080, server.host: "0.0.0.0"}', want: { 'server.port': 8080, 'server.host': '0.0.0.0' }, status: 'REPAIRED' },
  { id: 't17-key-06', category: 'unquoted keys with spaces or hyphens', text: 'From the spec sheet:\n{Price (USD): 12.5, Weight (kg): 0.4, Color: "black"}', want: { 'Price (USD)': 12.5, 'Weight (kg)': 0.4, Color: 'black' }, status: 'REPAIRED' },
  { id: 't17-key-07', category: 'unquoted keys with spaces or hyphens', text: '{Author: "J. R. R. Tolkien", Year Published: 1954, Pages: 423}', want: { Author: 'J. R. R. Tolkien', 'Year Published': 1954, Pages: 423 }, status: 'REPAIRED' },
  { id: 't17-key-08', category: 'unquoted keys with spaces or hyphens', text: '{"url": "/api/v1/items", "headers": {accept-language: "en-US", cache-control: "no-cache"}}', want: { url: '/api/v1/items', headers: { 'accept-language': 'en-US', 'cache-control': 'no-cache' } }, status: 'REPAIRED' },
  { id: 't17-key-09', category: 'unquoted keys with spaces or hyphens', text: '{Q1 2024: 1200, Q2 2024: 1350, Q3 2024: 1410}', want: { 'Q1 2024': 1200, 'Q2 2024': 1350, 'Q3 2024': 1410 }, status: 'REPAIRED' },
  { id: 't17-key-10', category: 'unquoted keys with spaces or hyphens', text: '{Invoice No: "A-1009", Qty: 3, Unit Price: 19.99}', want: { 'Invoice No': 'A-1009', Qty: 3, 'Unit Price': 19.99 }, status: 'REPAIRED' },
  { id: 't17-key-11', category: 'unquoted keys with spaces or hyphens', text: '{Date/Time: "2024-05-01 10:00", Pass/Fail: "Pass"}', want: { 'Date/Time': '2024-05-01 10:00', 'Pass/Fail': 'Pass' }, status: 'REPAIRED' },
  { id: 't17-key-12', category: 'unquoted keys with spaces or hyphens', text: '{Straße und Nr: "Hauptstr. 5", PLZ: "10115", Ort: "Berlin"}', want: { 'Straße und Nr': 'Hauptstr. 5', PLZ: '10115', Ort: 'Berlin' }, status: 'REPAIRED' },
  { id: 't17-key-13', category: 'unquoted keys with spaces or hyphens', text: '{max-width: 100px, font-size: 14px, line-height: 1.5}', want: { 'max-width': '100px', 'font-size': '14px', 'line-height': 1.5 }, status: 'REPAIRED' },
  { id: 't17-key-14', category: 'unquoted keys with spaces or hyphens', text: "Here's the mapping:\n\n{\n  Sales Region: \"EMEA\",\n  Account Owner: \"J. Park\",\n  Renewal Date: \"2025-01-31\"\n}", want: { 'Sales Region': 'EMEA', 'Account Owner': 'J. Park', 'Renewal Date': '2025-01-31' }, status: 'REPAIRED' },
  { id: 't17-key-15', category: 'unquoted keys with spaces or hyphens', text: "{Full name: 'Alan Turing', Born: 1912, Known for: 'Turing machine'}", want: { 'Full name': 'Alan Turing', Born: 1912, 'Known for': 'Turing machine' }, status: 'REPAIRED' },
  { id: 't17-key-16', category: 'unquoted keys with spaces or hyphens', text: '{\n  2fa-enabled: true,\n  last-login: "2024-04-30",\n  login-count: 57\n}', want: { '2fa-enabled': true, 'last-login': '2024-04-30', 'login-count': 57 }, status: 'REPAIRED' },

  // ---- na: structured extraction with N/A, unknown, dashes and empty cells
  { id: 't17-na-01', category: 'extraction with N/A, unknown, dash or empty cells', text: '{"name": "Acme Corp", "phone": N/A, "fax": N/A}', want: { name: 'Acme Corp', phone: 'N/A', fax: 'N/A' }, status: 'REPAIRED' },
  { id: 't17-na-02', category: 'extraction with N/A, unknown, dash or empty cells', text: '{"vat_id": —, "iban": "DE89 3704 0044 0532 0130 00"}', want: { vat_id: '—', iban: 'DE89 3704 0044 0532 0130 00' }, status: 'REPAIRED' },
  { id: 't17-na-03', category: 'extraction with N/A, unknown, dash or empty cells', text: '{"email": , "phone": "555-0100"}', want: { email: null, phone: '555-0100' }, status: 'REPAIRED' },
  { id: 't17-na-04', category: 'extraction with N/A, unknown, dash or empty cells', text: '{"first": "Maria", "middle_name": "", "suffix": unknown}', want: { first: 'Maria', middle_name: '', suffix: 'unknown' }, status: 'REPAIRED' },
  { id: 't17-na-05', category: 'extraction with N/A, unknown, dash or empty cells', text: '{"title": "Q3 Report", "author": -, "pages": 12}', want: { title: 'Q3 Report', author: '-', pages: 12 }, status: 'REPAIRED', alsoOk: [{ title: 'Q3 Report', author: null, pages: 12 }] },
  { id: 't17-na-06', category: 'extraction with N/A, unknown, dash or empty cells', text: '[\n  {"sku": "A1", "price": 9.99},\n  {"sku": "A2", "price": N/A},\n  {"sku": "A3", "price": 4.5}\n]', want: [{ sku: 'A1', price: 9.99 }, { sku: 'A2', price: 'N/A' }, { sku: 'A3', price: 4.5 }], status: 'REPAIRED' },
  { id: 't17-na-07', category: 'extraction with N/A, unknown, dash or empty cells', text: '{"date_of_birth": n/a, "nationality": "Canadian"}', want: { date_of_birth: 'n/a', nationality: 'Canadian' }, status: 'REPAIRED' },
  { id: 't17-na-08', category: 'extraction with N/A, unknown, dash or empty cells', text: '{"start": "2024-01-01", "end": ?}', want: { start: '2024-01-01', end: '?' }, status: 'REPAIRED' },
  { id: 't17-na-09', category: 'extraction with N/A, unknown, dash or empty cells', text: '{"company": "Globex", "revenue": TBD, "employees": ~250}', want: { company: 'Globex', revenue: 'TBD', employees: '~250' }, status: 'REPAIRED' },
  { id: 't17-na-10', category: 'extraction with N/A, unknown, dash or empty cells', text: '{"a": null, "b": None, "c": NULL}', want: { a: null, b: null, c: null }, alsoOk: [{ a: null, b: null, c: 'NULL' }], status: 'REPAIRED' },
  { id: 't17-na-11', category: 'extraction with N/A, unknown, dash or empty cells', text: '{"student": "Kim", "scores": [90, , 85]}', want: { student: 'Kim', scores: [90, null, 85] }, alsoOk: [{ student: 'Kim', scores: [90, 85] }], status: 'REPAIRED' },
  { id: 't17-na-12', category: 'extraction with N/A, unknown, dash or empty cells', text: `Contact details found in the signature:\n\n${F}json\n{"name": "Tom Weller", "fax": "—", "notes": "n/a"}\n${F}`, want: { name: 'Tom Weller', fax: '—', notes: 'n/a' }, status: 'VALID' },
  { id: 't17-na-13', category: 'extraction with N/A, unknown, dash or empty cells', text: '{"name": "Bob", "company": }', want: { name: 'Bob', company: null }, status: 'REPAIRED' },
  { id: 't17-na-14', category: 'extraction with N/A, unknown, dash or empty cells', text: '{"po_number": Not provided, "due": Not stated, "amount": 120}', want: { po_number: 'Not provided', due: 'Not stated', amount: 120 }, status: 'REPAIRED' },
  { id: 't17-na-15', category: 'extraction with N/A, unknown, dash or empty cells', text: `Here is what I could extract from the receipt:\n\n${F}json\n{\n  "merchant": "Blue Bottle Coffee",\n  "date": "2024-03-02",\n  "total": 14.75,\n  "tip": N/A,\n  "card_last4": "—"\n}\n${F}\n\nThe tip line was illegible.`, want: { merchant: 'Blue Bottle Coffee', date: '2024-03-02', total: 14.75, tip: 'N/A', card_last4: '—' }, status: 'REPAIRED' },
  { id: 't17-na-16', category: 'extraction with N/A, unknown, dash or empty cells', text: '{"height_cm": 178, "weight_kg": unknown, "blood_type": ---}', want: { height_cm: 178, weight_kg: 'unknown', blood_type: '---' }, status: 'REPAIRED' },

  // ---- ocr: OCR and vision outputs
  { id: 't17-ocr-01', category: 'OCR and vision outputs', text: '[{"text": "INVOICE", "bbox": [34, 22, 210, 58], "confidence": 0.99}, {"text": "Total: $1,240.00", "bbox": [400, 880, 610, 910], "confidence": 0.93}]', want: [{ text: 'INVOICE', bbox: [34, 22, 210, 58], confidence: 0.99 }, { text: 'Total: $1,240.00', bbox: [400, 880, 610, 910], confidence: 0.93 }], status: 'VALID' },
  { id: 't17-ocr-02', category: 'OCR and vision outputs', text: `${F}json\n[\n\t{"bbox_2d": [120, 340, 410, 560], "label": "red car"},\n\t{"bbox_2d": [600, 310, 780, 470], "label": "bicycle"}\n]\n${F}`, want: [{ bbox_2d: [120, 340, 410, 560], label: 'red car' }, { bbox_2d: [600, 310, 780, 470], label: 'bicycle' }], status: 'VALID' },
  { id: 't17-ocr-03', category: 'OCR and vision outputs', text: "{'label': 'cat', 'box': (12, 40, 200, 310), 'score': 0.88}", want: { label: 'cat', box: [12, 40, 200, 310], score: 0.88 }, status: 'REPAIRED' },
  { id: 't17-ocr-04', category: 'OCR and vision outputs', text: '{"page": 1, "text": "ACME LTD\n12 Main St\nSpringfield, IL 62701"}', want: { page: 1, text: 'ACME LTD\n12 Main St\nSpringfield, IL 62701' }, status: 'REPAIRED' },
  { id: 't17-ocr-05', category: 'OCR and vision outputs', text: 'Detected sign text:\n{"text": "STOP", "confidence": 97.5%, "lang": "en"}', want: { text: 'STOP', confidence: '97.5%', lang: 'en' }, status: 'REPAIRED' },
  { id: 't17-ocr-06', category: 'OCR and vision outputs', text: `Here are the bounding boxes for the detected animals:\n\n${F}json\n[\n  {"box_2d": [445, 72, 880, 371], "label": "dog"},\n  {"box_2d": [402, 556, 904, 945], "label": "cat"}\n]\n${F}\n\nCoordinates are normalized to 0-1000 in [ymin, xmin, ymax, xmax] order.`, want: [{ box_2d: [445, 72, 880, 371], label: 'dog' }, { box_2d: [402, 556, 904, 945], label: 'cat' }], status: 'VALID' },
  { id: 't17-ocr-07', category: 'OCR and vision outputs', text: '{"lines": ["Say "cheese"!", "EXIT ONLY"], "page": 3}', want: { lines: ['Say "cheese"!', 'EXIT ONLY'], page: 3 }, status: 'REPAIRED' },
  { id: 't17-ocr-08', category: 'OCR and vision outputs', text: 'Receipt parsed:\n{"items": [{"desc": "Latte", "qty": 2, "price": 4.50}, {"desc": "Croissant", "qty": 1, "price": 3.25}], "subtotal": 12.25, "tax": 0.98, "total": 13.23}', want: { items: [{ desc: 'Latte', qty: 2, price: 4.5 }, { desc: 'Croissant', qty: 1, price: 3.25 }], subtotal: 12.25, tax: 0.98, total: 13.23 }, status: 'VALID' },
  { id: 't17-ocr-09', category: 'OCR and vision outputs', text: '{"text": "EXIT", "polygon": [[10,10],[60,10],[60,30],[10,30]], "conf": .91}', want: { text: 'EXIT', polygon: [[10, 10], [60, 10], [60, 30], [10, 30]], conf: 0.91 }, status: 'REPAIRED' },
  { id: 't17-ocr-10', category: 'OCR and vision outputs', text: '[{"w": "Total", "c": 0.98, "b": [10, 400, 90, 420]}, {"w": "Due", "c": 0.97, "b', want: [{ w: 'Total', c: 0.98, b: [10, 400, 90, 420] }, { w: 'Due', c: 0.97 }], status: 'TRUNCATED' },
  { id: 't17-ocr-11', category: 'OCR and vision outputs', text: '{"text": "Meet at 5pm", "alternatives": ["Meet at 5am", "Meat at 5pm"], "confidence": 0.71}\n\nThe handwriting is slanted, so the "p" in "pm" could also be an "a".', want: { text: 'Meet at 5pm', alternatives: ['Meet at 5am', 'Meat at 5pm'], confidence: 0.71 }, status: 'VALID' },
  { id: 't17-ocr-12', category: 'OCR and vision outputs', text: '{"table": {"rows": 3, "cols": 4, "cells": [["Item", "Qty", "Price", "Total"], ["Pen", 2, 1.5, 3.0], ["Pad", 1, 4, 4]]}}', want: { table: { rows: 3, cols: 4, cells: [['Item', 'Qty', 'Price', 'Total'], ['Pen', 2, 1.5, 3], ['Pad', 1, 4, 4]] } }, status: 'VALID' },
  { id: 't17-ocr-13', category: 'OCR and vision outputs', text: 'MRZ read from the passport photo:\n\n{"document_type": "P", "country": "UTO", "surname": "ERIKSSON", "given_names": "ANNA MARIA", "mrz_line1": "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"}', want: { document_type: 'P', country: 'UTO', surname: 'ERIKSSON', given_names: 'ANNA MARIA', mrz_line1: 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<' }, status: 'VALID' },
  { id: 't17-ocr-14', category: 'OCR and vision outputs', text: "{x: 0.12, y: 0.33, w: 0.25, h: 0.1, label: 'logo'}", want: { x: 0.12, y: 0.33, w: 0.25, h: 0.1, label: 'logo' }, status: 'REPAIRED' },
  { id: 't17-ocr-15', category: 'OCR and vision outputs', text: '{"line": 7, "text": "Total \\ 14.99"}', want: { line: 7, text: 'Total \\ 14.99' }, status: 'REPAIRED' },
  { id: 't17-ocr-16', category: 'OCR and vision outputs', text: 'Detected objects:\n- person (0.97)\n- umbrella (0.85)\n\nJSON:\n{"objects": [{"name": "person", "score": 0.97}, {"name": "umbrella", "score": 0.85}]}', want: { objects: [{ name: 'person', score: 0.97 }, { name: 'umbrella', score: 0.85 }] }, status: 'VALID' },

  // ---- cls: classification with scores and percentages
  { id: 't17-cls-01', category: 'classification with scores and percentages', text: 'Sentiment analysis result:\n{"label": "positive", "confidence": 0.94}', want: { label: 'positive', confidence: 0.94 }, status: 'VALID' },
  { id: 't17-cls-02', category: 'classification with scores and percentages', text: '{"label": "spam", "confidence": 98%}', want: { label: 'spam', confidence: '98%' }, status: 'REPAIRED' },
  { id: 't17-cls-03', category: 'classification with scores and percentages', text: `${F}json\n{\n  "scores": {\n    "positive": 0.72,\n    "neutral": 0.21,\n    "negative": 0.07\n  }\n}\n${F}`, want: { scores: { positive: 0.72, neutral: 0.21, negative: 0.07 } }, status: 'VALID' },
  { id: 't17-cls-04', category: 'classification with scores and percentages', text: 'Multi-label result: {"labels": ["billing", "refund"], "scores": [0.91, 0.64]}', want: { labels: ['billing', 'refund'], scores: [0.91, 0.64] }, status: 'VALID' },
  { id: 't17-cls-05', category: 'classification with scores and percentages', text: 'Classification: NEGATIVE (confidence: 87%)\n\n{"sentiment": "negative", "confidence": 0.87}', want: { sentiment: 'negative', confidence: 0.87 }, status: 'VALID' },
  { id: 't17-cls-06', category: 'classification with scores and percentages', text: '{"intent": "book_flight", "probability": "92%", "slots": {"to": "Lisbon", "date": "next Friday"}}', want: { intent: 'book_flight', probability: '92%', slots: { to: 'Lisbon', date: 'next Friday' } }, status: 'VALID' },
  { id: 't17-cls-07', category: 'classification with scores and percentages', text: '{"label": "sports", "score": 0.9, "runner_up": {"label": "politics", "score": .07}}', want: { label: 'sports', score: 0.9, runner_up: { label: 'politics', score: 0.07 } }, status: 'REPAIRED' },
  { id: 't17-cls-08', category: 'classification with scores and percentages', text: "{'label': 'toxic', 'score': 0.9812}", want: { label: 'toxic', score: 0.9812 }, status: 'REPAIRED' },
  { id: 't17-cls-09', category: 'classification with scores and percentages', text: ">>> classifier(\"I love this!\")\n[{'label': 'POSITIVE', 'score': 0.9998}]", want: [{ label: 'POSITIVE', score: 0.9998 }], status: 'REPAIRED' },
  { id: 't17-cls-10', category: 'classification with scores and percentages', text: "{'sequence': 'I loved the movie', 'labels': ['positive', 'negative', 'neutral'], 'scores': [0.95, 0.03, 0.02]}", want: { sequence: 'I loved the movie', labels: ['positive', 'negative', 'neutral'], scores: [0.95, 0.03, 0.02] }, status: 'REPAIRED' },
  { id: 't17-cls-11', category: 'classification with scores and percentages', text: '{"category": "Complaint", "reason": "Customer says the product "broke after a day"", "confidence": 0.9}', want: { category: 'Complaint', reason: 'Customer says the product "broke after a day"', confidence: 0.9 }, status: 'REPAIRED' },
  { id: 't17-cls-12', category: 'classification with scores and percentages', text: '{"classes": ["cat", "dog", "other"], "distribution": [45%, 30%, 25%]}', want: { classes: ['cat', 'dog', 'other'], distribution: ['45%', '30%', '25%'] }, status: 'REPAIRED' },
  { id: 't17-cls-13', category: 'classification with scores and percentages', text: '{"label": POSITIVE, "score": 0.97}', want: { label: 'POSITIVE', score: 0.97 }, status: 'REPAIRED' },
  { id: 't17-cls-14', category: 'classification with scores and percentages', text: '{"relevance": 4/5, "fluency": 5/5, "overall": 4.5/5}', want: { relevance: '4/5', fluency: '5/5', overall: '4.5/5' }, status: 'REPAIRED' },
  { id: 't17-cls-15', category: 'classification with scores and percentages', text: 'The email mentions an invoice and a payment deadline, so it is most likely "billing" (about 80%), possibly "legal" (15%).\n\n{"category": "billing", "confidence": 0.8}', want: { category: 'billing', confidence: 0.8 }, status: 'VALID' },
  { id: 't17-cls-16', category: 'classification with scores and percentages', text: `| label | score |\n|---|---|\n| sports | 0.81 |\n| news | 0.12 |\n| other | 0.07 |\n\n${F}json\n{"top": "sports", "score": 0.81}\n${F}`, want: { top: 'sports', score: 0.81 }, status: 'VALID' },

  // ---- loop: small models looping or repeating at the end
  { id: 't17-loop-01', category: 'outputs that loop or repeat at the end', text: '{"answer": "Paris"}\n}\n}\n}\n}\n}', want: { answer: 'Paris' }, status: ['VALID', 'REPAIRED'] },
  { id: 't17-loop-02', category: 'outputs that loop or repeat at the end', text: '{"answer": "Paris"}{"answer": "Paris"}{"answer": "Paris"}{"answer": "Paris"}', want: { answer: 'Paris' }, status: 'REPAIRED' },
  { id: 't17-loop-03', category: 'outputs that loop or repeat at the end', text: '{"keywords": ["solar", "energy", "panel", "panel", "panel", "panel", "panel", "panel", "pan', want: { keywords: ['solar', 'energy', 'panel', 'panel', 'panel', 'panel', 'panel', 'panel', 'pan'] }, alsoOk: [{ keywords: ['solar', 'energy', 'panel', 'panel', 'panel', 'panel', 'panel', 'panel'] }], status: 'TRUNCATED' },
  { id: 't17-loop-04', category: 'outputs that loop or repeat at the end', text: '{"summary": "The meeting was productive. The meeting was productive. The meeting was productive. The meeting was productive. The meeting was', want: { summary: 'The meeting was productive. The meeting was productive. The meeting was productive. The meeting was productive. The meeting was' }, status: 'TRUNCATED' },
  { id: 't17-loop-05', category: 'outputs that loop or repeat at the end', text: `${F}json\n{"a": 1}\n${F}\n${F}json\n{"a": 1}\n${F}\n${F}json\n{"a": 1}\n${F}`, want: { a: 1 }, status: ['VALID', 'REPAIRED'] },
  { id: 't17-loop-06', category: 'outputs that loop or repeat at the end', text: '{"city": "Lyon", "country": "France"}\n\nI hope this helps! I hope this helps! I hope this helps! I hope this helps! I hope this helps!', want: { city: 'Lyon', country: 'France' }, status: 'VALID' },
  { id: 't17-loop-07', category: 'outputs that loop or repeat at the end', text: '[' + nums.slice(0, 399).join(', ') + ', ', want: nums.slice(0, 399), status: 'TRUNCATED' },
  { id: 't17-loop-08', category: 'outputs that loop or repeat at the end', text: '{"steps": ["Preheat oven", "Mix flour", "Mix flour", "Mix flour", "Mix flour"]}\n]}\n]}\n]}', want: { steps: ['Preheat oven', 'Mix flour', 'Mix flour', 'Mix flour', 'Mix flour'] }, status: ['VALID', 'REPAIRED'] },
  { id: 't17-loop-09', category: 'outputs that loop or repeat at the end', text: '{"title": "Dune", "year": 1965}\n{"title": "Dune", "year": 1965}\n{"title": "Dune", "year": 1965}\n{"title": "Dune", "ye', want: { title: 'Dune', year: 1965 }, status: ['VALID', 'REPAIRED'] },
  { id: 't17-loop-10', category: 'outputs that loop or repeat at the end', text: '{"a": [1, 2]},},},},},}', want: { a: [1, 2] }, status: ['VALID', 'REPAIRED'] },
  { id: 't17-loop-11', category: 'outputs that loop or repeat at the end', text: '{"reply": "' + 'ha'.repeat(1200) + '"}', want: { reply: 'ha'.repeat(1200) }, status: 'VALID' },
  { id: 't17-loop-12', category: 'outputs that loop or repeat at the end', text: 'Answer: {"x": 3}\nAnswer: {"x": 3}\nAnswer: {"x": 3}\nAnswer: {"x": 3}\nAnswer:', want: { x: 3 }, status: ['VALID', 'REPAIRED'] },
  { id: 't17-loop-13', category: 'outputs that loop or repeat at the end', text: '{"lang": "fr", "text": "Bonjour tout le monde"}\nNote: translated literally.\nNote: translated literally.\nNote: translated literally.\nNote: transl', want: { lang: 'fr', text: 'Bonjour tout le monde' }, status: 'VALID' },
  { id: 't17-loop-14', category: 'outputs that loop or repeat at the end', text: '{"rows": [{"id": 1, "v": "x"}, {"id": 1, "v": "x"}, {"id": 1, "v": "x"}, {"id": 1, "v"', want: { rows: [{ id: 1, v: 'x' }, { id: 1, v: 'x' }, { id: 1, v: 'x' }, { id: 1 }] }, alsoOk: [{ rows: [{ id: 1, v: 'x' }, { id: 1, v: 'x' }, { id: 1, v: 'x' }] }], status: 'TRUNCATED' },
  { id: 't17-loop-15', category: 'outputs that loop or repeat at the end', text: '{\n  "name": "widget",\n  "color": "blue"\n}\n\n{\n  "name": "widget",\n  "color": "blue"\n}\n\n{\n  "name": "widget",\n  "color": "blue"\n}', want: { name: 'widget', color: 'blue' }, status: ['VALID', 'REPAIRED'] },
  { id: 't17-loop-16', category: 'outputs that loop or repeat at the end', text: '<start_of_turn>model\n{"mood": "happy", "emoji": "😊"}\n<end_of_turn>\n<end_of_turn>\n<end_of_turn>\n<end_of_turn>', want: { mood: 'happy', emoji: '😊' }, status: 'VALID' },

  // ---- doc: JSON inside e-mail, HTML and XML documents
  { id: 't17-doc-01', category: 'JSON inside e-mail, HTML or XML', text: '<html><body><h1>Result</h1><pre>{"status": "ok", "count": 3}</pre></body></html>', want: { status: 'ok', count: 3 }, status: 'VALID' },
  { id: 't17-doc-02', category: 'JSON inside e-mail, HTML or XML', text: '<script type="application/ld+json">\n{\n  "@context": "https://schema.org",\n  "@type": "Product",\n  "name": "Desk Lamp",\n  "offers": {"@type": "Offer", "price": "39.00", "priceCurrency": "EUR"}\n}\n</script>', want: { '@context': 'https://schema.org', '@type': 'Product', name: 'Desk Lamp', offers: { '@type': 'Offer', price: '39.00', priceCurrency: 'EUR' } }, status: 'VALID' },
  { id: 't17-doc-03', category: 'JSON inside e-mail, HTML or XML', text: 'On Mon, 3 Jun 2024 at 16:20, Dev Bot <bot@example.com> wrote:\n> {"order": 1182,\n>  "status": "shipped",\n>  "carrier": "DHL"}', want: { order: 1182, status: 'shipped', carrier: 'DHL' }, status: ['VALID', 'REPAIRED'] },
  { id: 't17-doc-04', category: 'JSON inside e-mail, HTML or XML', text: 'From: alerts@example.com\nTo: dev-team@example.com\nSubject: Webhook payload\nDate: Tue, 4 Jun 2024 10:02:11 +0000\n\nHi team,\n\nThe failing payload was:\n\n{"event": "invoice.paid", "id": "evt_19A", "amount": 4200}\n\nThanks,\nMaria', want: { event: 'invoice.paid', id: 'evt_19A', amount: 4200 }, status: 'VALID' },
  { id: 't17-doc-05', category: 'JSON inside e-mail, HTML or XML', text: '<pre>{&quot;name&quot;: &quot;Ada&quot;, &quot;age&quot;: 36}</pre>', want: { name: 'Ada', age: 36 }, status: 'REPAIRED' },
  { id: 't17-doc-06', category: 'JSON inside e-mail, HTML or XML', text: '<response>\n  <code>200</code>\n  <body>{"id": 42, "ok": true}</body>\n</response>', want: { id: 42, ok: true }, status: 'VALID' },
  { id: 't17-doc-07', category: 'JSON inside e-mail, HTML or XML', text: `<div id="app" data-props='{"user": "ada", "theme": "dark"}'></div>`, want: { user: 'ada', theme: 'dark' }, status: 'VALID' },
  { id: 't17-doc-08', category: 'JSON inside e-mail, HTML or XML', text: '---------- Forwarded message ---------\nFrom: Support <support@vendor.io>\nDate: Wed, Jun 5, 2024 at 9:14 AM\nSubject: Re: ticket\n\n{"ticket": 5521, "priority": "P2", "assignee": "l.chen"}\n\n--\nSent from my iPhone', want: { ticket: 5521, priority: 'P2', assignee: 'l.chen' }, status: 'VALID' },
  { id: 't17-doc-09', category: 'JSON inside e-mail, HTML or XML', text: '<code>{<br>&nbsp;&nbsp;"a": 1,<br>&nbsp;&nbsp;"b": 2<br>}</code>', want: { a: 1, b: 2 }, status: 'REPAIRED' },
  { id: 't17-doc-10', category: 'JSON inside e-mail, HTML or XML', text: '<!-- generated by exporter v2 -->\n{"ok": true, "items": 12}', want: { ok: true, items: 12 }, status: 'VALID' },
  { id: 't17-doc-11', category: 'JSON inside e-mail, HTML or XML', text: '<?xml version="1.0" encoding="UTF-8"?>\n<result>\n  <json>[{"sku": "A1", "qty": 2}, {"sku": "B7", "qty": 1}]</json>\n</result>', want: [{ sku: 'A1', qty: 2 }, { sku: 'B7', qty: 1 }], status: 'VALID' },
  { id: 't17-doc-12', category: 'JSON inside e-mail, HTML or XML', text: `<div class="output_area"><pre>{'loss': 0.231, 'epoch': 3, 'lr': 0.0001}</pre></div>`, want: { loss: 0.231, epoch: 3, lr: 0.0001 }, status: 'REPAIRED' },
  { id: 't17-doc-13', category: 'JSON inside e-mail, HTML or XML', text: "Looks good, here's the corrected version:\n\n{\"name\": \"Ops\", \"members\": 4}\n\nOn Tue, Jun 4, 2024 at 9:12 AM Bob <bob@example.com> wrote:\n> {\"name\": \"Ops\", \"members\": 3}", want: { name: 'Ops', members: 4 }, status: ['VALID', 'REPAIRED'] },
  { id: 't17-doc-14', category: 'JSON inside e-mail, HTML or XML', text: '<form>\n  <textarea name="config">{"retries": 3, "backoff": "exponential"}</textarea>\n</form>', want: { retries: 3, backoff: 'exponential' }, status: 'VALID' },
  { id: 't17-doc-15', category: 'JSON inside e-mail, HTML or XML', text: 'Subject: Order update\n\n{"message": "Your order has been shipped and will arrive\nwithin 3-5 business days.", "id": 9}\n', want: { message: 'Your order has been shipped and will arrive\nwithin 3-5 business days.', id: 9 }, status: 'REPAIRED' },
  { id: 't17-doc-16', category: 'JSON inside e-mail, HTML or XML', text: '<pre>{"title": "Tom &amp; Jerry", "year": 1940}</pre>', want: { title: 'Tom &amp; Jerry', year: 1940 }, alsoOk: [{ title: 'Tom & Jerry', year: 1940 }], status: ['VALID', 'REPAIRED'] },

  // ---- lang: other languages' map and struct literals as the answer
  { id: 't17-lang-01', category: "other languages' struct and map literals", text: `${F}go\nmap[string]interface{}{\n\t"name": "Ada",\n\t"age":  36,\n}\n${F}`, want: { name: 'Ada', age: 36 }, status: 'REPAIRED' },
  { id: 't17-lang-02', category: "other languages' struct and map literals", text: 'let body = serde_json::json!({"id": 7, "tags": ["a", "b"]});', want: { id: 7, tags: ['a', 'b'] }, status: ['VALID', 'REPAIRED'] },
  { id: 't17-lang-03', category: "other languages' struct and map literals", text: 'val user = mapOf("name" to "Ada", "age" to 36)', want: { name: 'Ada', age: 36 }, status: 'REPAIRED' },
  { id: 't17-lang-04', category: "other languages' struct and map literals", text: 'var payload = new { Name = "Ada", Age = 36, Admin = false };', want: { Name: 'Ada', Age: 36, Admin: false }, status: 'REPAIRED' },
  { id: 't17-lang-05', category: "other languages' struct and map literals", text: 'params = dict(name="Ada", age=36, admin=False)', want: { name: 'Ada', age: 36, admin: false }, status: 'REPAIRED' },
  { id: 't17-lang-06', category: "other languages' struct and map literals", text: `${F}js\nconst user = { name: "Ada", age: 36, tags: ["x"] };\n${F}`, want: { name: 'Ada', age: 36, tags: ['x'] }, status: 'REPAIRED' },
  { id: 't17-lang-07', category: "other languages' struct and map literals", text: 'user = { name: "Ada", "age" => 36, admin: false }', want: { name: 'Ada', age: 36, admin: false }, status: 'REPAIRED' },
  { id: 't17-lang-08', category: "other languages' struct and map literals", text: "$user = ['name' => 'Ada', 'age' => 36];", want: { name: 'Ada', age: 36 }, status: 'REPAIRED' },
  { id: 't17-lang-09', category: "other languages' struct and map literals", text: 'u := User{Name: "Ada", Age: 36, Admin: false}', want: { Name: 'Ada', Age: 36, Admin: false }, status: 'REPAIRED' },
  { id: 't17-lang-10', category: "other languages' struct and map literals", text: 'let user: [String: Any] = ["name": "Ada", "age": 36]', want: { name: 'Ada', age: 36 }, status: 'REPAIRED' },
  { id: 't17-lang-11', category: "other languages' struct and map literals", text: 'user = %{"name" => "Ada", "age" => 36}', want: { name: 'Ada', age: 36 }, status: 'REPAIRED' },
  { id: 't17-lang-12', category: "other languages' struct and map literals", text: 'local user = { name = "Ada", age = 36 }', want: { name: 'Ada', age: 36 }, status: 'REPAIRED' },
  { id: 't17-lang-13', category: "other languages' struct and map literals", text: `${F}ts\nconst cfg: Config = {\n  port: 8080,\n  host: "localhost",\n} as const;\n${F}`, want: { port: 8080, host: 'localhost' }, status: 'REPAIRED' },
  { id: 't17-lang-14', category: "other languages' struct and map literals", text: ">>> print(user)\nUser(name='Ada', age=36)", want: { name: 'Ada', age: 36 }, status: 'REPAIRED' },
  { id: 't17-lang-15', category: "other languages' struct and map literals", text: 'var user = new User { Name = "Ada", Age = 36 };', want: { Name: 'Ada', Age: 36 }, status: 'REPAIRED' },
  { id: 't17-lang-16', category: "other languages' struct and map literals", text: "final user = <String, dynamic>{'name': 'Ada', 'age': 36};", want: { name: 'Ada', age: 36 }, status: 'REPAIRED' },

  // ---- chk: JSON followed by a self-check table or a validation list
  { id: 't17-chk-01', category: 'JSON then a self-check or validation list', text: `${F}json\n{"name": "Ada Lovelace", "born": "1815-12-10", "field": "mathematics"}\n${F}\n\nValidation:\n- ✓ valid JSON\n- ✓ all required fields present\n- ✓ dates in ISO 8601`, want: { name: 'Ada Lovelace', born: '1815-12-10', field: 'mathematics' }, status: 'VALID' },
  { id: 't17-chk-02', category: 'JSON then a self-check or validation list', text: '{"name": "Ada", "email": "ada@example.com", "age": 36}\n\n| field | present | type |\n|---|---|---|\n| name | ✅ | string |\n| email | ✅ | string |\n| age | ✅ | number |', want: { name: 'Ada', email: 'ada@example.com', age: 36 }, status: 'VALID' },
  { id: 't17-chk-03', category: 'JSON then a self-check or validation list', text: '{"id": 12, "type": "order"}\n\n✔ Schema check passed: the object matches {"type": "object", "required": ["id", "type"]}', want: { id: 12, type: 'order' }, status: ['VALID', 'REPAIRED'] },
  { id: 't17-chk-04', category: 'JSON then a self-check or validation list', text: '{"name": "Lee", "email": "lee@corp.com", "phone": null}\n\nChecklist:\n- [x] name\n- [x] email\n- [ ] phone (not found in the text)', want: { name: 'Lee', email: 'lee@corp.com', phone: null }, status: 'VALID' },
  { id: 't17-chk-05', category: 'JSON then a self-check or validation list', text: '{"name": "Sam", "age": 29, "city": "Oslo"}\n\nSelf-check: the output has 3 keys {name, age, city} and no extra text.', want: { name: 'Sam', age: 29, city: 'Oslo' }, status: 'VALID' },
  { id: 't17-chk-06', category: 'JSON then a self-check or validation list', text: '{"age": 36, "city": "London"}\n\nDouble-checking: "age" is a number (36) ✓, "city" is a string ✓.', want: { age: 36, city: 'London' }, status: 'VALID' },
  { id: 't17-chk-07', category: 'JSON then a self-check or validation list', text: '{"a": 1, "b": 2,}\n\nValidation: ✓ Valid JSON', want: { a: 1, b: 2 }, status: 'REPAIRED' },
  { id: 't17-chk-08', category: 'JSON then a self-check or validation list', text: `${F}json\n{\n  "invoice": "INV-88",\n  "lines": 4,\n  "total": 310.4\n}\n${F}\n\n**Verification**\n1. Totals add up: 120 + 80.4 + 60 + 50 = 310.4 ✓\n2. Invoice number matches the header ✓`, want: { invoice: 'INV-88', lines: 4, total: 310.4 }, status: 'VALID' },
  { id: 't17-chk-09', category: 'JSON then a self-check or validation list', text: '{"ids": [1, 2, 3], "count": 3}\n\nField | Value | OK\n---|---|---\nids | [1, 2, 3] | ✓\ncount | 3 | ✓', want: { ids: [1, 2, 3], count: 3 }, status: 'VALID' },
  { id: 't17-chk-10', category: 'JSON then a self-check or validation list', text: '{\n  "user_id": 981,\n  "plan": "team",\n  "seats": 12,\n  "renews_on": "2025-02-01"\n}\n---\n**Checks**\n1. JSON parses ✓\n2. No trailing commas ✓\n3. Keys are snake_case ✓', want: { user_id: 981, plan: 'team', seats: 12, renews_on: '2025-02-01' }, status: 'VALID' },
  { id: 't17-chk-11', category: 'JSON then a self-check or validation list', text: '{"sku": "X-19", "qty": 5}\n\nValidation result:\n{"valid": true, "errors": []}', want: { sku: 'X-19', qty: 5 }, status: ['VALID', 'REPAIRED'] },
  { id: 't17-chk-12', category: 'JSON then a self-check or validation list', text: 'Extraction complete.\n\n{"vendor": "Initech", "date": "2024-02-29", "total": 99.5}\n\n✓ 3/3 fields extracted', want: { vendor: 'Initech', date: '2024-02-29', total: 99.5 }, status: 'VALID' },
  { id: 't17-chk-13', category: 'JSON then a self-check or validation list', text: `${F}json\n{"items": ["a", "b", "c"]}\n${F}\n\n${F}python\nassert len(data["items"]) == 3  # ✓\n${F}`, want: { items: ['a', 'b', 'c'] }, status: ['VALID', 'REPAIRED'] },
  { id: 't17-chk-14', category: 'JSON then a self-check or validation list', text: '{"name": "Birch Café", "date": "2024-05-18", "amount": 23.4}\n\n✅ name\n✅ date\n⚠️ amount (estimated from a blurry photo)', want: { name: 'Birch Café', date: '2024-05-18', amount: 23.4 }, status: 'VALID' },
  { id: 't17-chk-15', category: 'JSON then a self-check or validation list', text: '{"status": "approved", "limit": 5000}\n\nSchema compliance: 100%\n[PASS] required fields\n[PASS] types\n[PASS] enum values', want: { status: 'approved', limit: 5000 }, status: 'VALID' },
  { id: 't17-chk-16', category: 'JSON then a self-check or validation list', text: 'Final answer:\n{"country": "Japan", "capital": "Tokyo", "population_millions": 14}\n\nValidation ✓\n• country — matches the question\n• capital — correct\n• population_millions — 2023 estimate (~14M)', want: { country: 'Japan', capital: 'Tokyo', population_millions: 14 }, status: 'VALID' },

  // ---- ann: per-field explanations written inline
  { id: 't17-ann-01', category: 'inline per-field explanations', text: '{\n  "name": "Ada",   // full legal name\n  "age": 36         // in years\n}', want: { name: 'Ada', age: 36 }, status: 'REPAIRED' },
  { id: 't17-ann-02', category: 'inline per-field explanations', text: '{\n  "timeout": 30,   <-- increased from 10\n  "retries": 5\n}', want: { timeout: 30, retries: 5 }, status: 'REPAIRED' },
  { id: 't17-ann-03', category: 'inline per-field explanations', text: '{\n  "mode": "fast",   ← changed\n  "level": 2\n}', want: { mode: 'fast', level: 2 }, status: 'REPAIRED' },
  { id: 't17-ann-04', category: 'inline per-field explanations', text: '{\n  "host": "db.internal",  # was localhost\n  "port": 5432\n}', want: { host: 'db.internal', port: 5432 }, status: 'REPAIRED' },
  { id: 't17-ann-05', category: 'inline per-field explanations', text: '{\n  "plan": "pro", (upgraded)\n  "seats": 12\n}', want: { plan: 'pro', seats: 12 }, status: 'REPAIRED' },
  { id: 't17-ann-06', category: 'inline per-field explanations', text: '{\n  "currency": "EUR",  // ISO 4217 code\n  "amount": 120.00   // net, before VAT\n}', want: { currency: 'EUR', amount: 120 }, status: 'REPAIRED' },
  { id: 't17-ann-07', category: 'inline per-field explanations', text: '{\n  "url": "https://api.example.com", // the "base" URL: no trailing slash\n  "v": 2\n}', want: { url: 'https://api.example.com', v: 2 }, status: 'REPAIRED' },
  { id: 't17-ann-08', category: 'inline per-field explanations', text: '{\n    "a": 1   // first\n  , "b": 2   // second\n}', want: { a: 1, b: 2 }, status: 'REPAIRED' },
  { id: 't17-ann-09', category: 'inline per-field explanations', text: '{ /* required */ "id": 5, /* optional */ "note": null }', want: { id: 5, note: null }, status: 'REPAIRED' },
  { id: 't17-ann-10', category: 'inline per-field explanations', text: '{\n  "theme": "dark",\n  "fontSize": 14,      // <-- new\n  "wordWrap": "on"    // <-- new\n}', want: { theme: 'dark', fontSize: 14, wordWrap: 'on' }, status: 'REPAIRED' },
  { id: 't17-ann-11', category: 'inline per-field explanations', text: '[\n  "read",   // can view\n  "write",  // can edit\n  "admin"   // full access\n]', want: ['read', 'write', 'admin'], status: 'REPAIRED' },
  { id: 't17-ann-12', category: 'inline per-field explanations', text: '{\n  "color": "#ff0000",  # red\n  "bg": "#fff"  # white\n}', want: { color: '#ff0000', bg: '#fff' }, status: 'REPAIRED' },
  { id: 't17-ann-13', category: 'inline per-field explanations', text: '{"age": 36 (years), "height": 1.7 (m)}', want: { age: 36, height: 1.7 }, status: 'REPAIRED' },
  { id: 't17-ann-14', category: 'inline per-field explanations', text: 'I changed the role (in bold):\n\n{"name": "Ada", **"role": "admin"**}', want: { name: 'Ada', role: 'admin' }, status: 'REPAIRED' },
  { id: 't17-ann-15', category: 'inline per-field explanations', text: '{\n  "limit": 100, // max allowed by the API (see https://docs.example.com/limits)\n  "window": "1m"\n}', want: { limit: 100, window: '1m' }, status: 'REPAIRED' },
  { id: 't17-ann-16', category: 'inline per-field explanations', text: '{\n  "enabled": true, // ✓ turned on\n  "threshold": 0.8 // 80%\n}', want: { enabled: true, threshold: 0.8 }, status: 'REPAIRED' },

  // ---- tr: translation tasks (values in other scripts, keys kept)
  { id: 't17-tr-01', category: 'translation tasks', text: '{"greeting": "Привет", "farewell": "До свидания"}', want: { greeting: 'Привет', farewell: 'До свидания' }, status: 'VALID' },
  { id: 't17-tr-02', category: 'translation tasks', text: '{"save": "Klicken Sie auf "Speichern"", "cancel": "Abbrechen"}', want: { save: 'Klicken Sie auf "Speichern"', cancel: 'Abbrechen' }, status: 'REPAIRED' },
  { id: 't17-tr-03', category: 'translation tasks', text: '{"hint": "Drücken Sie „Weiter“, um fortzufahren."}', want: { hint: 'Drücken Sie „Weiter“, um fortzufahren.' }, status: 'VALID' },
  { id: 't17-tr-04', category: 'translation tasks', text: "{'title': 'L'été indien', 'lang': 'fr'}", want: { title: "L'été indien", lang: 'fr' }, status: 'REPAIRED' },
  { id: 't17-tr-05', category: 'translation tasks', text: '{"title": "「設定」を開く", "ok": "OK", "cancel": "キャンセル"}', want: { title: '「設定」を開く', ok: 'OK', cancel: 'キャンセル' }, status: 'VALID' },
  { id: 't17-tr-06', category: 'translation tasks', text: 'Here are the Arabic translations:\n\n{"welcome": "مرحبا بك", "logout": "تسجيل الخروج"}', want: { welcome: 'مرحبا بك', logout: 'تسجيل الخروج' }, status: 'VALID' },
  { id: 't17-tr-07', category: 'translation tasks', text: `${F}json\n{\n  "yes": "हाँ",\n  "no": "नहीं",\n  "maybe": "शायद"\n}\n${F}`, want: { yes: 'हाँ', no: 'नहीं', maybe: 'शायद' }, status: 'VALID' },
  { id: 't17-tr-08', category: 'translation tasks', text: '{"hello_user": "Hallo {name}!", "items": "{count} Artikel im Warenkorb"}', want: { hello_user: 'Hallo {name}!', items: '{count} Artikel im Warenkorb' }, status: 'VALID' },
  { id: 't17-tr-09', category: 'translation tasks', text: '{"files": "{count, plural, one {# Datei} other {# Dateien}}"}', want: { files: '{count, plural, one {# Datei} other {# Dateien}}' }, status: 'VALID' },
  { id: 't17-tr-10', category: 'translation tasks', text: '{"intro": "欢迎使用。\n请先登录。"}', want: { intro: '欢迎使用。\n请先登录。' }, status: 'REPAIRED' },
  { id: 't17-tr-11', category: 'translation tasks', text: '{"save": "Αποθήκευση", "delete": "Διαγραφή",}', want: { save: 'Αποθήκευση', delete: 'Διαγραφή' }, status: 'REPAIRED' },
  { id: 't17-tr-12', category: 'translation tasks', text: '{"en": {"title": "Settings"}, "es": {"title": "Configuración"}, "pt-BR": {"title": "Configurações"}}\n\nNote: Brazilian Portuguese uses "Configurações" rather than "Definições" (European).', want: { en: { title: 'Settings' }, es: { title: 'Configuración' }, 'pt-BR': { title: 'Configurações' } }, status: 'VALID' },
  { id: 't17-tr-13', category: 'translation tasks', text: '{“hello”: “สวัสดี”, “thanks”: “ขอบคุณ”}', want: { hello: 'สวัสดี', thanks: 'ขอบคุณ' }, status: 'REPAIRED' },
  { id: 't17-tr-14', category: 'translation tasks', text: '{"q": "¿Dónde está la estación?", "e": "\\u00a1Hola!"}', want: { q: '¿Dónde está la estación?', e: '¡Hola!' }, status: 'VALID' },
  { id: 't17-tr-15', category: 'translation tasks', text: '{"country": "ארה"ב", "city": "ניו יורק"}', want: { country: 'ארה"ב', city: 'ניו יורק' }, status: 'REPAIRED' },
  { id: 't17-tr-16', category: 'translation tasks', text: 'Translation (ru):\n{"quote": "Он сказал «привет» и ушёл", "n": 1}', want: { quote: 'Он сказал «привет» и ушёл', n: 1 }, status: 'VALID' },

  // ---- deep: long arrays of records with one defect deep inside
  { id: 't17-deep-01', category: 'long arrays with one defect deep inside', text: d01.text, want: d01.want, status: 'REPAIRED', note: 'record 37 has a trailing comma' },
  { id: 't17-deep-02', category: 'long arrays with one defect deep inside', text: d02text, want: d02.want, status: 'REPAIRED', note: 'the comma after record 55 is missing' },
  { id: 't17-deep-03', category: 'long arrays with one defect deep inside', text: d03.text, want: d03want, status: 'REPAIRED', note: 'record 41 says None' },
  { id: 't17-deep-04', category: 'long arrays with one defect deep inside', text: `${F}json\n${d04.text}\n${F}`, want: { products: d04want }, status: 'REPAIRED', note: 'product 29 has unescaped quotes in its title' },
  { id: 't17-deep-05', category: 'long arrays with one defect deep inside', text: '{"series": [' + nums.slice(0, 100).map((i) => `[${i}, ${i === 77 ? 'NaN' : (i * 1.5).toString()}]`).join(', ') + ']}', want: { series: nums.slice(0, 100).map((i) => [i, i === 77 ? null : i * 1.5]) }, alsoOk: [{ series: nums.slice(0, 100).map((i) => [i, i === 77 ? 'NaN' : i * 1.5]) }], status: 'REPAIRED' },
  { id: 't17-deep-06', category: 'long arrays with one defect deep inside', text: d06.text, want: d06.want, status: 'REPAIRED', note: 'record 63 single-quoted' },
  { id: 't17-deep-07', category: 'long arrays with one defect deep inside', text: d07.text.replace(/\n\]$/, ',\n]'), want: d07.want, status: 'REPAIRED', note: 'trailing comma after the last record' },
  { id: 't17-deep-08', category: 'long arrays with one defect deep inside', text: d08.text, want: { products: d08want }, status: 'REPAIRED', note: 'product 30 has a raw line break in its title' },
  { id: 't17-deep-09', category: 'long arrays with one defect deep inside', text: 'Here are the users:\n\n' + d09.text, want: d09.want, status: 'REPAIRED', note: 'record 12 has an unquoted key' },
  { id: 't17-deep-10', category: 'long arrays with one defect deep inside', text: d10.text, want: d10.want, status: 'REPAIRED', note: 'record 48 misses its closing brace' },
  { id: 't17-deep-11', category: 'long arrays with one defect deep inside', text: d11.text, want: d11.want, status: 'REPAIRED', note: 'a comment line before record 20' },
  { id: 't17-deep-12', category: 'long arrays with one defect deep inside', text: d12.text, want: d12.want, status: 'REPAIRED', note: 'record 88 says True' },
  { id: 't17-deep-13', category: 'long arrays with one defect deep inside', text: d13.text, want: { products: d13want }, status: 'REPAIRED', note: 'product 50 has .5 stock' },
  { id: 't17-deep-14', category: 'long arrays with one defect deep inside', text: d14.text, want: d14want, status: 'REPAIRED', note: 'record 33 misses its score value' },
  { id: 't17-deep-15', category: 'long arrays with one defect deep inside', text: d15text, want: [...d15.want.slice(0, 53), { id: 54, name: 'User 54' }], alsoOk: [d15.want.slice(0, 53)], status: 'TRUNCATED', note: 'cut inside record 54' },
  { id: 't17-deep-16', category: 'long arrays with one defect deep inside', text: d16.text, want: d16.want, status: 'REPAIRED', note: 'record 66 has smart quotes' },
];
