/**
 * A client that leaves mid-stream: the artifact (CLIENT_ABORTED) keeps what went out, nothing after it.
 * Before, the chat endpoint ended the engine as for a finished stream, so content delivered as `{"k": [1`
 * was recorded as `{"k": [1]}` with the closers' and the dropped comma's repairs, and a call delivered as
 * `{"p": "ab` as `{"p": "ab"}`, flagged in `truncatedToolCalls` (the upstream never cut it) and checked
 * against its schema; the Messages endpoint never ended the calls: `PASSTHROUGH` with the raw arguments
 * `{'p': 'ab`, no repairs (three went out), and a schema check of that raw text, `invalid`, counted as a
 * schema failure of the model. Each case through the client's own SDK, the upstream's first read cut at
 * every byte; the client aborts once it holds what the gateway sent for it.
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import type { Daemon } from '../../../server/daemon';
import type { Artifact } from '../../../shared/protocol';
import { useTestGateway } from '../helpers/testGateway';
import type { TestUpstream } from '../helpers/testUpstream';

const ev = (delta: Record<string, unknown>) => `data: ${JSON.stringify({ id: 'g', model: 'm/x', choices: [{ index: 0, delta, finish_reason: null }] })}\n\n`;
const CALL = (args: string) => ({ tool_calls: [{ index: 0, id: 'c0', type: 'function', function: { name: 'Read', arguments: args } }] });

/** Sends `first` in two reads cut at the split the request's first message names, then hangs. */
function splitting(up: TestUpstream, first: Buffer, at: (body: string) => number): void {
  up.respond((r) => {
    const k = at(r.body);
    return { chunks: [first.subarray(0, k), first.subarray(k)], hang: true };
  });
}

/** The artifact of request `id`, once its `finished` event came. */
function finishedArtifact(d: Daemon): { id: (id: string) => void; artifact: Promise<Artifact> } {
  let want: string | null = null;
  const seen = new Set<string>();
  let resolve!: (id: string) => void;
  const done = new Promise<string>((r) => (resolve = r));
  const off = d.events.subscribe((e) => {
    if (e.type !== 'finished') return;
    if (e.id === want) resolve(e.id);
    else seen.add(e.id);
  });
  return {
    id: (id) => {
      want = id;
      if (seen.has(id)) resolve(id);
    },
    artifact: done.then(async (id) => {
      off();
      return (await d.store.get(id))!;
    }),
  };
}

const kinds = (rs: { kind: string; offset: number }[] | undefined) => rs?.map((r) => `${r.kind}@${r.offset}`);

describe('gateway: a client that aborts mid-stream, the artifact keeps what went out (chat, openai SDK)', () => {
  const { up, d } = useTestGateway();
  const first = Buffer.from(ev({ content: "{'k': [1," }) + ev(CALL("{'p': 'ab")), 'utf8');
  const tools = [{ type: 'function' as const, function: { name: 'Read', parameters: { type: 'object', properties: { p: { type: 'string' } } } } }];
  // [mode, the content the client holds when it leaves, the content's repairs]
  const cases: [string, string, string[]][] = [
    ['repair', '{"k": [1', ['single_quotes@1', 'single_quotes@3']],
    ['strip', "{'k': [1,", []],
  ];
  for (const [mode, content, repairs] of cases) {
    it(`${mode}: content ${JSON.stringify(content)} and the call's {"p": "ab, as the client got them, at every byte split`, async function () {
      this.timeout(240_000);
      splitting(up, first, (body) => Number((JSON.parse(body) as { messages: { content: string }[] }).messages[0]!.content));
      const client = new OpenAI({ baseURL: d.info.url, apiKey: 'x', maxRetries: 0 });
      try {
        for (let k = 1; k < first.length; k++) {
          const fin = finishedArtifact(d);
          const ctl = new AbortController();
          const aborted = up.waitForAbort();
          const r = await client.chat.completions.create({ model: 'm/x', stream: true, tools, messages: [{ role: 'user', content: String(k) }] }, { headers: { 'x-streamfix-mode': mode }, signal: ctl.signal }).withResponse();
          fin.id(r.response.headers.get('x-streamfix-request-id')!);
          let text = '';
          let args = '';
          try {
            for await (const c of r.data) {
              text += c.choices[0]?.delta?.content ?? '';
              for (const t of c.choices[0]?.delta?.tool_calls ?? []) args += t.function?.arguments ?? '';
              if (text === content && args === '{"p": "ab') ctl.abort();
            }
          } catch (e) {
            if (!ctl.signal.aborted) throw e;
          }
          await aborted;
          const a = await fin.artifact;
          assert.deepEqual([text, args], [content, '{"p": "ab'], `split ${k}`);
          assert.equal(a.status, 'CLIENT_ABORTED', `split ${k}`);
          assert.deepEqual([a.rawContent, a.repairedContent, kinds(a.repairs)], ["{'k': [1,", content, repairs], `split ${k}`);
          assert.deepEqual(
            a.toolCalls.map((t) => [t.rawArguments, t.repairedArguments, t.status, kinds(t.repairs)]),
            [["{'p': 'ab", '{"p": "ab', 'TRUNCATED', ['single_quotes@1', 'single_quotes@3', 'single_quotes@6']]],
            `split ${k}`,
          );
          // the client cut the call, not the upstream; no value was delivered whole to check
          assert.deepEqual([a.truncatedToolCalls, a.schema], [undefined, undefined], `split ${k}`);
        }
      } finally {
        up.respond(null);
      }
    });
  }
});

describe('gateway: a client that aborts mid-stream, the artifact keeps what went out (messages, Anthropic SDK)', () => {
  const { up, d } = useTestGateway();
  const at = (body: string) => Number((JSON.parse(body) as { messages: { content: string }[] }).messages[0]!.content);

  it('repair: a tool_use block left open at {"p": "ab is TRUNCATED with those arguments, its repairs refused, unchecked and unflagged, at every byte split', async function () {
    this.timeout(240_000);
    const first = Buffer.from(ev({ reasoning: 'r' }) + ev(CALL("{'p': 'ab")), 'utf8');
    splitting(up, first, at);
    const client = new Anthropic({ baseURL: `http://127.0.0.1:${d.info.port}`, apiKey: 'any', maxRetries: 0 });
    try {
      for (let k = 1; k < first.length; k++) {
        const fin = finishedArtifact(d);
        const ctl = new AbortController();
        const aborted = up.waitForAbort();
        const s = client.messages.stream(
          { model: 'm/x', max_tokens: 50, messages: [{ role: 'user', content: String(k) }], tools: [{ name: 'Read', input_schema: { type: 'object', properties: { p: { type: 'string' } } } }] },
          { headers: { 'x-streamfix-mode': 'repair' }, signal: ctl.signal },
        );
        let json = '';
        s.on('inputJson', (p) => {
          json += p;
          if (json === '{"p": "ab') ctl.abort();
        });
        const { response } = await s.withResponse();
        fin.id(response.headers.get('x-streamfix-request-id')!);
        await s.done().catch((e: unknown) => {
          if (!ctl.signal.aborted) throw e;
        });
        await aborted;
        const a = await fin.artifact;
        assert.equal(json, '{"p": "ab', `split ${k}`);
        assert.equal(a.status, 'CLIENT_ABORTED', `split ${k}`);
        assert.deepEqual(
          a.toolCalls.map((t) => [t.rawArguments, t.repairedArguments, t.status, kinds(t.repairs), kinds(t.refusedRepairs)]),
          [["{'p': 'ab", '{"p": "ab', 'TRUNCATED', [], ['single_quotes@1', 'single_quotes@3', 'single_quotes@6']]],
          `split ${k}`,
        );
        assert.deepEqual([a.truncatedToolCalls, a.schema], [undefined, undefined], `split ${k}`);
      }
    } finally {
      up.respond(null);
    }
  });

  it('repair: text delivered as {"k": [1 is the artifact\'s text, with the two repairs that went out, at every byte split', async function () {
    this.timeout(240_000);
    const first = Buffer.from(ev({ content: "{'k': [1," }), 'utf8');
    splitting(up, first, at);
    const client = new Anthropic({ baseURL: `http://127.0.0.1:${d.info.port}`, apiKey: 'any', maxRetries: 0 });
    try {
      for (let k = 1; k < first.length; k++) {
        const fin = finishedArtifact(d);
        const ctl = new AbortController();
        const aborted = up.waitForAbort();
        const s = client.messages.stream({ model: 'm/x', max_tokens: 50, messages: [{ role: 'user', content: String(k) }] }, { headers: { 'x-streamfix-mode': 'repair' }, signal: ctl.signal });
        let text = '';
        s.on('text', (t) => {
          text += t;
          if (text === '{"k": [1') ctl.abort();
        });
        const { response } = await s.withResponse();
        fin.id(response.headers.get('x-streamfix-request-id')!);
        await s.done().catch((e: unknown) => {
          if (!ctl.signal.aborted) throw e;
        });
        await aborted;
        const a = await fin.artifact;
        assert.equal(text, '{"k": [1', `split ${k}`);
        assert.deepEqual([a.status, a.rawContent, a.repairedContent, kinds(a.repairs)], ['CLIENT_ABORTED', "{'k': [1,", '{"k": [1', ['single_quotes@1', 'single_quotes@3']], `split ${k}`);
      }
    } finally {
      up.respond(null);
    }
  });
});
