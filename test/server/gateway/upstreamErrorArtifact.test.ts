/**
 * An upstream that fails mid-stream (an error event, a lost connection) while a tool call's arguments are
 * cut: the artifact keeps what went out, as for a client that left (clientAbortArtifact.test.ts), and the
 * error's code is the upstream's own when it gave one, on both APIs.
 *
 * Before, on /v1/messages the call's block stayed open (no closers go out before the `error` event) and the
 * client's input was `{"p": "ab`, while the artifact kept the CLOSED `{"p": "ab"}` as `repairedArguments`
 * (the end's closers, never sent); and the same error event was recorded with code `502` on the chat
 * endpoint and `upstream_error` on /v1/messages. The chat endpoint sends the closers before its error
 * chunk, so there the closed arguments are what the client got (checked here too). Each case through the
 * client's own SDK, the upstream's body cut at every byte.
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
/** OpenRouter's mid-stream error: an error object beside a choice finished with "error". */
const ERROR_EVENT = `data: ${JSON.stringify({ id: 'g', model: 'm/x', error: { code: 502, message: 'Provider returned error' }, choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }] })}\n\n`;
/** An error object without a code. */
const ERROR_NO_CODE = `data: ${JSON.stringify({ error: { message: 'Provider returned error' } })}\n\n`;

const kinds = (rs: { kind: string; offset: number }[] | undefined) => rs?.map((r) => `${r.kind}@${r.offset}`);

/** The request's split (its first message, a number) and a model of its own (the breaker opens after 5
 * failures of one model). */
const at = (body: string) => Number((JSON.parse(body) as { messages: { content: string }[] }).messages[0]!.content);

/** Sends `body` in two reads cut at the request's split; `reset`: then the connection is lost. */
function splitting(up: TestUpstream, body: Buffer, reset: boolean): void {
  up.respond((r) => {
    const k = at(r.body);
    return { chunks: [body.subarray(0, k), body.subarray(k)], ...(reset ? { destroyAfter: true } : {}) };
  });
}

async function artifactOf(d: Daemon, id: string): Promise<Artifact> {
  for (let i = 0; i < 200; i++) {
    const a = await d.store.get(id);
    if (a) return a;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`no artifact ${id}`);
}

// [name, what ends the upstream's body, reset, the error recorded]
const ENDS: [string, string, boolean, { message: string; code: string }][] = [
  ['an error event of code 502', ERROR_EVENT, false, { message: 'Provider returned error', code: '502' }],
  ['an error event without a code', ERROR_NO_CODE, false, { message: 'Provider returned error', code: 'upstream_error' }],
  ['a lost connection', '', true, { message: 'Upstream stream failed: other side closed', code: 'upstream_error' }],
];

describe('gateway: an upstream that fails mid-stream, the artifact keeps what went out (messages, Anthropic SDK)', () => {
  const { up, d } = useTestGateway();
  for (const [name, end, reset, error] of ENDS) {
    it(`repair, ${name}: a tool_use block left open at {"p": "ab is TRUNCATED with the input sent, its repairs refused, at every byte split`, async function () {
      this.timeout(240_000);
      const body = Buffer.from(ev({ reasoning: 'r' }) + ev(CALL("{'p': 'ab")) + end, 'utf8');
      splitting(up, body, reset);
      const client = new Anthropic({ baseURL: `http://127.0.0.1:${d.info.port}`, apiKey: 'any', maxRetries: 0 });
      try {
        for (let k = 1; k < body.length; k++) {
          const s = client.messages.stream(
            { model: `m/a${k}`, max_tokens: 50, messages: [{ role: 'user', content: String(k) }], tools: [{ name: 'Read', input_schema: { type: 'object', properties: { p: { type: 'string' } } } }] },
            { headers: { 'x-streamfix-mode': 'repair' } },
          );
          let json = '';
          s.on('inputJson', (p) => (json += p));
          const { response } = await s.withResponse();
          const failed = await s.done().then(
            () => null,
            (e: unknown) => (e as Error).message,
          );
          const a = await artifactOf(d, response.headers.get('x-streamfix-request-id')!);
          assert.deepEqual([json, failed !== null], ['{"p": "ab', true], `split ${k}`);
          assert.equal(a.status, 'UPSTREAM_ERROR', `split ${k}`);
          assert.deepEqual(
            a.toolCalls.map((t) => [t.rawArguments, t.repairedArguments, t.status, kinds(t.repairs), kinds(t.refusedRepairs)]),
            [["{'p': 'ab", '{"p": "ab', 'TRUNCATED', [], ['single_quotes@1', 'single_quotes@3', 'single_quotes@6']]],
            `split ${k}`,
          );
          // the upstream stopped inside the call: flagged; it never went out whole: no schema verdict
          assert.deepEqual([a.truncatedToolCalls, a.schema], [[0], undefined], `split ${k}`);
          assert.deepEqual(a.errors, [error], `split ${k}`);
        }
      } finally {
        up.respond(null);
      }
    });
  }
});

describe('gateway: an upstream that fails mid-stream, the artifact keeps what went out (chat, openai SDK)', () => {
  const { up, d } = useTestGateway();
  const tools = [{ type: 'function' as const, function: { name: 'Read', parameters: { type: 'object', properties: { p: { type: 'string' } } } } }];
  for (const [name, end, reset, error] of ENDS) {
    it(`repair, ${name}: the call's closers go out before the error, so {"p": "ab"} is what the client and the artifact hold, at every byte split`, async function () {
      this.timeout(240_000);
      const body = Buffer.from(ev({ reasoning: 'r' }) + ev(CALL("{'p': 'ab")) + end, 'utf8');
      splitting(up, body, reset);
      const client = new OpenAI({ baseURL: d.info.url, apiKey: 'x', maxRetries: 0 });
      try {
        for (let k = 1; k < body.length; k++) {
          const r = await client.chat.completions.create({ model: `m/c${k}`, stream: true, tools, messages: [{ role: 'user', content: String(k) }] }, { headers: { 'x-streamfix-mode': 'repair' } }).withResponse();
          let args = '';
          let failed: string | null = null;
          try {
            for await (const c of r.data) for (const t of c.choices[0]?.delta?.tool_calls ?? []) args += t.function?.arguments ?? '';
          } catch (e) {
            failed = (e as Error).message;
          }
          const a = await artifactOf(d, r.response.headers.get('x-streamfix-request-id')!);
          assert.deepEqual([args, failed !== null], ['{"p": "ab"}', true], `split ${k}`);
          assert.equal(a.status, 'UPSTREAM_ERROR', `split ${k}`);
          assert.deepEqual(
            a.toolCalls.map((t) => [t.rawArguments, t.repairedArguments, t.status, kinds(t.repairs), kinds(t.refusedRepairs)]),
            [["{'p': 'ab", '{"p": "ab"}', 'TRUNCATED', ['single_quotes@1', 'single_quotes@3', 'single_quotes@6', 'unclosed_string@9', 'unclosed_container@9'], undefined]],
            `split ${k}`,
          );
          // the upstream stopped inside the call: flagged, as on /v1/messages; its closed value went out
          // whole and is checked as it went out
          assert.deepEqual([a.truncatedToolCalls, a.schema], [[0], { valid: true, errors: [] }], `split ${k}`);
          assert.deepEqual(a.errors, [error], `split ${k}`);
        }
      } finally {
        up.respond(null);
      }
    });
  }
});
