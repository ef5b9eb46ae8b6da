/**
 * Tool calls whose arguments were cut (the upstream stopped inside them at the token limit, or ended the
 * stream) are closed as before and flagged: the artifact's truncatedToolCalls, the `finished` event, and
 * the x-streamfix-truncated-tool-calls trailer (streaming) or header (non-streaming).
 */
import { strict as assert } from 'node:assert';
import { request } from 'undici';
import type { GatewayEvent } from '../../../shared/protocol';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, collect, sse } from '../helpers/testUpstream';

const ARGS = ['{"path": "ok.txt"}', '{"path": "a.txt", "content": "hel'];
const CLOSED = ['{"path": "ok.txt"}', '{"path": "a.txt", "content": "hel"}'];

function streamOf(finish: string): string {
  const calls = ARGS.map((a, i) => ({ index: i, id: `call_${i}`, type: 'function', function: { name: 'write_file', arguments: a } }));
  return sse(chunk({ role: 'assistant', content: null, tool_calls: calls }), chunk({}, finish), '[DONE]');
}

function completionOf(finish: string): string {
  const calls = ARGS.map((a, i) => ({ id: `call_${i}`, type: 'function', function: { name: 'write_file', arguments: a } }));
  return JSON.stringify({ id: 'gen-1', object: 'chat.completion', created: 1, model: 'test/model', choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls: calls }, finish_reason: finish }] });
}

describe('gateway: truncated tool calls are flagged', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });

  for (const mode of ['repair', 'strip', 'auto', 'passthrough'] as const) {
    for (const stream of [true, false]) {
      for (const finish of ['length', 'tool_calls']) {
        // passthrough parses no arguments, and a call the model left unclosed while finishing normally is a slip, not a cut
        const want = mode !== 'passthrough' && finish === 'length' ? [1] : null;
        it(`${mode}, ${stream ? 'streaming' : 'non-streaming'}, finish_reason ${finish}: ${want ? 'call 1 flagged' : 'nothing flagged'}`, async () => {
          up.enqueue(stream ? { chunks: [streamOf(finish)] } : { headers: { 'content-type': 'application/json' }, chunks: [completionOf(finish)] });
          const events: GatewayEvent[] = [];
          const off = d.events.subscribe((e) => events.push(e));
          const r = await request(`${d.info.url}/chat/completions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-streamfix-mode': mode },
            body: JSON.stringify({ model: 'test/model', stream, messages: [{ role: 'user', content: 'write it' }] }),
          });
          const text = await r.body.text();
          const id = String(r.headers['x-streamfix-request-id']);
          const flag = stream ? r.trailers['x-streamfix-truncated-tool-calls'] : r.headers['x-streamfix-truncated-tool-calls'];
          assert.equal(flag, want ? '1' : undefined);
          // the arguments are still closed (as before) in every mode but passthrough
          const tools = stream ? [...collect(text).tools.values()] : (JSON.parse(text) as { choices: { message: { tool_calls: { function: { arguments: string } }[] } }[] }).choices[0]!.message.tool_calls.map((t) => t.function.arguments);
          assert.deepEqual(tools, mode === 'passthrough' ? ARGS : CLOSED);
          const a = (await (await fetch(`${d.info.url}/streamfix/result/${id}`)).json()) as { truncatedToolCalls?: number[] };
          assert.deepEqual(a.truncatedToolCalls, want ?? undefined);
          for (let i = 0; i < 50 && !events.some((e) => e.type === 'finished' && e.id === id); i++) await new Promise((res) => setTimeout(res, 10));
          off();
          const fin = events.find((e) => e.type === 'finished' && e.id === id) as Extract<GatewayEvent, { type: 'finished' }>;
          assert.deepEqual(fin.truncatedToolCalls, want ?? undefined);
        });
      }
    }
  }
});
