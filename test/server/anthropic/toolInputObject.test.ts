/**
 * A tool_use input is always a JSON object (toolInputCheck.ts): a call whose arguments are another JSON
 * value or no JSON is never delivered (before: `input: 42`, on which the Anthropic SDK's stream threw
 * `Unexpected end of JSON input`, or `input: {}` in place of `ls -la`); the message ends with the error
 * event (streaming) or a 502 (not), naming the call and what came; the artifact says FAILED and why.
 * The decision is on the first significant character: `{` streams, anything else is held to the end.
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import { request } from 'undici';
import { invalidInputError, invalidInputMessage, type InvalidToolInput } from '../../../server/anthropic/toolInputCheck';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, sse } from '../helpers/testUpstream';
import { checkGrammar, normalize, translate } from './helpers';

const CASES: [string, string][] = [
  ['42', 'a number'],
  ['"str"', 'a string'],
  ['[1, 2]', 'an array'],
  ['null', 'null'],
  ['true', 'a boolean'],
  ['ls -la', 'no JSON'],
  [' \n 7', 'a number'],
];

/** One call `run` (id call_1) with these arguments in pieces of `size` characters, after optional text. */
function callStream(args: string, size: number, text: string | null = null, finish = 'tool_calls'): string {
  const events = [chunk({ role: 'assistant', content: text, tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'run', arguments: '' } }] })];
  for (let i = 0; i < args.length; i += size) events.push(chunk({ tool_calls: [{ index: 0, function: { arguments: args.slice(i, i + size) } }] }));
  return sse(...events, chunk({}, finish), '[DONE]');
}

const refusal = (args: string, got: string, index = 0, id = 'call_1', name = 'run'): InvalidToolInput => ({ index, id, name, got, arguments: args });

describe('messages: a tool input that is not a JSON object is refused, never sent', () => {
  for (const [args, got] of CASES) {
    it(`${JSON.stringify(args)} (${got}): message_start, then the error event only, at every piece size and byte split`, () => {
      const want = [{ type: 'error', error: invalidInputError([refusal(args, got)]) }];
      for (const size of [1, 2, 100]) {
        for (const mode of ['repair', 'strip', 'auto'] as const) {
          const text = callStream(args, size);
          for (let k = 1; k < Buffer.byteLength(text); k += 7) {
            const events = translate(text, [k], { mode });
            checkGrammar(events);
            assert.deepEqual(events.slice(1), want, `${mode}, pieces of ${size}, split ${k}`);
          }
        }
      }
    });
  }

  it('the text before the call goes out; the refused call starts no block', () => {
    const events = translate(callStream('42', 1, 'Running it.'), []);
    checkGrammar(events);
    assert.deepEqual(normalize(events).slice(1), [['start', 0, { type: 'text', text: '' }], ['text_delta', 0, 'Running it.'], ['stop', 0], ['error']]);
    assert.deepEqual(events[events.length - 1], { type: 'error', error: invalidInputError([refusal('42', 'a number')]) });
  });

  it('whitespace before `{` still streams the call; empty arguments are a call without parameters: `{}`', () => {
    const start = ['start', 0, { type: 'tool_use', id: 'call_1', name: 'run', input: {} }];
    assert.deepEqual(normalize(translate(callStream(' \n{"a": 1}', 1), [])).slice(1), [start, ['input_json_delta', 0, ' \n{"a": 1}'], ['stop', 0], ['message_delta', { stop_reason: 'tool_use', stop_sequence: null }, { output_tokens: 3 }], ['message_stop']]);
    assert.deepEqual(normalize(translate(callStream('', 1), [])).slice(1), [start, ['input_json_delta', 0, '{}'], ['stop', 0], ['message_delta', { stop_reason: 'tool_use', stop_sequence: null }, { output_tokens: 1 }], ['message_stop']]);
  });

  it('an object call streams; a later call that is not an object ends the message with the error naming it', () => {
    const text = sse(
      chunk({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'f', arguments: '{"a": ' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '1}' } }] }),
      chunk({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'g', arguments: '[1' } }] }),
      chunk({ tool_calls: [{ index: 1, function: { arguments: ']' } }] }),
      chunk({}, 'tool_calls'),
      '[DONE]',
    );
    const want = [
      ['start', 0, { type: 'tool_use', id: 'call_a', name: 'f', input: {} }],
      ['input_json_delta', 0, '{"a": 1}'],
      ['stop', 0],
      ['error'],
    ];
    for (let k = 1; k < Buffer.byteLength(text); k++) {
      const events = translate(text, [k]);
      checkGrammar(events);
      assert.deepEqual(normalize(events).slice(1), want, `split ${k}`);
      assert.deepEqual(events[events.length - 1], { type: 'error', error: invalidInputError([refusal('[1]', 'an array', 1, 'call_b', 'g')]) });
    }
  });
});

describe('messages: a tool input that is not an object, through the daemon', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });
  const client = (mode: string) => new Anthropic({ baseURL: d.info.url.replace(/\/v1$/, ''), apiKey: 'placeholder', maxRetries: 0, defaultHeaders: { 'x-streamfix-mode': mode } });
  const PARAMS = { model: 'test/tools', max_tokens: 100, messages: [{ role: 'user' as const, content: 'go' }] };

  async function artifact(id: string): Promise<{ status: string; toolCalls: unknown[]; errors: unknown[] }> {
    return (await (await fetch(`${d.info.url}/streamfix/result/${id}`)).json()) as { status: string; toolCalls: unknown[]; errors: unknown[] };
  }

  function checkArtifact(a: { status: string; toolCalls: unknown[]; errors: unknown[] }, args: string, got: string): void {
    const reason = `tool_use input must be a JSON object; the arguments held ${got}: ${JSON.stringify(args)}`;
    assert.equal(a.status, 'FAILED');
    // the engine's verdict on text that holds no JSON: all of it prose
    const stripped = got === 'no JSON' ? [{ kind: 'prose', text: args, offset: 0, length: args.length, line: 0, column: 0 }] : [];
    assert.deepEqual(a.toolCalls, [{ index: 0, id: 'call_1', name: 'run', rawArguments: args, repairedArguments: null, status: 'FAILED', repairs: [], stripped, error: reason }]);
    assert.deepEqual(a.errors, [{ message: invalidInputMessage([refusal(args, got)]), status: 502, code: 'tool_input_not_object' }]);
  }

  for (const mode of ['repair', 'strip', 'auto']) {
    for (const [args, got] of CASES.slice(0, 6)) {
      it(`${mode}, ${JSON.stringify(args)}: the SDK's stream and create both fail clearly; the artifact says FAILED and why`, async () => {
        const error = invalidInputError([refusal(args, got)]);
        up.enqueue({ chunks: [callStream(args, 1)] });
        const ids: string[] = [];
        const stream = client(mode).messages.stream(PARAMS);
        await assert.rejects(stream.finalMessage(), (e: Error) => {
          assert.ok(e instanceof Anthropic.APIError);
          assert.equal(e.message, JSON.stringify({ type: 'error', error }));
          return true;
        });
        ids.push(String((await stream.withResponse()).response.headers.get('x-streamfix-request-id')));
        up.enqueue({ chunks: [callStream(args, 3)] });
        await assert.rejects(client(mode).messages.create(PARAMS), (e: Error) => {
          assert.ok(e instanceof Anthropic.APIError);
          assert.equal(e.status, 502);
          assert.equal(e.headers?.get('x-should-retry'), 'false');
          assert.equal(e.headers?.get('x-streamfix-status'), 'FAILED');
          const body = e.error as { type: string; error: unknown; request_id: string };
          assert.deepEqual(body, { type: 'error', error, request_id: e.headers?.get('x-streamfix-request-id') });
          ids.push(body.request_id);
          return true;
        });
        for (const id of ids) checkArtifact(await artifact(id), args, got);
      });
    }
  }

  it('raw SSE: message_start, the text block, then the error event; trailer FAILED', async () => {
    up.enqueue({ chunks: [callStream('42', 1, 'Running it.')] });
    const r = await request(`${d.info.url}/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...PARAMS, stream: true }) });
    const body = await r.body.text();
    const id = String(r.headers['x-streamfix-request-id']);
    const start = { type: 'message_start', message: { id: `msg_${id.slice(4)}`, type: 'message', role: 'assistant', model: 'test/model', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 1, output_tokens: 0 } } };
    const events = [
      start,
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Running it.' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'error', error: invalidInputError([refusal('42', 'a number')]) },
    ];
    assert.equal(body, events.map((e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`).join(''));
    assert.deepEqual(r.trailers, { 'x-streamfix-status': 'FAILED' });
    checkArtifact(await artifact(id), '42', 'a number');
  });
});
