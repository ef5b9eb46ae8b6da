/**
 * A key the upstream echoes across two stream events (a content delta ending inside it, the next one
 * starting with its rest) is in no event's bytes whole, so the byte-level redaction at the upstream edge
 * (redact.ts body()) cannot see it; the texts the gateway assembles from the events can. Nothing stored
 * holds it: the artifact's every text (content, reasoning, tool arguments, stripped spans, later choices),
 * in every mode, on /v1/chat/completions and /v1/messages. Nothing shown holds it: in the modes that
 * re-serialize the text (repair, strip, auto; the Messages translation) each text channel is redacted as
 * it streams, the key cut at every position; passthrough holds an event ending with the key's first
 * characters until the next decides (passthroughGuard.ts). OpenRouter's reasoning_details texts too.
 */
import { strict as assert } from 'node:assert';
import { artifactOf, postChat } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { collect, parseSse, sse, type RecordedRequest, type ScriptedResponse } from '../helpers/testUpstream';

const KEY = 'sk-or-v1-CLIENTSECRET999';
const REQ = { model: 'test/model', messages: [{ role: 'user', content: 'hi' }] };
const AUTH = `Bearer ${KEY}`;

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

/** Per choice, what the client's stream carried: content, reasoning, tool arguments. */
function choiceTexts(text: string): { content: string; reasoning: string; tools: string }[] {
  const out: { content: string; reasoning: string; tools: string }[] = [];
  for (const data of parseSse(text).data) {
    if (data === '[DONE]') continue;
    const c = JSON.parse(data) as { choices?: { index: number; delta?: { content?: unknown; reasoning?: unknown; tool_calls?: { function?: { arguments?: string } }[] } }[] };
    for (const ch of c.choices ?? []) {
      const o = (out[ch.index] ??= { content: '', reasoning: '', tools: '' });
      if (typeof ch.delta?.content === 'string') o.content += ch.delta.content;
      if (typeof ch.delta?.reasoning === 'string') o.reasoning += ch.delta.reasoning;
      for (const tc of ch.delta?.tool_calls ?? []) o.tools += tc.function?.arguments ?? '';
    }
  }
  return out;
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

/** One choice whose reasoning, content and a tool call's arguments each end an event with `head` and go
 * on with `rest` in the next; each event its own upstream read. */
function cutInEveryChannel(head: string, rest: string): string[] {
  return [
    delta(0, { role: 'assistant', reasoning: `think ${head}` }),
    delta(0, { reasoning: rest }),
    delta(0, { content: `{"a": "${head}` }),
    delta(0, { content: `${rest}"}` }),
    delta(0, { tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: `{"k": "${head}` } }] }),
    delta(0, { tool_calls: [{ index: 0, function: { arguments: `${rest}` } }] }),
    delta(0, {}, 'tool_calls'),
    '[DONE]',
  ].map((e) => sse(e));
}

describe('gateway: a key echoed across two stream events is never stored', () => {
  // no key of its own: the client's OpenRouter key goes upstream (the trial's setting)
  const { up, d, logs, events } = useTestGateway({ apiKey: null, logLevel: 'debug', record: true });
  after(() => {
    assert.equal(leaks(logs.join('')), false, 'a log line has the key');
    assert.equal(leaks(JSON.stringify(events)), false, 'an event has the key');
  });

  for (const mode of ['repair', 'strip', 'auto', 'passthrough'] as const) {
    it(`${mode}: content, reasoning, tool arguments and a second choice, each cut inside the key`, async () => {
      up.respond(echoAcrossEvents);
      try {
        const res = await postChat(d, { ...REQ, stream: true, n: 2 }, { authorization: `Bearer ${KEY}`, 'x-streamfix-mode': mode });
        assert.equal(res.status, 200);
        const text = await res.text();
        const a = await artifactOf(d, res);
        assert.equal(leaks(JSON.stringify(a)), false);
        assert.equal(a.rawContent, '{"auth": "Bearer [redacted]"}');
        assert.equal(a.repairedContent, mode === 'passthrough' ? null : '{"auth": "Bearer [redacted]"}');
        assert.equal(a.reasoning, 'thinking Bearer [redacted] done');
        assert.deepEqual(
          a.toolCalls.map((t) => [t.rawArguments, t.repairedArguments]),
          [['{"k": "Bearer [redacted]"}', '{"k": "Bearer [redacted]"}']],
        );
        assert.equal(a.choices?.length, 1);
        assert.equal(a.choices![0]!.rawContent, 'echo Bearer [redacted] end');
        assert.equal(leaks(text), false);
        assert.deepEqual(choiceTexts(text), [
          { content: '{"auth": "Bearer [redacted]"}', reasoning: 'thinking Bearer [redacted] done', tools: '{"k": "Bearer [redacted]"}' },
          { content: 'echo Bearer [redacted] end', reasoning: '', tools: '' },
        ]);
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
      assert.equal(a.rawContent, '<think>Bearer [redacted]</think>answer');
      assert.equal(a.repairedContent, 'answer');
      assert.deepEqual(a.stripped.map((s) => s.text), ['<think>Bearer [redacted]</think>']);
      const ev = events.find((e) => e.type === 'reasoning' && e.id === a.id);
      assert.equal(ev?.type === 'reasoning' && ev.blocks?.[0]?.firstLine, 'Bearer [redacted]');
    } finally {
      up.respond(null);
    }
  });

  for (const mode of ['repair', 'strip', 'auto'] as const) {
    it(`${mode}: the client never gets both halves, the header cut at every position in content, reasoning and tool arguments`, async () => {
      for (let at = 1; at < AUTH.length; at++) {
        up.respond((r) => {
          const [head, rest] = halves(r, at);
          return { headers: { 'content-type': 'text/event-stream' }, chunks: cutInEveryChannel(head, rest) };
        });
        const res = await postChat(d, { ...REQ, stream: true }, { authorization: AUTH, 'x-streamfix-mode': mode });
        const text = await res.text();
        const where = `cut at ${at}`;
        assert.equal(leaks(text), false, where);
        const c = collect(text);
        assert.equal(c.content, '{"a": "Bearer [redacted]"}', where);
        // the reasoning ends with the key: its tail is held until the choice ends
        assert.equal(c.reasoning, 'think Bearer [redacted]', where);
        // the arguments end with the key too (the string left open): the engine closes it
        assert.equal(c.tools.get(0), '{"k": "Bearer [redacted]"}', where);
        assert.equal(c.finish, 'tool_calls', where);
        const a = await artifactOf(d, res);
        assert.equal(a.rawContent, '{"a": "Bearer [redacted]"}', where);
        assert.equal(a.toolCalls[0]!.rawArguments, '{"k": "Bearer [redacted]', where);
      }
      up.respond(null);
    });
  }

  it('passthrough: the client never gets both halves, the header cut at every position in content, reasoning and tool arguments', async () => {
    for (let at = 1; at < AUTH.length; at++) {
      let sent: string[] = [];
      up.respond((r) => {
        const [head, rest] = halves(r, at);
        sent = cutInEveryChannel(head, rest);
        return { headers: { 'content-type': 'text/event-stream' }, chunks: sent };
      });
      const res = await postChat(d, { ...REQ, stream: true }, { authorization: AUTH, 'x-streamfix-mode': 'passthrough' });
      const text = await res.text();
      const where = `cut at ${at}`;
      // cut after 1-3 of the key's characters, those go out before the rest is known (README: Secrets)
      const shown = at > 7 && at < 11 ? `Bearer ${KEY.slice(0, at - 7)}[redacted]` : 'Bearer [redacted]';
      assert.equal(text.includes('CLIENT') || text.includes(KEY.slice(0, 4)), false, where);
      const c = collect(text);
      assert.deepEqual([c.content, c.reasoning, c.tools.get(0), c.finish], [`{"a": "${shown}"}`, `think ${shown}`, `{"k": "${shown}`, 'tool_calls'], where);
      // the events that held no part of the key are the upstream's bytes
      assert.equal(text.endsWith(sent.slice(-2).join('')), true, where);
      const a = await artifactOf(d, res);
      assert.equal(a.rawContent, '{"a": "Bearer [redacted]"}', where);
    }
    up.respond(null);
  });

  it('passthrough: the key trickled one character per event, each its own read', async () => {
    up.respond((r) => {
      const auth = String(r.headers.authorization);
      return { headers: { 'content-type': 'text/event-stream' }, chunks: [...`say ${auth}!`].map((ch) => sse(delta(0, { content: ch }))).concat([sse(delta(0, {}, 'stop'), '[DONE]')]) };
    });
    try {
      const res = await postChat(d, { ...REQ, stream: true }, { authorization: AUTH, 'x-streamfix-mode': 'passthrough' });
      const text = await res.text();
      assert.equal(collect(text).content, 'say Bearer sk-[redacted]!');
      assert.equal(text.includes('CLIENT'), false);
    } finally {
      up.respond(null);
    }
  });

  for (const mode of ['repair', 'strip', 'auto', 'passthrough'] as const) {
    it(`${mode}: reasoning_details texts (reasoning.text, reasoning.summary) echoing the key across events`, async () => {
      const rt = (text: string): Record<string, unknown> => ({ type: 'reasoning.text', text, format: 'unknown', index: 0 });
      const rs = (summary: string): Record<string, unknown> => ({ type: 'reasoning.summary', summary, format: 'unknown', index: 1 });
      up.respond((r) => {
        const [head, rest] = halves(r);
        const events = [
          delta(0, { role: 'assistant', content: '', reasoning: `plan ${head}`, reasoning_details: [rt(`plan ${head}`)] }),
          delta(0, { content: '', reasoning: `${rest} done`, reasoning_details: [rt(`${rest} done`)] }),
          delta(0, { content: '', reasoning_details: [rs(`sum ${head}`)] }),
          delta(0, { content: '', reasoning_details: [rs(rest)] }),
          delta(0, { content: '{"ok": true}' }),
          delta(0, {}, 'stop'),
          '[DONE]',
        ];
        return { headers: { 'content-type': 'text/event-stream' }, chunks: events.map((e) => sse(e)) };
      });
      try {
        const res = await postChat(d, { ...REQ, stream: true }, { authorization: AUTH, 'x-streamfix-mode': mode });
        const text = await res.text();
        assert.equal(leaks(text), false);
        const details: Record<string, string> = {};
        for (const c of collect(text).chunks as { choices?: { delta?: { reasoning_details?: { type: string; text?: string; summary?: string }[] } }[] }[]) {
          for (const e of c.choices?.[0]?.delta?.reasoning_details ?? []) details[e.type] = (details[e.type] ?? '') + (e.text ?? e.summary ?? '');
        }
        // the summary ends with the key: in the rewriting modes its held tail went out with the choice's end
        assert.deepEqual(details, { 'reasoning.text': 'plan Bearer [redacted] done', 'reasoning.summary': 'sum Bearer [redacted]' });
        assert.equal(collect(text).reasoning, 'plan Bearer [redacted] done');
      } finally {
        up.respond(null);
      }
    });
  }

  it('/v1/messages streaming: thinking from reasoning_details alone, the key cut across two events', async () => {
    up.respond((r) => {
      const [head, rest] = halves(r);
      const rt = (text: string) => [{ type: 'reasoning.text', text, format: 'unknown', index: 0 }];
      const events = [delta(0, { role: 'assistant', content: '', reasoning_details: rt(`plan ${head}`) }), delta(0, { reasoning_details: rt(`${rest}.`) }), delta(0, { content: 'hi' }), delta(0, {}, 'stop'), '[DONE]'];
      return { headers: { 'content-type': 'text/event-stream' }, chunks: events.map((e) => sse(e)) };
    });
    try {
      const res = await fetch(`${d.info.url}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': KEY, 'anthropic-version': '2023-06-01' },
        body: JSON.stringify({ model: 'test/model', max_tokens: 64, stream: true, thinking: { type: 'enabled', budget_tokens: 1024 }, messages: [{ role: 'user', content: 'hi' }] }),
      });
      const body = await res.text();
      assert.equal(leaks(body), false);
      let thinking = '';
      for (const data of parseSse(body).data) {
        const e = JSON.parse(data) as { type: string; delta?: { type: string; thinking?: string } };
        if (e.type === 'content_block_delta' && e.delta?.type === 'thinking_delta') thinking += e.delta.thinking ?? '';
      }
      assert.equal(thinking, 'plan Bearer [redacted].');
    } finally {
      up.respond(null);
    }
  });

  it('repair: text without secrets is not held back (a delta ending in none of the key\'s first characters goes out whole)', async () => {
    up.respond(() => ({ headers: { 'content-type': 'text/event-stream' }, chunks: [sse(delta(0, { content: '{"a": "xyz' })), sse(delta(0, { content: ' sk' })), sse(delta(0, { content: 'ip"}' }), delta(0, {}, 'stop'), '[DONE]')] }));
    try {
      const res = await postChat(d, { ...REQ, stream: true }, { authorization: AUTH, 'x-streamfix-mode': 'repair' });
      const contents = collect(await res.text()).chunks.map((c) => (c as { choices: { delta: { content?: string } }[] }).choices[0]?.delta.content);
      // 'sk' could start the key: held until 'ip"}' shows it does not; the rest goes out as it comes
      assert.deepEqual(contents, ['{"a": "xyz', ' ', 'skip"}', undefined]);
    } finally {
      up.respond(null);
    }
  });

  it('/v1/messages streaming: the client never gets both halves, the header cut at every position in text, thinking and tool input', async () => {
    for (let at = 1; at < AUTH.length; at++) {
      up.respond((r) => {
        const [head, rest] = halves(r, at);
        const events = [
          delta(0, { role: 'assistant', reasoning: `plan ${head}` }),
          delta(0, { reasoning: `${rest}.` }),
          delta(0, { content: `hi ${head}` }),
          delta(0, { content: rest }),
          delta(0, { tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: `{"k": "${head}` } }] }),
          delta(0, { tool_calls: [{ index: 0, function: { arguments: `${rest}"}` } }] }),
          delta(0, {}, 'tool_calls'),
          '[DONE]',
        ];
        return { headers: { 'content-type': 'text/event-stream' }, chunks: events.map((e) => sse(e)) };
      });
      const res = await fetch(`${d.info.url}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': KEY, 'anthropic-version': '2023-06-01' },
        body: JSON.stringify({ model: 'test/model', max_tokens: 64, stream: true, thinking: { type: 'enabled', budget_tokens: 1024 }, messages: [{ role: 'user', content: 'hi' }] }),
      });
      const body = await res.text();
      const where = `cut at ${at}`;
      assert.equal(leaks(body), false, where);
      const texts: Record<string, string> = {};
      for (const data of parseSse(body).data) {
        const e = JSON.parse(data) as { type: string; delta?: { type: string; text?: string; thinking?: string; partial_json?: string } };
        if (e.type !== 'content_block_delta' || !e.delta || e.delta.type === 'signature_delta') continue;
        texts[e.delta.type] = (texts[e.delta.type] ?? '') + (e.delta.text ?? e.delta.thinking ?? e.delta.partial_json ?? '');
      }
      assert.deepEqual(texts, { thinking_delta: 'plan Bearer [redacted].', text_delta: 'hi Bearer [redacted]', input_json_delta: '{"k": "Bearer [redacted]"}' }, where);
    }
    up.respond(null);
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
        const body = await res.text();
        assert.equal(leaks(body), false);
        const a = await artifactOf(d, res);
        assert.equal(leaks(JSON.stringify(a)), false);
        assert.equal(a.rawContent, 'hi Bearer [redacted] end');
        assert.equal(a.reasoning, 'plan Bearer [redacted]');
      } finally {
        up.respond(null);
      }
    });
  }
});
