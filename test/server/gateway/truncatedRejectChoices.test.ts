/**
 * x-streamfix-truncated-tools: reject, chat streaming with n > 1: choices whose tool calls were cut. The
 * stream ends with one error chunk and [DONE]; the error names every call known to be cut where the stream
 * ends (the choices that end there: in the same chunk, or all still open when the body or [DONE] ends
 * it), and the trailer x-streamfix-truncated-tool-calls lists the same calls (`choice:index` after the
 * first choice). A choice still being written when another choice's cut ends the stream is not named.
 */
import { strict as assert } from 'node:assert';
import { request } from 'undici';
import type { TruncatedToolCallRef } from '../../../shared/protocol';
import { StreamRewriter } from '../../../server/gateway/streamRewrite';
import { readThrough } from '../helpers/rewrite';
import { useTestGateway } from '../helpers/testGateway';
import { sse } from '../helpers/testUpstream';

const CUT = '{"path": "a.txt", "content": "h\u00e9l';
const BYTES = Buffer.byteLength(CUT); // 34
const TAIL = 'x-streamfix-truncated-tools: reject withholds arguments the gateway would have to close itself; raise max_tokens and send the request again.';
const BODY = { model: 'test/model', messages: [{ role: 'user', content: 'write it' }], n: 2, stream: true };

/** A chunk of the given choices (index, delta, finish_reason). */
const c = (...choices: [number, Record<string, unknown>, string | null][]) => JSON.stringify({ id: 'gen-3', object: 'chat.completion.chunk', created: 1, model: 'test/model', choices: choices.map(([index, delta, finish_reason]) => ({ index, delta, finish_reason })) });
const start = (choice: number, id: string, args = CUT) => c([choice, { role: 'assistant', content: null, tool_calls: [{ index: 0, id, type: 'function', function: { name: 'write_file', arguments: args } }] }, null]);
const S0 = start(0, 'call_0');
const S1 = start(1, 'call_1');

describe('gateway: truncated tool calls rejected, chat streaming, n > 1', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });

  async function post(upstream: string) {
    up.enqueue({ chunks: [upstream] });
    const r = await request(`${d.info.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-streamfix-truncated-tools': 'reject', 'x-streamfix-mode': 'repair' }, body: JSON.stringify(BODY) });
    const text = await r.body.text();
    const a = (await (await fetch(`${d.info.url}/streamfix/result/${String(r.headers['x-streamfix-request-id'])}`)).json()) as { status: string; truncatedToolCalls?: TruncatedToolCallRef[]; errors: { message: string; code?: string }[] };
    return { r, text, a };
  }

  const both = {
    message: `Tool calls 0 (id call_0, function write_file), 0 (id call_1, function write_file, choice 1) were cut after ${BYTES}, ${BYTES} bytes of arguments: the upstream stopped inside them. ${TAIL}`,
    calls: [{ index: 0, id: 'call_0', name: 'write_file', bytes: BYTES }, { index: 0, id: 'call_1', name: 'write_file', bytes: BYTES, choice: 1 }],
  };
  const error = (e: { message: string; calls: unknown[] }) => JSON.stringify({ error: { message: e.message, type: 'upstream_error', code: 'truncated_tool_call', truncated_tool_calls: e.calls } });

  const CASES: { name: string; upstream: string; named: { message: string; calls: unknown[] }; header: string; refs: TruncatedToolCallRef[] }[] = [
    { name: 'both choices finish with length in one chunk', upstream: sse(S0, S1, c([0, {}, 'length'], [1, {}, 'length']), '[DONE]'), named: both, header: '0,1:0', refs: [0, { choice: 1, index: 0 }] },
    { name: 'both choices open at [DONE]', upstream: sse(S0, S1, '[DONE]'), named: both, header: '0,1:0', refs: [0, { choice: 1, index: 0 }] },
    { name: 'both choices open when the body ends', upstream: sse(S0, S1), named: both, header: '0,1:0', refs: [0, { choice: 1, index: 0 }] },
    {
      name: 'choice 1 finishes cut, choice 0 still writing',
      upstream: sse(S0, S1, c([1, {}, 'length']), c([0, { tool_calls: [{ index: 0, function: { arguments: 'lo"}' } }] }, 'tool_calls']), '[DONE]'),
      named: { message: `Tool call 0 (id call_1, function write_file, choice 1) was cut after ${BYTES} bytes of arguments: the upstream stopped inside them. ${TAIL}`, calls: [{ index: 0, id: 'call_1', name: 'write_file', bytes: BYTES, choice: 1 }] },
      header: '1:0',
      refs: [{ choice: 1, index: 0 }],
    },
  ];

  /** The client's text for the upstream body read in two pieces, cut at `at`. */
  function rewrite(body: Buffer, at: number): string {
    const rw = new StreamRewriter('repair', { onRepair() {} });
    rw.rejectTruncated = true;
    return readThrough(rw, body, [at]);
  }

  for (const k of CASES) {
    it(`${k.name}: the same client text at every byte split of the upstream body`, () => {
      const body = Buffer.from(k.upstream);
      const expected = `data: ${S0}\n\ndata: ${S1}\n\ndata: ${error(k.named)}\n\ndata: [DONE]\n\n`;
      for (let at = 0; at <= body.length; at++) assert.equal(rewrite(body, at), expected, `split at ${at}`);
    });

    it(`${k.name}: the calls as far as they came, one error chunk naming ${k.header}, [DONE]; trailer and artifact alike`, async () => {
      const { r, text, a } = await post(k.upstream);
      assert.equal(text, `data: ${S0}\n\ndata: ${S1}\n\ndata: ${error(k.named)}\n\ndata: [DONE]\n\n`);
      assert.equal(r.trailers['x-streamfix-truncated-tool-calls'], k.header);
      assert.equal(r.trailers['x-streamfix-status'], 'TRUNCATED');
      assert.deepEqual(a.truncatedToolCalls, k.refs);
      assert.equal(a.status, 'TRUNCATED');
      assert.deepEqual(a.errors, [{ message: k.named.message, code: 'truncated_tool_call' }]);
    });
  }
});
