/**
 * What `x-streamfix-schema: coerce` costs a streamed chat tool call, in one process, A/B alternating
 * (`node --import tsx test/bench/coerceCost.ts`): the StreamRewriter over one call of ~900 characters of
 * arguments in ~100 pieces, `report` (arguments stream live, checked at the end as finishStream does)
 * against `coerce` (held, checked and coerced at the choice's close: streamRewrite.ts checkArguments).
 * Two inputs: one the schema takes as it is (the price of holding), one with 20 coercible values (the
 * price of coercing them). Then the same for streamed content (response_format json_schema, ~900
 * characters in ~100 deltas): `report` (the content streams as the engine writes it, checked at the end)
 * against `coerce` (the content followed with the schema as it streams, coercible values held until they
 * end: ContentProcessor.coercion). The output is checked before it is timed.
 */
import { strictEqual } from 'node:assert';
import { after } from '../../server/gateway/pending';
import { requestSchemas, SchemaCache } from '../../server/gateway/schema';
import { checkAnswer, checkStreamed } from '../../server/gateway/schemaCheck';
import { StreamCoercion } from '../../server/gateway/schemaCoerce';
import { schemaPlan } from '../../server/gateway/schemaPlan';
import { ReadRewriter, StreamRewriter } from '../../server/gateway/streamRewrite';
import { chunk, collect, sse } from '../server/helpers/testUpstream';

const PARAMS = { type: 'object', properties: { items: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' }, ok: { type: 'boolean' } } } } } };
const ROUNDS = 400;
const WARM_UP = 300;

const cache = new SchemaCache();
const schemas = requestSchemas({ tools: [{ type: 'function', function: { name: 'save', parameters: PARAMS } }] }, cache, 'coerce')!;

function upstream(args: string): Buffer {
  const step = Math.ceil(args.length / 100);
  const pieces: string[] = [];
  for (let i = 0; i < args.length; i += step) pieces.push(args.slice(i, i + step));
  const first = chunk({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'save', arguments: pieces[0] } }] });
  return Buffer.from(sse(first, ...pieces.slice(1).map((p) => chunk({ tool_calls: [{ index: 0, function: { arguments: p } }] })), chunk({}, 'tool_calls'), '[DONE]'));
}

/** One stream through the rewriter in 200-byte reads; its client text. */
function run(body: Buffer, coerce: boolean): string {
  const rw = new StreamRewriter('repair', { onRepair() {} });
  rw.keepToolOutput = true;
  if (coerce) rw.checkArguments = (_k, art) => after(checkAnswer(schemas, 'repair', null, [art], false, true), (o) => o.tools.get(art.index)?.text ?? null);
  const r = new ReadRewriter(rw);
  let out = '';
  for (let i = 0; i < body.length; i += 200) out += String(r.read(body.subarray(i, i + 200)) ?? '');
  out += r.end();
  if (!coerce) checkStreamed(schemas, [{ index: 0, mode: 'repair', content: { raw: '', sent: '', repairs: [], stripped: [] }, tools: rw.choices.get(0)!.tools.artifacts() }]);
  return out;
}

function median(x: number[]): number {
  return [...x].sort((a, b) => a - b)[x.length >> 1]!;
}

function timed(body: Buffer, coerce: boolean): number {
  const t = process.hrtime.bigint();
  run(body, coerce);
  return Number(process.hrtime.bigint() - t) / 1000;
}

for (const coercible of [false, true]) {
  const items = Array.from({ length: 20 }, (_, i) => (coercible ? { id: String(i), name: `item number ${i}`, ok: 'true' } : { id: i, name: `item number ${i}`, ok: true }));
  const args = JSON.stringify({ items });
  const body = upstream(args);
  // checked before timed: report streams the arguments as they came, coerce sends them coerced
  strictEqual(collect(run(body, false)).tools.get(0), args);
  strictEqual(collect(run(body, true)).tools.get(0), JSON.stringify({ items: items.map((_, i) => ({ id: i, name: `item number ${i}`, ok: true })) }));
  for (let i = 0; i < WARM_UP; i++) {
    run(body, true);
    run(body, false);
  }
  const held: number[] = [];
  const live: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    if (i % 2) {
      held.push(timed(body, true));
      live.push(timed(body, false));
    } else {
      live.push(timed(body, false));
      held.push(timed(body, true));
    }
  }
  const diffs = held.map((h, i) => h - live[i]!);
  console.log(`${coercible ? '20 values coerced' : 'valid as it is   '}: ${args.length} chars in ${body.toString().split('\n\n').length - 3} pieces; median per stream: coerce ${median(held).toFixed(0)} us, report ${median(live).toFixed(0)} us, paired difference ${median(diffs).toFixed(0)} us`);
}

// streamed content: the same items as the answer's content
const contentSchemas = requestSchemas({ response_format: { type: 'json_schema', json_schema: { name: 'items', schema: PARAMS } } }, cache, 'coerce')!;

function contentUpstream(text: string): Buffer {
  const step = Math.ceil(text.length / 100);
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += step) pieces.push(text.slice(i, i + step));
  return Buffer.from(sse(chunk({ role: 'assistant', content: '' }), ...pieces.map((p) => chunk({ content: p })), chunk({}, 'stop'), '[DONE]'));
}

/** One streamed answer through the rewriter in 200-byte reads, checked at the end as finishStream does. */
function runContent(body: Buffer, coerce: boolean): string {
  const rw = new StreamRewriter('repair', { onRepair() {} });
  rw.keepContentOutput = true;
  if (coerce) rw.contentCoercion = () => new StreamCoercion(schemaPlan(contentSchemas.content!.schema));
  const r = new ReadRewriter(rw);
  let out = '';
  for (let i = 0; i < body.length; i += 200) out += String(r.read(body.subarray(i, i + 200)) ?? '');
  out += r.end();
  const c = rw.choices.get(0)!.content;
  checkStreamed(contentSchemas, [{ index: 0, mode: 'repair', content: { raw: c.raw, sent: c.sentWhole, repairs: [], stripped: [] }, tools: [] }]);
  return out;
}

function timedContent(body: Buffer, coerce: boolean): number {
  const t = process.hrtime.bigint();
  runContent(body, coerce);
  return Number(process.hrtime.bigint() - t) / 1000;
}

for (const coercible of [false, true]) {
  const items = Array.from({ length: 20 }, (_, i) => (coercible ? { id: String(i), name: `item number ${i}`, ok: 'true' } : { id: i, name: `item number ${i}`, ok: true }));
  const text = JSON.stringify({ items });
  const body = contentUpstream(text);
  strictEqual(collect(runContent(body, false)).content, text);
  strictEqual(collect(runContent(body, true)).content, JSON.stringify({ items: items.map((_, i) => ({ id: i, name: `item number ${i}`, ok: true })) }));
  for (let i = 0; i < WARM_UP; i++) {
    runContent(body, true);
    runContent(body, false);
  }
  const coerced: number[] = [];
  const reported: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    if (i % 2) {
      coerced.push(timedContent(body, true));
      reported.push(timedContent(body, false));
    } else {
      reported.push(timedContent(body, false));
      coerced.push(timedContent(body, true));
    }
  }
  const diffs = coerced.map((h, i) => h - reported[i]!);
  console.log(`content, ${coercible ? '40 values coerced' : 'valid as it is   '}: ${text.length} chars in ${body.toString().split('\n\n').length - 4} pieces; median per stream: coerce ${median(coerced).toFixed(0)} us, report ${median(reported).toFixed(0)} us, paired difference ${median(diffs).toFixed(0)} us`);
}
cache.close();
