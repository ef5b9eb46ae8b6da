/**
 * x-streamfix-truncated-tools: reject in the stream rewriter: a choice that ends inside a tool call's
 * arguments (finish_reason length, [DONE] without a finish, or the body ending) ends the client's stream
 * with one error chunk and [DONE] where `close` sends the closers and the finish chunk; everything before
 * is the same bytes. Every cut of the arguments, and every byte split of the upstream body.
 */
import { strict as assert } from 'node:assert';
import { StreamRewriter } from '../../../server/gateway/streamRewrite';
import { readThrough } from '../helpers/rewrite';
import { chunk, parseSse, sse } from '../helpers/testUpstream';

// two characters outside ASCII: the error counts bytes, and a split may fall inside one
const ARGS = '{"path": "a.txt", "content": "h\u00e9llo \u20ac"}';
const head = (args: string, finish: string | null = null) =>
  chunk({ tool_calls: [{ index: 0, id: 'call_7', type: 'function', function: { name: 'write_file', arguments: args } }] }, finish);
const START = chunk({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_7', type: 'function', function: { name: 'write_file', arguments: '' } }] });

function errorOf(bytes: number): string {
  return JSON.stringify({
    error: {
      message: `Tool call 0 (id call_7, function write_file) was cut after ${bytes} bytes of arguments: the upstream stopped inside them. x-streamfix-truncated-tools: reject withholds arguments the gateway would have to close itself; raise max_tokens and send the request again.`,
      type: 'upstream_error',
      code: 'truncated_tool_call',
      truncated_tool_calls: [{ index: 0, id: 'call_7', name: 'write_file', bytes }],
    },
  });
}

/** The client's `data:` payloads for the upstream body read in the given pieces. */
function run(body: Buffer, splits: number[], reject: boolean, mode: 'repair' | 'strip' = 'repair', textLimit?: number): string[] {
  const rw = new StreamRewriter(mode, { onRepair() {} }, {}, true, textLimit);
  rw.rejectTruncated = reject;
  const out = readThrough(rw, body, splits);
  return parseSse(out).data;
}

/** The upstream bodies that end a choice inside the arguments cut at `k` characters. */
const ENDINGS: Record<string, (k: number) => string> = {
  'finish_reason length in its own chunk': (k) => sse(START, head(ARGS.slice(0, k)), chunk({}, 'length'), '[DONE]'),
  'finish_reason length in the chunk with the last piece': (k) => sse(START, head(ARGS.slice(0, k), 'length'), '[DONE]'),
  '[DONE] without a finish_reason': (k) => sse(START, head(ARGS.slice(0, k)), '[DONE]'),
  'the body ending without [DONE]': (k) => sse(START, head(ARGS.slice(0, k))),
};

describe('gateway/streamRewrite: truncated tool calls rejected', () => {
  for (const [name, body] of Object.entries(ENDINGS)) {
    it(`${name}: at every cut of the arguments, the close stream's head, then the error chunk and [DONE]`, () => {
      for (let k = 1; k < ARGS.length; k++) {
        const up = Buffer.from(body(k));
        const closed = run(up, [], false);
        const rejected = run(up, [], true);
        // close: ... the closer chunk (the closure, and the last piece when the finish came with it), the
        // finish chunk when the upstream sent or lost one, [DONE]; reject: what came before the closure,
        // then the error chunk and [DONE]
        let closerAt = closed.length - 1;
        while (closerAt >= 0 && !(closed[closerAt] !== '[DONE]' && closed[closerAt]!.includes('"tool_calls"'))) closerAt--;
        assert.ok(closerAt > 0 && closed[closerAt] !== head(ARGS.slice(0, k)), `cut ${k}: close sends a closer chunk`);
        const error = errorOf(Buffer.byteLength(ARGS.slice(0, k)));
        if (name.includes('last piece')) {
          assert.equal(rejected.length, 4, `cut ${k}`);
          assert.deepEqual([rejected[0], ...rejected.slice(2)], [START, error, '[DONE]'], `cut ${k}`);
          assert.equal((JSON.parse(rejected[1]!) as { choices: { finish_reason: null }[] }).choices[0]!.finish_reason, null);
        } else {
          assert.deepEqual(rejected, [...closed.slice(0, closerAt), error, '[DONE]'], `cut ${k}`);
        }
        // nothing the client got for the call is more than the upstream sent
        let got = '';
        for (const d of rejected.slice(0, -2)) for (const tc of (JSON.parse(d) as { choices: { delta: { tool_calls?: { function?: { arguments?: string } }[] } }[] }).choices[0]!.delta.tool_calls ?? []) got += tc.function?.arguments ?? '';
        assert.ok(ARGS.slice(0, k).startsWith(got), `cut ${k}: sent ${JSON.stringify(got)}`);
        assert.equal(rejected.some((d) => d.includes('"finish_reason":"length"') || d.includes('"finish_reason":"tool_calls"')), false, `cut ${k}: no finish chunk`);
      }
    });
  }

  it('the chunk that carries the last piece and the finish goes out without the finish, with what the engine let through of its piece (the partial key held back)', () => {
    const up = Buffer.from(ENDINGS['finish_reason length in the chunk with the last piece']!(20));
    const got = run(up, [], true);
    assert.deepEqual(got.slice(0, 1), [START]);
    assert.deepEqual(JSON.parse(got[1]!), {
      id: 'gen-test-1',
      provider: 'Test',
      model: 'test/model',
      object: 'chat.completion.chunk',
      created: 1700000000,
      choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: 'call_7', type: 'function', function: { name: 'write_file', arguments: '{"path": "a.txt"' } }] }, finish_reason: null }],
    });
    assert.deepEqual(got.slice(2), [errorOf(20), '[DONE]']);
  });

  it('gives the same bytes at every split of the upstream body into two reads (inside characters too)', () => {
    for (const [name, body] of Object.entries(ENDINGS)) {
      for (const k of [33, ARGS.length - 1]) {
        const up = Buffer.from(body(k));
        const whole = run(up, [], true);
        for (let s = 1; s < up.length; s++) assert.deepEqual(run(up, [s], true), whole, `${name}, cut ${k}, split ${s}`);
      }
    }
  });

  it('counts the bytes of all the arguments that passed, not of the bounded copy the artifact keeps (8 characters here), at every cut and split', () => {
    const body = ENDINGS['finish_reason length in its own chunk']!;
    for (let k = 9; k < ARGS.length; k++) {
      const up = Buffer.from(body(k));
      const error = errorOf(Buffer.byteLength(ARGS.slice(0, k)));
      assert.deepEqual(run(up, [], true, 'repair', 8).slice(-2), [error, '[DONE]'], `cut ${k}`);
      // every split into two reads, for a cut past each non-ASCII character
      if (k === 33 || k === ARGS.length - 1) for (let s = 1; s < up.length; s++) assert.deepEqual(run(up, [s], true, 'repair', 8).slice(-2), [error, '[DONE]'], `cut ${k}, split ${s}`);
    }
  });

  it('drops what the upstream sends after the rejection (usage, comments, more chunks)', () => {
    const up = Buffer.from(sse(START, head('{"path": "a'), chunk({}, 'length'), ': keep-alive', chunk({}, null, { usage: { completion_tokens: 9 } }), '[DONE]'));
    assert.deepEqual(run(up, [], true), [START, head('{"path": "a'), errorOf(11), '[DONE]']);
  });

  it('rejects in strip mode too (tool arguments are repaired in every mode but passthrough)', () => {
    const up = Buffer.from(sse(START, head('{"path": "a'), chunk({}, 'length'), '[DONE]'));
    assert.deepEqual(run(up, [], true, 'strip'), [START, head('{"path": "a'), errorOf(11), '[DONE]']);
  });

  it('leaves whole arguments, and a call left open by a choice that finished with tool_calls, as with close', () => {
    for (const up of [sse(START, head(ARGS), chunk({}, 'length'), '[DONE]'), sse(START, head(ARGS.slice(0, 20)), chunk({}, 'tool_calls'), '[DONE]')]) {
      assert.deepEqual(run(Buffer.from(up), [], true), run(Buffer.from(up), [], false));
    }
  });

  it('names every cut call of the choice, in index order', () => {
    const two = chunk({
      tool_calls: [
        { index: 0, id: 'call_a', type: 'function', function: { name: 'read', arguments: '{"p": 1}' } },
        { index: 1, id: 'call_b', type: 'function', function: { name: 'write', arguments: '{"p": "x' } },
        { index: 2, id: 'call_c', type: 'function', function: { name: 'write', arguments: '[1, ' } },
      ],
    });
    const got = run(Buffer.from(sse(two, chunk({}, 'length'), '[DONE]')), [], true);
    assert.equal(got.length, 3);
    assert.deepEqual(JSON.parse(got[1]!), {
      error: {
        message:
          'Tool calls 1 (id call_b, function write), 2 (id call_c, function write) were cut after 8, 4 bytes of arguments: the upstream stopped inside them. x-streamfix-truncated-tools: reject withholds arguments the gateway would have to close itself; raise max_tokens and send the request again.',
        type: 'upstream_error',
        code: 'truncated_tool_call',
        truncated_tool_calls: [
          { index: 1, id: 'call_b', name: 'write', bytes: 8 },
          { index: 2, id: 'call_c', name: 'write', bytes: 4 },
        ],
      },
    });
  });
});
