/**
 * Message threads on /v1/messages (threads.ts): the Anthropic SDK's tool runner and `beta.messages.thread()`
 * send `thread: {type: "create"}`, then `{type: "continue", previous_message_id}` with only each turn's new
 * messages. Before, the gateway refused the `thread` field (400 "is not a Messages API field StreamFix
 * knows"), so every `client.beta.messages.toolRunner()` call failed on its first request.
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import { betaZodTool } from '@anthropic-ai/sdk/helpers/beta/zod';
import { request } from 'undici';
import { z } from 'zod';
import { ThreadStore } from '../../../server/anthropic/threads';
import { useTestGateway, withTestGateway } from '../helpers/testGateway';
import { chunk, sse, type ScriptedResponse } from '../helpers/testUpstream';

type Json = Record<string, unknown>;

function pieces(text: string, n = 3): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += n) out.push(text.slice(i, i + n));
  return out;
}

function textStream(text: string): ScriptedResponse {
  return { chunks: [sse(chunk({ role: 'assistant', content: '' }), ...pieces(text).map((p) => chunk({ content: p })), chunk({}, 'stop'), '[DONE]')] };
}

/** A tool call whose arguments are broken JSON (`{city: 'Paris', days: 3,}`), after a line of text. */
function toolStream(args: string): ScriptedResponse {
  return {
    chunks: [
      sse(
        chunk({ role: 'assistant', content: 'Checking.' }),
        chunk({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'weather', arguments: '' } }] }),
        ...pieces(args).map((p) => chunk({ tool_calls: [{ index: 0, function: { arguments: p } }] })),
        chunk({}, 'tool_calls'),
        '[DONE]',
      ),
    ],
  };
}

const SYSTEM = 'You are terse.';
const WEATHER_PARAMS = { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', properties: { city: { type: 'string' }, days: { type: 'number' } }, required: ['city', 'days'], additionalProperties: false };
const CHAT_TOOLS = [{ type: 'function', function: { name: 'weather', description: 'the weather', parameters: WEATHER_PARAMS } }];

describe('messages: message threads (the SDK tool runner and beta.messages.thread())', () => {
  const threads = new ThreadStore();
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret', threads });
  /** The bodies the SDK sent the gateway, in order. */
  let sent: Json[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    if (typeof init?.body === 'string') sent.push(JSON.parse(init.body) as Json);
    return fetch(input, init);
  };
  const client = () => new Anthropic({ baseURL: d.info.url.replace(/\/v1$/, ''), apiKey: 'placeholder', maxRetries: 0, fetch: recordingFetch });
  const upstreamBodies = (from: number) => up.requests.slice(from).map((r) => JSON.parse(r.body) as Json);
  const post = (body: Json) => request(`${d.info.url}/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeEach(() => {
    sent = [];
  });

  for (const stream of [true, false]) {
    it(`toolRunner (stream: ${stream}): the tool runs with the repaired input; the second turn sends only the tool result and the upstream gets the whole conversation`, async () => {
      const from = up.requests.length;
      up.enqueue(toolStream("{city: 'Paris', days: 3,}"), textStream('It is sunny in Paris.'));
      const ran: unknown[] = [];
      const weather = betaZodTool({
        name: 'weather',
        description: 'the weather',
        inputSchema: z.object({ city: z.string(), days: z.number() }),
        run: (input) => {
          ran.push(input);
          return 'sunny';
        },
      });
      const params = { model: 'test/threads', max_tokens: 100, system: SYSTEM, messages: [{ role: 'user' as const, content: 'Weather in Paris?' }], tools: [weather] };
      const final = stream ? await client().beta.messages.toolRunner({ ...params, stream: true }).runUntilDone() : await client().beta.messages.toolRunner(params).runUntilDone();
      assert.deepEqual(ran, [{ city: 'Paris', days: 3 }]);
      assert.deepEqual(final.content, [{ type: 'text', text: 'It is sunny in Paris.' }]);
      // what the SDK sent: a thread created, then continued from the first reply with the tool result alone
      assert.equal(sent.length, 2);
      assert.deepEqual(sent[0]!.thread, { type: 'create' });
      const firstId = (sent[1]!.thread as Json).previous_message_id as string;
      assert.deepEqual(sent[1]!.thread, { type: 'continue', previous_message_id: firstId });
      assert.match(firstId, /^msg_/);
      assert.equal(sent[1]!.system, undefined);
      assert.equal(sent[1]!.tools, undefined);
      assert.deepEqual(sent[1]!.messages, [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_1', content: 'sunny' }] }]);
      // what the upstream got on the second turn: the system prompt, the tools and the whole conversation
      const [, second] = upstreamBodies(from);
      assert.deepEqual(second!.messages, [
        { role: 'system', content: SYSTEM },
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: 'Checking.', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris","days":3}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
      ]);
      assert.deepEqual(second!.tools, CHAT_TOOLS);
    });
  }

  it('beta.messages.thread(): three turns, each sending its new message only; the upstream gets every earlier turn', async () => {
    const from = up.requests.length;
    up.enqueue(textStream('{"a": 1,}'), textStream('Two.'), textStream('Three.'));
    const t = client().beta.messages.thread({ model: 'test/threads', max_tokens: 50, system: SYSTEM });
    const first = await t.send({ role: 'user', content: 'one' });
    assert.deepEqual(first.content, [{ type: 'text', text: '{"a": 1}' }]);
    await t.send({ role: 'user', content: 'two' });
    const third = await t.send({ role: 'user', content: 'three' });
    assert.deepEqual(third.content, [{ type: 'text', text: 'Three.' }]);
    assert.deepEqual(
      sent.map((b) => [b.thread, b.messages]),
      [
        [{ type: 'create' }, [{ role: 'user', content: 'one' }]],
        [{ type: 'continue', previous_message_id: first.id }, [{ role: 'user', content: 'two' }]],
        [{ type: 'continue', previous_message_id: (sent[2]!.thread as Json).previous_message_id }, [{ role: 'user', content: 'three' }]],
      ],
    );
    assert.deepEqual(upstreamBodies(from)[2]!.messages, [
      { role: 'system', content: SYSTEM },
      { role: 'user', content: 'one' },
      { role: 'assistant', content: '{"a": 1}' },
      { role: 'user', content: 'two' },
      { role: 'assistant', content: 'Two.' },
      { role: 'user', content: 'three' },
    ]);
  });

  it('a thread the gateway does not keep (evicted, a restart): the SDK sends the whole history again under a new thread', async () => {
    const from = up.requests.length;
    up.enqueue(textStream('One.'), textStream('Two.'));
    const t = client().beta.messages.thread({ model: 'test/threads', max_tokens: 50 });
    const first = await t.send({ role: 'user', content: 'one' });
    // as a daemon restart would leave it
    const fresh = await post({ model: 'test/threads', max_tokens: 50, thread: { type: 'continue', previous_message_id: 'msg_nowhere' }, messages: [{ role: 'user', content: 'x' }] });
    assert.equal(fresh.statusCode, 404);
    assert.deepEqual(((await fresh.body.json()) as { error: Json }).error, {
      type: 'not_found_error',
      message: 'No thread with the reply "msg_nowhere": it is unknown, or the gateway no longer keeps it (evicted, or the daemon restarted); send the whole conversation again',
      details: { error_code: 'thread_not_found' },
    });
    evict(first.id);
    await t.send({ role: 'user', content: 'two' });
    // the continue was refused (404), then the whole history went again as a new thread
    assert.deepEqual(
      sent.map((b) => [b.thread, (b.messages as unknown[]).length]),
      [
        [{ type: 'create' }, 1],
        [{ type: 'continue', previous_message_id: first.id }, 1],
        [{ type: 'create' }, 3],
      ],
    );
    assert.deepEqual(upstreamBodies(from)[1]!.messages, [
      { role: 'user', content: 'one' },
      { role: 'assistant', content: 'One.' },
      { role: 'user', content: 'two' },
    ]);
  });

  /** Drops a kept thread, as the store's bounds would. */
  function evict(id: string): void {
    (threads as unknown as { drop(id: string): void }).drop(id);
  }

  it('an id continues once: the second continue of it is thread_already_continued; one in flight is thread_continue_in_flight', async () => {
    up.enqueue(textStream('A.'), textStream('B.'));
    const r1 = await post({ model: 'test/threads', max_tokens: 50, thread: { type: 'create' }, messages: [{ role: 'user', content: 'x' }] });
    const id = ((await r1.body.json()) as { id: string }).id;
    const r2 = await post({ model: 'test/threads', max_tokens: 50, thread: { type: 'continue', previous_message_id: id }, messages: [{ role: 'user', content: 'y' }] });
    assert.equal(r2.statusCode, 200);
    await r2.body.json();
    const again = await post({ model: 'test/threads', max_tokens: 50, thread: { type: 'continue', previous_message_id: id }, messages: [{ role: 'user', content: 'z' }] });
    assert.equal(again.statusCode, 400);
    assert.deepEqual(((await again.body.json()) as { error: { details: Json } }).error.details, { error_code: 'thread_already_continued' });

    // in flight: the upstream holds the first continue's answer until the second was refused
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    up.enqueue(textStream('C.'));
    const r3 = await post({ model: 'test/threads', max_tokens: 50, thread: { type: 'create' }, messages: [{ role: 'user', content: 'x' }] });
    const id3 = ((await r3.body.json()) as { id: string }).id;
    up.enqueue({ ...textStream('D.'), before: (i) => (i === 0 ? gate : Promise.resolve()) });
    const slow = post({ model: 'test/threads', max_tokens: 50, stream: true, thread: { type: 'continue', previous_message_id: id3 }, messages: [{ role: 'user', content: 'y' }] });
    await waitFor(() => up.requests.length > 0 && JSON.parse(up.requests[up.requests.length - 1]!.body).messages.length === 3);
    const busy = await post({ model: 'test/threads', max_tokens: 50, thread: { type: 'continue', previous_message_id: id3 }, messages: [{ role: 'user', content: 'z' }] });
    assert.equal(busy.statusCode, 400);
    assert.deepEqual(((await busy.body.json()) as { error: { details: Json } }).error.details, { error_code: 'thread_continue_in_flight' });
    release();
    assert.equal((await slow).statusCode, 200);
  });

  it('a turn that fails keeps no reply and leaves its previous id open: the retry continues from it', async () => {
    up.enqueue(textStream('A.'));
    const r1 = await post({ model: 'test/threads', max_tokens: 50, thread: { type: 'create' }, messages: [{ role: 'user', content: 'x' }] });
    const id = ((await r1.body.json()) as { id: string }).id;
    // the upstream fails the turn (a 400, so nothing retries it), then answers it mid-stream with an error event
    up.enqueue({ status: 400, chunks: ['{"error":{"message":"bad","code":400}}'] });
    const failed = await post({ model: 'test/threads', max_tokens: 50, thread: { type: 'continue', previous_message_id: id }, messages: [{ role: 'user', content: 'y' }] });
    assert.equal(failed.statusCode, 400);
    await failed.body.text();
    up.enqueue({ chunks: [sse(chunk({ role: 'assistant', content: 'par' }), JSON.stringify({ error: { message: 'provider died', code: 502 } }), '[DONE]')] });
    const cut = await post({ model: 'test/threads', max_tokens: 50, stream: true, thread: { type: 'continue', previous_message_id: id }, messages: [{ role: 'user', content: 'y' }] });
    const cutText = await cut.body.text();
    assert.match(cutText, /event: error/);
    const cutId = /"id":"(msg_[^"]+)"/.exec(cutText)![1]!;
    const fromCut = await post({ model: 'test/threads', max_tokens: 50, thread: { type: 'continue', previous_message_id: cutId }, messages: [{ role: 'user', content: 'z' }] });
    assert.equal(fromCut.statusCode, 404);
    await fromCut.body.text();
    up.enqueue(textStream('B.'));
    const retry = await post({ model: 'test/threads', max_tokens: 50, thread: { type: 'continue', previous_message_id: id }, messages: [{ role: 'user', content: 'y' }] });
    assert.equal(retry.statusCode, 200);
    assert.deepEqual(((await retry.body.json()) as { content: unknown }).content, [{ type: 'text', text: 'B.' }]);
    assert.deepEqual(JSON.parse(up.requests[up.requests.length - 1]!.body).messages, [
      { role: 'user', content: 'x' },
      { role: 'assistant', content: 'A.' },
      { role: 'user', content: 'y' },
    ]);
  });

  it('refusals name the field: a bad thread, system or tools on a continue, tool_addition blocks (thread_unsupported_request)', async () => {
    up.enqueue(textStream('A.'));
    const r1 = await post({ model: 'test/threads', max_tokens: 50, system: 's', thread: { type: 'create' }, messages: [{ role: 'user', content: 'x' }] });
    const id = ((await r1.body.json()) as { id: string }).id;
    const cases: [Json, number, Json][] = [
      [{ thread: 'create' }, 400, { type: 'invalid_request_error', message: 'thread: must be an object {type: "create"} or {type: "continue", previous_message_id}' }],
      [{ thread: { type: 'fork' } }, 400, { type: 'invalid_request_error', message: 'thread.type: must be "create" or "continue"' }],
      [{ thread: { type: 'continue' } }, 400, { type: 'invalid_request_error', message: "thread.previous_message_id: Field required (the id of the thread's last reply)" }],
      [{ thread: { type: 'continue', previous_message_id: id }, messages: 'y' }, 400, { type: 'invalid_request_error', message: 'messages: must be an array of {role, content} (on a continued thread: the new messages only)' }],
      [{ thread: { type: 'continue', previous_message_id: id }, system: 's' }, 400, { type: 'invalid_request_error', message: 'system: a continued thread keeps the system prompt it was created with; send system only with thread.type "create"' }],
      [{ thread: { type: 'continue', previous_message_id: id }, messages: [{ role: 'user', content: [{ type: 'tool_addition', tools: [] }] }] }, 400, { type: 'invalid_request_error', message: 'tool_addition blocks are not supported on a thread by StreamFix: send the whole conversation without a thread', details: { error_code: 'thread_unsupported_request', unsupported: ['tool_addition'] } }],
    ];
    for (const [extra, status, error] of cases) {
      const r = await post({ model: 'test/threads', max_tokens: 50, messages: [{ role: 'user', content: 'y' }], ...extra });
      assert.equal(r.statusCode, status, JSON.stringify(extra));
      assert.deepEqual(((await r.body.json()) as { error: Json }).error, error);
    }
    // none of them took the id: it continues
    up.enqueue(textStream('B.'));
    const ok = await post({ model: 'test/threads', max_tokens: 50, thread: { type: 'continue', previous_message_id: id }, messages: [{ role: 'user', content: 'y' }] });
    assert.equal(ok.statusCode, 200);
    await ok.body.json();
    assert.deepEqual(JSON.parse(up.requests[up.requests.length - 1]!.body).messages[0], { role: 'system', content: 's' });
  });

  it('count_tokens of a continue counts the whole conversation', async () => {
    up.enqueue(textStream('A reply of some length.'));
    const r1 = await post({ model: 'test/threads', max_tokens: 50, system: 'sys', thread: { type: 'create' }, messages: [{ role: 'user', content: 'first question' }] });
    const id = ((await r1.body.json()) as { id: string }).id;
    const count = async (body: Json) => ((await (await request(`${d.info.url}/messages/count_tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).body.json()) as { input_tokens: number }).input_tokens;
    const threaded = await count({ model: 'test/threads', thread: { type: 'continue', previous_message_id: id }, messages: [{ role: 'user', content: 'second' }] });
    const whole = await count({ model: 'test/threads', system: 'sys', messages: [{ role: 'user', content: 'first question' }, { role: 'assistant', content: [{ type: 'text', text: 'A reply of some length.' }] }, { role: 'user', content: 'second' }] });
    assert.equal(threaded, whole);
    // counting does not take the id
    up.enqueue(textStream('B.'));
    const ok = await post({ model: 'test/threads', max_tokens: 50, thread: { type: 'continue', previous_message_id: id }, messages: [{ role: 'user', content: 'second' }] });
    assert.equal(ok.statusCode, 200);
    await ok.body.json();
  });
});

describe('messages: a threaded stream longer than the thread store keeps', () => {
  it('is answered whole, is not kept, and its continue is thread_not_found', async () => {
    const threads = new ThreadStore(10, 4000);
    await withTestGateway({ apiKey: 'sk-test-secret', threads }, async ({ up, d }) => {
      const post = (body: Json) => request(`${d.info.url}/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const idOf = (text: string) => /"id":"(msg_[^"]+)"/.exec(text)![1]!;
      const long = 'word '.repeat(1000);
      up.enqueue(textStream('short'), textStream(long));
      const short = await (await post({ model: 'test/threads', max_tokens: 50, stream: true, thread: { type: 'create' }, messages: [{ role: 'user', content: 'x' }] })).body.text();
      assert.equal(threads.size, 1);
      const r = await post({ model: 'test/threads', max_tokens: 5000, stream: true, thread: { type: 'create' }, messages: [{ role: 'user', content: 'x' }] });
      const text = await r.body.text();
      const deltas = text.split('\n').filter((l) => l.startsWith('data: ')).map((l) => JSON.parse(l.slice(6)) as { delta?: { text?: string } });
      assert.equal(deltas.map((e) => e.delta?.text ?? '').join(''), long);
      assert.equal(threads.size, 1);
      const next = await post({ model: 'test/threads', max_tokens: 50, thread: { type: 'continue', previous_message_id: idOf(text) }, messages: [{ role: 'user', content: 'y' }] });
      assert.equal(next.statusCode, 404);
      await next.body.text();
      up.enqueue(textStream('ok'));
      const fromShort = await post({ model: 'test/threads', max_tokens: 50, thread: { type: 'continue', previous_message_id: idOf(short) }, messages: [{ role: 'user', content: 'y' }] });
      assert.equal(fromShort.statusCode, 200);
      await fromShort.body.text();
    });
  });
});

describe('ThreadStore: bounds', () => {
  const turn = (text: string) => ({ previous: null, system: undefined, tools: undefined, messages: [{ role: 'user', content: text }] });
  const reply = [{ type: 'text', text: 'ok' }];
  const bytesOf = (text: string) => JSON.stringify([{ role: 'user', content: text }, { role: 'assistant', content: reply }]).length;

  it('keeps at most maxThreads, the least recently used evicted first', () => {
    const s = new ThreadStore(2, 1 << 20);
    s.end(turn('a'), 'm1', reply);
    s.end(turn('b'), 'm2', reply);
    // m1 used (opened for a continue that fails): m2 is now the least recently used
    const t = s.open({ thread: { type: 'continue', previous_message_id: 'm1' }, messages: [] })!;
    s.begin(t);
    s.end(t, 'mx', null);
    s.end(turn('c'), 'm3', reply);
    assert.equal(s.size, 2);
    assert.equal(s.heldBytes, bytesOf('a') + bytesOf('c'));
    assert.throws(() => s.open({ thread: { type: 'continue', previous_message_id: 'm2' }, messages: [] }), /No thread with the reply "m2"/);
    assert.notEqual(s.open({ thread: { type: 'continue', previous_message_id: 'm1' }, messages: [] }), null);
  });

  it('keeps at most maxBytes; one conversation over the bound is not kept', () => {
    const s = new ThreadStore(100, bytesOf('a') * 2);
    s.end(turn('a'), 'm1', reply);
    s.end(turn('b'), 'm2', reply);
    s.end(turn('c'), 'm3', reply);
    assert.equal(s.size, 2);
    assert.equal(s.heldBytes, bytesOf('b') + bytesOf('c'));
    s.end(turn('x'.repeat(1000)), 'big', reply);
    assert.equal(s.size, 2);
    assert.throws(() => s.open({ thread: { type: 'continue', previous_message_id: 'big' }, messages: [] }), /No thread/);
  });

  it('a continue is kept under its reply and its previous id is continued', () => {
    const s = new ThreadStore();
    s.end(turn('a'), 'm1', reply);
    const body: Json = { thread: { type: 'continue', previous_message_id: 'm1' }, messages: [{ role: 'user', content: 'b' }] };
    const t = s.open(body)!;
    assert.deepEqual(body, { messages: [{ role: 'user', content: 'a' }, { role: 'assistant', content: reply }, { role: 'user', content: 'b' }] });
    s.begin(t);
    s.end(t, 'm2', reply);
    assert.equal(s.size, 1);
    assert.throws(() => s.open({ thread: { type: 'continue', previous_message_id: 'm1' }, messages: [] }), /was continued already/);
    // no new messages (a paused turn resumed): the kept conversation alone
    assert.equal(s.open({ thread: { type: 'continue', previous_message_id: 'm2' } })!.messages.length, 4);
  });
});

async function waitFor(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  assert.ok(cond(), 'timed out');
}
