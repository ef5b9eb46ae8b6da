/**
 * A key the upstream echoes across two stream events (a content delta ending inside it, the next one
 * starting with its rest) is in no event's bytes whole, so the byte-level redaction at the upstream edge
 * (redact.ts body()) cannot see it; the texts the gateway assembles from the events can. Nothing stored
 * holds it: the artifact's every text (content, reasoning, tool arguments, stripped spans, later choices),
 * in every mode, on /v1/chat/completions and /v1/messages.
 */
import { strict as assert } from 'node:assert';
import type { Daemon } from '../../../server/daemon';
import type { GatewayEvent } from '../../../shared/protocol';
import { artifactOf, postChat, startTestDaemon } from '../helpers/gateway';
import { sse, TestUpstream, type RecordedRequest, type ScriptedResponse } from '../helpers/testUpstream';

const KEY = 'sk-or-v1-CLIENTSECRET999';
const REQ = { model: 'test/model', messages: [{ role: 'user', content: 'hi' }] };

function leaks(s: string): boolean {
  return s.includes('CLIENTSECRET') || s.includes(KEY.slice(0, 12));
}

/** A streamed chunk of choice `index` (n > 1 answers interleave choices). */
function delta(index: number, d: Record<string, unknown>, finish: string | null = null): string {
  return JSON.stringify({ id: 'gen-echo', object: 'chat.completion.chunk', model: 'test/model', choices: [{ index, delta: d, finish_reason: finish }] });
}

/** The Authorization header the upstream got (`Bearer <key>`), cut at `at` characters (default: inside
 * the key, after `Bearer sk-or-v1-CLIE`): head and rest. */
function halves(r: RecordedRequest, at = 20): [string, string] {
  const auth = String(r.headers.authorization ?? '');
  assert.equal(auth, `Bearer ${KEY}`);
  return [auth.slice(0, at), auth.slice(at)];
}

/** Two choices; choice 0 echoes the header across two events in its reasoning field, its content and a
 * tool call's arguments, choice 1 in its content. Each event is its own upstream read. */
function echoAcrossEvents(r: RecordedRequest): ScriptedResponse {
  const [head, rest] = halves(r);
  const events = [
    delta(0, { role: 'assistant', reasoning: `thinking ${head}` }),
    delta(0, { reasoning: `${rest} done` }),
    delta(0, { content: `{"auth": "${head}` }),
    delta(1, { content: `echo ${head}` }),
    delta(0, { content: `${rest}"}` }),
    delta(1, { content: `${rest} end` }),
    delta(0, { tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: `{"k": "${head}` } }] }),
    delta(0, { tool_calls: [{ index: 0, function: { arguments: `${rest}"}` } }] }),
    delta(0, {}, 'tool_calls'),
    delta(1, {}, 'stop'),
    '[DONE]',
  ];
  return { headers: { 'content-type': 'text/event-stream' }, chunks: events.map((e) => sse(e)) };
}

describe('gateway: a key echoed across two stream events is never stored', () => {
  let up: TestUpstream;
  let d: Daemon;
  const events: GatewayEvent[] = [];
  const logLines: string[] = [];
  before(async () => {
    up = await TestUpstream.start();
    // no key of its own: the client's OpenRouter key goes upstream (the trial's setting)
    d = await startTestDaemon({ upstream: up.url, apiKey: null, logLevel: 'debug', logOut: { write: (s: string) => logLines.push(s) } });
    d.events.subscribe((e) => events.push(e));
  });
  after(async () => {
    await d.close();
    await up.close();
    assert.equal(leaks(logLines.join('')), false, 'a log line has the key');
    assert.equal(leaks(JSON.stringify(events)), false, 'an event has the key');
  });

  for (const mode of ['repair', 'strip', 'auto', 'passthrough'] as const) {
    it(`${mode}: content, reasoning, tool arguments and a second choice, each cut inside the key`, async () => {
      up.respond(echoAcrossEvents);
      try {
        const res = await postChat(d, { ...REQ, stream: true, n: 2 }, { authorization: `Bearer ${KEY}`, 'x-streamfix-mode': mode });
        assert.equal(res.status, 200);
        await res.text();
        const a = await artifactOf(d, res);
        assert.equal(leaks(JSON.stringify(a)), false);
        assert.equal(a.rawContent, '{"auth": "[redacted]"}');
        assert.equal(a.repairedContent, mode === 'passthrough' ? null : '{"auth": "[redacted]"}');
        assert.equal(a.reasoning, 'thinking [redacted] done');
        assert.deepEqual(
          a.toolCalls.map((t) => [t.rawArguments, t.repairedArguments]),
          [['{"k": "[redacted]"}', '{"k": "[redacted]"}']],
        );
        assert.equal(a.choices?.length, 1);
        assert.equal(a.choices![0]!.rawContent, 'echo [redacted] end');
      } finally {
        up.respond(null);
      }
    });
  }

  it('strip: a think block holding the key across events (the stripped span, the reasoning event)', async () => {
    up.respond((r) => {
      const [head, rest] = halves(r);
      return { headers: { 'content-type': 'text/event-stream' }, chunks: [sse(delta(0, { content: `<think>${head}` })), sse(delta(0, { content: `${rest}</think>answer` }), delta(0, {}, 'stop'), '[DONE]')] };
    });
    try {
      const res = await postChat(d, { ...REQ, stream: true }, { authorization: `Bearer ${KEY}`, 'x-streamfix-mode': 'strip' });
      await res.text();
      const a = await artifactOf(d, res);
      assert.equal(leaks(JSON.stringify(a)), false);
      assert.equal(a.rawContent, '<think>[redacted]</think>answer');
      assert.equal(a.repairedContent, 'answer');
      assert.deepEqual(a.stripped.map((s) => s.text), ['<think>[redacted]</think>']);
      const ev = events.find((e) => e.type === 'reasoning' && e.id === a.id);
      assert.equal(ev?.type === 'reasoning' && ev.blocks?.[0]?.firstLine, '[redacted]');
    } finally {
      up.respond(null);
    }
  });

  for (const stream of [true, false]) {
    it(`/v1/messages${stream ? ' streaming' : ''}: text and thinking echoing the key across events (x-api-key)`, async () => {
      up.respond((r) => {
        const [head, rest] = halves(r);
        const events = [delta(0, { role: 'assistant', reasoning: `plan ${head}` }), delta(0, { reasoning: rest }), delta(0, { content: `hi ${head}` }), delta(0, { content: `${rest} end` }), delta(0, {}, 'stop'), '[DONE]'];
        return { headers: { 'content-type': 'text/event-stream' }, chunks: events.map((e) => sse(e)) };
      });
      try {
        const res = await fetch(`${d.info.url}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': KEY, 'anthropic-version': '2023-06-01' },
          body: JSON.stringify({ model: 'test/model', max_tokens: 64, stream, thinking: { type: 'enabled', budget_tokens: 1024 }, messages: [{ role: 'user', content: 'hi' }] }),
        });
        assert.equal(res.status, 200);
        await res.text();
        const a = await artifactOf(d, res);
        assert.equal(leaks(JSON.stringify(a)), false);
        assert.equal(a.rawContent, 'hi [redacted] end');
        assert.equal(a.reasoning, 'plan [redacted]');
      } finally {
        up.respond(null);
      }
    });
  }
});
