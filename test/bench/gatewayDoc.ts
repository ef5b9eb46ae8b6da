/**
 * The content the gateway benchmark streams: a JSON answer as an LLM writes it (with the defects the
 * gateway repairs: unquoted keys, single quotes, Python literals, trailing commas), cut into token-sized
 * pieces. Deterministic, so the parent can check what came through against `expected`.
 */

export interface BenchDoc {
  /** The raw content, as the model "wrote" it. */
  raw: string;
  /** The value a correct repair gives. */
  expected: unknown;
  /** `raw` cut into pieces of 1-7 characters (token-like); one content delta each. */
  pieces: string[];
}

function record(i: number): { raw: string; value: unknown } {
  const name = `Widget ${i}`;
  const price = Math.round((i * 7.31) % 1000) / 10 + 0.05;
  const active = i % 3 !== 0;
  const tags = ['tools', i % 2 ? 'sale' : 'new', `batch-${i % 7}`];
  // Defects: unquoted key, single-quoted string, Python literal, trailing comma in an array.
  const raw =
    `{"id": ${i}, name: '${name}', "price": ${price}, "active": ${active ? 'True' : 'False'}, ` +
    `"tags": [${tags.map((t) => JSON.stringify(t)).join(', ')},], "note": "line ${i} \\u00e9t\\u00e9"}`;
  return { raw, value: { id: i, name, price, active, tags, note: `line ${i} \u00e9t\u00e9` } };
}

/** A document whose pieces number about `targetPieces`. */
export function makeDoc(targetPieces: number): BenchDoc {
  const items: string[] = [];
  const values: unknown[] = [];
  let length = 40;
  // About 4 characters a piece on average (the piece lengths cycle through 1..7).
  for (let i = 1; length < targetPieces * 4 || items.length === 0; i++) {
    const r = record(i);
    items.push(r.raw);
    values.push(r.value);
    length += r.raw.length + 6;
  }
  const raw = `{"items": [\n    ${items.join(',\n    ')},\n  ],\n  "count": ${items.length}, "done": True}`;
  const expected = { items: values, count: items.length, done: true };
  const pieces: string[] = [];
  for (let at = 0, k = 0; at < raw.length; k++) {
    const n = 1 + ((k * 3) % 7);
    pieces.push(raw.slice(at, at + n));
    at += n;
  }
  return { raw, expected, pieces };
}

/** The JSON Schema of the benchmark document: the gateway benchmark's `repair + schema` target asks for it
 * with response_format json_schema, so every stream is validated with ajv at its end. */
export const DOC_SCHEMA = {
  type: 'object',
  required: ['items', 'count', 'done'],
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'price', 'active', 'tags', 'note'],
        properties: { id: { type: 'integer' }, name: { type: 'string' }, price: { type: 'number' }, active: { type: 'boolean' }, tags: { type: 'array', items: { type: 'string' } }, note: { type: 'string' } },
        additionalProperties: false,
      },
    },
    count: { type: 'integer', minimum: 1 },
    done: { type: 'boolean' },
  },
  additionalProperties: false,
};
export const SCHEMA_FORMAT = { type: 'json_schema', json_schema: { name: 'widgets', strict: true, schema: DOC_SCHEMA } };
