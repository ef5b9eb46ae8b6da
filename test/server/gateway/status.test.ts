/**
 * A status is a claim about a check that ran: per answer shape and mode, the exact status in the
 * streaming trailer, the non-streaming header, the artifact and the `finished` event. VALID only when the
 * engine parsed everything and changed nothing; strip mode never parses content (TEXT); no content and
 * no tool calls is EMPTY; passthrough checks nothing.
 */
import { strict as assert } from 'node:assert';
import { request } from 'undici';
import type { GatewayEvent } from '../../../shared/protocol';
import { artifactOf } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, sse } from '../helpers/testUpstream';

interface Shape {
  label: string;
  content: string;
  /** Tool-call arguments, one call each. */
  tools: string[];
  /** Expected status per requested mode (auto: the answer decides). */
  want: { repair: string; strip: string; passthrough: string; auto: string };
}

const SHAPES: Shape[] = [
  { label: 'valid JSON', content: '{"a": 1}', tools: [], want: { repair: 'VALID', strip: 'TEXT', passthrough: 'PASSTHROUGH', auto: 'VALID' } },
  { label: 'broken JSON', content: "{'a': 1,}", tools: [], want: { repair: 'REPAIRED', strip: 'TEXT', passthrough: 'PASSTHROUGH', auto: 'REPAIRED' } },
  { label: 'prose', content: 'Hello there.', tools: [], want: { repair: 'FAILED', strip: 'TEXT', passthrough: 'PASSTHROUGH', auto: 'TEXT' } },
  { label: 'nothing at all', content: '', tools: [], want: { repair: 'EMPTY', strip: 'EMPTY', passthrough: 'PASSTHROUGH', auto: 'EMPTY' } },
  { label: 'a tool call with valid arguments only', content: '', tools: ['{"q": 1}'], want: { repair: 'VALID', strip: 'VALID', passthrough: 'PASSTHROUGH', auto: 'VALID' } },
  { label: 'prose and a tool call with broken arguments', content: 'Let me look.', tools: ['{q: 1}'], want: { repair: 'FAILED', strip: 'REPAIRED', passthrough: 'PASSTHROUGH', auto: 'REPAIRED' } },
];

function toolCall(args: string, i: number) {
  return { index: i, id: `call_${i}`, type: 'function', function: { name: 'f', arguments: args } };
}

function streamOf(s: Shape): string {
  const events = [chunk({ role: 'assistant', content: '' })];
  if (s.content) events.push(chunk({ content: s.content }));
  if (s.tools.length > 0) events.push(chunk({ tool_calls: s.tools.map(toolCall) }));
  events.push(chunk({}, s.tools.length > 0 ? 'tool_calls' : 'stop'), '[DONE]');
  return sse(...events);
}

function completionOf(s: Shape): string {
  const message: Record<string, unknown> = { role: 'assistant', content: s.content === '' ? null : s.content };
  if (s.tools.length > 0) message.tool_calls = s.tools.map((a, i) => ({ id: `call_${i}`, type: 'function', function: { name: 'f', arguments: a } }));
  return JSON.stringify({ id: 'gen-1', object: 'chat.completion', created: 1, model: 'test/model', choices: [{ index: 0, message, finish_reason: s.tools.length > 0 ? 'tool_calls' : 'stop' }] });
}

describe('gateway: statuses tell what was checked', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });

  function finished(id: string): Promise<GatewayEvent> {
    return new Promise((resolve) => {
      const off = d.events.subscribe((e) => {
        if (e.type === 'finished' && e.id === id) {
          off();
          resolve(e);
        }
      });
    });
  }

  for (const s of SHAPES) {
    for (const mode of ['repair', 'strip', 'passthrough', 'auto'] as const) {
      for (const stream of [true, false]) {
        it(`${s.label}, ${mode}, ${stream ? 'streaming' : 'non-streaming'}: ${s.want[mode]}`, async () => {
          up.enqueue(stream ? { chunks: [streamOf(s)] } : { headers: { 'content-type': 'application/json' }, chunks: [completionOf(s)] });
          const events: GatewayEvent[] = [];
          const off = d.events.subscribe((e) => events.push(e));
          const r = await request(`${d.info.url}/chat/completions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-streamfix-mode': mode },
            body: JSON.stringify({ model: 'test/model', stream, messages: [{ role: 'user', content: 'hi' }] }),
          });
          const id = String(r.headers['x-streamfix-request-id']);
          await r.body.text();
          assert.equal(r.statusCode, 200);
          if (stream) assert.equal(r.trailers['x-streamfix-status'], s.want[mode]);
          else assert.equal(r.headers['x-streamfix-status'], s.want[mode]);
          const a = await artifactOf(d, { headers: new Headers({ 'x-streamfix-request-id': id }) } as Response);
          assert.equal(a.status, s.want[mode]);
          const fin = events.find((e) => e.type === 'finished' && e.id === id) ?? (await finished(id));
          off();
          assert.equal(fin.type === 'finished' && fin.status, s.want[mode]);
        });
      }
    }
  }
});
